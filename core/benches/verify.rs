//! Verification cost, read as ratios to the physical cost of the signatures:
//! the baseline is one raw `ed25519-dalek` `verify_strict`.
//!
//! `cargo bench -p om-core --bench verify`

use chrono::Utc;
#[path = "support/letter.rs"]
mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ed25519_dalek::{Signature, Signer, SigningKey};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::Role;
use om_core::presentation::sign_presentation;
use om_core::proof::{
    Cryptosuite, DataIntegrity, ProofExpectations, ProofOptions, ProofPurpose, ProofVerdict,
};
use om_core::verify::{PresentationOptions, Verifier};
use serde_json::Value;

fn bench(c: &mut Criterion) {
    let di = DataIntegrity::new();
    let holder = KeyPair::generate();
    let mentor = KeyPair::generate();

    let sk = SigningKey::from_bytes(&[7u8; 32]);
    let msg = [42u8; 64];
    let sig: Signature = sk.sign(&msg);
    let vk = sk.verifying_key();
    c.bench_function("baseline: ed25519 verify_strict", |b| {
        b.iter(|| vk.verify_strict(black_box(&msg), black_box(&sig)).unwrap())
    });

    let expect = ProofExpectations {
        purpose: ProofPurpose::AssertionMethod,
        challenge: None,
        domain: None,
        now: Utc::now(),
    };
    for suite in [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022] {
        let l = support::letter(&di, &mentor, Role::Mentor, holder.controller(), suite);
        let _ = di.verify(&l, &DidKeyResolver, &expect).unwrap(); // warm the context cache
        c.bench_function(&format!("proof only: OB 3.0 letter, {suite}"), |b| {
            b.iter(|| {
                assert!(matches!(
                    di.verify(black_box(&l), &DidKeyResolver, &expect).unwrap(),
                    ProofVerdict::Valid(_)
                ))
            })
        });
        let verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
        c.bench_function(&format!("full verification: OB 3.0 letter, {suite}"), |b| {
            b.iter(|| {
                assert!(verifier
                    .verify_credential(black_box(&l))
                    .unwrap()
                    .is_valid())
            })
        });
    }

    for suite in [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022] {
        let letters: Vec<Value> = (0..3)
            .map(|i| {
                let k = KeyPair::generate();
                support::letter(
                    &di,
                    &k,
                    if i == 0 { Role::Mentor } else { Role::Peer },
                    holder.controller(),
                    suite,
                )
            })
            .collect();
        let vp = sign_presentation(
            &di,
            &holder,
            letters,
            &ProofOptions::authentication(suite, Some("c".into()), None),
        )
        .unwrap();
        let verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
        let opts = PresentationOptions {
            challenge: Some("c".into()),
            domain: None,
            apply_rule: true,
        };
        // No team is trusted here, so the rule finds the writers unconfirmed:
        // every signature, date and the holder proof are still checked, and
        // the rule still runs over them (the cost measured).
        assert!(support::every_check_holds_but_confirmation(
            &verifier.verify_presentation(&vp, &opts).unwrap()
        ));
        c.bench_function(&format!("presentation of 3 letters + rule, {suite}"), |b| {
            b.iter(|| {
                assert!(support::every_check_holds_but_confirmation(
                    &verifier.verify_presentation(black_box(&vp), &opts).unwrap()
                ))
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
