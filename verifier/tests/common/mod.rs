//! Fixtures shared by the verifier's tests: keys, letters, presentations, an app.
#![allow(dead_code)]

use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use http_body_util::BodyExt;
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole, TrustedTeams};
use om_core::fetch::FetchPolicy;
use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::rule::RuleParams;
use om_verifier::store::Store;
use om_verifier::{app, AppState, Engine};
use serde_json::{json, Value};
use tower::ServiceExt;

/// The team of the tests' cohort: one key per test process, trusted by
/// [`state_with`] unless a test says otherwise.
pub fn team() -> &'static KeyPair {
    static TEAM: OnceLock<KeyPair> = OnceLock::new();
    TEAM.get_or_init(KeyPair::generate)
}

/// The test team, as a verifier trusts it.
pub fn trusted_team() -> TrustedTeams {
    TrustedTeams::new([team().controller()])
}

/// The team's confirmation of `who`: as a co-mentor of `participant` for a
/// mentor letter, as a participant for a peer letter (valid for a year around now).
pub fn confirmation(di: &DataIntegrity, who: &KeyPair, role: Role, participant: &str) -> Value {
    let (role, mentor_of) = match role {
        Role::Mentor => (
            ConfirmedRole::CoMentor,
            Some((participant.to_string(), "Ana Lima".to_string())),
        ),
        Role::Peer => (ConfirmedRole::Participant, None),
    };
    let draft = ConfirmationDraft {
        id: new_credential_id(),
        team: Profile {
            id: team().controller().into(),
            name: "Open Masters Test Team".into(),
            ..Profile::default()
        },
        subject_id: who.controller().into(),
        subject_name: "A writer".into(),
        role,
        mentor_of,
        valid_from: Utc::now() - Duration::days(30),
        valid_until: Utc::now() + Duration::days(335),
        status: None,
    };
    di.sign(
        &draft.to_credential().unwrap(),
        team(),
        &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
    )
    .unwrap()
}

pub struct People {
    pub di: DataIntegrity,
    pub holder: KeyPair,
    pub mentor: KeyPair,
    pub peer: KeyPair,
    pub peer2: KeyPair,
    pub other: KeyPair,
}

impl People {
    pub fn new() -> Self {
        Self {
            di: DataIntegrity::new(),
            holder: KeyPair::generate(),
            mentor: KeyPair::generate(),
            peer: KeyPair::generate(),
            peer2: KeyPair::generate(),
            other: KeyPair::generate(),
        }
    }

    pub fn did(k: &KeyPair) -> String {
        k.controller().to_string()
    }
}

pub struct LetterSpec<'a> {
    pub endorser: &'a KeyPair,
    pub name: &'a str,
    pub role: Role,
    pub subject: String,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub status: Option<Value>,
    pub text: &'a str,
    /// Whether the letter carries the test team's confirmation of its writer.
    pub confirmed: bool,
}

impl<'a> LetterSpec<'a> {
    pub fn new(endorser: &'a KeyPair, name: &'a str, role: Role, subject: &KeyPair) -> Self {
        Self {
            endorser,
            name,
            role,
            subject: subject.controller().to_string(),
            valid_from: Utc::now() - Duration::days(2),
            valid_until: None,
            status: None,
            confirmed: true,
            text: "Ana ran our **reading circle** for a year, and kept it going when attendance dropped.\n\n<script>alert(1)</script>\n\nSee [my note](javascript:alert(1)) and [the circle's site](https://example.org).",
        }
    }

    pub fn sign(&self, di: &DataIntegrity) -> Value {
        let draft = LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: self.endorser.controller().to_string(),
                name: self.name.into(),
                endorsement: if self.confirmed {
                    vec![confirmation(di, self.endorser, self.role, &self.subject)]
                } else {
                    vec![]
                },
                ..Profile::default()
            },
            role: self.role,
            subject_id: self.subject.clone(),
            subject_name: "Ana Lima".into(),
            text: self.text.into(),
            format: LetterFormat::Ob3,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            status: self.status.clone(),
        };
        di.sign(
            &draft.to_credential().unwrap(),
            self.endorser,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap()
    }
}

pub fn letter(p: &People, endorser: &KeyPair, name: &str, role: Role) -> Value {
    LetterSpec::new(endorser, name, role, &p.holder).sign(&p.di)
}

pub fn vp(p: &People, letters: Vec<Value>, challenge: Option<&str>, domain: Option<&str>) -> Value {
    sign_presentation(
        &p.di,
        &p.holder,
        letters,
        &ProofOptions::authentication(
            Cryptosuite::EddsaRdfc2022,
            challenge.map(str::to_string),
            domain.map(str::to_string),
        ),
    )
    .unwrap()
}

/// The mentor + peer presentation (complete).
pub fn complete_vp(p: &People) -> Value {
    vp(
        p,
        vec![
            letter(p, &p.mentor, "Maria Mentor", Role::Mentor),
            letter(p, &p.peer, "Paulo Peer", Role::Peer),
        ],
        None,
        None,
    )
}

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
