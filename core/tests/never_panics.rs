//! The library never panics on arbitrary JSON: every input gets a report or an error.

use chrono::Utc;
use om_core::did::DidKeyResolver;
use om_core::proof::DataIntegrity;
use om_core::verify::{PresentationOptions, Verifier};
use proptest::prelude::*;
use serde_json::{json, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-zA-Z0-9:#/@._-]{0,24}".prop_map(Value::String),
        prop_oneof![
            Just("https://www.w3.org/ns/credentials/v2"),
            Just("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            Just("VerifiableCredential"),
            Just("VerifiablePresentation"),
            Just("DataIntegrityProof"),
            Just("eddsa-rdfc-2022"),
            Just("eddsa-jcs-2022"),
            Just("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
            Just("zzzz"),
            Just("2024-01-01T00:00:00Z"),
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("@context".to_string()),
                    Just("type".to_string()),
                    Just("id".to_string()),
                    Just("issuer".to_string()),
                    Just("holder".to_string()),
                    Just("proof".to_string()),
                    Just("credentialSubject".to_string()),
                    Just("verifiableCredential".to_string()),
                    Just("credentialStatus".to_string()),
                    Just("validFrom".to_string()),
                    Just("validUntil".to_string()),
                    Just("cryptosuite".to_string()),
                    Just("proofValue".to_string()),
                    Just("verificationMethod".to_string()),
                    Just("proofPurpose".to_string()),
                    "[a-z@]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A valid-looking skeleton whose parts are replaced by arbitrary JSON.
fn arb_credentialish() -> impl Strategy<Value = Value> {
    (arb_json(), arb_json(), arb_json(), arb_json()).prop_map(|(subject, issuer, proof, status)| {
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": issuer,
            "credentialSubject": subject,
            "credentialStatus": status,
            "proof": proof
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(doc in prop_oneof![arb_json(), arb_credentialish()]) {
        let di = DataIntegrity::new();
        let v = Verifier::new(&di, &DidKeyResolver, Utc::now());
        let _ = v.verify_credential(&doc);
        let _ = v.verify_presentation(&doc, &PresentationOptions { apply_rule: true, ..Default::default() });
        let _ = om_core::letter::LetterView::from_credential(&doc);
        let _ = di.rdf().canonicalize(&doc);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut v = json!("leaf");
    for _ in 0..100 {
        v = json!({"credentialSubject": v});
    }
    let mut doc = v;
    doc["@context"] = json!(["https://www.w3.org/ns/credentials/v2"]);
    doc["type"] = json!(["VerifiableCredential"]);
    doc["issuer"] = json!("did:key:z6Mkx");
    doc["proof"] = json!({"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "verificationMethod": "did:key:z6Mkx#z6Mkx", "proofPurpose": "assertionMethod", "proofValue": "z1"});
    let di = DataIntegrity::new();
    let _ = Verifier::new(&di, &DidKeyResolver, Utc::now()).verify_credential(&doc);
}
