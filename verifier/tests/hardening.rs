//! Issue 9 on loopback: junk shares refused, share rate and quotas, the store's
//! size cap, database file modes, verification slots (503) and the request
//! budget, outbound address filter and wording.

mod common;

use std::time::{Duration, Instant};

use axum::routing::get;
use axum::Router;
use common::*;
use om_core::letter::Role;
use om_core::status::status_entry;
use om_verifier::http::limits::Limits;
use om_verifier::store::Store;
use serde_json::{json, Value};

fn limits() -> Limits {
    Limits {
        concurrent_verifications: 2,
        queue_wait: Duration::from_millis(50),
        request_timeout: Duration::from_secs(15),
        shares_per_minute: 1000,
        share_burst: 1000,
        shares_per_holder: 1000,
        max_store_bytes: 512 * 1024 * 1024,
        ..Limits::default()
    }
}

async fn share(client: &reqwest::Client, base: &str, vp: &Value) -> reqwest::Response {
    client
        .post(format!("{base}/shares"))
        .json(&json!({"verifiablePresentation": vp}))
        .send()
        .await
        .unwrap()
}

fn file_len(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn junk_shares_are_refused_with_a_reason() {
    let p = People::new();
    let state = state_limited(Store::in_memory().unwrap(), limits());
    let app = om_verifier::app(state.clone());
    let used = state.store.used_bytes().await.unwrap();
    let refused = |r: &Resp, needle: &str| {
        assert_eq!(r.status, 422, "{}", r.text());
        let j = r.json();
        assert_eq!(j["type"], "/problems/not-shareable", "{j}");
        assert!(j["detail"].as_str().unwrap().contains(needle), "{j}");
    };

    // The attack of issue 9: no holder, no proof, 250 KB of filler.
    let junk = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "filler": "x".repeat(250_000),
    });
    let r = post_json(&app, "/shares", &json!({"verifiablePresentation": junk})).await;
    refused(&r, "/verifiablePresentation/filler");

    // A signed presentation with an extra member is refused too (it would be
    // stored as received).
    let mut extra = complete_vp(&p);
    extra["notes"] = "hello".into();
    let r = post_json(&app, "/shares", &json!({"verifiablePresentation": extra})).await;
    refused(&r, "/verifiablePresentation/notes");

    // No holder and no proof.
    let mut anonymous = complete_vp(&p);
    anonymous.as_object_mut().unwrap().remove("proof");
    anonymous.as_object_mut().unwrap().remove("holder");
    let r = post_json(
        &app,
        "/shares",
        &json!({"verifiablePresentation": anonymous}),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.text());

    // Signed by its holder, but a letter is about someone else.
    let about_other =
        LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.other).sign(&p.di);
    let unbound = vp(&p, vec![about_other], None, None);
    let r = post_json(&app, "/shares", &json!({"verifiablePresentation": unbound})).await;
    refused(&r, "verifiableCredential/0 is not bound to the holder");

    // Holder proof broken.
    let mut tampered = complete_vp(&p);
    tampered["holder"] = People::did(&p.other).into();
    let r = post_json(
        &app,
        "/shares",
        &json!({"verifiablePresentation": tampered}),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());

    // No credentials at all.
    let empty = vp(&p, vec![], None, None);
    let r = post_json(&app, "/shares", &json!({"verifiablePresentation": empty})).await;
    refused(&r, "no credentials");

    assert_eq!(
        state.store.used_bytes().await.unwrap(),
        used,
        "nothing was stored"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn share_rate_per_address_then_429_and_files_are_private() {
    const N: u32 = 5;
    const CAP: u64 = 1024 * 1024;
    let p = People::new();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shares.sqlite");
    let state = state_limited(
        Store::open(&db).unwrap(),
        Limits {
            shares_per_minute: N,
            share_burst: N,
            max_store_bytes: CAP,
            ..limits()
        },
    );
    let base = serve_app(om_verifier::app(state.clone())).await;
    let client = reqwest::Client::new();
    let vp = complete_vp(&p);
    for i in 0..N {
        let r = share(&client, &base, &vp).await;
        assert_eq!(r.status(), 201, "share {i}: {}", r.text().await.unwrap());
    }
    let r = share(&client, &base, &vp).await;
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&retry), "Retry-After {retry}");
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let j: Value = r.json().await.unwrap();
    assert_eq!(j["type"], "/problems/rate-limited");
    assert_eq!(j["status"], 429);

    let total = file_len(&db) + file_len(&dir.path().join("shares.sqlite-wal"));
    assert!(total < CAP, "database {total} bytes, cap {CAP}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in ["shares.sqlite", "shares.sqlite-wal", "shares.sqlite-shm"] {
            let path = dir.path().join(name);
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{name} is {mode:o}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn live_shares_per_holder_are_capped() {
    let p = People::new();
    let state = state_limited(
        Store::in_memory().unwrap(),
        Limits {
            shares_per_holder: 3,
            ..limits()
        },
    );
    let app = om_verifier::app(state);
    let body = json!({"verifiablePresentation": complete_vp(&p)});
    for _ in 0..3 {
        assert_eq!(post_json(&app, "/shares", &body).await.status, 201);
    }
    let r = post_json(&app, "/shares", &body).await;
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["type"], "/problems/share-quota");
    assert!(r.headers.contains_key("retry-after"));
    // Another holder is not affected.
    let q = People::new();
    let r = post_json(
        &app,
        "/shares",
        &json!({"verifiablePresentation": complete_vp(&q)}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_store_answers_507_and_keeps_every_share() {
    const CAP: u64 = 128 * 1024;
    let p = People::new();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shares.sqlite");
    let state = state_limited(
        Store::open(&db).unwrap(),
        Limits {
            max_store_bytes: CAP,
            ..limits()
        },
    );
    let app = om_verifier::app(state.clone());
    let body = json!({"verifiablePresentation": complete_vp(&p)});
    let mut ids = Vec::new();
    let full = loop {
        let r = post_json(&app, "/shares", &body).await;
        if r.status != 201 {
            break r;
        }
        ids.push(r.json()["id"].as_str().unwrap().to_string());
        assert!(ids.len() < 200, "never full");
    };
    assert_eq!(full.status, 507, "{}", full.text());
    assert_eq!(full.json()["type"], "/problems/store-full");
    assert!(ids.len() >= 5, "only {} shares fit", ids.len());
    assert!(state.store.used_bytes().await.unwrap() <= CAP);
    let on_disk = file_len(&db);
    assert!(on_disk <= CAP, "database file {on_disk} bytes, cap {CAP}");
    for id in &ids {
        let r = get_path(&app, &format!("/s/{id}.json")).await;
        assert_eq!(r.status, 200, "share lost: {}", r.text());
    }
}

/// A status list server that answers after `delay` (404).
async fn slow_server(delay: Duration) -> String {
    serve_local(Router::new().route(
        "/slow",
        get(move || async move {
            tokio::time::sleep(delay).await;
            axum::http::StatusCode::NOT_FOUND
        }),
    ))
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn saturated_slots_answer_503_and_timed_out_work_keeps_its_slot() {
    let p = People::new();
    let base = slow_server(Duration::from_secs(3)).await;
    let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
    spec.status = Some(status_entry(&format!("{base}/slow"), 1));
    let slow_vc = spec.sign(&p.di);
    let quick_vc = letter(&p, &p.peer, "Paulo Peer", Role::Peer);
    let state = state_limited(
        Store::in_memory().unwrap(),
        Limits {
            concurrent_verifications: 1,
            request_timeout: Duration::from_secs(1),
            ..limits()
        },
    );
    let app = om_verifier::app(state.clone());

    let started = Instant::now();
    let slow = post_json(&app, "/credentials/verify", &vc_body(&slow_vc)).await;
    // The request gave up after its 1 s budget…
    assert_eq!(slow.status, 408, "{}", slow.text());
    assert!(started.elapsed() < Duration::from_millis(2500));
    // …but its blocking work (a 3 s fetch) still holds the only slot: 503.
    let r = post_json(&app, "/credentials/verify", &vc_body(&quick_vc)).await;
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.headers["retry-after"], "1");
    assert_eq!(r.json()["type"], "/problems/busy");
    // Once the work has ended, the slot is free again.
    while started.elapsed() < Duration::from_secs(4) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state.slots.available(), 1);
    let r = post_json(&app, "/credentials/verify", &vc_body(&quick_vc)).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn forbidden_ranges_are_refused_with_generic_wording() {
    let p = People::new();
    let app = om_verifier::app(state_with(false, None));
    for url in [
        "https://[::ffff:127.0.0.1]:9/list",
        "https://[::ffff:a9fe:a9fe]/list",
        "https://[64:ff9b:1::a00:1]/list",
        "https://[64:ff9b::7f00:1]:9/list",
        "https://127.0.0.1:9/list",
    ] {
        let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
        spec.status = Some(status_entry(url, 1));
        let r = post_json(&app, "/credentials/verify", &vc_body(&spec.sign(&p.di))).await;
        assert_eq!(r.status, 200, "{}", r.text());
        // What the verifier says about the fetch (DIDs elsewhere in the
        // report are random base58 and may contain "dns" by chance).
        let text = r.json()["warnings"].to_string();
        assert!(
            text.contains("the status list could not be fetched"),
            "{url}: {text}"
        );
        for leak in ["private", "loopback", "refused", "timed out", "dns"] {
            assert!(
                !text.to_lowercase().contains(leak),
                "{url} leaks {leak:?}: {text}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_never_logs_share_ids_and_keeps_its_db_private() {
    let p = People::new();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("served.sqlite");
    let (mut child, base) = spawn_server(&db, &[]).await;
    let client = reqwest::Client::new();
    let r = share(&client, &base, &complete_vp(&p)).await;
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    let token = created["deleteToken"].as_str().unwrap().to_string();
    let page = client.get(format!("{base}/s/{id}")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let gone = client
        .delete(format!("{base}/shares/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 204);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in ["served.sqlite", "served.sqlite-wal", "served.sqlite-shm"] {
            let mode = std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, 0o600, "{name} is {mode:o}");
        }
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("share created"), "{log}");
    assert!(!log.contains(&id), "the share id is in the log:\n{log}");
    assert!(
        !log.contains(&token),
        "the delete token is in the log:\n{log}"
    );
    assert!(
        log.contains(&om_verifier::store::short_hash(&id)),
        "the short hash names the share:\n{log}"
    );
}
