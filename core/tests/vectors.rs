//! The standards' test vectors, reproduced byte for byte (data-driven: one case
//! per suite folder). Vectors live in `specs/vectors/` (copied from the specs).

mod common;

use chrono::Utc;
use common::{one_char_mutations, read_json, read_text};
use om_core::did::{DidKeyResolver, StaticResolver, VerificationMethod};
use om_core::keys::{
    multibase_encode, parse_public_key_multibase, parse_secret_key_multibase, KeyPair,
};
use om_core::proof::{Cryptosuite, DataIntegrity, ProofExpectations, ProofPurpose, ProofVerdict};
use om_core::report::{CheckKind, Outcome};
use om_core::verify::Verifier;
use serde_json::Value;
use sha2::{Digest, Sha256};

struct W3cCase {
    suite: Cryptosuite,
    dir: &'static str,
    tag: &'static str,
}

const W3C: &str = "w3c-vc-di-eddsa/TestVectors";

const CASES: &[W3cCase] = &[
    W3cCase {
        suite: Cryptosuite::EddsaRdfc2022,
        dir: "eddsa-rdfc-2022",
        tag: "DataInt",
    },
    W3cCase {
        suite: Cryptosuite::EddsaJcs2022,
        dir: "eddsa-jcs-2022",
        tag: "JCS",
    },
];

fn expect_assertion() -> ProofExpectations {
    ProofExpectations {
        purpose: ProofPurpose::AssertionMethod,
        challenge: None,
        domain: None,
        now: Utc::now(),
    }
}

fn file(case: &W3cCase, stem: &str, ext: &str) -> String {
    format!("{W3C}/{}/{stem}{}.{ext}", case.dir, case.tag)
}

fn w3c_key() -> KeyPair {
    let kp = read_json(&format!("{W3C}/keyPair.json"));
    let sk = parse_secret_key_multibase(kp["privateKeyMultibase"].as_str().unwrap()).unwrap();
    let pk = parse_public_key_multibase(kp["publicKeyMultibase"].as_str().unwrap()).unwrap();
    assert_eq!(sk.verifying_key(), pk, "the vector's key pair matches");
    KeyPair::from_did_key(sk)
}

#[test]
fn w3c_vectors_reproduce_canonical_forms_hashes_and_signatures() {
    let di = DataIntegrity::new();
    let unsigned = read_json(&format!("{W3C}/unsigned.json"));
    let key = w3c_key();
    for case in CASES {
        let config = read_json(&file(case, "proofConfig", "json"));
        let (config_canon, doc_canon) = di.canonical_forms(case.suite, &config, &unsigned).unwrap();
        assert_eq!(
            doc_canon,
            read_text(&file(case, "canonDoc", "txt")),
            "{} document",
            case.dir
        );
        assert_eq!(
            config_canon,
            read_text(&file(case, "proofCanon", "txt")),
            "{} proof config",
            case.dir
        );
        assert_eq!(
            hex::encode(Sha256::digest(&doc_canon)),
            read_text(&file(case, "docHash", "txt")).trim()
        );
        assert_eq!(
            hex::encode(Sha256::digest(&config_canon)),
            read_text(&file(case, "proofHash", "txt")).trim()
        );
        let data = di.hash_data(case.suite, &config, &unsigned).unwrap();
        assert_eq!(
            hex::encode(data),
            read_text(&file(case, "combinedHash", "txt")).trim()
        );
        let sig = key.sign(&data);
        assert_eq!(
            hex::encode(sig),
            read_text(&file(case, "sigHex", "txt")).trim(),
            "{} signature",
            case.dir
        );
        assert_eq!(
            multibase_encode(&sig),
            read_text(&file(case, "sigBTC58", "txt")).trim()
        );
    }
}

#[test]
fn w3c_signing_with_the_vector_options_gives_the_signed_file() {
    let di = DataIntegrity::new();
    let unsigned = read_json(&format!("{W3C}/unsigned.json"));
    for case in CASES {
        let config = read_json(&file(case, "proofConfig", "json"));
        let created = om_core::credential::parse_date(config["created"].as_str().unwrap()).unwrap();
        let options = om_core::proof::ProofOptions {
            created,
            ..om_core::proof::ProofOptions::assertion(case.suite)
        };
        let signed = di.sign(&unsigned, &w3c_key(), &options).unwrap();
        assert_eq!(
            signed,
            read_json(&file(case, "signed", "json")),
            "{}",
            case.dir
        );
    }
}

#[test]
fn w3c_signed_files_verify_but_fail_issuer_binding() {
    let di = DataIntegrity::new();
    for case in CASES {
        let signed = read_json(&file(case, "signed", "json"));
        match di
            .verify(&signed, &DidKeyResolver, &expect_assertion())
            .unwrap()
        {
            ProofVerdict::Valid(p) => assert_eq!(p.suite, case.suite.into()),
            other => panic!("{}: {other:?}", case.dir),
        }
        // The vector's issuer is an https URL while its key is a did:key: anyone
        // could have signed it, so as a credential it must not be accepted.
        let report = Verifier::new(&di, &DidKeyResolver, Utc::now())
            .verify_credential(&signed)
            .unwrap();
        let proof = report
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::Proof)
            .unwrap();
        assert_eq!(proof.outcome, Outcome::Pass);
        let binding = report
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::KeyBinding)
            .unwrap();
        assert_eq!(binding.outcome, Outcome::Fail, "{}", case.dir);
        assert!(
            binding.message.contains("https://vc.example/issuers/5678"),
            "{}",
            binding.message
        );
        assert!(!report.is_valid());
    }
}

#[test]
fn w3c_any_changed_character_breaks_verification() {
    let di = DataIntegrity::new();
    for case in CASES {
        let signed = read_json(&file(case, "signed", "json"));
        let mutations = one_char_mutations(&signed);
        assert!(mutations.len() > 500, "{} mutations", mutations.len());
        for (what, doc) in mutations {
            let ok = matches!(
                di.verify(&doc, &DidKeyResolver, &expect_assertion()),
                Ok(ProofVerdict::Valid(_))
            );
            assert!(!ok, "{}: changing {what} still verifies", case.dir);
        }
    }
}

fn ob_vector() -> (Value, StaticResolver, KeyPair) {
    let v = read_json("openbadges-v3/ldp-test-vector.json");
    let kp = &v["keyPair"];
    let sk_bytes: [u8; 32] = hex::decode(&kp["privateKeyHex"].as_str().unwrap()[..64])
        .unwrap()
        .try_into()
        .unwrap();
    let sk = ed25519_dalek::SigningKey::from_bytes(&sk_bytes);
    let pk = parse_public_key_multibase(kp["publicKeyMultibase"].as_str().unwrap()).unwrap();
    assert_eq!(sk.verifying_key(), pk);
    assert_eq!(
        hex::encode(pk.as_bytes()),
        kp["publicKeyHex"].as_str().unwrap()
    );
    let vm = kp["verificationMethod"].as_str().unwrap().to_string();
    let mut resolver = StaticResolver::new();
    resolver.insert(VerificationMethod {
        id: vm.clone(),
        controller: kp["controller"].as_str().unwrap().to_string(),
        public_key: pk,
    });
    (v, resolver, KeyPair::with_verification_method(sk, vm))
}

#[test]
fn open_badges_vector_reproduces_byte_for_byte_and_verifies() {
    let di = DataIntegrity::new();
    let (v, resolver, key) = ob_vector();
    let signed = v["signedCredential"].clone();
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let mut config = v["proofOptions"].clone();
    config["@context"] = signed["@context"].clone();
    let (config_canon, doc_canon) = di
        .canonical_forms(Cryptosuite::EddsaRdfc2022, &config, &unsigned)
        .unwrap();
    assert_eq!(doc_canon, read_text("openbadges-v3/ldp-document-canon.txt"));
    assert_eq!(config_canon, read_text("openbadges-v3/ldp-proof-canon.txt"));
    assert_eq!(
        hex::encode(Sha256::digest(&doc_canon)),
        v["documentHashHex"].as_str().unwrap()
    );
    assert_eq!(
        hex::encode(Sha256::digest(&config_canon)),
        v["proofHashHex"].as_str().unwrap()
    );
    let data = di
        .hash_data(Cryptosuite::EddsaRdfc2022, &config, &unsigned)
        .unwrap();
    assert_eq!(hex::encode(data), v["dataToSignHex"].as_str().unwrap());
    let sig = key.sign(&data);
    assert_eq!(hex::encode(sig), v["signatureHex"].as_str().unwrap());
    assert_eq!(
        multibase_encode(&sig),
        signed["proof"]["proofValue"].as_str().unwrap()
    );

    // Full verification: here the key does belong to the issuer.
    let report = Verifier::new(&di, &resolver, Utc::now())
        .verify_credential(&signed)
        .unwrap();
    assert!(report.is_valid(), "{:#?}", report.checks);

    for (what, doc) in one_char_mutations(&signed) {
        let ok = matches!(
            di.verify(&doc, &resolver, &expect_assertion()),
            Ok(ProofVerdict::Valid(_))
        );
        assert!(!ok, "OB vector: changing {what} still verifies");
    }
}
