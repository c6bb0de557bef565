//! Issue 9, memory: a request naming 10 status lists of 4 MiB each, once and
//! then 100 times, must leave resident memory within a stated bound. This is
//! its own test binary so that no other test's allocations are measured.

mod common;

use std::sync::Arc;

use common::*;
use om_core::letter::Role;
use om_core::status::status_entry;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Each status list document: 4 MiB of JSON object.
const DOC_BYTES: usize = 4 * 1024 * 1024;
/// Growth of resident memory allowed after the first 10-URL request.
const BOUND_ONE_MIB: u64 = 16;
/// Growth allowed after 100 more of them.
const BOUND_HUNDRED_MIB: u64 = 32;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

/// Serves a 4 MiB JSON object at every path on loopback; requests for paths
/// ending in an even digit get a Content-Length, the others none (the body
/// ends when the connection closes), so both the early refusal and the capped
/// read are exercised. Returns the base URL.
async fn serve_big_lists() -> String {
    let mut doc = Vec::with_capacity(DOC_BYTES);
    doc.extend_from_slice(b"{\"pad\":\"");
    doc.resize(DOC_BYTES - 2, b'x');
    doc.extend_from_slice(b"\"}");
    let doc: Arc<[u8]> = doc.into();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                continue;
            };
            let doc = doc.clone();
            tokio::spawn(async move {
                let mut head = vec![0u8; 4096];
                let n = s.read(&mut head).await.unwrap_or(0);
                let line = String::from_utf8_lossy(&head[..n]);
                let path = line.split(' ').nth(1).unwrap_or("/");
                let with_length = path.ends_with(['0', '2', '4', '6', '8']);
                let mut h = String::from(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n",
                );
                if with_length {
                    h.push_str(&format!("Content-Length: {}\r\n", doc.len()));
                }
                h.push_str("\r\n");
                if s.write_all(h.as_bytes()).await.is_ok() {
                    let _ = s.write_all(&doc).await;
                }
            });
        }
    });
    base
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_big_status_lists_leave_memory_bounded() {
    let p = People::new();
    let base = serve_big_lists().await;
    let letters: Vec<Value> = (0..10)
        .map(|i| {
            let mut spec = LetterSpec::new(&p.peer, "Paulo Peer", Role::Peer, &p.holder);
            spec.status = Some(status_entry(&format!("{base}/list/{i}"), 3));
            spec.sign(&p.di)
        })
        .collect();
    let vp = vp(&p, letters, None, None);
    let body = vp_body(&vp, json!({}));
    let state = state_with(true, None);
    let app = om_verifier::app(state.clone());

    // Warm the JSON-LD caches and the runtime with a request that fetches nothing.
    let warm = post_json(
        &app,
        "/presentations/verify",
        &vp_body(&complete_vp(&p), json!({})),
    )
    .await;
    assert_eq!(warm.status, 200, "{}", warm.text());
    let before = rss_kib();

    let r = post_json(&app, "/presentations/verify", &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let text = r.text();
    // Every list was refused (too large) with the generic wording; the last
    // two were not even fetched (8 distinct URLs per request).
    let status_messages: Vec<String> = r.json()["details"]["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["checks"].as_array().unwrap().clone())
        .filter(|c| c["kind"] == "status")
        .map(|c| c["message"].as_str().unwrap().to_string())
        .collect();
    let count = |needle: &str| {
        status_messages
            .iter()
            .filter(|m| m.contains(needle))
            .count()
    };
    assert_eq!(count("the status list could not be fetched"), 8, "{text}");
    assert_eq!(count("at most 8 documents"), 2, "{text}");
    assert!(
        !text.contains("larger than"),
        "details stay in the log: {text}"
    );
    assert_eq!(state.engine.fetcher.cache_stats().entries, 0);
    let after_one = rss_kib();
    let grown = after_one.saturating_sub(before) / 1024;
    eprintln!("RSS {before} KiB before, {after_one} KiB after one request (+{grown} MiB)");
    assert!(grown < BOUND_ONE_MIB, "grew {grown} MiB after one request");

    for round in 0..50 {
        let (a, b) = tokio::join!(
            post_json(&app, "/presentations/verify", &body),
            post_json(&app, "/presentations/verify", &body)
        );
        assert_eq!(
            (a.status.as_u16(), b.status.as_u16()),
            (200, 200),
            "round {round}"
        );
    }
    let after_hundred = rss_kib();
    let grown = after_hundred.saturating_sub(before) / 1024;
    eprintln!("RSS {after_hundred} KiB after 100 more (+{grown} MiB)");
    assert!(
        grown < BOUND_HUNDRED_MIB,
        "grew {grown} MiB after 100 requests"
    );
}
