//! Several replicas on one PostgreSQL database, in process: a share created
//! through one is opened and withdrawn through another; the per-holder cap
//! holds across them; a database outage is a 503 with a problem document,
//! which readiness reports. Readiness on SQLite too.

mod common;
mod pg_support;

use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use common::*;
use om_verifier::http::limits::Limits;
use om_verifier::store::{Store, StoreOptions};
use serde_json::json;

async fn replica(url: &str, limits: Limits) -> Router {
    let store = Store::connect(url, &StoreOptions::default()).await.unwrap();
    om_verifier::app(state_limited(store, limits))
}

async fn delete(app: &Router, id: &str, token: &str) -> Resp {
    let req = Request::delete(format!("/shares/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    send(app, req).await
}

#[tokio::test(flavor = "multi_thread")]
async fn readiness_reports_the_sqlite_store() {
    let app = test_app();
    let r = get_path(&app, "/readyz").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"status": "ready", "store": "sqlite"}));
    let r = get_path(&app, "/healthz").await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "ok"));
    let doc = get_path(&app, "/openapi.json").await.json();
    let readyz = &doc["paths"]["/readyz"]["get"]["responses"];
    assert!(readyz.get("200").is_some() && readyz.get("503").is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn create_on_one_replica_open_and_withdraw_on_another() {
    let Some(db) =
        pg_support::ScratchDb::new("replicas::create_on_one_replica_open_and_withdraw_on_another")
            .await
    else {
        return;
    };
    let limits = Limits {
        shares_per_holder: 2,
        ..Limits::default()
    };
    let a = replica(&db.url, limits.clone()).await;
    let b = replica(&db.url, limits).await;
    let p = People::new();
    let body = json!({"verifiablePresentation": complete_vp(&p)});

    let r = post_json(&a, "/shares", &body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let token = r.json()["deleteToken"].as_str().unwrap().to_string();
    let page = get_path(&b, &format!("/s/{id}.json")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(page.json()["verified"], true);
    assert_eq!(get_path(&b, "/readyz").await.json()["store"], "postgres");

    // The holder's cap (2) counts the shares made on both replicas.
    assert_eq!(post_json(&b, "/shares", &body).await.status, 201);
    let third = post_json(&a, "/shares", &body).await;
    assert_eq!(third.status, 429, "{}", third.text());
    assert_eq!(third.json()["type"], "/problems/share-quota");

    // Ids that cannot be share ids (PostgreSQL refuses NUL in text) are 404, not 500.
    for odd in ["%00abc", "a%00", "%C3%A9", "x%20y"] {
        assert_eq!(
            get_path(&b, &format!("/s/{odd}")).await.status,
            404,
            "{odd}"
        );
        assert_eq!(
            get_path(&b, &format!("/s/{odd}.json")).await.status,
            404,
            "{odd}"
        );
        assert_eq!(delete(&b, odd, "t").await.status, 404, "{odd}");
    }
    assert_eq!(delete(&b, &id, "wrong").await.status, 403);
    assert_eq!(delete(&b, &id, &token).await.status, 204);
    assert_eq!(get_path(&a, &format!("/s/{id}.json")).await.status, 404);
    assert_eq!(delete(&a, &id, &token).await.status, 404);
    // Withdrawn: there is room for the holder again.
    assert_eq!(post_json(&a, "/shares", &body).await.status, 201);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_outage_is_503_and_not_ready() {
    let Some(db) =
        pg_support::ScratchDb::new("replicas::a_database_outage_is_503_and_not_ready").await
    else {
        return;
    };
    let app = replica(&db.url, Limits::default()).await;
    let p = People::new();
    let body = json!({"verifiablePresentation": complete_vp(&p)});
    let r = post_json(&app, "/shares", &body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(get_path(&app, "/readyz").await.status, 200);

    db.drop_now().await;

    for r in [
        get_path(&app, &format!("/s/{id}")).await,
        get_path(&app, &format!("/s/{id}.json")).await,
        post_json(&app, "/shares", &body).await,
        delete(&app, &id, "token").await,
        get_path(&app, "/readyz").await,
    ] {
        assert_eq!(r.status, 503, "{}", r.text());
        assert_eq!(r.content_type(), "application/problem+json");
        assert_eq!(r.json()["type"], "/problems/store-unavailable");
        assert!(r.headers.contains_key(header::RETRY_AFTER));
    }
    // Liveness stays 200 and reports the store; verification still works.
    let r = get_path(&app, "/healthz").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "ok; share store unavailable");
    let r = post_json(
        &app,
        "/presentations/verify",
        &vp_body(&complete_vp(&p), json!({})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
}
