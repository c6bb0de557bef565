//! Share links, inline links and the pages, through `oneshot` and a real server.

mod common;

use std::io::Write;

use axum::body::Body;
use axum::http::{header, Request};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use flate2::write::DeflateEncoder;
use om_core::letter::Role;
use serde_json::{json, Value};

async fn delete(app: &axum::Router, id: &str, token: Option<&str>) -> Resp {
    let mut b = Request::delete(format!("/shares/{id}"));
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(app, b.body(Body::empty()).unwrap()).await
}

#[tokio::test(flavor = "multi_thread")]
async fn share_flow_create_view_delete() {
    let p = People::new();
    let state = state_with(true, None);
    let app = om_verifier::app(state.clone());
    let vp_text = serde_json::to_string_pretty(&complete_vp(&p)).unwrap();
    let body = format!("{{\"verifiablePresentation\": {vp_text}}}");
    let r = post_raw(&app, "/shares", Some("application/json"), body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    let token = created["deleteToken"].as_str().unwrap().to_string();
    assert!(
        id.len() >= 22
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert!(token.len() >= 43);
    assert_eq!(created["url"], format!("http://verifier.test/s/{id}"));
    assert!(chrono::DateTime::parse_from_rfc3339(created["expires"].as_str().unwrap()).is_ok());
    // Stored exactly as received.
    assert_eq!(state.store.get(&id).await.unwrap().unwrap().vp, vp_text);

    let page = get_path(&app, &format!("/s/{id}")).await;
    assert_eq!(page.status, 200);
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(
        page.headers["referrer-policy"], "no-referrer",
        "share links must not leak"
    );
    let html = page.text();
    assert!(
        html.contains("Complete: Ana Lima has completed the Open Masters"),
        "{html}"
    );
    assert!(html.contains("Maria Mentor") && html.contains("Paulo Peer"));
    // Printing: a button the page's one script shows (allowed by its hash), and,
    // on paper only, the QR code and the link of the live check.
    assert!(
        html.contains(r#"<button type="button" id="print" hidden>Print or save as PDF</button>"#)
    );
    assert!(html.contains("@media print"));
    assert!(html.contains(&format!("<code>http://verifier.test/s/{id}</code>")));
    assert!(html.contains("This printout proves nothing by itself"));
    let print_hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(
            om_verifier::page::layout::PRINT_SCRIPT.as_bytes(),
        ))
    };
    assert!(csp.contains(&format!("'sha256-{print_hash}'")), "{csp}");
    assert!(html.contains(om_verifier::page::layout::PRINT_SCRIPT));
    assert!(
        html.contains("Confirmed: Open Masters Test Team"),
        "each letter says who confirms its writer"
    );
    assert!(
        html.contains("<strong>reading circle</strong>"),
        "markdown rendered"
    );
    assert!(!html.contains("<script>alert"), "letter HTML is escaped");
    assert!(
        !html.contains("href=\"javascript"),
        "javascript: links dropped"
    );
    assert!(html.contains("name=\"viewport\""));

    let report = get_path(&app, &format!("/s/{id}.json")).await;
    assert_eq!(report.status, 200);
    let report = report.json();
    assert_eq!(report["verified"], true, "{report:#}");
    assert_eq!(report["share"]["id"], id.as_str());

    assert_eq!(delete(&app, &id, Some("not-the-token")).await.status, 403);
    assert_eq!(delete(&app, &id, None).await.status, 403);
    assert_eq!(delete(&app, &id, Some(&token)).await.status, 204);
    assert_eq!(delete(&app, &id, Some(&token)).await.status, 404);
    let gone = get_path(&app, &format!("/s/{id}")).await;
    assert_eq!(gone.status, 404);
    assert!(gone.text().contains("expired or was withdrawn"));
    assert_eq!(get_path(&app, &format!("/s/{id}.json")).await.status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn incomplete_presentations_are_stored_and_tampered_ones_refused() {
    let p = People::new();
    let app = test_app();
    let vp = vp(
        &p,
        vec![
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
            letter(&p, &p.peer2, "Priya Peer", Role::Peer),
        ],
        None,
        None,
    );
    let r = post_json(&app, "/shares", &json!({"verifiablePresentation": vp})).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let html = get_path(&app, &format!("/s/{id}")).await.text();
    assert!(html.contains("Not complete"), "{html}");
    assert!(html.contains("letter from a mentor"), "{html}");

    let mut tampered = complete_vp(&p);
    tampered["verifiableCredential"][0]["credentialSubject"]["name"] = "Someone Else".into();
    // A presentation whose holder proof no longer holds is not stored.
    let r = post_json(
        &app,
        "/shares",
        &json!({"verifiablePresentation": tampered}),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["type"], "/problems/not-shareable");
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("holder's proof does not verify"),
        "{}",
        r.text()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_shares_are_gone() {
    let p = People::new();
    let state = state_with(true, None);
    let app = om_verifier::app(state.clone());
    let r = post_json(
        &app,
        "/shares",
        &json!({"verifiablePresentation": complete_vp(&p)}),
    )
    .await;
    let id = r.json()["id"].as_str().unwrap().to_string();
    state
        .store
        .set_expires(&id, chrono::Utc::now() - chrono::Duration::seconds(5))
        .await
        .unwrap();
    assert_eq!(get_path(&app, &format!("/s/{id}")).await.status, 404);
    assert!(state.store.get(&id).await.unwrap().is_none());
}

pub fn inline_payload(vp: &Value) -> String {
    let mut e = DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&serde_json::to_vec(vp).unwrap()).unwrap();
    URL_SAFE_NO_PAD.encode(e.finish().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn inline_links_render_the_same_report() {
    let p = People::new();
    let app = test_app();
    let r = post_json(
        &app,
        "/inline/render",
        &json!({"payload": inline_payload(&complete_vp(&p))}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.content_type().starts_with("text/html"));
    assert!(r
        .text()
        .contains("Complete: Ana Lima has completed the Open Masters"));
    assert!(!r.text().contains("<html"), "a fragment, not a page");
    let page = get_path(&app, "/v").await.text();
    assert!(page.contains("needs JavaScript") && page.contains("inline/render"));
    assert!(page.contains("<noscript>"));
}

fn multipart(fields: &[(&str, &str, bool)]) -> (String, Vec<u8>) {
    let boundary = "XyZboundary123";
    let mut body = Vec::new();
    for (name, value, is_file) in fields {
        write!(body, "--{boundary}\r\n").unwrap();
        if *is_file {
            write!(body, "Content-Disposition: form-data; name=\"{name}\"; filename=\"vp.json\"\r\nContent-Type: application/json\r\n\r\n").unwrap();
        } else {
            write!(
                body,
                "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            )
            .unwrap();
        }
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test(flavor = "multi_thread")]
async fn home_page_form_checks_files_and_pasted_text() {
    let p = People::new();
    let app = test_app();
    let home = get_path(&app, "/").await.text();
    assert!(home.contains("<form") && home.contains("action=\"/verify?lang=en\""));
    let vp_text = serde_json::to_string(&complete_vp(&p)).unwrap();
    let (ct, body) = multipart(&[("file", &vp_text, true), ("document", "", false)]);
    let r = post_raw(&app, "/verify", Some(&ct), body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("Complete: Ana Lima"));
    let vc = serde_json::to_string(&letter(&p, &p.mentor, "Maria Mentor", Role::Mentor)).unwrap();
    let (ct, body) = multipart(&[("document", &vc, false)]);
    let r = post_raw(&app, "/verify", Some(&ct), body).await;
    assert!(
        r.text()
            .contains("Valid: this letter from Maria Mentor holds"),
        "{}",
        r.text()
    );
    let (ct, body) = multipart(&[("document", "{not json", false)]);
    let r = post_raw(&app, "/verify", Some(&ct), body).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("not valid JSON"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_names_who_confirms_and_refuses_sock_puppets() {
    let p = People::new();
    let app = om_verifier::app(state_with(true, None));
    let r = post_json(
        &app,
        "/inline/render",
        &json!({"payload": inline_payload(&complete_vp(&p))}),
    )
    .await;
    let html = r.text().replace("&#39;", "'");
    assert!(
        html.contains("Complete: Ana Lima has completed the Open Masters"),
        "{html}"
    );
    assert!(
        html.contains("is Ana Lima's co-mentor, confirmed by Open Masters Test Team, until"),
        "{html}"
    );
    assert!(html.contains("Confirmed: Open Masters Test Team"), "{html}");
    // The same letters without the team's confirmations: never complete.
    let puppets = vp(
        &p,
        ["Maria Mentor", "Paulo Peer"]
            .iter()
            .zip([(&p.mentor, Role::Mentor), (&p.peer, Role::Peer)])
            .map(|(name, (k, role))| {
                let mut spec = LetterSpec::new(k, name, role, &p.holder);
                spec.confirmed = false;
                spec.sign(&p.di)
            })
            .collect(),
        None,
        None,
    );
    let r = post_json(
        &app,
        "/inline/render",
        &json!({"payload": inline_payload(&puppets)}),
    )
    .await;
    let html = r.text().replace("&#39;", "'");
    assert!(!html.contains("Complete:"), "{html}");
    assert!(
        html.contains(
            "Not confirmed: Ana Lima's letters are not confirmed by a team this verifier trusts"
        ),
        "{html}"
    );
    assert!(html.contains("Not confirmed by a team you trust"), "{html}");
    // A team this verifier does not trust is named, and does not count.
    let app = om_verifier::app(state_with(true, Some(Default::default())));
    let r = post_json(
        &app,
        "/inline/render",
        &json!({"payload": inline_payload(&complete_vp(&p))}),
    )
    .await;
    let html = r.text().replace("&#39;", "'");
    assert!(!html.contains("Complete:"), "{html}");
    assert!(
        html.contains("a team this verifier does not trust"),
        "{html}"
    );
    assert!(html.contains(team().controller()), "{html}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_real_server_on_loopback() {
    let p = People::new();
    let base = serve_local(test_app()).await;
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ok"
    );
    let created: Value = client
        .post(format!("{base}/shares"))
        .json(&json!({"verifiablePresentation": complete_vp(&p)}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let page = client.get(format!("{base}/s/{id}")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Complete: Ana Lima"));
    let r = client
        .post(format!("{base}/presentations/verify"))
        .json(&vp_body(&complete_vp(&p), json!({})))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client
        .delete(format!("{base}/shares/{id}"))
        .bearer_auth(created["deleteToken"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
}
