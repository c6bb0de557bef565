//! Writes the Open Badges 3.0 letter that the `Ed25519Signature2020`
//! presentation fixtures carry (`core/tests/vectors/ed25519-2020/`, see its
//! README): signed by om-core with `eddsa-rdfc-2022`, about the holder whose
//! key `interop/make-ed2020-fixtures.mjs` derives from the same seed.
//!
//! ```text
//! cargo run -p om-core --example ed2020_letter -- core/tests/vectors/ed25519-2020/letter-ob3.json
//! ```
//!
//! Everything is fixed (keys from seeds, id, dates), and Ed25519 signatures are
//! deterministic, so running it again writes the same bytes.

use ed25519_dalek::SigningKey;
use om_core::keys::KeyPair;
use om_core::letter::{LetterDraft, LetterFormat, Profile, Role};
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use sha2::{Digest, Sha256};

/// The key whose Ed25519 seed is SHA-256 of `label` (the README names the labels).
fn key(label: &str) -> KeyPair {
    let seed: [u8; 32] = Sha256::digest(label.as_bytes()).into();
    KeyPair::from_did_key(SigningKey::from_bytes(&seed))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: ed2020_letter <out.json>")?;
    let endorser = key("om ed2020 fixtures: endorser");
    let holder = key("om ed2020 fixtures: holder");
    let valid_from = "2026-01-15T09:00:00Z".parse()?;
    let letter = LetterDraft {
        id: "urn:uuid:6f1d2c3e-2a41-4d39-9a77-0c2b8e5d4f10".into(),
        endorser: Profile {
            id: endorser.controller().into(),
            name: "Ada Endorser".into(),
            ..Profile::default()
        },
        role: Role::Mentor,
        subject_id: holder.controller().into(),
        subject_name: "Zoë Participant".into(),
        text: "Zoë reviewed three chapters of my thesis with care.".into(),
        format: LetterFormat::Ob3,
        valid_from,
        valid_until: None,
        status: None,
    }
    .to_credential()?;
    let options = ProofOptions {
        created: valid_from,
        ..ProofOptions::assertion(Cryptosuite::EddsaRdfc2022)
    };
    let signed = DataIntegrity::new().sign(&letter, &endorser, &options)?;
    std::fs::write(&out, serde_json::to_string_pretty(&signed)? + "\n")?;
    println!("{out}");
    Ok(())
}
