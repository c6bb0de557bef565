//! Status lists hosted by the service, with the real binaries on loopback: a
//! mentor points their status list URL at the service, publishes with
//! `status-list --publish`, and revokes with `revoke --publish`; a verifier
//! checking the letter sees it not revoked, then revoked. The forgeries the
//! service refuses are each named where they are tried.

use std::fs;
use std::path::Path;

use om_e2e::{get, Person, VerifierProcess};
use serde_json::{json, Value};

/// The bytes the service serves at `url`.
fn served_bytes(url: &str) -> Vec<u8> {
    reqwest::blocking::get(url)
        .unwrap()
        .bytes()
        .unwrap()
        .to_vec()
}

/// PUTs `body` at `url` as JSON; returns status and body.
fn put(url: &str, body: &[u8]) -> (u16, String) {
    let r = reqwest::blocking::Client::new()
        .put(url)
        .header("Content-Type", "application/json")
        .body(body.to_vec())
        .send()
        .unwrap_or_else(|e| panic!("PUT {url}: {e}"));
    (r.status().as_u16(), r.text().unwrap_or_default())
}

/// The service's verdict on a letter: (verified, the whole answer as text).
fn verify(service_url: &str, letter: &Path) -> (bool, String) {
    let vc: Value = serde_json::from_slice(&fs::read(letter).unwrap()).unwrap();
    let r = reqwest::blocking::Client::new()
        .post(format!("{service_url}/credentials/verify"))
        .json(&json!({ "verifiableCredential": vc }))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let v: Value = r.json().unwrap();
    (v["verified"] == true, v.to_string())
}

fn problem(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    v["detail"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_hub_hosts_status_lists_and_refuses_forgeries() {
    let work = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(work.path(), &[]);
    let mentor = Person::new();
    let other = Person::new();
    let ana = Person::new();

    let out = mentor.run(
        "om-issuer",
        &[
            "init",
            "--name",
            "Maria Mentor",
            "--status-service",
            &service_url.base,
        ],
    );
    let did = mentor.did();
    let url = format!("{}/status-lists/{did}/revocation", service_url.base);
    assert!(out.contains(&url), "init names the service URL:\n{out}");
    let (status, _) = get(&url);
    assert_eq!(status, 404, "nothing is served before the first upload");

    ana.run("om-wallet", &["init", "--name", "Ana Lima"]);
    let letter_text = work.path().join("letter.md");
    fs::write(&letter_text, "Ana ran twelve learning circles.\n").unwrap();
    let letter = work.path().join("ana.json");
    mentor.endorse(
        &ana.did(),
        "Ana Lima",
        "mentor",
        letter_text.to_str().unwrap(),
        &["-o", letter.to_str().unwrap()],
    );

    // The first list: uploaded, served byte for byte, and used by verifiers.
    let first = work.path().join("list-1.json");
    let out = mentor.run(
        "om-issuer",
        &[
            "status-list",
            "-o",
            first.to_str().unwrap(),
            "--publish",
            &service_url.base,
        ],
    );
    assert_eq!(out.trim(), url, "--publish prints the list's URL");
    let first_bytes = fs::read(&first).unwrap();
    let served = reqwest::blocking::get(&url).unwrap();
    assert_eq!(served.status().as_u16(), 200);
    let ct = served.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(ct.starts_with("application/vc+ld+json"), "{ct}");
    assert!(served.headers().contains_key("cache-control"));
    assert_eq!(
        served.bytes().unwrap().to_vec(),
        first_bytes,
        "stored and served unchanged"
    );
    let (verified, report) = verify(&service_url.base, &letter);
    assert!(verified, "not revoked, checked at the service: {report}");
    assert!(
        report.contains("checked against the issuer's status list"),
        "{report}"
    );
    // The very same list again changes nothing.
    let (status, body) = put(&url, &first_bytes);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("unchanged"), "{body}");

    // Forgery: a list signed by another DID (B), filed under the mentor's
    // DID (A) at A's URL (its id is A's URL, so only the signer differs).
    other.run(
        "om-issuer",
        &["init", "--name", "Mallory", "--status-url", &url],
    );
    let forged = work.path().join("forged-by-b.json");
    other.run(
        "om-issuer",
        &["status-list", "-o", forged.to_str().unwrap()],
    );
    let (status, body) = put(&url, &fs::read(&forged).unwrap());
    assert_eq!(status, 422, "{body}");
    assert!(
        problem(&body).contains("filed only under its issuer's DID"),
        "{body}"
    );

    // Forgery: the mentor's genuine list re-filed at another URL (its id is
    // the real URL), e.g. to make a second, stale copy elsewhere.
    let elsewhere = format!("{}/status-lists/{did}/copy", service_url.base);
    let (status, body) = put(&elsewhere, &first_bytes);
    assert_eq!(status, 422, "{body}");
    assert!(
        problem(&body).contains("filed only at its own id"),
        "{body}"
    );
    assert_eq!(get(&elsewhere).0, 404);

    // Revocation, published to the service: the verifier sees it.
    let second = work.path().join("list-2.json");
    let out = mentor.run(
        "om-issuer",
        &[
            "revoke",
            letter.to_str().unwrap(),
            "-o",
            second.to_str().unwrap(),
            "--publish",
            &service_url.base,
        ],
    );
    assert_eq!(out.trim(), url);
    let second_bytes = fs::read(&second).unwrap();
    assert_eq!(served_bytes(&url), second_bytes);
    let (verified, report) = verify(&service_url.base, &letter);
    assert!(!verified, "{report}");
    assert!(report.contains("revoked by its issuer"), "{report}");

    // Forgery: rollback. The older, genuinely signed list (from before the
    // revocation) uploaded again, to un-revoke the letter.
    let (status, body) = put(&url, &first_bytes);
    assert_eq!(status, 409, "{body}");
    assert!(
        problem(&body).contains("older than the stored list: rollback refused"),
        "{body}"
    );

    // Forgery: the newer list with its revocation bit flipped back after
    // signing (its encodedList replaced by the one without the bit).
    let mut tampered: Value = serde_json::from_slice(&second_bytes).unwrap();
    let first_json: Value = serde_json::from_slice(&first_bytes).unwrap();
    tampered["credentialSubject"]["encodedList"] =
        first_json["credentialSubject"]["encodedList"].clone();
    assert_ne!(
        tampered,
        serde_json::from_slice::<Value>(&second_bytes).unwrap()
    );
    let (status, body) = put(&url, &serde_json::to_vec_pretty(&tampered).unwrap());
    assert_eq!(status, 422, "{body}");
    assert!(problem(&body).contains("signature does not hold"), "{body}");

    // None of the refused uploads changed what is served or the verdict.
    assert_eq!(served_bytes(&url), second_bytes);
    let (verified, _) = verify(&service_url.base, &letter);
    assert!(!verified, "still revoked");

    // The issuer's own client reports a refusal as a negative verdict (exit 1).
    let refused = other
        .cmd("om-issuer")
        .args(["status-list", "-o", "-", "--publish", &service_url.base])
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("refused"));
}
