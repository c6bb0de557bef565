//! Verifiable Presentations: a holder wraps credentials and signs them for a verifier.

use serde_json::{json, Value};

use crate::contexts::CREDENTIALS_V2;
use crate::keys::KeyPair;
use crate::proof::{DataIntegrity, ProofOptions};
use crate::Error;

/// The unsigned presentation of `credentials` by `holder`.
pub fn presentation(holder: &str, credentials: Vec<Value>) -> Value {
    json!({
        "@context": [CREDENTIALS_V2],
        "id": crate::letter::new_credential_id(),
        "type": ["VerifiablePresentation"],
        "holder": holder,
        "verifiableCredential": credentials
    })
}

/// Builds and signs a presentation with the holder's key (`authentication`).
pub fn sign_presentation(
    di: &DataIntegrity,
    holder: &KeyPair,
    credentials: Vec<Value>,
    options: &ProofOptions,
) -> Result<Value, Error> {
    di.sign(
        &presentation(holder.controller(), credentials),
        holder,
        options,
    )
}
