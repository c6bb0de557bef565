//! Renders share pages in headless Chromium at phone size (390×844): takes
//! screenshots into `<target>/screenshots/` and checks the verdict is in the DOM.
//! Skipped (with a notice) when /usr/bin/chromium is not installed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use om_core::letter::Role;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";

fn target_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    // target/debug/deps/browser-… → target
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

fn chromium(profile: &Path, extra: &[String], url: &str) -> std::process::Output {
    let mut args: Vec<String> = [
        "90",
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=390,844",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    args.push(url.to_string());
    Command::new("timeout")
        .args(&args)
        .output()
        .expect("chromium runs")
}

async fn share(base: &str, vp: &Value) -> String {
    let created: Value = reqwest::Client::new()
        .post(format!("{base}/shares"))
        .json(&json!({"verifiablePresentation": vp}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    format!("{base}/s/{}", created["id"].as_str().unwrap())
}

async fn shoot(url: String, name: &'static str, expect: &'static str) {
    let shots = target_dir().join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let file = shots.join(name);
    let out = tokio::task::spawn_blocking(move || {
        let profile = tempfile::tempdir().unwrap();
        let dom = chromium(
            profile.path(),
            &[
                "--virtual-time-budget=5000".to_string(),
                "--dump-dom".to_string(),
            ],
            &url,
        );
        let profile2 = tempfile::tempdir().unwrap();
        let shot = chromium(
            profile2.path(),
            &[
                "--virtual-time-budget=5000".to_string(),
                format!("--screenshot={}", file.display()),
            ],
            &url,
        );
        (dom, shot, file)
    })
    .await
    .unwrap();
    let (dom, shot, file) = out;
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom_text.contains(expect),
        "verdict {expect:?} not in the DOM; stderr: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    assert!(
        file.exists(),
        "no screenshot at {}: {}",
        file.display(),
        String::from_utf8_lossy(&shot.stderr)
    );
    println!("screenshot: {}", file.display());
}

#[tokio::test(flavor = "multi_thread")]
async fn share_pages_in_a_phone_sized_browser() {
    if !Path::new(CHROMIUM).exists() {
        println!("SKIPPED: {CHROMIUM} is not installed (apt-get install chromium)");
        return;
    }
    let p = People::new();
    let base = serve_local(test_app()).await;
    let complete = share(&base, &complete_vp(&p)).await;
    shoot(
        complete.clone(),
        "share-complete.png",
        "Complete: Ana Lima has completed the Open Masters",
    )
    .await;
    // The same page in Spanish and in Portuguese (Brazil), as the switcher links it.
    shoot(
        format!("{complete}?lang=es"),
        "share-complete-es.png",
        "Completo: Ana Lima ha completado el Open Masters, según confirma",
    )
    .await;
    shoot(
        format!("{complete}?lang=pt-BR"),
        "share-complete-pt-BR.png",
        "Completo: Ana Lima concluiu o Open Masters, conforme confirmado por",
    )
    .await;
    let two_peers = vp(
        &p,
        vec![
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
            letter(&p, &p.peer2, "Priya Peer", Role::Peer),
        ],
        None,
        None,
    );
    // Inline mode: the presentation travels in the fragment, the page's script renders it.
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut e, &serde_json::to_vec(&complete_vp(&p)).unwrap()).unwrap();
    use base64::Engine as _;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(e.finish().unwrap());
    shoot(
        format!("{base}/v#vp={payload}"),
        "inline-complete.png",
        "Complete: Ana Lima has completed the Open Masters",
    )
    .await;
    let incomplete = share(&base, &two_peers).await;
    shoot(
        incomplete,
        "share-incomplete.png",
        "Not complete: Ana Lima has not shown a completed Open Masters",
    )
    .await;
}

/// Opens an employer's request: its page and its exchange URL.
async fn open_ask(client: &reqwest::Client, base: &str) -> (String, String) {
    let created = client.post(format!("{base}/ask")).send().await.unwrap();
    assert_eq!(created.status().as_u16(), 303);
    let page = format!("{base}{}", created.headers()["location"].to_str().unwrap());
    let state: Value = client
        .get(format!("{page}/state"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = exchange_id(state["interactionUrl"].as_str().unwrap());
    (page, format!("{base}/exchanges/{id}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ask_page_waits_then_shows_the_verdict_in_a_phone_sized_browser() {
    if !Path::new(CHROMIUM).exists() {
        println!("SKIPPED: {CHROMIUM} is not installed (apt-get install chromium)");
        return;
    }
    let p = People::new();
    let base = serve_local(test_app()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (page, exchange) = open_ask(&client, &base).await;
    shoot(page.clone(), "ask-waiting.png", "Waiting for an answer").await;

    let request: Value = client
        .post(&exchange)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let vpr = &request["verifiablePresentationRequest"];
    let answer = vp(
        &p,
        vec![
            letter(&p, &p.mentor, "Maria Mentor", Role::Mentor),
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
        ],
        vpr["challenge"].as_str(),
        vpr["domain"].as_str(),
    );
    let r = client
        .post(&exchange)
        .json(&json!({"verifiablePresentation": answer}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    shoot(
        format!("{page}?lang=es"),
        "ask-answered-es.png",
        "Completo: Ana Lima ha completado el Open Masters",
    )
    .await;
    shoot(
        page,
        "ask-answered.png",
        "Complete: Ana Lima has completed the Open Masters",
    )
    .await;

    // A replayed answer, on a new request: the page says what happened.
    let (page2, exchange2) = open_ask(&client, &base).await;
    let r = client
        .post(&exchange2)
        .json(&json!({"verifiablePresentation": answer}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    shoot(page2, "ask-replayed.png", "a replay").await;
}
