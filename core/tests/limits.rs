//! What a stranger's document can make verification spend: documents built to
//! make RDF canonicalization explode (many indistinguishable blank nodes) or
//! the strict walk run long are refused quickly, as invalid verdicts.

use std::time::Instant;

use chrono::Utc;
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::Verdict;
use om_core::verify::Verifier;
use serde_json::{json, Value};

/// CPU time of this process so far (user + system), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(") ").next().unwrap_or("").split(' ').collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// A credential whose subject holds `n` groups of `n` indistinguishable empty
/// nodes: every blank node needs N-degree hashing, over permutations.
fn symmetric(n: usize) -> Value {
    let group: Vec<Value> = (0..n).map(|_| json!({})).collect();
    let groups: Vec<Value> = (0..n).map(|_| json!({ "knows": group })).collect();
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/undefined-terms/v2"
        ],
        "id": "urn:uuid:00000000-0000-4000-8000-000000000000",
        "type": ["VerifiableCredential"],
        "issuer": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "credentialSubject": { "knows": groups }
    })
}

#[test]
fn canonicalization_bombs_are_invalid_within_a_cpu_bound() {
    let di = DataIntegrity::new();
    let key = KeyPair::generate();
    let verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
    for n in [8, 24, 64] {
        let mut doc = symmetric(n);
        doc["issuer"] = key.controller().into();
        // Signing refuses it too: the issuer cannot be made to spend either.
        let signed = di.sign(
            &doc,
            &key,
            &ProofOptions::assertion(Cryptosuite::EddsaJcs2022),
        );
        let mut forged = doc.clone();
        forged["proof"] = match signed {
            Ok(s) => s["proof"].clone(),
            Err(_) => json!({
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-rdfc-2022",
                "verificationMethod": key.verification_method(),
                "proofPurpose": "assertionMethod",
                "proofValue": "z5C5b5mXyUxpZLEQGxGThvCGFhdKpYS7X2XiehAqTrLo6WGgrF5mdFGHU5y7aDtYWDvj9rqq6yWg3KXpnSUHDnJSs"
            }),
        };
        forged["proof"]["cryptosuite"] = "eddsa-rdfc-2022".into();
        let before = cpu_seconds();
        let started = Instant::now();
        let r = verifier.verify_credential(&forged).unwrap();
        let cpu = cpu_seconds() - before;
        println!(
            "n={n}: {:?} in {:?} ({cpu:.2} s CPU): {:?}",
            r.verdict(),
            started.elapsed(),
            r.first_problem()
        );
        assert_eq!(r.verdict(), Verdict::Invalid);
        assert!(cpu < 2.0, "n={n}: {cpu} s of CPU");
    }
}

#[test]
fn oversized_documents_are_refused_by_the_walk() {
    let di = DataIntegrity::new();
    let verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
    let many: Vec<Value> = (0..30_000).map(|i| json!(format!("v{i}"))).collect();
    let mut doc = symmetric(1);
    doc["credentialSubject"]["many"] = Value::Array(many);
    let r = verifier.verify_credential(&doc).unwrap();
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r
        .first_problem()
        .unwrap()
        .message
        .contains("too many values"));
    let mut deep = json!("leaf");
    for _ in 0..40 {
        deep = json!({ "inner": deep });
    }
    let mut doc = symmetric(1);
    doc["credentialSubject"]["deep"] = deep;
    let r = verifier.verify_credential(&doc).unwrap();
    assert!(r
        .first_problem()
        .unwrap()
        .message
        .contains("nests too deeply"));
}
