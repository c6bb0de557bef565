//! Fixtures shared by the verifier's tests: keys, letters, presentations, an app.
#![allow(dead_code)]

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use om_core::confirmation::TrustedTeams;
use om_core::fetch::FetchPolicy;
use om_core::rule::RuleParams;
use om_verifier::store::Store;
use om_verifier::{app, AppState, Engine};
use serde_json::{json, Value};
use tower::ServiceExt;

// Keys, the test team, letters and presentations: the workspace's test kit.
#[allow(unused_imports)]
pub use om_testkit::letters::{complete_vp, letter, team, trusted_team, vp, LetterSpec, People};

/// A state on an in-memory store; `teams` are trusted (default: the test team).
pub fn state_with(allow_local: bool, teams: Option<TrustedTeams>) -> AppState {
    let engine = Engine::new(
        FetchPolicy {
            allow_local,
            cache_ttl: std::time::Duration::ZERO,
            timeout: std::time::Duration::from_secs(5),
            ..FetchPolicy::default()
        },
        RuleParams::default(),
        teams.unwrap_or_else(trusted_team),
    );
    AppState::new(
        engine,
        Store::in_memory().unwrap(),
        "http://verifier.test",
        30,
    )
}

pub fn test_app() -> Router {
    app(state_with(true, None))
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn content_type(&self) -> String {
        self.headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Resp {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    Resp {
        status,
        headers,
        body,
    }
}

pub async fn post_raw(
    app: &Router,
    path: &str,
    content_type: Option<&str>,
    body: impl Into<Body>,
) -> Resp {
    let mut b = Request::post(path);
    if let Some(ct) = content_type {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    send(app, b.body(body.into()).unwrap()).await
}

pub async fn post_json(app: &Router, path: &str, body: &Value) -> Resp {
    post_raw(
        app,
        path,
        Some("application/json"),
        serde_json::to_vec(body).unwrap(),
    )
    .await
}

pub async fn get_path(app: &Router, path: &str) -> Resp {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

pub fn vc_body(vc: &Value) -> Value {
    json!({"verifiableCredential": vc, "options": {}})
}

pub fn vp_body(vp: &Value, options: Value) -> Value {
    json!({"verifiablePresentation": vp, "options": options})
}

/// Every message of the report's errors and warnings, lower-cased.
pub fn reasons(result: &Value) -> String {
    let mut out = String::new();
    for key in ["errors", "warnings"] {
        for e in result[key].as_array().unwrap() {
            out.push_str(&e.to_string().to_lowercase());
            out.push('\n');
        }
    }
    out
}

/// Serves `routes` on 127.0.0.1:0; returns the base URL.
pub async fn serve_local(routes: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, routes).await.unwrap();
    });
    format!("http://{addr}")
}

/// State with local fetches allowed, the given limits and store.
pub fn state_limited(store: Store, limits: om_verifier::http::limits::Limits) -> AppState {
    let engine = Engine::new(
        FetchPolicy {
            allow_local: true,
            timeout: std::time::Duration::from_secs(5),
            ..FetchPolicy::default()
        },
        RuleParams::default(),
        trusted_team(),
    );
    AppState::with_limits(engine, store, "http://verifier.test", 30, limits)
}

/// Serves `app` with client addresses (as `om-verifier serve` does) on
/// 127.0.0.1:0; returns the base URL.
pub async fn serve_app(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    format!("http://{addr}")
}

/// The id of an interaction or exchange URL (its last path segment).
pub fn exchange_id(url: &str) -> String {
    let path = url.split('?').next().unwrap();
    path.rsplit('/').next().unwrap().to_string()
}

/// Runs `om-verifier serve` (debug logs, piped) on a free loopback port;
/// returns the child and the base URL once it answers.
pub async fn spawn_server(db: &std::path::Path, extra: &[&str]) -> (std::process::Child, String) {
    spawn_server_with(db, extra, true).await
}

/// Runs `om-verifier serve` on a free loopback port, its debug log piped if
/// `keep_log` (read it, or the pipe fills) and discarded otherwise; returns
/// the child and the base URL once it answers.
pub async fn spawn_server_with(
    db: &std::path::Path,
    extra: &[&str],
    keep_log: bool,
) -> (std::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_om-verifier"))
        .args(["serve", "--addr", &addr, "--db"])
        .arg(db)
        .args(extra)
        .env("RUST_LOG", if keep_log { "debug" } else { "warn" })
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::null())
        .stderr(if keep_log {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .spawn()
        .unwrap();
    let base = format!("http://{addr}");
    for _ in 0..200 {
        if reqwest::get(format!("{base}/healthz")).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    (child, base)
}
