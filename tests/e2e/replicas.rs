//! Two `om-verifier serve` processes on one PostgreSQL database, on loopback,
//! behind a switchable proxy standing for a load balancer: the wallet shares
//! through replica A, the page opens on replica B, `om-wallet unshare` goes
//! through B, and A then answers 404. And a replica killed with SIGKILL in
//! the middle of share creations loses no share it answered 201.
//!
//! Needs `OM_TEST_POSTGRES_URL` (`.ci/postgres.sh` starts a server); without
//! it the tests say they were skipped (and fail when `CI=true`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use om_e2e::{bin, find_url, get, Person, SwitchProxy, Team, VerifierProcess};
use om_testkit::postgres::BlockingScratchDb as ScratchPostgres;

const LETTER: &str = "Ana kept the reading circle going for a whole year.\n";

#[test]
fn share_on_one_replica_open_and_withdraw_on_the_other() {
    let Some(pg) =
        ScratchPostgres::new("replicas::share_on_one_replica_open_and_withdraw_on_the_other")
    else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mentor = Person::new();
    let peer = Person::new();
    let ana = Person::new();
    mentor.run("om-issuer", &["init", "--name", "Maria Mentor"]);
    peer.run("om-issuer", &["init", "--name", "Pat Peer"]);
    ana.run("om-wallet", &["init", "--name", "Ana Lima"]);
    let team = Team::new("Open Masters DC");
    team.confirm(&mentor, "Maria Mentor", Some((&ana.did(), "Ana Lima")));
    team.confirm(&peer, "Pat Peer", None);
    let trust = ["--trust", team.did.as_str()];
    let letter = work.path().join("letter.md");
    std::fs::write(&letter, LETTER).unwrap();
    for (who, role, file) in [(&mentor, "mentor", "m.json"), (&peer, "peer", "p.json")] {
        let out = work.path().join(file);
        who.endorse(
            &ana.did(),
            "Ana Lima",
            role,
            letter.to_str().unwrap(),
            &["-o", out.to_str().unwrap()],
        );
        ana.run("om-wallet", &["import", out.to_str().unwrap()]);
    }

    // Both replicas are published under the balancer's address.
    let port = om_e2e::free_port();
    let public = format!("http://127.0.0.1:{port}");
    let a = VerifierProcess::start_named(work.path(), "a", &pg.url, Some(&public), &trust);
    let b = VerifierProcess::start_named(work.path(), "b", &pg.url, Some(&public), &trust);
    let lb = SwitchProxy::start(&a.base);

    let out = ana.run("om-wallet", &["share", "--verifier", &lb.base]);
    let link = find_url(&out, "/s/").unwrap_or_else(|| panic!("no share link in:\n{out}"));
    let id = link.rsplit('/').next().unwrap().to_string();
    assert_eq!(
        pg.query("SELECT count(*) FROM shares"),
        "1\n",
        "the share is in PostgreSQL"
    );

    let (status, page) = get(&format!("{}/s/{id}", b.base));
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Complete: Ana Lima has completed the Open Masters"),
        "{page}"
    );
    let (status, _) = get(&format!("{}/s/{id}.json", a.base));
    assert_eq!(status, 200);

    lb.route_to(&b.base);
    ana.run("om-wallet", &["unshare", &link]);
    let (status, _) = get(&format!("{}/s/{id}.json", a.base));
    assert_eq!(status, 404, "withdrawn through B, gone on A");
    let (status, page) = get(&format!("{}/s/{id}", a.base));
    assert_eq!(status, 404);
    assert!(page.contains("expired or was withdrawn"), "{page}");
    assert_eq!(pg.query("SELECT count(*) FROM shares"), "0\n");
}

#[test]
fn a_replica_killed_mid_run_loses_no_answered_share() {
    let Some(pg) =
        ScratchPostgres::new("replicas::a_replica_killed_mid_run_loses_no_answered_share")
    else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let fixture = work.path().join("fixture.json");
    let out = std::process::Command::new(bin("om-verifier"))
        .args(["bench-fixture", "--out", fixture.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let fixture: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&fixture).unwrap()).unwrap();
    let body = serde_json::json!({"verifiablePresentation": fixture["verifiablePresentation"]})
        .to_string();

    let generous = [
        "--share-rate",
        "1000000",
        "--share-burst",
        "1000000",
        "--max-shares-per-holder",
        "1000000",
    ];
    let mut a = VerifierProcess::start_named(work.path(), "a", &pg.url, None, &generous);
    let b = VerifierProcess::start_named(work.path(), "b", &pg.url, None, &generous);

    // Four clients create shares on A as fast as it answers.
    let answered = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (url, body) = (format!("{}/shares", a.base), body.clone());
            let (answered, stop) = (answered.clone(), stop.clone());
            std::thread::spawn(move || {
                let http = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap();
                while !stop.load(Ordering::Relaxed) {
                    let Ok(r) = http
                        .post(&url)
                        .header("Content-Type", "application/json")
                        .body(body.clone())
                        .send()
                    else {
                        return; // the replica is gone
                    };
                    if r.status().as_u16() == 201 {
                        let v: serde_json::Value = r.json().unwrap();
                        answered
                            .lock()
                            .unwrap()
                            .push(v["id"].as_str().unwrap().to_string());
                    }
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    while answered.lock().unwrap().len() < 40 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    a.kill_hard();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }

    let ids = answered.lock().unwrap().clone();
    assert!(
        ids.len() >= 40,
        "only {} shares were created before the kill",
        ids.len()
    );
    for id in &ids {
        let (status, _) = get(&format!("{}/s/{id}.json", b.base));
        assert_eq!(status, 200, "share {id} answered 201 by A is missing on B");
    }
    let stored: usize = pg
        .query("SELECT count(*) FROM shares")
        .trim()
        .parse()
        .unwrap();
    assert!(stored >= ids.len(), "{stored} < {}", ids.len());
}
