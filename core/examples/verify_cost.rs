//! One verification operation run N times, for profilers and instruction
//! counters (callgrind counts instructions, repeatable on a busy machine).
//!
//! `cargo run --release -p om-core --example verify_cost -- MODE N` where MODE
//! is `baseline`, `letter-rdfc`, `letter-jcs`, `vp-rdfc` or `vp-jcs`; see
//! `core/benches/cost.sh` for the ratios.

#[path = "../benches/support/letter.rs"]
mod support;

use chrono::Utc;
use ed25519_dalek::{Signature, Signer, SigningKey};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::Role;
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::verify::{PresentationOptions, Verifier};
use serde_json::Value;
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "vp-rdfc".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let di = DataIntegrity::new();
    let holder = KeyPair::generate();
    let verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
    let suite = if mode.ends_with("jcs") {
        Cryptosuite::EddsaJcs2022
    } else {
        Cryptosuite::EddsaRdfc2022
    };
    match mode.as_str() {
        "baseline" => {
            let sk = SigningKey::from_bytes(&[7u8; 32]);
            let msg = [42u8; 64];
            let sig: Signature = sk.sign(&msg);
            let vk = sk.verifying_key();
            for _ in 0..n {
                vk.verify_strict(black_box(&msg), black_box(&sig)).unwrap();
            }
        }
        "letter-rdfc" | "letter-jcs" => {
            let l = support::letter(
                &di,
                &KeyPair::generate(),
                Role::Mentor,
                holder.controller(),
                suite,
            );
            assert!(verifier.verify_credential(&l).unwrap().is_valid());
            for _ in 0..n {
                assert!(verifier
                    .verify_credential(black_box(&l))
                    .unwrap()
                    .is_valid());
            }
        }
        "vp-rdfc" | "vp-jcs" => {
            let letters: Vec<Value> = (0..3)
                .map(|i| {
                    let role = if i == 0 { Role::Mentor } else { Role::Peer };
                    support::letter(&di, &KeyPair::generate(), role, holder.controller(), suite)
                })
                .collect();
            let vp = sign_presentation(
                &di,
                &holder,
                letters,
                &ProofOptions::authentication(suite, Some("c".into()), None),
            )
            .unwrap();
            let opts = PresentationOptions {
                challenge: Some("c".into()),
                domain: None,
                apply_rule: true,
            };
            // No team is trusted here, so the rule finds the writers
            // unconfirmed; every signature, date and the holder proof are
            // still checked, and the rule runs over them (the cost measured).
            let holds = |vp: &Value| {
                support::every_check_holds_but_confirmation(
                    &verifier.verify_presentation(vp, &opts).unwrap(),
                )
            };
            assert!(holds(&vp));
            for _ in 0..n {
                assert!(holds(black_box(&vp)));
            }
        }
        other => panic!("unknown mode {other}"),
    }
}
