//! Fixtures for the load benchmark (`bench-fixture`, `bench-inproc`).

use chrono::Utc;
use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use serde_json::{json, Value};

/// A `POST /presentations/verify` body: a presentation of 3 letters (one
/// mentor, two peers) about its holder, signed without challenge or domain.
pub fn fixture_body() -> anyhow::Result<Value> {
    let di = DataIntegrity::new();
    let holder = KeyPair::generate();
    let mut letters = Vec::new();
    for (name, role) in [
        ("Mentor Maria", Role::Mentor),
        ("Peer Paulo", Role::Peer),
        ("Peer Priya", Role::Peer),
    ] {
        let k = KeyPair::generate();
        let draft = LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: k.controller().to_string(),
                name: name.into(),
                ..Profile::default()
            },
            role,
            subject_id: holder.controller().to_string(),
            subject_name: "Ana Lima".into(),
            text: "Ana led our study group with **care** and rigour.".into(),
            format: LetterFormat::Ob3,
            valid_from: Utc::now() - chrono::Duration::days(1),
            valid_until: None,
            status: None,
        };
        letters.push(di.sign(
            &draft.to_credential()?,
            &k,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )?);
    }
    let vp = sign_presentation(
        &di,
        &holder,
        letters,
        &ProofOptions::authentication(Cryptosuite::EddsaRdfc2022, None, None),
    )?;
    Ok(json!({"verifiablePresentation": vp, "options": {}}))
}
