//! Wallet benchmarks with 10,000 credentials stored: one more store insert
//! (a committed transaction), one full import (verify + insert), and the list query.
//!
//! Run briefly with: `cargo bench -p om-wallet -- --warm-up-time 1 --measurement-time 3`

use chrono::{Duration, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use serde_json::Value;

use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, LetterDraft, LetterFormat, Profile, Role};
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_wallet::extract::Found;
use om_wallet::store::{NewCredential, Store};
use om_wallet::wallet::Wallet;

const FILL: usize = 10_000;

fn letter(di: &DataIntegrity, key: &KeyPair, subject: &str, suite: Cryptosuite) -> Value {
    let draft = LetterDraft {
        id: new_credential_id(),
        endorser: Profile {
            id: key.controller().to_string(),
            name: "Grace Hopper".into(),
            ..Default::default()
        },
        role: Role::Mentor,
        subject_id: subject.into(),
        subject_name: "Ada".into(),
        text: "Ada did excellent work on the analytical engine project, week after week.".into(),
        format: LetterFormat::Ob3,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: None,
        status: None,
    };
    di.sign(
        &draft.to_credential().unwrap(),
        key,
        &ProofOptions::assertion(suite),
    )
    .unwrap()
}

fn with_new_id(template: &Value) -> NewCredential {
    let mut v = template.clone();
    v["id"] = new_credential_id().into();
    NewCredential::from_text(serde_json::to_string(&v).unwrap(), &v)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let di = DataIntegrity::new();
    let key = KeyPair::generate();
    let holder = KeyPair::generate().controller().to_string();
    let template = letter(&di, &key, &holder, Cryptosuite::EddsaRdfc2022);
    let mut store = Store::open_home(&home).unwrap();
    let rows: Vec<NewCredential> = (0..FILL).map(|_| with_new_id(&template)).collect();
    store.insert_many(&rows).unwrap();
    assert_eq!(store.count().unwrap(), FILL);

    let mut g = c.benchmark_group("wallet with 10,000 credentials");
    g.sample_size(20);
    g.bench_function("list query (all rows)", |b| {
        b.iter(|| {
            let rows = store.list().unwrap();
            assert_eq!(rows.len(), FILL);
            rows
        })
    });
    g.bench_function("store insert (one committed transaction)", |b| {
        b.iter_batched(
            || with_new_id(&template),
            |row| store.insert(&row).unwrap(),
            BatchSize::SmallInput,
        )
    });
    drop(store);
    let mut wallet = Wallet::new(home, None);
    for suite in [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022] {
        g.bench_function(format!("full import: verify ({suite}) + insert"), |b| {
            b.iter_batched(
                || {
                    let v = letter(&di, &key, &holder, suite);
                    Found {
                        text: serde_json::to_string(&v).unwrap(),
                        value: v,
                    }
                },
                |found| {
                    let out = om_wallet::import::import_one(&mut wallet, &holder, found).unwrap();
                    assert!(
                        matches!(out, om_wallet::import::ImportOutcome::Imported { .. }),
                        "{out:?}"
                    );
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

criterion_group!(wallet, benches);
criterion_main!(wallet);
