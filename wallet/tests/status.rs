//! Revocation through a status list served on 127.0.0.1, and import from a URL.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{Duration, Utc};
use predicates::prelude::*;
use serde_json::Value;

use om_core::letter::{new_credential_id, LetterDraft, LetterFormat, Profile, Role};
use om_core::proof::Cryptosuite;
use om_core::status::{status_entry, status_list_credential, Bitstring};

use common::*;

/// Serves `/status/1` (the status list) and `/letter.json` from shared state.
fn serve(docs: Arc<Mutex<(Value, String)>>) -> String {
    use axum::extract::State;
    use axum::routing::get;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route(
            "/status/1",
            get(|State(d): State<Arc<Mutex<(Value, String)>>>| async move {
                axum::Json(d.lock().unwrap().0.clone())
            }),
        )
        .route(
            "/letter.json",
            get(|State(d): State<Arc<Mutex<(Value, String)>>>| async move {
                d.lock().unwrap().1.clone()
            }),
        )
        .with_state(docs);
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
    base
}

#[test]
fn revoked_letters_are_shown_and_do_not_count() {
    let home = Home::with_identity("Ada");
    let me = home.did();
    let grace = Endorser::new("Grace");
    let alan = Endorser::new("Alan");
    let docs = Arc::new(Mutex::new((Value::Null, String::new())));
    let base = serve(docs.clone());
    let list_url = format!("{base}/status/1");
    let publish = |revoked: bool| {
        let mut bits = Bitstring::new(0);
        bits.set(7, revoked).unwrap();
        let list = status_list_credential(
            &list_url,
            grace.key.controller(),
            &bits,
            Utc::now() - Duration::days(1),
            None,
        );
        docs.lock().unwrap().0 = sign(&list, &grace.key, Cryptosuite::EddsaJcs2022);
    };
    publish(false);
    let draft = LetterDraft {
        id: new_credential_id(),
        endorser: Profile {
            endorsement: vec![confirmation(&grace.key, Role::Mentor, &me)],
            ..grace.profile()
        },
        role: Role::Mentor,
        subject_id: me.clone(),
        subject_name: "Ada".into(),
        text: "Ada is great.".into(),
        format: LetterFormat::Ob3,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: None,
        status: Some(status_entry(&list_url, 7)),
    };
    let letter = pretty(&sign(
        &draft.to_credential().unwrap(),
        &grace.key,
        Cryptosuite::EddsaRdfc2022,
    ));
    docs.lock().unwrap().1 = letter.clone();

    let f = home.write("mentor.json", &letter);
    // Import from the URL, with local fetches allowed: the list says not revoked.
    home.cmd()
        .env("OM_ALLOW_LOCAL_FETCH", "1")
        .args(["import", &format!("{base}/letter.json")])
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ imported"))
        .stdout(predicate::str::contains("warning").not());
    home.cmd()
        .arg("import")
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("already in your wallet"));
    let peer = home.write(
        "peer.json",
        &pretty(&alan.letter(Role::Peer, &me, Cryptosuite::EddsaJcs2022)),
    );
    home.cmd().arg("import").arg(&peer).assert().success();
    home.cmd()
        .env("OM_ALLOW_LOCAL_FETCH", "1")
        .arg("check")
        .assert()
        .code(0);

    // Grace revokes it.
    publish(true);
    let out = home
        .cmd()
        .env("OM_ALLOW_LOCAL_FETCH", "1")
        .args(["list", "--json", "--check-status"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "revoked", "{v:#}");
    assert_eq!(v[1]["status"], "valid");
    // Offline listing only knows dates.
    assert_eq!(home.list()[0]["status"], "valid");
    let out = home
        .cmd()
        .env("OM_ALLOW_LOCAL_FETCH", "1")
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("revoked by its issuer"),
        "{}",
        stdout(&out)
    );

    // Importing it again into a wallet that lost it: refused as revoked.
    home.cmd()
        .args(["remove", draft.id.as_str()])
        .assert()
        .success();
    home.cmd()
        .env("OM_ALLOW_LOCAL_FETCH", "1")
        .arg("import")
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("revoked by its issuer"));
}

#[test]
fn unreachable_status_is_a_warning() {
    let home = Home::with_identity("Ada");
    let me = home.did();
    let grace = Endorser::new("Grace");
    let draft = LetterDraft {
        id: new_credential_id(),
        endorser: Profile {
            endorsement: vec![confirmation(&grace.key, Role::Mentor, &me)],
            ..grace.profile()
        },
        role: Role::Mentor,
        subject_id: me,
        subject_name: "Ada".into(),
        text: "Ada is great.".into(),
        format: LetterFormat::Ob3,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: None,
        status: Some(status_entry("http://127.0.0.1:9/status/1", 3)),
    };
    let letter = sign(
        &draft.to_credential().unwrap(),
        &grace.key,
        Cryptosuite::EddsaJcs2022,
    );
    let f = home.write("l.json", &pretty(&letter));
    home.cmd()
        .arg("import")
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ imported"))
        .stdout(predicate::str::contains("? warning: Revocation"));
    let v = home.list();
    assert_eq!(v[0]["status"], "valid");
}
