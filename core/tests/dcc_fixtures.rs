//! The Digital Credentials Consortium's public test fixtures
//! (`specs/vectors/dcc-vc-test-fixtures/`, see its README): every copied
//! credential is verified and gets the verdict its file name states.
//!
//! File names read `[registry]-[status]-[expiry][-note].json`:
//! - `noStatus` with `noExpiry` / `notExpired`: valid, every check passes;
//! - `expired` / `notYetValid`: invalid, the dates check fails;
//! - `revokedStatus` / `revoked`: the status lists these point to cannot be
//!   checked here (they are signed with `Ed25519Signature2020`, by another key
//!   than the credentials' issuers, and the copy in the fixtures repository
//!   carries another `id` than its URL), so the status check must be **Unknown**:
//!   never "not revoked". The verdict is then Undetermined, or Invalid when
//!   something else fails;
//! - `validStatus`: the same status list, so also Unknown.
//!
//! The signature check passes on every fixture (Digital Bazaar's jsonld.js
//! verifies them all), and fails on a copy with one field changed.
//! `bothSignatureTypes/` fixtures carry a proof set (an `Ed25519Signature2020`
//! and an `eddsa-rdfc-2022` proof, each made independently over the document
//! without proofs): only the `eddsa-rdfc-2022` proof is kept and verified.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use common::vector_path;
use om_core::did::DidKeyResolver;
use om_core::proof::DataIntegrity;
use om_core::report::{CheckKind, CredentialReport, Outcome, Verdict};
use om_core::verify::{StatusSource, Verifier};
use serde_json::Value;

const DIR: &str = "dcc-vc-test-fixtures";

/// Where the fixtures repository publishes its status list (GitHub Pages of
/// `statusLists/`); the copy is served from here. Lists elsewhere are unreachable.
const PUBLISHED_LIST: &str = "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj";
const LIST_FILE: &str = "statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj";

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
        Exception::Refused,
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exception {
    Expired,
    Refused,
}

/// The fixtures are judged at a fixed time, so that the test does not change
/// with the calendar (`validFrom` 2025-02-24 and `validUntil` 2056 or 9999 hold then).
fn now() -> DateTime<Utc> {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    None,
    Revoked,
    Valid,
}

#[derive(Debug)]
struct Expectation {
    status: Status,
    dates_fail: bool,
}

fn expectation(rel: &str) -> Expectation {
    let name = Path::new(rel).file_stem().unwrap().to_str().unwrap();
    let tokens: Vec<&str> = name.split('-').map(str::trim).collect();
    let has = |t: &str| tokens.contains(&t);
    let status = if has("noStatus") {
        Status::None
    } else if has("revokedStatus") || has("revoked") {
        Status::Revoked
    } else if has("validStatus") {
        Status::Valid
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
    if EXCEPTIONS.contains(&(rel, Exception::Expired)) {
        dates_fail = true;
    }
    Expectation { status, dates_fail }
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

/// The credential with only its `eddsa-rdfc-2022` proof (a proof set is cut
/// down to that one proof, which was made over the document without proofs).
fn with_rdfc_proof_only(mut c: Value, rel: &str) -> Value {
    if let Some(Value::Array(proofs)) = c.get("proof") {
        let rdfc: Vec<&Value> = proofs
            .iter()
            .filter(|p| p["type"] == "DataIntegrityProof" && p["cryptosuite"] == "eddsa-rdfc-2022")
            .collect();
        assert_eq!(rdfc.len(), 1, "{rel}: one eddsa-rdfc-2022 proof");
        c["proof"] = rdfc[0].clone();
    }
    c
}

fn outcome(r: &CredentialReport, kind: CheckKind) -> Outcome {
    r.checks
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} check in {:#?}", r.checks))
        .outcome
}

#[test]
fn every_fixture_gets_the_verdict_its_name_states() {
    let root = vector_path(DIR);
    let mut files = Vec::new();
    fixtures(&root.join("v2"), &root, &mut files);
    assert_eq!(files.len(), 21, "the copied fixtures: {files:#?}");

    let list: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(LIST_FILE)).expect("the copied status list"),
    )
    .unwrap();
    let status = MapStatus(HashMap::from([(PUBLISHED_LIST.to_string(), list)]));
    let di = DataIntegrity::new();
    let mut verifier = Verifier::new(&di, &DidKeyResolver, now());
    verifier.status = Some(&status);

    let mut failures = Vec::new();
    for rel in &files {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        let c = with_rdfc_proof_only(original, rel);

        if EXCEPTIONS.contains(&(rel.as_str(), Exception::Refused)) {
            // Refused as invalid, naming the inline context's JSON path.
            let r = verifier.verify_credential(&c).unwrap();
            let refused = r.verdict() == Verdict::Invalid
                && r.checks.iter().any(|c| {
                    c.kind == CheckKind::Context
                        && c.outcome == Outcome::Fail
                        && c.message.contains("$.@context[")
                });
            println!("{rel}: {:?}", r.verdict());
            if !refused {
                failures.push(format!("{rel}: not refused: {:#?}", r.checks));
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
        if outcome(&r, CheckKind::Proof) != Outcome::Pass {
            wrong.push("the signature does not verify");
        }
        if outcome(&r, CheckKind::KeyBinding) != Outcome::Pass {
            wrong.push("the signer is not the issuer");
        }
        let dates = outcome(&r, CheckKind::ValidityPeriod);
        if want.dates_fail != (dates == Outcome::Fail) {
            wrong.push("the dates check is wrong");
        }
        let status_outcome = outcome(&r, CheckKind::Status);
        match want.status {
            Status::None if status_outcome != Outcome::Skipped => {
                wrong.push("a status was checked where there is none")
            }
            Status::Revoked | Status::Valid if status_outcome != Outcome::Unknown => {
                wrong.push("the status must stay Unknown (the list cannot be verified here)")
            }
            _ => {}
        }
        let verdict = match (want.dates_fail, want.status) {
            (true, _) => Verdict::Invalid,
            (false, Status::None) => Verdict::Valid,
            (false, _) => Verdict::Undetermined,
        };
        if r.verdict() != verdict {
            wrong.push("the verdict is wrong");
        }
        println!("{rel}: {:?}", r.verdict());
        if !wrong.is_empty() {
            failures.push(format!(
                "{rel}: {} (expected {verdict:?}, got {:?}): {:#?}",
                wrong.join("; "),
                r.verdict(),
                r.checks
            ));
        }

        // The same credential changed after signing must not verify.
        let mut tampered = c.clone();
        tampered["validFrom"] = "2010-01-01T00:00:01Z".into();
        let t = verifier.verify_credential(&tampered).unwrap();
        if outcome(&t, CheckKind::Proof) != Outcome::Fail || t.verdict() != Verdict::Invalid {
            failures.push(format!("{rel}: tampered copy not refused: {:#?}", t.checks));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
