//! 100+ malformed requests: each is a 4xx with an RFC 9457 problem, never a 5xx.

mod common;

use std::io::Write;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use flate2::write::DeflateEncoder;
use om_core::letter::Role;
use serde_json::{json, Value};

const ENDPOINTS: [&str; 4] = [
    "/credentials/verify",
    "/presentations/verify",
    "/shares",
    "/inline/render",
];

fn deflate_b64(bytes: &[u8]) -> String {
    let mut e = DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    URL_SAFE_NO_PAD.encode(e.finish().unwrap())
}

fn generic_bodies() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = [
        "",
        " ",
        "\n\t",
        "{",
        "}",
        "[]",
        "[1,2]",
        "\"a string\"",
        "null",
        "true",
        "42",
        "1e999",
        "-1e999",
        "{\"a\":}",
        "{'a':1}",
        "{\"a\":1,}",
        "{\"verifiableCredential\": null}",
        "{\"verifiableCredential\": []}",
        "{\"verifiableCredential\": \"x\"}",
        "{\"verifiablePresentation\": 5}",
        "{\"credential\": {}}",
        "{\"payload\": 123}",
        "{\"verifiablePresentation\": {\"@context\": 1e999}}",
        "nul",
        "{\"a\": \"\\ud800\"}",
    ]
    .iter()
    .map(|s| (format!("{s:?}"), s.as_bytes().to_vec()))
    .collect();
    v.push((
        "10,000-deep array".into(),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
    ));
    v.push((
        "10,000-deep object".into(),
        format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)).into_bytes(),
    ));
    v.push(("invalid UTF-8".into(), vec![0xff, 0xfe, b'{', b'}']));
    v.push(("NUL byte".into(), vec![0]));
    v
}

fn specific_cases(p: &People) -> Vec<(String, &'static str, Option<&'static str>, Vec<u8>)> {
    let good_vc = letter(p, &p.mentor, "Maria Mentor", Role::Mentor);
    let good_vp = complete_vp(p);
    let json_case = |name: &str, path: &'static str, body: Value| {
        (
            name.to_string(),
            path,
            Some("application/json"),
            serde_json::to_vec(&body).unwrap(),
        )
    };
    let mut unknown_ctx = good_vc.clone();
    unknown_ctx["@context"] = json!([
        "https://www.w3.org/ns/credentials/v2",
        "https://evil.example/ctx.json"
    ]);
    let mut no_proof = good_vc.clone();
    no_proof.as_object_mut().unwrap().remove("proof");
    // A proof set is verified proof by proof (letter-profile.md §7.1): one
    // proof with nothing but a type in it makes the set fail.
    let mut two_proofs = good_vc.clone();
    two_proofs["proof"] = json!([good_vc["proof"], {"type": "DataIntegrityProof"}]);
    let mut no_type = good_vc.clone();
    no_type.as_object_mut().unwrap().remove("type");
    let mut not_vc = good_vc.clone();
    not_vc["type"] = json!(["Thing"]);
    let mut no_issuer = good_vc.clone();
    no_issuer.as_object_mut().unwrap().remove("issuer");
    let mut ctx_number = good_vc.clone();
    ctx_number["@context"] = json!(7);
    let mut no_ctx = good_vc.clone();
    no_ctx.as_object_mut().unwrap().remove("@context");
    let mut proof_string = good_vc.clone();
    proof_string["proof"] = json!("signed, honest");
    let mut vp_unknown_ctx = good_vp.clone();
    vp_unknown_ctx["@context"] = json!([
        "https://www.w3.org/ns/credentials/v2",
        "https://evil.example/ctx.json"
    ]);
    let mut vp_no_proof = good_vp.clone();
    vp_no_proof.as_object_mut().unwrap().remove("proof");
    let mut vp_inner_no_proof = good_vp.clone();
    vp_inner_no_proof["verifiableCredential"][0]
        .as_object_mut()
        .unwrap()
        .remove("proof");
    let mut cases = vec![
        json_case(
            "VC: unknown context",
            "/credentials/verify",
            vc_body(&unknown_ctx),
        ),
        json_case("VC: no proof", "/credentials/verify", vc_body(&no_proof)),
        json_case(
            "VC: a proof set with an empty second proof",
            "/credentials/verify",
            vc_body(&two_proofs),
        ),
        json_case("VC: no type", "/credentials/verify", vc_body(&no_type)),
        json_case(
            "VC: not a VerifiableCredential",
            "/credentials/verify",
            vc_body(&not_vc),
        ),
        json_case("VC: no issuer", "/credentials/verify", vc_body(&no_issuer)),
        json_case(
            "VC: @context is a number",
            "/credentials/verify",
            vc_body(&ctx_number),
        ),
        json_case("VC: no @context", "/credentials/verify", vc_body(&no_ctx)),
        json_case(
            "VC: proof is a string",
            "/credentials/verify",
            vc_body(&proof_string),
        ),
        json_case(
            "VC: a presentation",
            "/credentials/verify",
            vc_body(&good_vp),
        ),
        json_case(
            "VC: empty object",
            "/credentials/verify",
            vc_body(&json!({})),
        ),
        json_case(
            "VC: wrong member name",
            "/credentials/verify",
            json!({"verifiablePresentation": good_vc}),
        ),
        json_case(
            "VC: options not an object",
            "/credentials/verify",
            json!({"verifiableCredential": good_vc, "options": [1]}),
        ),
        json_case(
            "VP: unknown context",
            "/presentations/verify",
            vp_body(&vp_unknown_ctx, json!({})),
        ),
        json_case(
            "VP: no proof",
            "/presentations/verify",
            vp_body(&vp_no_proof, json!({})),
        ),
        json_case(
            "VP: a letter without proof",
            "/presentations/verify",
            vp_body(&vp_inner_no_proof, json!({})),
        ),
        json_case(
            "VP: a credential",
            "/presentations/verify",
            vp_body(&good_vc, json!({})),
        ),
        json_case(
            "VP: challenge is a number",
            "/presentations/verify",
            vp_body(&good_vp, json!({"challenge": 5})),
        ),
        json_case(
            "VP: domain is an object",
            "/presentations/verify",
            vp_body(&good_vp, json!({"domain": {}})),
        ),
        json_case(
            "VP: options a string",
            "/presentations/verify",
            vp_body(&good_vp, json!("x")),
        ),
        json_case(
            "VP: wrong member name",
            "/presentations/verify",
            json!({"presentation": good_vp}),
        ),
        json_case(
            "share: no proof",
            "/shares",
            json!({"verifiablePresentation": vp_no_proof}),
        ),
        json_case(
            "share: unknown context",
            "/shares",
            json!({"verifiablePresentation": vp_unknown_ctx}),
        ),
        json_case(
            "share: a credential",
            "/shares",
            json!({"verifiablePresentation": good_vc}),
        ),
        json_case("share: wrong member", "/shares", json!({"vp": good_vp})),
        json_case(
            "inline: not base64",
            "/inline/render",
            json!({"payload": "!!!***"}),
        ),
        json_case(
            "inline: not deflate",
            "/inline/render",
            json!({"payload": URL_SAFE_NO_PAD.encode(b"plain text, not deflate at all \xff\xfe")}),
        ),
        json_case(
            "inline: not JSON",
            "/inline/render",
            json!({"payload": deflate_b64(b"hello")}),
        ),
        json_case(
            "inline: an array",
            "/inline/render",
            json!({"payload": deflate_b64(b"[1,2,3]")}),
        ),
        json_case(
            "inline: no proof",
            "/inline/render",
            json!({"payload": deflate_b64(&serde_json::to_vec(&vp_no_proof).unwrap())}),
        ),
        json_case(
            "inline: bomb",
            "/inline/render",
            json!({"payload": deflate_b64(&vec![b' '; 3 * 1024 * 1024])}),
        ),
        json_case(
            "inline: 10,000-deep",
            "/inline/render",
            json!({"payload": deflate_b64(format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).as_bytes())}),
        ),
    ];
    for path in ENDPOINTS {
        cases.push(("no content type".into(), path, None, b"{}".to_vec()));
        cases.push((
            "text/plain".into(),
            path,
            Some("text/plain"),
            serde_json::to_vec(&vc_body(&good_vc)).unwrap(),
        ));
        cases.push((
            "form".into(),
            path,
            Some("application/x-www-form-urlencoded"),
            b"a=1".to_vec(),
        ));
        let big = json!({"verifiableCredential": {"pad": "x".repeat(300 * 1024)}, "verifiablePresentation": {}, "payload": ""});
        cases.push((
            "300 KiB".into(),
            path,
            Some("application/json"),
            serde_json::to_vec(&big).unwrap(),
        ));
    }
    cases
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_get_problem_json_never_5xx() {
    let p = People::new();
    let app = test_app();
    let mut cases: Vec<(String, &'static str, Option<&'static str>, Vec<u8>)> = Vec::new();
    for path in ENDPOINTS {
        for (name, body) in generic_bodies() {
            cases.push((name, path, Some("application/json"), body));
        }
    }
    cases.extend(specific_cases(&p));
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (name, path, ct, body) in &cases {
        let r = post_raw(&app, path, *ct, body.clone()).await;
        let ok_status = r.status.is_client_error();
        let problem: Option<Value> = serde_json::from_slice(&r.body).ok();
        let ok_problem = r.content_type() == "application/problem+json"
            && problem.as_ref().is_some_and(|p| {
                p["type"].is_string()
                    && p["title"].is_string()
                    && p["detail"].is_string()
                    && p["status"] == r.status.as_u16()
            });
        // A JSON document that is not a valid credential or presentation is
        // judged, not rejected: an invalid verdict with its reasons (the
        // strict reader names the JSON path), or the page saying so.
        let judged = r.status == axum::http::StatusCode::OK
            && match *path {
                "/credentials/verify" | "/presentations/verify" => {
                    problem.as_ref().is_some_and(|v| {
                        v["verified"] == false
                            && v["errors"].as_array().is_some_and(|e| !e.is_empty())
                    })
                }
                "/inline/render" => r.text().contains("class=\"verdict bad\""),
                _ => false,
            };
        if !(judged || ok_status && ok_problem) {
            failures.push(format!(
                "{path} {name}: {} {} {}",
                r.status,
                r.content_type(),
                r.text()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn status_codes_are_the_right_ones() {
    let app = test_app();
    let r = post_raw(&app, "/credentials/verify", Some("text/plain"), "{}").await;
    assert_eq!(r.status, 415);
    let big = vec![b' '; 300 * 1024];
    let r = post_raw(&app, "/presentations/verify", Some("application/json"), big).await;
    assert_eq!(r.status, 413, "{}", r.text());
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let r = post_raw(
        &app,
        "/presentations/verify",
        Some("application/json"),
        deep,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.json()["detail"].as_str().unwrap().contains("recursion"),
        "{}",
        r.text()
    );
    let r = post_raw(
        &app,
        "/credentials/verify",
        Some("application/json; charset=utf-8"),
        "{}",
    )
    .await;
    assert_eq!(
        r.status, 400,
        "charset parameter accepted, then the shape refused"
    );
    let r = get_path(&app, "/no/such/page").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.content_type(), "application/problem+json");
}

/// Forgery: a body whose key appears twice, so that one reader takes the
/// first value and another the last (a relay shows one letter, this service
/// would check another). Every JSON endpoint refuses it, before any work,
/// with the same problem; so do a body not declared JSON and an empty one.
#[tokio::test]
async fn every_json_endpoint_refuses_duplicate_keys_undeclared_and_empty_bodies() {
    let app = test_app();
    let dup = br#"{"verifiablePresentation": {"a": 1}, "verifiablePresentation": {"b": 2}}"#;
    let nested = br#"{"verifiableCredential": {"issuer": "did:key:z1", "issuer": "did:key:z2"}}"#;
    let endpoints = [
        ("POST", "/credentials/verify"),
        ("POST", "/presentations/verify"),
        ("POST", "/shares"),
        ("POST", "/deliveries"),
        ("POST", "/inline/render"),
        ("POST", "/exchanges/no-such-exchange"),
        ("POST", "/exchanges/no-such-exchange/lcw"),
        (
            "PUT",
            "/status-lists/did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK/list-1",
        ),
    ];
    for (method, path) in endpoints {
        for (what, body, ct, status, kind) in [
            (
                "duplicate key",
                &dup[..],
                "application/json",
                400,
                "/problems/invalid-json",
            ),
            (
                "nested duplicate key",
                &nested[..],
                "application/json",
                400,
                "/problems/invalid-json",
            ),
            (
                "empty body",
                &b""[..],
                "application/json",
                400,
                "/problems/invalid-json",
            ),
            (
                "not declared JSON",
                &b"{}"[..],
                "text/plain",
                415,
                "/problems/unsupported-media-type",
            ),
        ] {
            let r = send(
                &app,
                axum::http::Request::builder()
                    .method(method)
                    .uri(path)
                    .header("content-type", ct)
                    .body(axum::body::Body::from(body.to_vec()))
                    .unwrap(),
            )
            .await;
            assert_eq!(
                r.status.as_u16(),
                status,
                "{method} {path}, {what}: {}",
                r.text()
            );
            assert_eq!(r.json()["type"], kind, "{method} {path}, {what}");
        }
    }
}
