//! Identities on disk, as the suites that run the binaries make them (`om-issuer init`,
//! `om-wallet init` in a temporary `OM_HOME`): the shared passphrase and reading the DID back.

use std::path::Path;

/// The passphrase of every test identity (`OM_PASSPHRASE`).
pub const PASSPHRASE: &str = "correct horse battery staple";

/// The DID of the identity in the home folder `home`, read from its `identity.json`.
pub fn did_in(home: &Path) -> String {
    let text = std::fs::read_to_string(home.join("identity.json")).expect("identity exists");
    let v: serde_json::Value = serde_json::from_str(&text).expect("identity.json is JSON");
    v["did"].as_str().expect("a DID").to_string()
}
