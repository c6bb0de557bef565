//! The hosted status lists' HTTP face, in process: what `PUT
//! /status-lists/{did}/{name}` refuses (each forgery or mistake named) and
//! what it bounds; `GET` serves the bytes unchanged.

mod common;

use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use chrono::{Duration, Utc};
use common::{get_path, send, state_with, Resp};
use om_core::keys::KeyPair;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::status::{status_list_credential, Bitstring, MIN_LIST_BITS};
use om_verifier::app;
use serde_json::Value;

const SERVICE: &str = "http://verifier.test";

fn path_of(did: &str, name: &str) -> String {
    format!("/status-lists/{did}/{name}")
}

/// A list signed by `key`, at `url`, issued by `issuer`, valid from `from`.
fn signed(
    di: &DataIntegrity,
    key: &KeyPair,
    url: &str,
    issuer: &str,
    from: chrono::DateTime<Utc>,
    revoked: &[usize],
) -> Value {
    let mut bits = Bitstring::new(MIN_LIST_BITS);
    for &i in revoked {
        bits.set(i, true).unwrap();
    }
    let unsigned = status_list_credential(url, issuer, &bits, from, None);
    di.sign(
        &unsigned,
        key,
        &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
    )
    .unwrap()
}

async fn put(app: &Router, path: &str, ct: Option<&str>, body: Vec<u8>) -> Resp {
    let mut b = Request::put(path);
    if let Some(ct) = ct {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    send(app, b.body(Body::from(body)).unwrap()).await
}

async fn put_json(app: &Router, path: &str, v: &Value) -> Resp {
    put(
        app,
        path,
        Some("application/json"),
        serde_json::to_vec_pretty(v).unwrap(),
    )
    .await
}

fn detail(r: &Resp) -> String {
    assert_eq!(r.content_type(), "application/problem+json", "{}", r.text());
    r.json()["detail"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn upload_serve_and_refusals() {
    let app = app(state_with(true, None));
    let di = DataIntegrity::new();
    let a = KeyPair::generate();
    let b = KeyPair::generate();
    let did = a.controller().to_string();
    let path = path_of(&did, "revocation");
    let url = format!("{SERVICE}{path}");
    let now = Utc::now();

    assert_eq!(get_path(&app, &path).await.status, 404);

    let first = signed(&di, &a, &url, &did, now - Duration::seconds(10), &[]);
    let first_bytes = serde_json::to_vec_pretty(&first).unwrap();
    let r = put(&app, &path, Some("application/json"), first_bytes.clone()).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["result"], "created");
    assert_eq!(r.json()["url"], url.as_str());
    let g = get_path(&app, &path).await;
    assert_eq!(g.status, 200);
    assert_eq!(g.body.to_vec(), first_bytes, "served byte for byte");
    assert_eq!(g.content_type(), "application/vc+ld+json");
    assert!(g.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let r = put(&app, &path, Some("application/json"), first_bytes.clone()).await;
    assert_eq!(
        (r.status.as_u16(), r.json()["result"].clone()),
        (200, "unchanged".into())
    );

    // Forgery: a list signed by B whose issuer and id claim A.
    let forged = signed(&di, &b, &url, &did, now, &[]);
    let r = put_json(&app, &path, &forged).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        detail(&r).contains(&format!("signed with a key of {}", b.controller())),
        "{}",
        r.text()
    );

    // Forgery: B's own list, filed under A's DID.
    let bs = signed(&di, &b, &url, b.controller(), now, &[]);
    let r = put_json(&app, &path, &bs).await;
    assert_eq!(r.status, 422);
    assert!(
        detail(&r).contains("filed only under its issuer's DID"),
        "{}",
        r.text()
    );

    // Forgery: A's genuine list re-filed under another name.
    let r = put_json(&app, &path_of(&did, "copy"), &first).await;
    assert_eq!(r.status, 422);
    assert!(
        detail(&r).contains("filed only at its own id"),
        "{}",
        r.text()
    );

    // Mistake: a list dated far ahead would block every later one.
    let ahead = signed(&di, &a, &url, &did, now + Duration::days(1), &[]);
    let r = put_json(&app, &path, &ahead).await;
    assert_eq!(r.status, 422);
    assert!(detail(&r).contains("in the future"), "{}", r.text());

    // Forgery: a bit flipped after signing.
    let second = signed(&di, &a, &url, &did, now, &[7]);
    let mut flipped = second.clone();
    flipped["credentialSubject"]["encodedList"] = first["credentialSubject"]["encodedList"].clone();
    let r = put_json(&app, &path, &flipped).await;
    assert_eq!(r.status, 422);
    assert!(
        detail(&r).contains("signature does not hold"),
        "{}",
        r.text()
    );

    // Not a status list at all (a credential of another type).
    let mut other = first.clone();
    other["type"] = serde_json::json!(["VerifiableCredential"]);
    let r = put_json(&app, &path, &other).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        detail(&r).contains("not a BitstringStatusListCredential"),
        "{}",
        r.text()
    );

    // Newer replaces; then the older one is a rollback.
    let r = put_json(&app, &path, &second).await;
    assert_eq!(
        (r.status.as_u16(), r.json()["result"].clone()),
        (200, "replaced".into())
    );
    let r = put(&app, &path, Some("application/json"), first_bytes).await;
    assert_eq!(r.status, 409);
    assert!(detail(&r).contains("older than the stored list: rollback refused"));
    assert_eq!(get_path(&app, &path).await.json(), second);
}

#[tokio::test]
async fn bad_requests_are_clear_and_bounded() {
    let app = app(state_with(true, None));
    let did = KeyPair::generate().controller().to_string();
    let path = path_of(&did, "revocation");
    // Paths that are no list's address.
    for bad in [
        "/status-lists/notadid/revocation".to_string(),
        path_of(&did, "a.json"),
        format!("/status-lists/{did}/a/b"),
        path_of(&did, &"n".repeat(65)),
    ] {
        let r = get_path(&app, &bad).await;
        assert_eq!(r.status, 404, "{bad}");
        assert_eq!(r.content_type(), "application/problem+json");
    }
    assert_eq!(put(&app, &path, None, b"{}".to_vec()).await.status, 415);
    assert_eq!(
        put(&app, &path, Some("application/json"), b"{".to_vec())
            .await
            .status,
        400
    );
    let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(70 * 1024));
    let r = put(&app, &path, Some("application/json"), huge.into_bytes()).await;
    assert_eq!(r.status, 413);
    assert!(detail(&r).contains("64 KiB"), "{}", r.text());
    let r = put(&app, &path, Some("application/json"), b"{}".to_vec()).await;
    assert_eq!(r.status, 422, "{}", r.text());
    // No deleting or editing.
    for method in ["DELETE", "POST", "PATCH"] {
        let r = send(
            &app,
            Request::builder()
                .method(method)
                .uri(&path)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 405, "{method}");
    }
}

#[tokio::test]
async fn uploads_are_rate_limited_per_address() {
    let app = app(state_with(true, None));
    let did = KeyPair::generate().controller().to_string();
    let path = path_of(&did, "revocation");
    let mut limited = None;
    for i in 0..12 {
        let r = put(&app, &path, Some("application/json"), b"{}".to_vec()).await;
        if r.status == 429 {
            limited = Some(i);
            assert!(r.headers.contains_key(header::RETRY_AFTER));
            break;
        }
    }
    assert_eq!(limited, Some(10), "the burst is 10");
}
