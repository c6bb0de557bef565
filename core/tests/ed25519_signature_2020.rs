//! Presentations signed with `Ed25519Signature2020` (W3C CCG), as the Learner
//! Credential Wallet signs DIDAuthentication and credential presentations:
//! verified, never signed.
//!
//! The fixtures in `core/tests/vectors/ed25519-2020/` were signed by Digital
//! Bazaar's `@digitalbazaar/ed25519-signature-2020` (see the README there);
//! their `.config.nq` / `.document.nq` files are the canonical N-Quads that
//! library hashed, which this verifier must reproduce byte for byte.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signer, SigningKey};
use om_core::check_presentation;
use om_core::did::{DidKeyResolver, Resolver, StaticResolver};
use om_core::keys::multibase_encode;
use om_core::proof::{Cryptosuite, DataIntegrity};
use om_core::report::{CheckKind, Outcome, PresentationReport, Verdict};
use om_core::verify::{PresentationOptions, Verifier};
use serde_json::Value;
use sha2::{Digest, Sha256};

const CHALLENGE: &str = "om-ed2020-challenge-7f3a";
const DOMAIN: &str = "https://verifier.example";

/// `(fixture, domain it was signed for)`.
const FIXTURES: &[(&str, Option<&str>)] = &[
    ("didauth-v1-challenge-domain", Some(DOMAIN)),
    ("didauth-v1-challenge", None),
    ("vp-v2-letter", Some(DOMAIN)),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/ed25519-2020")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&read(&format!("{name}.json"))).unwrap()
}

/// The key whose Ed25519 seed is SHA-256 of `label`, as the generators derive it.
fn key(label: &str) -> SigningKey {
    SigningKey::from_bytes(&Sha256::digest(label.as_bytes()).into())
}

fn did_key(key: &SigningKey) -> (String, String) {
    let mb = om_core::keys::public_key_multibase(&key.verifying_key());
    (format!("did:key:{mb}"), format!("did:key:{mb}#{mb}"))
}

fn now() -> DateTime<Utc> {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

fn verify(vp: &Value, challenge: Option<&str>, domain: Option<&str>) -> PresentationReport {
    let di = DataIntegrity::new();
    Verifier::new(&di, &DidKeyResolver, now())
        .verify_presentation(
            vp,
            &PresentationOptions {
                challenge: challenge.map(str::to_string),
                domain: domain.map(str::to_string),
                apply_rule: false,
            },
        )
        .unwrap()
}

fn check(r: &PresentationReport, kind: CheckKind) -> (Outcome, &str) {
    let c = r
        .checks
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} check: {:#?}", r.checks));
    (c.outcome, c.message.as_str())
}

/// Signs `vp`'s `Ed25519Signature2020` proof again with `key`, over the
/// canonical forms this verifier computes: a test-only signer, to build
/// forgeries whose signature holds.
fn resign(vp: &Value, key: &SigningKey) -> Value {
    let checked = check_presentation(vp).unwrap();
    let (config, document) = DataIntegrity::new()
        .presentation_canonical_forms(&checked)
        .unwrap();
    let mut data = Sha256::digest(config.as_bytes()).to_vec();
    data.extend(Sha256::digest(document.as_bytes()));
    let mut out = vp.clone();
    out["proof"]["proofValue"] = multibase_encode(&key.sign(&data).to_bytes()).into();
    out
}

#[test]
fn the_fixtures_verify_and_the_report_names_the_suite() {
    for (name, domain) in FIXTURES {
        let r = verify(&fixture(name), Some(CHALLENGE), *domain);
        assert_eq!(r.verdict(), Verdict::Valid, "{name}: {r:#?}");
        let (outcome, message) = check(&r, CheckKind::Proof);
        assert_eq!(outcome, Outcome::Pass);
        assert!(
            message.contains("Ed25519Signature2020"),
            "{name}: {message}"
        );
        assert_eq!(check(&r, CheckKind::KeyBinding).0, Outcome::Pass, "{name}");
        // Without a challenge demanded, the proof still holds.
        assert_eq!(verify(&fixture(name), None, None).verdict(), Verdict::Valid);
    }
    // The letter inside keeps its own eddsa-rdfc-2022 proof, about the holder.
    let r = verify(&fixture("vp-v2-letter"), Some(CHALLENGE), Some(DOMAIN));
    assert_eq!(r.credentials.len(), 1);
    let letter = &r.credentials[0];
    assert!(letter.is_valid(), "{letter:#?}");
    assert!(letter
        .checks
        .iter()
        .any(|c| c.kind == CheckKind::Proof && c.message.contains("eddsa-rdfc-2022")));
    assert!(letter
        .checks
        .iter()
        .any(|c| c.kind == CheckKind::HolderBinding && c.outcome == Outcome::Pass));
}

#[test]
fn canonical_forms_are_those_jsonld_js_hashed() {
    let di = DataIntegrity::new();
    for (name, _) in FIXTURES {
        let checked = check_presentation(&fixture(name)).unwrap();
        let (config, document) = di.presentation_canonical_forms(&checked).unwrap();
        assert_eq!(config, read(&format!("{name}.config.nq")), "{name}: config");
        assert_eq!(
            document,
            read(&format!("{name}.document.nq")),
            "{name}: document"
        );
    }
}

#[test]
fn signing_again_with_the_holder_key_gives_the_same_signature() {
    // Ed25519 is deterministic: the same 64 bytes hashed, the same key, the
    // same signature as Digital Bazaar's — the verify data agree exactly.
    let holder = key("om ed2020 fixtures: holder");
    for (name, _) in FIXTURES {
        let vp = fixture(name);
        assert_eq!(resign(&vp, &holder), vp, "{name}");
    }
}

/// A change to a signed presentation, and what it forges.
type Forgery = (&'static str, fn(&mut Value));

const TAMPERED: &[Forgery] = &[
    // Replays the holder's answer to another verifier's challenge.
    ("challenge changed", |vp| {
        vp["proof"]["challenge"] = "another-challenge".into()
    }),
    // Claims another identity for the signed authentication.
    ("holder changed", |vp| {
        vp["holder"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK".into()
    }),
    // A signature that is not the holder's.
    ("proofValue changed", |vp| {
        let v = vp["proof"]["proofValue"].as_str().unwrap().to_string();
        let last = if v.ends_with('1') { "2" } else { "1" };
        vp["proof"]["proofValue"] = format!("{}{last}", &v[..v.len() - 1]).into();
    }),
    // Makes an old authentication look fresh.
    ("created changed", |vp| {
        vp["proof"]["created"] = "2026-05-31T10:00:00Z".into()
    }),
    // Drops the verifier binding the holder signed for.
    ("domain dropped", |vp| {
        if let Some(p) = vp["proof"].as_object_mut() {
            p.remove("domain");
        }
    }),
];

#[test]
fn a_presentation_changed_after_signing_fails() {
    for (name, _) in FIXTURES {
        for (what, change) in TAMPERED {
            let mut vp = fixture(name);
            let before = vp.clone();
            change(&mut vp);
            if vp == before {
                continue;
            }
            // Demand whatever the tampered proof claims, so that only the
            // signature can catch it.
            let challenge = vp["proof"]["challenge"].as_str();
            let r = verify(&vp, challenge, None);
            assert_eq!(r.verdict(), Verdict::Invalid, "{name}, {what}: {r:#?}");
            let (outcome, message) = check(&r, CheckKind::Proof);
            assert_eq!(outcome, Outcome::Fail, "{name}, {what}");
            assert!(
                message.contains("signature does not match"),
                "{name}, {what}: {message}"
            );
        }
    }
}

#[test]
fn a_proof_for_another_purpose_fails_even_when_signed() {
    // Presents an issuer-style assertion as a login: refused for its purpose,
    // though its signature holds.
    let holder = key("om ed2020 fixtures: holder");
    for (name, _) in FIXTURES {
        let mut vp = fixture(name);
        vp["proof"]["proofPurpose"] = "assertionMethod".into();
        let vp = resign(&vp, &holder);
        let r = verify(&vp, Some(CHALLENGE), None);
        let (outcome, message) = check(&r, CheckKind::Proof);
        assert_eq!(outcome, Outcome::Fail, "{name}");
        assert!(message.contains("purpose"), "{name}: {message}");
    }
}

#[test]
fn a_proof_by_another_key_fails() {
    let other = key("om ed2020 fixtures: other");
    let (_, other_vm) = did_key(&other);
    for (name, _) in FIXTURES {
        // Names another key without signing with it: the signature fails.
        let mut vp = fixture(name);
        vp["proof"]["verificationMethod"] = other_vm.clone().into();
        let r = verify(&vp, Some(CHALLENGE), None);
        assert_eq!(check(&r, CheckKind::Proof).0, Outcome::Fail, "{name}");

        // Signs the holder's presentation with the forger's own key: the
        // signature holds, but the signer is not the holder.
        let vp = resign(&vp, &other);
        let r = verify(&vp, Some(CHALLENGE), None);
        assert_eq!(check(&r, CheckKind::Proof).0, Outcome::Pass, "{name}");
        assert_eq!(check(&r, CheckKind::KeyBinding).0, Outcome::Fail, "{name}");
        assert_eq!(r.verdict(), Verdict::Invalid);

        // A did:key URL whose fragment is another key than its DID.
        let mut vp = fixture(name);
        let holder = vp["holder"].as_str().unwrap().to_string();
        let fragment = other_vm.split_once('#').unwrap().1;
        vp["proof"]["verificationMethod"] = format!("{holder}#{fragment}").into();
        let r = verify(&vp, Some(CHALLENGE), None);
        assert_eq!(check(&r, CheckKind::Proof).0, Outcome::Fail, "{name}");
    }
}

#[test]
fn what_the_verifier_demands_must_be_what_was_signed() {
    for (name, domain) in FIXTURES {
        let vp = fixture(name);
        let wrong_challenge = verify(&vp, Some("not-the-challenge"), *domain);
        assert!(
            check(&wrong_challenge, CheckKind::Proof)
                .1
                .contains("expected challenge"),
            "{name}"
        );
        let wrong_domain = verify(&vp, Some(CHALLENGE), Some("https://other.example"));
        assert_eq!(wrong_domain.verdict(), Verdict::Invalid, "{name}");
        assert!(check(&wrong_domain, CheckKind::Proof)
            .1
            .contains("expected domain"));
    }
}

#[test]
fn other_suite_names_stay_refused() {
    let cases: &[Forgery] = &[
        ("the 2018 suite", |vp| {
            vp["proof"]["type"] = "Ed25519Signature2018".into()
        }),
        ("a DataIntegrityProof named after the suite", |vp| {
            vp["proof"]["type"] = "DataIntegrityProof".into();
            vp["proof"]["cryptosuite"] = "Ed25519Signature2020".into();
        }),
        ("a JCS-like cryptosuite", |vp| {
            vp["proof"]["type"] = "DataIntegrityProof".into();
            vp["proof"]["cryptosuite"] = "ed25519-jcs-2020".into();
        }),
        ("a cryptosuite in an Ed25519Signature2020 proof", |vp| {
            vp["proof"]["cryptosuite"] = "eddsa-rdfc-2022".into();
        }),
        ("a proof type no context defines", |vp| {
            vp["proof"]["type"] = "Ed25519Signature2021".into()
        }),
    ];
    for (name, _) in FIXTURES {
        for (what, change) in cases {
            let mut vp = fixture(name);
            change(&mut vp);
            let r = verify(&vp, Some(CHALLENGE), None);
            assert_eq!(r.verdict(), Verdict::Invalid, "{name}, {what}: {r:#?}");
            assert!(
                r.checks.iter().any(|c| c.outcome == Outcome::Fail
                    && matches!(c.kind, CheckKind::Proof | CheckKind::Context)),
                "{name}, {what}"
            );
        }
    }
}

#[test]
fn without_the_suite_context_the_proof_is_refused() {
    let mut vp = fixture("didauth-v1-challenge-domain");
    vp["@context"] = serde_json::json!(["https://www.w3.org/2018/credentials/v1"]);
    let r = verify(&vp, Some(CHALLENGE), None);
    let (outcome, message) = check(&r, CheckKind::Context);
    assert_eq!(outcome, Outcome::Fail);
    assert!(message.starts_with("refused: $.proof.type"), "{message}");
}

#[test]
fn signing_with_the_suite_cannot_be_asked_for() {
    // Signing takes a Cryptosuite, and no Cryptosuite is Ed25519Signature2020.
    assert!("Ed25519Signature2020".parse::<Cryptosuite>().is_err());
    assert!("ed25519signature2020".parse::<Cryptosuite>().is_err());
}

#[test]
fn a_credential_signed_with_the_suite_is_verified_and_a_changed_one_refused() {
    // The DCC fixtures carry an Ed25519Signature2020 proof beside their
    // eddsa-rdfc-2022 one; kept alone, it verifies on the credential (the
    // suite is verified on credentials as on presentations), and the same
    // credential changed after signing does not.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
        "../specs/vectors/dcc-vc-test-fixtures/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json",
    );
    let mut c: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let ed2020 = c["proof"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["type"] == "Ed25519Signature2020")
        .unwrap()
        .clone();
    c["proof"] = ed2020;
    let di = DataIntegrity::new();
    let verifier = Verifier::new(&di, &DidKeyResolver, now());
    let proof_of = |c: &Value| {
        let r = verifier.verify_credential(c).unwrap();
        let proof = r
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::Proof)
            .unwrap()
            .clone();
        (r.verdict(), proof)
    };
    let (verdict, proof) = proof_of(&c);
    assert_eq!(verdict, Verdict::Valid, "{proof:?}");
    assert!(
        proof.message.contains("Ed25519Signature2020"),
        "{}",
        proof.message
    );

    c["name"] = "Another Badge".into();
    let (verdict, proof) = proof_of(&c);
    assert_eq!(verdict, Verdict::Invalid);
    assert_eq!(proof.outcome, Outcome::Fail);
    assert!(
        proof.message.contains("does not match"),
        "{}",
        proof.message
    );
}

#[test]
fn a_credentials_v1_presentation_carries_no_credentials() {
    // jsonld.js refuses a VC 2.0 credential inside a credentials v1
    // presentation (v1-vp-with-v2-letter.txt); so does the strict reader,
    // naming the path.
    let mut vp = fixture("didauth-v1-challenge-domain");
    vp["verifiableCredential"] =
        serde_json::json!([fixture("vp-v2-letter")["verifiableCredential"][0].clone()]);
    let refusal = check_presentation(&vp).unwrap_err();
    assert_eq!(refusal.path, "$.verifiableCredential");
    let r = verify(&vp, Some(CHALLENGE), None);
    assert_eq!(r.verdict(), Verdict::Invalid);
}

#[test]
fn the_strict_reader_still_refuses_unknown_terms_in_a_v1_presentation() {
    let mut vp = fixture("didauth-v1-challenge-domain");
    vp["nickname"] = "Zoë".into();
    assert_eq!(check_presentation(&vp).unwrap_err().path, "$.nickname");
    let mut vp = fixture("didauth-v1-challenge-domain");
    vp["proof"]["note"] = "unsigned words".into();
    assert_eq!(check_presentation(&vp).unwrap_err().path, "$.proof.note");
    // A v1 credential on its own is still refused: credentials are VC 2.0.
    let mut c = fixture("vp-v2-letter")["verifiableCredential"][0].clone();
    c["@context"][0] = "https://www.w3.org/2018/credentials/v1".into();
    let refusal = om_core::check_credential(&c).unwrap_err();
    assert_eq!(refusal.path, "$.@context[0]");
}

#[test]
fn an_ed25519_verification_key_2020_in_a_did_document_resolves() {
    let holder = key("om ed2020 fixtures: holder");
    let mb = om_core::keys::public_key_multibase(&holder.verifying_key());
    let doc = serde_json::json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1"],
        "id": "did:web:wallet.example",
        "verificationMethod": [{
            "id": "did:web:wallet.example#key-1",
            "type": "Ed25519VerificationKey2020",
            "controller": "did:web:wallet.example",
            "publicKeyMultibase": mb
        }],
        "authentication": ["did:web:wallet.example#key-1"]
    });
    let mut r = StaticResolver::new();
    assert_eq!(r.insert_document(&doc).unwrap(), 1);
    let vm = r.resolve("did:web:wallet.example#key-1").unwrap();
    assert_eq!(vm.public_key, holder.verifying_key());
}
