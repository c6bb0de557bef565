//! What the Learner Credential Wallet shares, checked here: its "Send" file
//! (an unsigned presentation) and its public links (VerifierPlus URLs),
//! fetched from a stand-in VerifierPlus on loopback
//! (`specs/share-format.md`, section 3a).

mod common;

use axum::routing::get;
use axum::{Json, Router};
use common::*;
use om_core::letter::Role;
use om_verifier::app;
use serde_json::{json, Value};

/// The wallet's "Send": `createUnsignedPresentation` (app/lib/present.ts at
/// 1c46a82): VC 2.0 context, the type, the credentials; no holder, no proof.
fn unsigned(letters: Vec<Value>) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": letters,
    })
}

fn complete_letters(p: &People) -> Vec<Value> {
    vec![
        letter(p, &p.mentor, "Maria Mentor", Role::Mentor),
        letter(p, &p.peer, "Paulo Peer", Role::Peer),
    ]
}

#[tokio::test]
async fn an_unsigned_presentation_is_checked_but_never_complete() {
    let p = People::new();
    let app = test_app();
    let r = post_json(
        &app,
        "/presentations/verify",
        &vp_body(&unsigned(complete_letters(&p)), json!({})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["details"]["unsigned"], true, "{v:#}");
    assert_eq!(v["details"]["rule"]["complete"], false, "{v:#}");
    assert_eq!(v["details"]["rule"]["status"], "holderNotProven", "{v:#}");
    // Every letter keeps its own checks, and holds.
    for c in v["details"]["credentials"].as_array().unwrap() {
        let failed: Vec<&Value> = c["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|k| k["outcome"] == "fail")
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
    }
    // The same letters signed by their holder are complete: the difference
    // is the holder's proof alone.
    let signed = post_json(
        &app,
        "/presentations/verify",
        &vp_body(&vp(&p, complete_letters(&p), None, None), json!({})),
    )
    .await
    .json();
    assert_eq!(signed["details"]["rule"]["complete"], true, "{signed:#}");
}

#[tokio::test]
async fn the_page_says_an_unsigned_set_is_not_proven_and_offers_the_check() {
    let p = People::new();
    let app = test_app();
    let doc = serde_json::to_string(&unsigned(complete_letters(&p))).unwrap();
    let boundary = "XBOUNDARYX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\n{doc}\r\n--{boundary}--\r\n"
    );
    let r = send(
        &app,
        axum::http::Request::post("/verify")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(axum::body::Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("Not proven to be"), "{html}");
    assert!(html.contains("sent without a signature"), "{html}");
    assert!(!html.contains("Complete:"), "never complete: {html}");
    assert!(
        html.contains("Ask a participant for their letters"),
        "{html}"
    );
    assert!(html.contains("they would be complete"), "{html}");
}

/// A stand-in VerifierPlus on loopback: `/api/credentials/<id>` answers a
/// record whose `vp` is the presentation, as
/// `app/api/credentials/[publicCredentialId]/route.ts` (5b0eae8) does; and
/// a storage URL answers a credential, as the wallet's storage does.
async fn stand_in(vp: Value, vc: Value) -> String {
    let record = json!({"id": "abc-123", "controller": vp["holder"], "vp": vp, "shared": true});
    serve_local(
        Router::new()
            .route(
                "/api/credentials/abc-123",
                get(move || {
                    let r = record.clone();
                    async move { Json(r) }
                }),
            )
            .route(
                "/space/s1/vc",
                get(move || {
                    let c = vc.clone();
                    async move { Json(c) }
                }),
            ),
    )
    .await
}

fn app_reading_links_from(host: &str) -> Router {
    use om_core::fetch::FetchPolicy;
    use om_core::rule::RuleParams;
    use om_verifier::store::Store;
    use om_verifier::AppState;
    use om_verifier::Engine;
    let engine = Engine::new(
        FetchPolicy {
            allow_local: true,
            cache_ttl: std::time::Duration::ZERO,
            timeout: std::time::Duration::from_secs(5),
            ..FetchPolicy::default()
        },
        RuleParams::default(),
        trusted_team(),
    )
    .with_shared_link_hosts(vec![host.to_string()]);
    app(AppState::new(
        engine,
        Store::in_memory().unwrap(),
        "http://verifier.test",
        30,
    ))
}

#[tokio::test]
async fn both_forms_of_the_wallets_public_link_are_fetched_and_checked() {
    let p = People::new();
    let signed = vp(
        &p,
        complete_letters(&p),
        Some("a-challenge-of-the-wallets"),
        None,
    );
    let one = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    let base = stand_in(signed, one).await;
    let host = base.trim_start_matches("http://").to_string();
    let app = app_reading_links_from(&host);

    let r = post_json(
        &app,
        "/credentials/verify",
        &json!({"link": format!("{base}/credentials/abc-123")}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(
        v["details"]["rule"]["complete"], true,
        "a signed presentation, as a share link: {v:#}"
    );

    let link = format!(
        "{base}/#verify?vc={}",
        url_encode(&format!("{base}/space/s1/vc"))
    );
    let r = post_json(&app, "/credentials/verify", &json!({"link": link})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["verified"], true, "{}", r.text());
}

#[tokio::test]
async fn links_to_hosts_the_operator_does_not_allow_are_not_fetched() {
    let p = People::new();
    let base = stand_in(vp(&p, complete_letters(&p), None, None), json!({})).await;
    // The service reads VerifierPlus links only (the default hosts).
    let app = test_app();
    for link in [
        format!("{base}/credentials/abc-123"),
        format!(
            "https://verifierplus.org/#verify?vc={}",
            url_encode(&format!("{base}/space/s1/vc"))
        ),
    ] {
        let r = post_json(&app, "/credentials/verify", &json!({"link": link})).await;
        assert_eq!(r.status, 400, "{link}: {}", r.text());
        assert!(
            r.json()["detail"]
                .as_str()
                .unwrap()
                .contains("are not read here"),
            "{}",
            r.text()
        );
    }
}

#[tokio::test]
async fn a_link_must_be_text_and_come_alone() {
    let p = People::new();
    let app = test_app();
    let one = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    for body in [
        json!({"verifiableCredential": one, "link": "https://verifierplus.org/credentials/abc"}),
        json!({"link": {}}),
        json!({"link": 7}),
    ] {
        let r = post_json(&app, "/credentials/verify", &body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text());
    }
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
