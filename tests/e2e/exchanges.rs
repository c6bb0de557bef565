//! VC-API exchanges with the real binaries on loopback (`specs/exchanges.md`):
//! a mentor delivers a letter through the service, a participant asks for a
//! letter with a signed request, an employer asks for letters, and every
//! refusal the flows promise.

use std::path::Path;

use om_core::request::{payload_of_link, request_link};
use om_e2e::{find_url, Person, Team, VerifierProcess};
use serde_json::{json, Value};

const LETTER: &str = "Ana ran twelve learning circles and taught me to listen.\n";

fn person(tool: &str, name: &str) -> Person {
    let p = Person::new();
    p.run(tool, &["init", "--name", name]);
    p
}

fn letter_file(dir: &Path) -> String {
    let f = dir.join("letter.md");
    std::fs::write(&f, LETTER).unwrap();
    f.to_str().unwrap().to_string()
}

/// Runs `om-issuer endorse … --deliver service_url`; returns (interaction URL, exchange URL).
fn deliver(
    mentor: &Person,
    to: &str,
    role: &str,
    letter: &str,
    service_url: &str,
) -> (String, String) {
    let out = mentor.endorse(to, "Ana Lima", role, letter, &["--deliver", service_url]);
    (
        find_url(&out, "/interactions/").expect("an interaction link"),
        find_url(&out, "/exchanges/").expect("an exchange URL"),
    )
}

fn fails(p: &Person, tool: &str, args: &[&str]) -> (i32, String) {
    let out = p.cmd(tool).args(args).output().unwrap();
    assert!(!out.status.success(), "{tool} {args:?} should fail");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn letters_in(p: &Person) -> Vec<Value> {
    let out = p.run("om-wallet", &["list", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array().cloned().unwrap_or_default()
}

#[test]
fn a_delivered_letter_reaches_only_its_subject_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let eve = person("om-wallet", "Eve Other");
    let letter = letter_file(dir.path());
    let (link, _) = deliver(&mentor, &ana.did(), "mentor", &letter, &service_url.base);

    // Forgery: someone who got hold of the link (Eve) asks for the letter.
    // She can sign a presentation only for her own DID, which is not the
    // letter's subject: refused, and the letter stays waiting.
    let (code, text) = fails(&eve, "om-wallet", &["receive", &link]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("someone else"), "{text}");
    assert!(letters_in(&eve).is_empty());

    let out = ana.run("om-wallet", &["receive", &link]);
    assert!(out.contains("imported"), "{out}");
    let letters = letters_in(&ana);
    assert_eq!(letters.len(), 1, "{letters:?}");

    // Single use: the letter is no longer on the service.
    let (_, text) = fails(&ana, "om-wallet", &["receive", &link]);
    assert!(text.contains("no longer waiting"), "{text}");
    let (status, _) = om_e2e::get(&link);
    assert_eq!(status, 404, "the interaction page of a used exchange");
}

fn decode_qr(png: &Path) -> String {
    let img = image::open(png).expect("endorse wrote a PNG").to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in {}", png.display());
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_mentor_s_qr_code_holds_the_one_step_link_and_om_wallet_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let eve = person("om-wallet", "Eve Other");
    let png = dir.path().join("qr.png");
    let out = mentor.endorse(
        &ana.did(),
        "Ana Lima",
        "mentor",
        &letter_file(dir.path()),
        &[
            "--deliver",
            &service_url.base,
            "--png",
            png.to_str().unwrap(),
        ],
    );
    // The QR code and the first link printed: the one-step link, whose
    // vc_request_url is the service's one-step endpoint; then the
    // interaction link, for other VC-API wallets.
    let scanned = decode_qr(&png);
    assert!(
        scanned.starts_with("https://lcw.app/request.html?"),
        "{scanned}"
    );
    let first = find_url(&out, "").expect("a link");
    assert_eq!(first, scanned, "{out}");
    assert!(
        scanned.contains("auth_type=bearer") && scanned.contains("challenge="),
        "{scanned}"
    );
    assert!(
        scanned.contains(&om_core::exchange::percent_encode(&format!(
            "{}/exchanges/",
            service_url.base
        ))),
        "{scanned}"
    );
    let interaction = find_url(&out, "/interactions/").expect("the interaction link");
    assert!(out.contains("For other VC-API wallets"), "{out}");
    assert!(out.find(&scanned) < out.find(&interaction), "{out}");

    // Forgery: someone else (Eve) who got the link signs for its challenge
    // with her own DID, which is not the letter's subject: refused, and the
    // letter still waits.
    let (code, text) = fails(&eve, "om-wallet", &["receive", &scanned]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("someone else"), "{text}");
    assert!(letters_in(&eve).is_empty());

    // Ana follows it: the letter is verified and stored as import does.
    let out = ana.run("om-wallet", &["receive", &scanned]);
    assert!(out.contains("imported"), "{out}");
    let letters = letters_in(&ana);
    assert_eq!(letters.len(), 1, "{letters:?}");
    // Single use, whichever link is used next.
    let (_, text) = fails(&ana, "om-wallet", &["receive", &scanned]);
    assert!(text.contains("no longer waiting"), "{text}");
    let (_, text) = fails(&ana, "om-wallet", &["receive", &interaction]);
    assert!(text.contains("no longer waiting"), "{text}");
}

#[test]
fn a_one_step_link_that_cannot_be_followed_safely_is_refused_before_signing() {
    let ana = person("om-wallet", "Ana Lima");
    for (link, why) in [
        ("https://lcw.app/request.html?issuer=x&auth_type=code&challenge=c&vc_request_url=http%3A%2F%2F127.0.0.1%3A9%2Fe", "auth_type"),
        ("https://lcw.app/request.html?issuer=x&auth_type=bearer&vc_request_url=http%3A%2F%2F127.0.0.1%3A9%2Fe", "challenge"),
        ("https://lcw.app/request.html?issuer=x&auth_type=bearer&challenge=c&vc_request_url=ftp%3A%2F%2F127.0.0.1%2Fe", "vc_request_url"),
    ] {
        let (code, text) = fails(&ana, "om-wallet", &["receive", link]);
        assert_eq!(code, 2, "{text}");
        assert!(text.contains("refused") && text.contains(why) && text.contains("nothing was signed or sent"), "{why}: {text}");
    }
    // A one-step link given to `present --to` sends nothing either.
    let (_, text) = fails(&ana, "om-wallet", &["present", "--to", "https://lcw.app/request.html?issuer=x&auth_type=bearer&challenge=c&vc_request_url=http%3A%2F%2F127.0.0.1%3A9%2Fe", "--yes"]);
    assert!(text.contains("om-wallet receive"), "{text}");
}

#[test]
fn a_mentor_withdraws_a_letter_and_an_expired_one_is_not_released() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let letter = letter_file(dir.path());

    let (link, exchange) = deliver(&mentor, &ana.did(), "mentor", &letter, &service_url.base);
    let out = mentor.run("om-issuer", &["withdraw", &exchange]);
    assert!(out.contains("Withdrawn"), "{out}");
    let (_, text) = fails(&ana, "om-wallet", &["receive", &link]);
    assert!(text.contains("no longer waiting"), "{text}");

    // An exchange past its lifetime releases nothing, even to its subject.
    let (link, exchange) = deliver(&mentor, &ana.did(), "mentor", &letter, &service_url.base);
    let id = exchange.rsplit('/').next().unwrap();
    let db = rusqlite::Connection::open(dir.path().join("verifier.sqlite")).unwrap();
    db.execute(
        "UPDATE exchanges SET expires = '2000-01-01T00:00:00Z' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let (_, text) = fails(&ana, "om-wallet", &["receive", &link]);
    assert!(text.contains("no longer waiting"), "{text}");
    assert!(letters_in(&ana).is_empty());
}

/// Ana's signed request, as the wallet prints it with --json.
fn request(ana: &Person, service_url: &str) -> (String, Value) {
    let out = ana.run(
        "om-wallet",
        &[
            "request",
            "--role",
            "mentor",
            "--service",
            service_url,
            "--json",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    (
        v["link"].as_str().unwrap().to_string(),
        v["request"].clone(),
    )
}

fn signed_by(p: &Person, unsigned: &Value) -> Value {
    let ids = om_identity::IdentityStore::new(p.home.path());
    let pass = secrecy::SecretString::from("correct horse battery staple".to_string());
    let me = ids.unlock(&pass).unwrap();
    om_core::proof::DataIntegrity::new()
        .sign(
            unsigned,
            &me.key,
            &om_core::proof::ProofOptions::assertion(om_core::proof::Cryptosuite::EddsaRdfc2022),
        )
        .unwrap()
}

#[test]
fn a_signed_request_fills_in_the_letter_and_forged_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let eve = person("om-wallet", "Eve Other");
    let letter = letter_file(dir.path());
    let (link, signed) = request(&ana, &service_url.base);
    assert!(payload_of_link(&link).is_some());

    // The mentor's answer to a request that must be refused: what it printed.
    let refusal = |request: &Value| {
        let link = request_link(&service_url.base, request);
        fails(
            &mentor,
            "om-issuer",
            &["endorse", "--request", &link, "--letter", &letter],
        )
        .1
    };

    // Forgery 1: the request is changed after signing (another name).
    let mut tampered = signed.clone();
    tampered["credentialSubject"]["name"] = json!("Mallory");
    let text = refusal(&tampered);
    assert!(
        text.contains("refused") && text.contains("Signature"),
        "{text}"
    );

    // Forgery 2: Eve signs a request that names Ana's DID (she wants a
    // letter about Ana delivered where she chooses): signed by another key.
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    unsigned["credentialSubject"]["deliverTo"] = json!("http://127.0.0.1:9/evil");
    let by_eve = signed_by(&eve, &unsigned);
    let text = refusal(&by_eve);
    assert!(
        text.contains("refused") && text.contains("Signer"),
        "{text}"
    );

    // Forgery 3: an old request, past its expiry, signed by Ana herself.
    let mut old = unsigned.clone();
    old["credentialSubject"]["deliverTo"] = json!(service_url.base);
    old["validFrom"] = json!("2020-01-01T00:00:00Z");
    old["validUntil"] = json!("2020-02-01T00:00:00Z");
    let expired = signed_by(&ana, &old);
    let text = refusal(&expired);
    assert!(
        text.contains("refused") && text.contains("expired"),
        "{text}"
    );

    // The real request: subject, name and role come from it.
    let out = mentor.run(
        "om-issuer",
        &["endorse", "--request", &link, "--letter", &letter],
    );
    let interaction = find_url(&out, "/interactions/").expect("delivered");
    ana.run("om-wallet", &["receive", &interaction]);
    let letters = letters_in(&ana);
    assert_eq!(letters.len(), 1, "{letters:?}");
    let shown = serde_json::to_string(&letters[0]).unwrap();
    assert!(shown.contains("mentor"), "{shown}");
}

fn open_check(base: &str) -> String {
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client.post(format!("{base}/ask")).send().unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let page = r.headers()["location"].to_str().unwrap().to_string();
    format!("{base}{page}")
}

fn state_of(page: &str) -> Value {
    let (status, body) = om_e2e::get(&format!("{page}/state"));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn an_employer_asks_for_letters_and_a_replayed_answer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mentor = person("om-issuer", "Maria Mentor");
    let peer = person("om-issuer", "Pat Peer");
    let ana = person("om-wallet", "Ana Lima");
    // The team of Ana's cohort confirms both writers; the service trusts it.
    let team = Team::new("Open Masters DC");
    team.confirm(&mentor, "Maria Mentor", Some((&ana.did(), "Ana Lima")));
    team.confirm(&peer, "Pat Peer", None);
    let service_url = VerifierProcess::start(dir.path(), &["--trust", &team.did]);
    let letter = letter_file(dir.path());
    for (who, role) in [(&mentor, "mentor"), (&peer, "peer")] {
        let (link, _) = deliver(who, &ana.did(), role, &letter, &service_url.base);
        ana.run("om-wallet", &["receive", &link]);
    }

    let page = open_check(&service_url.base);
    let waiting = state_of(&page);
    assert_eq!(waiting["state"], "waiting");
    let (_, html) = om_e2e::get(&page);
    assert!(html.contains("<svg"), "the page shows a QR code");
    let link = waiting["interactionUrl"].as_str().unwrap().to_string();
    let saved = dir.path().join("answer.json");
    ana.run(
        "om-wallet",
        &[
            "present",
            "--to",
            &link,
            "--yes",
            "--out",
            saved.to_str().unwrap(),
        ],
    );
    let answered = state_of(&page);
    assert_eq!(answered["state"], "answered", "{answered}");
    assert_eq!(answered["verdict"], "valid", "{answered}");
    assert_eq!(answered["replayed"], false);
    let (_, html) = om_e2e::get(&page);
    assert!(html.contains("Maria Mentor"), "{html}");

    // Forgery: the answer Ana gave is replayed, to the same request (used
    // once) and to a new employer's request (another challenge).
    let vp: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let body = json!({"verifiablePresentation": vp});
    let client = reqwest::blocking::Client::new();
    // The exchange URL of an interaction URL (a used exchange's interaction
    // URL answers 404, so it is not asked).
    let exchange = |link: &str| {
        link.split('?')
            .next()
            .unwrap()
            .replace("/interactions/", "/exchanges/")
    };
    let r = client.post(exchange(&link)).json(&body).send().unwrap();
    assert_eq!(r.status().as_u16(), 409, "the same request answered twice");

    let page2 = open_check(&service_url.base);
    let link2 = state_of(&page2)["interactionUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let r = client.post(exchange(&link2)).json(&body).send().unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().unwrap().contains("replay"));
    // Refused, it does not use up the new request: the page keeps waiting
    // for a real answer and says that an answer was refused.
    let replayed = state_of(&page2);
    assert_eq!(replayed["state"], "waiting", "{replayed}");
    assert_eq!(replayed["refusedAnswers"], 1, "{replayed}");
    let (_, html) = om_e2e::get(&page2);
    assert!(html.contains("a replay"), "the page says so");
}
