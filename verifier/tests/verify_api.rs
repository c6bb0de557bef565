//! The verification API through `oneshot`: each case gets the right verdict
//! and a telling reason.

mod common;

use axum::routing::get;
use axum::{Json, Router};
use chrono::{Duration, Utc};
use common::*;
use om_core::letter::Role;
use om_core::proof::{Cryptosuite, ProofOptions};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use serde_json::{json, Value};

async fn verify_vc(vc: &Value) -> Value {
    let r = post_json(&test_app(), "/credentials/verify", &vc_body(vc)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

async fn verify_vp(vp: &Value, options: Value) -> Value {
    let r = post_json(&test_app(), "/presentations/verify", &vp_body(vp, options)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_valid_letter_verifies() {
    let p = People::new();
    let res = verify_vc(&letter(&p, &p.mentor, "Maria Mentor", Role::Mentor)).await;
    assert_eq!(res["verified"], true, "{res:#}");
    assert_eq!(res["verdict"], "valid");
    assert!(res["errors"].as_array().unwrap().is_empty());
    assert!(res["checks"].as_array().unwrap().contains(&json!("proof")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_complete_presentation_verifies_with_the_rule() {
    let p = People::new();
    let vp = vp(
        &p,
        vec![
            letter(&p, &p.mentor, "Maria Mentor", Role::Mentor),
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
        ],
        Some("c-123"),
        Some("https://employer.example"),
    );
    let res = verify_vp(
        &vp,
        json!({"challenge": "c-123", "domain": "https://employer.example"}),
    )
    .await;
    assert_eq!(res["verified"], true, "{res:#}");
    assert_eq!(res["details"]["rule"]["complete"], true);
    assert!(res["checks"]
        .as_array()
        .unwrap()
        .contains(&json!("programmeRule")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_letter_fails_its_signature() {
    let p = People::new();
    let mut vc = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    vc["credentialSubject"]["endorsementComment"] =
        "Ana is the best ever, hire her at twice the pay.".into();
    let res = verify_vc(&vc).await;
    assert_eq!(res["verified"], false);
    assert_eq!(res["verdict"], "invalid");
    assert!(reasons(&res).contains("signature"), "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_letter_is_invalid() {
    let p = People::new();
    let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
    spec.valid_from = Utc::now() - Duration::days(400);
    spec.valid_until = Some(Utc::now() - Duration::days(1));
    let res = verify_vc(&spec.sign(&p.di)).await;
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert!(reasons(&res).contains("expired"), "{res:#}");
}

fn signed_status_list(p: &common::People, url: &str, revoked: &[usize]) -> Value {
    let mut bits = Bitstring::new(0);
    for &i in revoked {
        bits.set(i, true).unwrap();
    }
    let list = status_list_credential(
        url,
        p.mentor.controller(),
        &bits,
        Utc::now() - Duration::days(1),
        None,
    );
    p.di.sign(
        &list,
        &p.mentor,
        &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_letter_is_invalid_and_an_unrevoked_one_valid() {
    let p = People::new();
    // Reserve a port first so the list can name its own URL.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let url = format!("{base}/status/1");
    let list = signed_status_list(&p, &url, &[42]);
    let routes = Router::new().route("/status/1", get(move || async move { Json(list) }));
    tokio::spawn(async move { axum::serve(listener, routes).await.unwrap() });

    let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
    spec.status = Some(status_entry(&url, 42));
    let res = verify_vc(&spec.sign(&p.di)).await;
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert!(reasons(&res).contains("revoked"), "{res:#}");

    spec.status = Some(status_entry(&url, 7));
    let res = verify_vc(&spec.sign(&p.di)).await;
    assert_eq!(res["verdict"], "valid", "{res:#}");
    assert!(
        res["details"].to_string().contains("not revoked"),
        "{res:#}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn local_status_lists_are_refused_without_allow_local() {
    let p = People::new();
    let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
    spec.status = Some(status_entry("http://127.0.0.1:9/status/1", 3));
    let app = om_verifier::app(state_with(false, None));
    let r = post_json(&app, "/credentials/verify", &vc_body(&spec.sign(&p.di))).await;
    let res = r.json();
    assert_eq!(res["verdict"], "undetermined", "{res:#}");
    assert!(reasons(&res).contains("unknown"), "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_status_list_is_unknown_never_not_revoked() {
    let p = People::new();
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/status/1");
    let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
    spec.status = Some(status_entry(&url, 3));
    let mentor_letter = spec.sign(&p.di);
    let res = verify_vc(&mentor_letter).await;
    assert_eq!(res["verdict"], "undetermined", "{res:#}");
    assert_eq!(res["verified"], false);
    assert!(reasons(&res).contains("unknown"), "{res:#}");
    assert!(!res.to_string().contains("not revoked\""), "{res:#}");

    // In a presentation the rule cannot be confirmed either: undetermined, not invalid.
    let vp = vp(
        &p,
        vec![mentor_letter, letter(&p, &p.peer, "Paulo Peer", Role::Peer)],
        None,
        None,
    );
    let res = verify_vp(&vp, json!({})).await;
    assert_eq!(res["verdict"], "undetermined", "{res:#}");
    assert!(reasons(&res).contains("unknown"), "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_letter_about_someone_else_is_refused() {
    let p = People::new();
    let other = LetterSpec::new(&p.peer, "Paulo Peer", Role::Peer, &p.other).sign(&p.di);
    let vp = vp(
        &p,
        vec![letter(&p, &p.mentor, "Maria Mentor", Role::Mentor), other],
        None,
        None,
    );
    let res = verify_vp(&vp, json!({})).await;
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert!(reasons(&res).contains("not about the holder"), "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_challenge_is_refused() {
    let p = People::new();
    let vp = vp(
        &p,
        vec![
            letter(&p, &p.mentor, "Maria Mentor", Role::Mentor),
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
        ],
        Some("the-real-one"),
        None,
    );
    let res = verify_vp(&vp, json!({"challenge": "another-one"})).await;
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert!(reasons(&res).contains("challenge"), "{res:#}");
    let res = verify_vp(&vp, json!({"challenge": "the-real-one"})).await;
    assert_eq!(res["verdict"], "valid", "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_peers_are_not_complete() {
    let p = People::new();
    let vp = vp(
        &p,
        vec![
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
            letter(&p, &p.peer2, "Priya Peer", Role::Peer),
        ],
        None,
        None,
    );
    let res = verify_vp(&vp, json!({})).await;
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert_eq!(res["details"]["rule"]["complete"], false);
    assert!(reasons(&res).contains("mentor"), "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_self_issued_letter_is_refused() {
    let p = People::new();
    let own = LetterSpec::new(&p.holder, "Ana Lima", Role::Peer, &p.holder).sign(&p.di);
    let res = verify_vc(&own).await;
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert!(reasons(&res).contains("self-issued"), "{res:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn trusted_teams_decide() {
    let p = People::new();
    let vp = complete_vp(&p);
    // The test team is trusted: complete, and the JSON names who confirms.
    let app = om_verifier::app(state_with(true, None));
    let res = post_json(&app, "/presentations/verify", &vp_body(&vp, json!({})))
        .await
        .json();
    assert_eq!(res["verdict"], "valid", "{res:#}");
    let rule = &res["details"]["rule"];
    assert_eq!(rule["status"], "complete", "{res:#}");
    assert_eq!(
        rule["endorsers"][0]["confirmedBy"]["team"],
        team().controller()
    );
    // No team trusted: not confirmed, never complete.
    let app = om_verifier::app(state_with(true, Some(Default::default())));
    let res = post_json(&app, "/presentations/verify", &vp_body(&vp, json!({})))
        .await
        .json();
    assert_eq!(res["verdict"], "invalid", "{res:#}");
    assert_eq!(res["details"]["rule"]["status"], "unconfirmed", "{res:#}");
    assert_eq!(res["details"]["rule"]["complete"], false);
    assert!(res["details"]["rule"]["statement"]
        .as_str()
        .unwrap()
        .starts_with("Not confirmed:"));
    let text = res.to_string();
    assert!(!text.contains("Complete"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn healthz_and_openapi() {
    let app = test_app();
    let r = get_path(&app, "/healthz").await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "ok"));
    let r = get_path(&app, "/openapi.json").await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/credentials/verify",
        "/presentations/verify",
        "/shares",
        "/shares/{id}",
        "/s/{id}",
        "/s/{id}.json",
        "/v",
        "/inline/render",
        "/verify",
        "/",
        "/healthz",
        "/openapi.json",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is not documented");
    }
}

/// A presentation signed with `Ed25519Signature2020` by Digital Bazaar's
/// library, as the Learner Credential Wallet signs it (core/tests/vectors/ed25519-2020/).
fn ed2020_fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/vectors/ed25519-2020")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ed25519_signature_2020_presentation_is_verified() {
    let options =
        json!({"challenge": "om-ed2020-challenge-7f3a", "domain": "https://verifier.example"});
    for name in ["didauth-v1-challenge-domain", "vp-v2-letter"] {
        let res = verify_vp(&ed2020_fixture(name), options.clone()).await;
        let passed = res["checks"].as_array().unwrap();
        assert!(passed.contains(&json!("proof")), "{name}: {res:#}");
        assert!(passed.contains(&json!("keyBinding")), "{name}: {res:#}");
        let proof = &res["details"]["checks"][0];
        assert_eq!(proof["kind"], "proof", "{res:#}");
        assert!(
            proof["message"]
                .as_str()
                .unwrap()
                .contains("Ed25519Signature2020"),
            "{res:#}"
        );
        // The signature and key hold; only the programme rule (always applied
        // here) can fail: one letter, or none, is not a complete set.
        let errors = res["errors"].as_array().unwrap();
        assert!(
            errors.iter().all(|e| e["check"] == "programmeRule"),
            "{name}: {res:#}"
        );
    }
    let res = verify_vp(
        &ed2020_fixture("didauth-v1-challenge-domain"),
        json!({"challenge": "another-one"}),
    )
    .await;
    assert!(reasons(&res).contains("challenge"), "{res:#}");
}
