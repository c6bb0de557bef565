//! Helpers for the wallet's integration tests: homes, signed letters and badges.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, BadgeDraft, Profile, Role};
use om_core::proof::{Cryptosuite, DataIntegrity};
use om_testkit::letters::LetterSpec;

pub use om_testkit::identity::PASSPHRASE;
/// The team of the tests' cohort (one key per test process), trusted by every
/// command that [`Home::cmd`] runs (`OM_TRUST`).
pub use om_testkit::letters::team;

/// The team's confirmation of `who`: a co-mentor of `subject` (Ada) for a mentor
/// letter, a participant for a peer letter.
pub fn confirmation(who: &KeyPair, role: Role, subject: &str) -> Value {
    om_testkit::letters::confirmation(&DataIntegrity::new(), who, role, subject, "Ada")
}

/// A temporary home with a wallet identity.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A home with an identity made by `init`.
    pub fn with_identity(name: &str) -> Self {
        let h = Self::new();
        h.cmd().args(["init", "--name", name]).assert().success();
        h
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("om-wallet").unwrap();
        c.env("OM_HOME", self.path())
            .env("OM_PASSPHRASE", PASSPHRASE)
            .env("OM_TRUST", team().controller())
            // English output, whatever the machine's locale (wallet/tests/i18n.rs
            // sets another).
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("OM_ALLOW_LOCAL_FETCH");
        c
    }

    pub fn did(&self) -> String {
        om_testkit::identity::did_in(&self.path())
    }

    /// A file in the test's scratch folder (outside the home).
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.file(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// `list --json` as a value.
    pub fn list(&self) -> Value {
        let out = self.cmd().args(["list", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// An endorser: a key and a name.
pub struct Endorser {
    pub key: KeyPair,
    pub name: String,
}

impl Endorser {
    pub fn new(name: &str) -> Self {
        Self {
            key: KeyPair::generate(),
            name: name.into(),
        }
    }

    pub fn profile(&self) -> Profile {
        Profile {
            id: self.key.controller().to_string(),
            name: self.name.clone(),
            ..Default::default()
        }
    }

    /// A signed letter for `subject`.
    pub fn letter(&self, role: Role, subject: &str, suite: Cryptosuite) -> Value {
        self.letter_dated(role, subject, suite, Utc::now() - Duration::days(1), None)
    }

    pub fn letter_dated(
        &self,
        role: Role,
        subject: &str,
        suite: Cryptosuite,
        from: chrono::DateTime<Utc>,
        until: Option<chrono::DateTime<Utc>>,
    ) -> Value {
        let text = format!(
            "{} writes: Ada did excellent work on the project.",
            self.name
        );
        self.letter_written(role, subject, "Ada", &text, suite, from, until)
    }

    /// A signed letter with its own words, about `name`.
    #[allow(clippy::too_many_arguments)]
    pub fn letter_written(
        &self,
        role: Role,
        subject: &str,
        name: &str,
        text: &str,
        suite: Cryptosuite,
        from: chrono::DateTime<Utc>,
        until: Option<chrono::DateTime<Utc>>,
    ) -> Value {
        LetterSpec {
            subject_name: name,
            valid_from: from,
            valid_until: until,
            text,
            confirmed_name: "Ada",
            suite,
            ..LetterSpec::about(&self.key, &self.name, role, subject)
        }
        .sign(&DataIntegrity::new())
    }

    /// A signed Open Badge for `subject`.
    pub fn badge(&self, subject: &str) -> Value {
        let draft = BadgeDraft {
            id: new_credential_id(),
            issuer: self.profile(),
            subject_id: subject.into(),
            subject_name: Some("Ada".into()),
            achievement_id: "https://example.org/achievements/open-masters".into(),
            name: "Open Masters".into(),
            description: "Completed the Open Masters".into(),
            criteria: "Two letters of endorsement".into(),
            valid_from: Utc::now() - Duration::days(1),
            valid_until: None,
            status: None,
        };
        sign(
            &draft.to_credential().unwrap(),
            &self.key,
            Cryptosuite::EddsaRdfc2022,
        )
    }
}

pub fn sign(unsigned: &Value, key: &KeyPair, suite: Cryptosuite) -> Value {
    om_testkit::letters::sign(&DataIntegrity::new(), unsigned, key, suite)
}

pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

#[derive(Default)]
pub struct FakeState {
    /// id → (token, vp)
    pub shares: std::collections::BTreeMap<String, (String, Value)>,
    pub deletes: usize,
}

/// A tiny verifier on 127.0.0.1 that implements POST /shares and DELETE /shares/{id}.
pub struct FakeVerifier {
    pub base: String,
    pub state: Arc<Mutex<FakeState>>,
}

impl FakeVerifier {
    pub fn start() -> Self {
        use axum::extract::{Path, State};
        use axum::http::{HeaderMap, StatusCode};
        use axum::routing::{delete, post};
        use axum::Json;

        let state: Arc<Mutex<FakeState>> = Arc::default();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let public = base.clone();
        let app = axum::Router::new()
            .route(
                "/shares",
                post(
                    move |State(s): State<Arc<Mutex<FakeState>>>, Json(body): Json<Value>| {
                        let public = public.clone();
                        async move {
                            let Some(vp) = body.get("verifiablePresentation").cloned() else {
                                return (
                                    StatusCode::BAD_REQUEST,
                                    Json(json!({"title": "no presentation"})),
                                );
                            };
                            let id = uuid::Uuid::new_v4().simple().to_string();
                            let token = uuid::Uuid::new_v4().simple().to_string();
                            s.lock()
                                .unwrap()
                                .shares
                                .insert(id.clone(), (token.clone(), vp));
                            (
                                StatusCode::CREATED,
                                Json(json!({"id": id, "url": format!("{public}/s/{id}"),
                                "expires": "2099-01-01T00:00:00Z", "deleteToken": token})),
                            )
                        }
                    },
                ),
            )
            .route(
                "/shares/{id}",
                delete(
                    |State(s): State<Arc<Mutex<FakeState>>>,
                     Path(id): Path<String>,
                     headers: HeaderMap| async move {
                        let mut s = s.lock().unwrap();
                        let Some((token, _)) = s.shares.get(&id) else {
                            return StatusCode::NOT_FOUND;
                        };
                        let given = headers
                            .get("authorization")
                            .and_then(|h| h.to_str().ok())
                            .unwrap_or_default();
                        if given != format!("Bearer {token}") {
                            return StatusCode::FORBIDDEN;
                        }
                        s.shares.remove(&id);
                        s.deletes += 1;
                        StatusCode::NO_CONTENT
                    },
                ),
            )
            .with_state(state.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let l = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(l, app).await.unwrap();
            });
        });
        Self { base, state }
    }
}
