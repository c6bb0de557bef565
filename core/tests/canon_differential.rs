//! Differential test: the canonical N-Quads made from the strict reader's
//! expanded tree equal those of the `json-ld` crate (the reference, checked
//! against Digital Bazaar's jsonld.js on the DCC fixtures), byte for byte, on
//! every vector and fixture, and on letters, badges, presentations and status
//! lists made here with both suites and random text.

mod common;

use chrono::{Duration, Utc};
use om_core::check_presentation;
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::{BadgeDraft, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{
    Cryptosuite, DataIntegrity, ProofExpectations, ProofOptions, ProofPurpose, ProofVerdict,
};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Every JSON file under `specs/vectors/` that is a JSON-LD document.
fn vector_documents() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let root = common::vector_path("");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let Ok(v) = serde_json::from_str::<Value>(&std::fs::read_to_string(&p).unwrap())
                else {
                    continue;
                };
                if v.get("@context").is_some() {
                    out.push((p.strip_prefix(&root).unwrap().display().to_string(), v));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The document and, when signed, its proof configuration, as the suites hash them.
fn parts(doc: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut unsecured = doc.clone();
    if let Some(proofs) = unsecured.as_object_mut().unwrap().remove("proof") {
        let list = match proofs {
            Value::Array(a) => a,
            p => vec![p],
        };
        for p in list {
            let mut config = p.clone();
            if let Some(o) = config.as_object_mut() {
                o.remove("proofValue");
                o.insert("@context".into(), doc["@context"].clone());
                out.push(config);
            }
        }
    }
    out.push(unsecured);
    out
}

fn same(di: &DataIntegrity, what: &str, doc: &Value) -> Result<bool, String> {
    let reference = common::reference().canonicalize(doc);
    let ours = di.rdf().canonicalize(doc);
    match (reference, ours) {
        (Ok(a), Ok(b)) if a == b => Ok(true),
        (Ok(a), Ok(b)) => Err(format!("{what}: differ\nreference:\n{a}\nours:\n{b}")),
        // Refused by the strict reader: not a difference in canonical form.
        (_, Err(_)) => Ok(false),
        (Err(a), Ok(_)) => Err(format!("{what}: only the reference fails: {a}")),
    }
}

#[test]
fn every_vector_and_fixture_canonicalizes_alike() {
    let di = DataIntegrity::new();
    let mut compared = 0;
    let mut refused = 0;
    let mut failures = Vec::new();
    for (name, doc) in vector_documents() {
        for (i, part) in parts(&doc).iter().enumerate() {
            match same(&di, &format!("{name} part {i}"), part) {
                Ok(true) => compared += 1,
                Ok(false) => refused += 1,
                Err(e) => failures.push(e),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    println!("{compared} documents compared, {refused} refused by the strict reader");
    assert!(compared >= 40, "only {compared} documents compared");
}

fn made_here(text: &str, suite: Cryptosuite, format: LetterFormat) -> Vec<Value> {
    let di = DataIntegrity::new();
    let peer = KeyPair::generate();
    let holder = KeyPair::generate();
    let letter = LetterDraft {
        id: om_core::letter::new_credential_id(),
        endorser: Profile {
            id: peer.controller().into(),
            name: text.into(),
            url: Some("https://peer.example/".into()),
            image: Some("https://peer.example/me.png".into()),
            ..Default::default()
        },
        role: Role::Peer,
        subject_id: holder.controller().into(),
        subject_name: format!("{text} (subject)"),
        text: text.into(),
        format,
        valid_from: Utc::now(),
        valid_until: Some(Utc::now() + Duration::days(9)),
        status: Some(status_entry("https://peer.example/status", 9)),
    };
    let letter = di
        .sign(
            &letter.to_credential().unwrap(),
            &peer,
            &ProofOptions::assertion(suite),
        )
        .unwrap();
    let badge = BadgeDraft {
        id: om_core::letter::new_credential_id(),
        issuer: Profile {
            id: peer.controller().into(),
            name: "Circle".into(),
            ..Default::default()
        },
        subject_id: holder.controller().into(),
        subject_name: Some(text.into()),
        achievement_id: "urn:example:om".into(),
        name: "Open Masters".into(),
        description: text.into(),
        criteria: text.into(),
        valid_from: Utc::now(),
        valid_until: None,
        status: None,
    };
    let badge = di
        .sign(
            &badge.to_credential().unwrap(),
            &peer,
            &ProofOptions::assertion(suite),
        )
        .unwrap();
    let list = status_list_credential(
        "https://peer.example/status",
        peer.controller(),
        &Bitstring::new(0),
        Utc::now(),
        None,
    );
    let list = di
        .sign(&list, &peer, &ProofOptions::assertion(suite))
        .unwrap();
    let vp = sign_presentation(
        &di,
        &holder,
        vec![letter.clone(), badge.clone()],
        &ProofOptions::authentication(suite, Some(text.into()), Some("verifier.example".into())),
    )
    .unwrap();
    vec![letter, badge, list, vp]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn documents_made_here_canonicalize_alike(
        text in "[\\PC\\t\\n\\r\u{0}-\u{1f}\u{7f}\"\\\\]{1,40}",
        rdfc in any::<bool>(),
        plain in any::<bool>(),
    ) {
        prop_assume!(!text.trim().is_empty());
        let suite = if rdfc { Cryptosuite::EddsaRdfc2022 } else { Cryptosuite::EddsaJcs2022 };
        let format = if plain { LetterFormat::Vc } else { LetterFormat::Ob3 };
        let di = DataIntegrity::new();
        let docs = made_here(&text, suite, format);
        for doc in &docs {
            for part in parts(doc) {
                prop_assert_eq!(same(&di, "made here", &part), Ok(true));
            }
        }
        // Signing canonicalizes the JSON documents above; verifying makes
        // the quads from the trees already walked (a presentation's from its
        // own tree and each credential's). The signatures hold only if both
        // give the same bytes.
        let assertion = expectations(ProofPurpose::AssertionMethod, None, None);
        for doc in &docs[..3] {
            prop_assert!(matches!(
                di.verify(doc, &DidKeyResolver, &assertion).unwrap(),
                ProofVerdict::Valid(_)
            ));
        }
        let vp = check_presentation(&docs[3]).unwrap();
        let auth = expectations(
            ProofPurpose::Authentication,
            Some(text.clone()),
            Some("verifier.example".into()),
        );
        prop_assert!(matches!(
            di.verify_presentation_checked(&vp, &DidKeyResolver, &auth).unwrap(),
            ProofVerdict::Valid(_)
        ));
    }
}

fn expectations(
    purpose: ProofPurpose,
    challenge: Option<String>,
    domain: Option<String>,
) -> ProofExpectations {
    ProofExpectations {
        purpose,
        challenge,
        domain,
        now: Utc::now(),
    }
}

/// Both processors' canonical N-Quads, which must be equal.
fn both(doc: &Value) -> String {
    let ours = DataIntegrity::new().rdf().canonicalize(doc).unwrap();
    assert_eq!(common::reference().canonicalize(doc).unwrap(), ours);
    ours
}

#[test]
fn control_characters_are_escaped_as_rdfc_requires() {
    let nq = both(&json!({
        "@context": [om_core::contexts::CREDENTIALS_V2],
        "id": "urn:uuid:1",
        "type": "VerifiableCredential",
        "name": "Tab:\there. Backspace:\u{8} form feed:\u{c} SOH:\u{1} DEL:\u{7f}. Quote:\" slash:\\ nl:\n"
    }));
    let want =
        r#""Tab:\there. Backspace:\b form feed:\f SOH:\u0001 DEL:\u007F. Quote:\" slash:\\ nl:\n""#;
    assert!(nq.contains(want), "{nq}");
}

/// One node written three times with different types: twice in the default
/// graph (issuer and subject), once in the proof's graph. Each graph keeps the
/// union of the types written in it, as jsonld.js computes (its output for
/// this document, byte for byte; the `json-ld` crate needed a fix for it).
#[test]
fn types_of_a_repeated_node_are_merged_per_graph() {
    let nq = both(&json!({
        "@context": [om_core::contexts::CREDENTIALS_V2, om_core::contexts::OPEN_BADGES_V3],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "issuer": {"id": "did:example:a", "type": ["Profile"]},
        "credentialSubject": {"id": "did:example:a", "type": ["EndorsementSubject"]},
        "proof": {"id": "did:example:a", "type": "DataIntegrityProof"}
    }));
    let ob = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
    let ty = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    let want = format!(
        "<did:example:a> {ty} <{ob}EndorsementSubject> .\n\
         <did:example:a> {ty} <{ob}Profile> .\n\
         <did:example:a> {ty} <https://w3id.org/security#DataIntegrityProof> _:c14n0 .\n\
         <urn:uuid:1> {ty} <{ob}EndorsementCredential> .\n\
         <urn:uuid:1> {ty} <https://www.w3.org/2018/credentials#VerifiableCredential> .\n\
         <urn:uuid:1> <https://w3id.org/security#proof> _:c14n0 .\n\
         <urn:uuid:1> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:a> .\n\
         <urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> <did:example:a> .\n"
    );
    assert_eq!(nq, want);
}
