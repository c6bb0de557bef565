//! The Digital Credentials Consortium's public test fixtures
//! (`specs/vectors/dcc-vc-test-fixtures/`, see its README): every copied
//! credential is verified as it is, proof sets included, and gets the verdict
//! its file name states.
//!
//! File names read `[registry]-[status]-[expiry][-note].json`:
//! - `noStatus` with `noExpiry` / `notExpired`: valid, every check passes;
//! - `expired` / `notYetValid`: invalid, the dates check fails;
//! - `tampered` (a note): invalid, the signature does not hold;
//! - `revokedStatus` / `revoked` / `validStatus`: the status lists these point to
//!   cannot be checked here (in another repository, not copied, or signed by
//!   another key than the credentials' issuers under another `id` than its URL),
//!   so the status check must be **Unknown**, never "not revoked". The verdict
//!   is then Undetermined, or Invalid when something else fails;
//! - `expiredStatus` / `notYetValidStatus` / `missingTypeStatus`: the issuer's
//!   list is served and its signature holds, but it is out of date, not yet in
//!   force, or not a `BitstringStatusListCredential`: Unknown, Undetermined;
//! - `tamperedStatus`: the list's signature does not hold: the status check
//!   fails, Invalid.
//!
//! `bothSignatureTypes/` fixtures carry a proof set (an `eddsa-rdfc-2022` and
//! an `Ed25519Signature2020` proof, each made over the document without
//! proofs): both are verified. The forgeries a proof set could hide are below.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use common::vector_path;
use om_core::did::DidKeyResolver;
use om_core::proof::DataIntegrity;
use om_core::report::{Check, CheckKind, CredentialReport, Outcome, Verdict};
use om_core::verify::{StatusSource, Verifier};
use serde_json::Value;

const DIR: &str = "dcc-vc-test-fixtures";

/// Where the fixtures repository publishes its status lists (GitHub Pages of
/// `statusLists/`); the copies are served from there. Lists elsewhere are unreachable.
const PUBLISHED: &str =
    "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020/";
const LISTS: &[&str] = &[
    "e5WK8CbZ1GjycuPombrj",
    "expired",
    "missingBitStringType",
    "notYetValid",
    "tampered",
];
const LIST_DIR: &str = "statusLists/didkey-ed25519Signature2020";

/// How many fixtures are copied: every v2 did:key credential of the repository.
const COPIED: usize = 36;

/// What the status check must say of the lists the issuer signed, by the
/// status token of the file name: each list is served, its
/// `Ed25519Signature2020` proof checked, and then found wanting.
const STATUS_REASONS: &[(&str, &str)] = &[
    ("expiredStatus", "the status list is not current: expired"),
    (
        "notYetValidStatus",
        "the status list is not current: not valid yet",
    ),
    ("missingTypeStatus", "not a BitstringStatusListCredential"),
    (
        "tamperedStatus",
        "the status list's own proof does not hold",
    ),
];

/// A proof set every forgery below starts from (valid, no status).
const PROOF_SET: &str = "v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json";

/// Files whose content says more than their name, with what the content says.
const EXCEPTIONS: &[(&str, Exception)] = &[
    (
        // Named `noExpiry`, but its `validUntil` is 2010-01-02.
        "v2/dataIntegrityProof/didKey/noRegistry-revokedStatus-noExpiry.json",
        Exception::Expired,
    ),
    (
        // Its `@context` holds an inline object (`issuanceDate` mapped to the
        // VC 1.1 IRI): refused before any check, as every embedded context is.
        "v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.json",
        Exception::Refused("$.@context[2]", "an inline context is refused"),
    ),
    (
        // Names the Open Badges 3.0.2 context, which is not bundled (its terms
        // map to other IRIs than 3.0.3's): judging it needs that context from
        // the network. Refused, naming the context.
        "v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.json",
        Exception::Refused(
            "$.@context[1]",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        ),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exception {
    Expired,
    /// Refused by the strict reader: the JSON path and words the refusal gives.
    Refused(&'static str, &'static str),
}

fn exception(rel: &str) -> Option<Exception> {
    EXCEPTIONS.iter().find(|(f, _)| *f == rel).map(|(_, e)| *e)
}

/// The fixtures are judged at a fixed time, so that the test does not change
/// with the calendar (`validFrom` 2025-02-24 and `validUntil` 2030, 2056 or 9999 hold then).
fn now() -> DateTime<Utc> {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// No `credentialStatus`.
    None,
    /// A list that cannot be checked here, or a list the issuer signed that is
    /// out of date or of the wrong type: revocation stays unknown.
    Unknown,
    /// A list whose signature does not hold.
    Forged,
}

#[derive(Debug)]
struct Expectation {
    status: Status,
    dates_fail: bool,
    tampered: bool,
}

fn expectation(rel: &str) -> Expectation {
    let name = Path::new(rel).file_stem().unwrap().to_str().unwrap();
    let tokens: Vec<&str> = name.split('-').map(str::trim).collect();
    let has = |t: &str| tokens.contains(&t);
    let status = if has("noStatus") {
        Status::None
    } else if has("tamperedStatus") {
        Status::Forged
    } else if [
        "revokedStatus",
        "revoked",
        "validStatus",
        "expiredStatus",
        "notYetValidStatus",
        "missingTypeStatus",
    ]
    .iter()
    .any(|t| has(t))
    {
        Status::Unknown
    } else {
        panic!("{rel}: the file name states no status");
    };
    let mut dates_fail = has("expired") || has("notYetValid");
    if !dates_fail {
        assert!(
            has("noExpiry") || has("notExpired"),
            "{rel}: the file name states no expiry"
        );
    }
    if exception(rel) == Some(Exception::Expired) {
        dates_fail = true;
    }
    Expectation {
        status,
        dates_fail,
        tampered: has("tampered"),
    }
}

/// Every `*.json` under `dir`, as paths relative to the fixtures folder.
fn fixtures(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            fixtures(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(
                p.strip_prefix(root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/"),
            );
        }
    }
}

struct MapStatus(HashMap<String, Value>);

impl StatusSource for MapStatus {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.0
            .get(url)
            .cloned()
            .ok_or_else(|| format!("{url} is unreachable"))
    }
}

/// The copied status lists, served at the URLs where the repository publishes them.
fn status_source() -> MapStatus {
    let root = vector_path(DIR);
    MapStatus(
        LISTS
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(root.join(LIST_DIR).join(name))
                    .expect("a copied status list");
                (
                    format!("{PUBLISHED}{name}"),
                    serde_json::from_str(&text).unwrap(),
                )
            })
            .collect(),
    )
}

fn check(r: &CredentialReport, kind: CheckKind) -> &Check {
    r.checks
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} check in {:#?}", r.checks))
}

fn outcome(r: &CredentialReport, kind: CheckKind) -> Outcome {
    check(r, kind).outcome
}

fn read(rel: &str) -> Value {
    common::read_json(&format!("{DIR}/{rel}"))
}

#[test]
fn every_fixture_gets_the_verdict_its_name_states() {
    let root = vector_path(DIR);
    let mut files = Vec::new();
    fixtures(&root.join("v2"), &root, &mut files);
    assert_eq!(files.len(), COPIED, "the copied fixtures: {files:#?}");

    let status = status_source();
    let di = DataIntegrity::new();
    let mut verifier = Verifier::new(&di, &DidKeyResolver, now());
    verifier.status = Some(&status);

    let mut failures = Vec::new();
    let mut as_named = 0;
    for rel in &files {
        let c = read(rel);

        if let Some(Exception::Refused(path, words)) = exception(rel) {
            // Refused as invalid, naming the JSON path and what is refused.
            let r = verifier.verify_credential(&c).unwrap();
            let refused = r.verdict() == Verdict::Invalid
                && r.checks.iter().any(|c| {
                    c.kind == CheckKind::Context
                        && c.outcome == Outcome::Fail
                        && c.message.contains(path)
                        && c.message.contains(words)
                });
            println!("{rel}: {:?} (refused)", r.verdict());
            if !refused {
                failures.push(format!("{rel}: not refused as expected: {:#?}", r.checks));
            }
            continue;
        }
        let want = expectation(rel);
        let r = match verifier.verify_credential(&c) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{rel}: not processed: {e}"));
                continue;
            }
        };
        let mut wrong = Vec::new();
        let proof = check(&r, CheckKind::Proof);
        if want.tampered {
            if proof.outcome != Outcome::Fail || !proof.message.contains("does not match") {
                wrong.push("the tampered credential's signature is not refused");
            }
        } else {
            if proof.outcome != Outcome::Pass {
                wrong.push("the signature does not verify");
            }
            if outcome(&r, CheckKind::KeyBinding) != Outcome::Pass {
                wrong.push("the signer is not the issuer");
            }
            if c["proof"].is_array() {
                // A proof set: every proof was verified, and says so.
                let n = c["proof"].as_array().unwrap().len();
                if !(0..n).all(|i| proof.message.contains(&format!("$.proof[{i}]"))) {
                    wrong.push("not every proof of the set was verified");
                }
            }
        }
        let dates = outcome(&r, CheckKind::ValidityPeriod);
        if want.dates_fail != (dates == Outcome::Fail) {
            wrong.push("the dates check is wrong");
        }
        let status_outcome = outcome(&r, CheckKind::Status);
        match want.status {
            _ if want.tampered && status_outcome != Outcome::Skipped => {
                wrong.push("a status was consulted for a forgery")
            }
            _ if want.tampered => {}
            Status::None if status_outcome != Outcome::Skipped => {
                wrong.push("a status was checked where there is none")
            }
            Status::Unknown if status_outcome != Outcome::Unknown => {
                wrong.push("the status must stay Unknown (the list cannot be relied on)")
            }
            Status::Forged if status_outcome != Outcome::Fail => {
                wrong.push("a forged status list must fail the status check")
            }
            _ => {}
        }
        for (token, reason) in STATUS_REASONS {
            if rel.contains(&format!("-{token}-"))
                && !check(&r, CheckKind::Status).message.contains(reason)
            {
                wrong.push("the status check does not say why the list fails");
            }
        }
        let verdict = match (want.tampered || want.dates_fail, want.status) {
            (true, _) | (false, Status::Forged) => Verdict::Invalid,
            (false, Status::None) => Verdict::Valid,
            (false, Status::Unknown) => Verdict::Undetermined,
        };
        if r.verdict() != verdict {
            wrong.push("the verdict is wrong");
        }
        println!("{rel}: {:?}", r.verdict());
        if wrong.is_empty() {
            as_named += 1;
        } else {
            failures.push(format!(
                "{rel}: {} (expected {verdict:?}, got {:?}): {:#?}",
                wrong.join("; "),
                r.verdict(),
                r.checks
            ));
        }
        if want.tampered {
            continue;
        }

        // The same credential changed after signing must not verify.
        let mut tampered = c.clone();
        tampered["validFrom"] = "2010-01-01T00:00:01Z".into();
        let t = verifier.verify_credential(&tampered).unwrap();
        if outcome(&t, CheckKind::Proof) != Outcome::Fail || t.verdict() != Verdict::Invalid {
            failures.push(format!("{rel}: tampered copy not refused: {:#?}", t.checks));
        }
    }
    let refused = EXCEPTIONS
        .iter()
        .filter(|(_, e)| matches!(e, Exception::Refused(..)))
        .count();
    println!(
        "{as_named} of {} fixtures judged get the verdict their name states; {refused} refused before any check (see EXCEPTIONS)",
        files.len() - refused
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(as_named + refused, COPIED);
}

fn verify(c: &Value) -> CredentialReport {
    let di = DataIntegrity::new();
    Verifier::new(&di, &DidKeyResolver, now())
        .verify_credential(c)
        .unwrap()
}

/// The index in the proof set of the proof of this type.
fn index_of(c: &Value, ty: &str) -> usize {
    c["proof"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["type"] == ty)
        .unwrap()
}

/// Changes one character of a proof's signature (still a valid 64-byte multibase value).
fn break_signature(c: &mut Value, i: usize) {
    let v = c["proof"][i]["proofValue"].as_str().unwrap().to_string();
    let mut chars: Vec<char> = v.chars().collect();
    let k = chars.len() / 2;
    chars[k] = if chars[k] == 'a' { 'b' } else { 'a' };
    c["proof"][i]["proofValue"] = chars.into_iter().collect::<String>().into();
}

#[test]
fn a_proof_set_with_one_broken_supported_proof_is_refused_naming_it() {
    let original = read(PROOF_SET);
    assert_eq!(verify(&original).verdict(), Verdict::Valid);
    for ty in ["DataIntegrityProof", "Ed25519Signature2020"] {
        let mut c = original.clone();
        let i = index_of(&c, ty);
        break_signature(&mut c, i);
        let r = verify(&c);
        assert_eq!(r.verdict(), Verdict::Invalid, "{ty}");
        let proof = check(&r, CheckKind::Proof);
        assert_eq!(proof.outcome, Outcome::Fail, "{ty}");
        assert!(
            proof.message.contains(&format!("$.proof[{i}]")),
            "{ty}: {}",
            proof.message
        );
        assert_eq!(outcome(&r, CheckKind::Status), Outcome::Skipped);
    }
}

#[test]
fn a_proof_set_of_unsupported_proofs_only_is_refused() {
    let mut c = read(PROOF_SET);
    let di = index_of(&c, "DataIntegrityProof");
    let ed = index_of(&c, "Ed25519Signature2020");
    // Two Data Integrity proofs of suites this verifier does not implement.
    c["proof"][di]["cryptosuite"] = "ecdsa-rdfc-2019".into();
    c["proof"][ed] = c["proof"][di].clone();
    c["proof"][ed]["cryptosuite"] = "bbs-2023".into();
    let r = verify(&c);
    assert_eq!(r.verdict(), Verdict::Invalid);
    let proof = check(&r, CheckKind::Proof);
    assert_eq!(proof.outcome, Outcome::Fail);
    assert!(
        proof
            .message
            .contains("no proof of a type this verifier checks")
            && proof.message.contains("$.proof[0]")
            && proof.message.contains("$.proof[1]"),
        "{}",
        proof.message
    );
    // Alone, an unsupported proof is no proof either.
    let mut one = read(PROOF_SET);
    one["proof"] = c["proof"][0].clone();
    let r = verify(&one);
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(
        check(&r, CheckKind::Proof)
            .message
            .contains("ecdsa-rdfc-2019"),
        "{:?}",
        r.checks
    );
}

#[test]
fn an_unsupported_proof_beside_valid_ones_is_reported_not_counted() {
    let mut c = read(PROOF_SET);
    let mut extra = c["proof"][index_of(&c, "DataIntegrityProof")].clone();
    extra["cryptosuite"] = "ecdsa-rdfc-2019".into();
    c["proof"].as_array_mut().unwrap().push(extra);
    let r = verify(&c);
    assert_eq!(r.verdict(), Verdict::Valid, "{:#?}", r.checks);
    let proof = check(&r, CheckKind::Proof);
    assert!(
        proof.message.contains("$.proof[2]: not checked")
            && proof.message.contains("ecdsa-rdfc-2019"),
        "{}",
        proof.message
    );
    // A proof chain member is not verified either, and said so.
    let mut c = read(PROOF_SET);
    let mut chained = c["proof"][index_of(&c, "DataIntegrityProof")].clone();
    chained["previousProof"] = "urn:uuid:5b1a9e2c-0000-4000-8000-000000000001".into();
    c["proof"].as_array_mut().unwrap().push(chained);
    let r = verify(&c);
    let proof = check(&r, CheckKind::Proof);
    assert!(
        proof.message.contains("$.proof[2]: not checked")
            && proof.message.contains("previousProof"),
        "{}",
        proof.message
    );
}

#[test]
fn a_proof_of_the_set_moved_to_another_credential_is_refused() {
    // Each proof signs the whole document: a valid proof lifted from one
    // fixture into another issuer-identical one does not hold there.
    let mut c = read("v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json");
    let donor = read(PROOF_SET);
    let i = index_of(&c, "Ed25519Signature2020");
    c["proof"][i] = donor["proof"][index_of(&donor, "Ed25519Signature2020")].clone();
    let r = verify(&c);
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(
        check(&r, CheckKind::Proof)
            .message
            .contains(&format!("$.proof[{i}]")),
        "{:?}",
        r.checks
    );
}

#[test]
fn the_endorsement_fixtures_need_the_extensions_context_and_nothing_else() {
    // They verify with the bundled Open Badges extensions context; the same
    // credential with an inline copy of that context is still refused.
    let rel = "v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement-withSchema.json";
    let c = read(rel);
    assert_eq!(verify(&c).verdict(), Verdict::Valid);
    let mut inline = c.clone();
    inline["@context"][2] =
        serde_json::from_str::<Value>(include_str!("../../specs/contexts/ob-v3p0-extensions.json"))
            .unwrap()["@context"]
            .clone();
    let r = verify(&inline);
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(
        check(&r, CheckKind::Context)
            .message
            .contains("$.@context[2]"),
        "{:?}",
        r.checks
    );
}
