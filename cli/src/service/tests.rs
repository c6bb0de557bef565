//! The client against a loopback server that answers what it is told to:
//! problem documents, junk, huge bodies, redirects.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use super::*;

/// Serves one request on loopback with `status`, `headers` and `body`; the URL.
fn answer_once(status: &str, headers: &str, body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/shares", listener.local_addr().unwrap());
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut sink = vec![0; length];
        let _ = std::io::Read::read_exact(&mut reader, &mut sink);
        let mut stream = stream;
        // The client may stop reading a huge body: a write error is expected.
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
    });
    url
}

fn client() -> ServiceClient {
    ServiceClient::new(Tool::Wallet)
}

const JSON: &str = "Content-Type: application/problem+json\r\n";

#[test]
fn a_problem_document_is_a_refusal_with_its_detail() {
    let body =
        br#"{"type":"/problems/gone","title":"Gone","status":409,"detail":"already received"}"#;
    let url = answer_once("409 Conflict", JSON, body.to_vec());
    let e = client()
        .post_json(&url, &serde_json::json!({}))
        .unwrap_err();
    let r = e.refusal().expect("a refusal");
    assert_eq!((r.status, r.detail.as_str()), (409, "already received"));
    assert_eq!(
        e.to_string(),
        format!("{url} answered HTTP 409: already received")
    );
    assert_eq!(e.exit_status(), Status::Negative);
    assert_eq!(e.hint(), None);
    // Found again through anyhow and its context.
    let any = anyhow::Error::new(e).context("delivering");
    assert_eq!(refusal_of(&any).map(|r| r.status), Some(409));
}

#[test]
fn escape_sequences_in_a_detail_never_reach_the_terminal() {
    let body =
        br#"{"title":"x","detail":"ok\u001b[2J\u001b]8;;http://evil\u0007click\r\nforged: line"}"#;
    let url = answer_once("403 Forbidden", JSON, body.to_vec());
    let e = client().delete(&url, "token").unwrap_err();
    let shown = e.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(
        shown.ends_with("ok\\u{1b}[2J\\u{1b}]8;;http://evil\\u{7}click\\u{d}\\u{a}forged: line"),
        "{shown}"
    );
}

#[test]
fn junk_and_huge_refusals_are_cut_and_neutralised() {
    // Not JSON: the start of the body, as words.
    let url = answer_once(
        "502 Bad Gateway",
        "",
        b"<h1>\x1b[5mBad gateway</h1>".to_vec(),
    );
    let e = client().get_json(&url).unwrap_err();
    assert_eq!(
        e.refusal().unwrap().detail,
        "<h1>\\u{1b}[5mBad gateway</h1>"
    );
    assert_eq!(
        e.exit_status(),
        Status::CouldNotCheck,
        "a failing service is no verdict"
    );
    assert!(e.hint().is_some_and(|h| h.contains("try again")));
    // Huge: read only up to the bound, and only its start kept.
    let url = answer_once(
        "500 Internal Server Error",
        "",
        vec![b'z'; 3 * MAX_ANSWER as usize],
    );
    let e = client().get_json(&url).unwrap_err();
    assert_eq!(e.refusal().unwrap().detail.len(), problem::MAX_EXCERPT);
    assert_eq!(e.exit_status(), Status::CouldNotCheck);
}

#[test]
fn answers_are_bounded_and_must_be_json() {
    let url = answer_once("200 OK", "", vec![b' '; MAX_ANSWER as usize + 10]);
    let e = client().get_json(&url).unwrap_err();
    assert!(
        matches!(
            e,
            ServiceError::TooLarge {
                limit: MAX_ANSWER,
                ..
            }
        ),
        "{e}"
    );
    let url = answer_once("200 OK", "", b"<html>".to_vec());
    assert!(matches!(
        client().get_json(&url),
        Err(ServiceError::NotJson { .. })
    ));
    let url = answer_once("201 Created", "", br#"{"id":"a"}"#.to_vec());
    assert_eq!(
        client().post_json(&url, &serde_json::json!({})).unwrap()["id"],
        "a"
    );
    let url = answer_once("204 No Content", "", vec![]);
    assert_eq!(client().delete(&url, "t").ok(), Some(()));
}

#[test]
fn the_services_redirects_are_not_followed() {
    let url = answer_once(
        "302 Found",
        "Location: http://127.0.0.1:9/elsewhere\r\n",
        vec![],
    );
    let e = client()
        .post_json(&url, &serde_json::json!({}))
        .unwrap_err();
    assert!(
        matches!(e, ServiceError::Unexpected { status: 302, .. }),
        "{e}"
    );
    assert_eq!(e.exit_status(), Status::CouldNotCheck);
}

#[test]
fn a_service_out_of_reach_could_not_be_asked() {
    // A port nothing listens on (bound, then closed).
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = client()
        .get_json(&format!("http://127.0.0.1:{port}/x"))
        .unwrap_err();
    assert!(matches!(e, ServiceError::Unreachable { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("could not reach http://127.0.0.1:"),
        "{e}"
    );
    assert_eq!(e.exit_status(), Status::CouldNotCheck);
    assert_eq!(e.hint(), Some("check the link and your connection"));
    let any = anyhow::Error::new(e);
    assert!(hint_of(any.chain().next().unwrap()).is_some());
}
