//! The wallet and the verifier decide the programme rule the same way: on the
//! same letters, when the mentor's status list cannot be reached, both say
//! "cannot tell yet" (exit status 2), not "not complete".

use std::path::Path;

use om_e2e::{free_port, Person, Team};
use serde_json::Value;

fn endorse(who: &Person, to: &str, role: &str, letter: &Path, out: &Path) {
    who.endorse(
        to,
        "Ana Lima",
        role,
        letter.to_str().unwrap(),
        &["-o", out.to_str().unwrap()],
    );
}

#[test]
fn wallet_and_verifier_agree_when_a_status_list_is_out_of_reach() {
    let work = tempfile::tempdir().unwrap();
    // Nothing listens on this port: the status list cannot be fetched.
    let status_url = format!("http://127.0.0.1:{}/maria-status.json", free_port());
    let mentor = Person::new();
    let peer = Person::new();
    let ana = Person::new();
    mentor.run(
        "om-issuer",
        &[
            "init",
            "--name",
            "Maria Mentor",
            "--status-url",
            &status_url,
        ],
    );
    peer.run("om-issuer", &["init", "--name", "Pat Peer"]);
    ana.run("om-wallet", &["init", "--name", "Ana Lima"]);
    let ana_did = ana.did();
    // Both writers confirmed by the team that both tools trust (OM_TRUST).
    let team = Team::new("Open Masters DC");
    team.confirm(&mentor, "Maria Mentor", Some((&ana_did, "Ana Lima")));
    team.confirm(&peer, "Pat Peer", None);
    let letter = work.path().join("letter.md");
    std::fs::write(&letter, "Ana ran twelve learning circles.\n").unwrap();
    let from_maria = work.path().join("from-maria.json");
    let from_pat = work.path().join("from-pat.json");
    endorse(&mentor, &ana_did, "mentor", &letter, &from_maria);
    endorse(&peer, &ana_did, "peer", &letter, &from_pat);
    for f in [&from_maria, &from_pat] {
        let out = ana
            .cmd("om-wallet")
            .args(["import", f.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c != 1),
            "import: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let wallet = ana
        .cmd("om-wallet")
        .args(["check", "--json"])
        .env("OM_TRUST", &team.did)
        .output()
        .unwrap();
    let wallet_json: Value = serde_json::from_slice(&wallet.stdout).expect("check --json");
    let wallet_status = wallet_json["rule"]["status"].clone();

    let vp = work.path().join("vp.json");
    ana.run("om-wallet", &["present", "--out", vp.to_str().unwrap()]);
    let verifier = ana
        .cmd("om-verifier")
        .args(["verify", "--json", vp.to_str().unwrap()])
        .env("OM_TRUST", &team.did)
        .output()
        .unwrap();
    let verifier_json: Value = serde_json::from_slice(&verifier.stdout).expect("verify --json");
    let verifier_status = verifier_json[0]["result"]["details"]["rule"]["status"].clone();

    assert_eq!(wallet_status, "cannotTellYet", "{wallet_json:#}");
    assert_eq!(verifier_status, wallet_status, "{verifier_json:#}");
    assert_eq!(wallet.status.code(), Some(2), "wallet: cannot tell yet");
    assert_eq!(verifier.status.code(), Some(2), "verifier: could not check");
    assert_eq!(verifier_json[0]["result"]["verdict"], "undetermined");
    // Each front end words it for its reader.
    let summary = wallet_json["rule"]["summary"].as_str().unwrap();
    assert!(summary.starts_with("Cannot tell yet"), "{summary}");
}
