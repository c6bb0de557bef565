//! The `verify` command line: verdict lines, checks, JSON, exit codes.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use om_core::letter::Role;
use serde_json::Value;

/// Runs `om-verifier` trusting the test team (through `OM_TRUST`).
fn run(args: &[&str]) -> (i32, String) {
    run_trusting(team().controller(), args)
}

fn run_trusting(teams: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_om-verifier"))
        .args(args)
        .env_remove("OM_ALLOW_LOCAL_FETCH")
        .env("OM_TRUST", teams)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
    p.display().to_string()
}

#[test]
fn verify_files_and_folders_with_exit_codes() {
    let p = People::new();
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "a-complete.json", &complete_vp(&p));
    let (code, out) = run(&["verify", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("VALID") && out.contains("✓ Signature"),
        "{out}"
    );
    assert!(
        out.contains("Complete: letters from 2 different people"),
        "{out}"
    );

    let peers = vp(
        &p,
        vec![
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
            letter(&p, &p.peer2, "Priya Peer", Role::Peer),
        ],
        Some("ch"),
        None,
    );
    let peers = write(dir.path(), "b-peers.json", &peers);
    let (code, out) = run(&["verify", &peers]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("INVALID") && out.contains("✗ Open Masters rule"),
        "{out}"
    );
    let (code, out) = run(&["verify", "--no-rule", &peers]);
    assert_eq!(code, 0, "without the rule two peers hold: {out}");
    let (code, out) = run(&["verify", "--no-rule", "--challenge", "other", &peers]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("challenge"), "{out}");

    let own = LetterSpec::new(&p.holder, "Ana Lima", Role::Peer, &p.holder).sign(&p.di);
    let own = write(dir.path(), "c-own.json", &own);
    let (code, out) = run(&["verify", &own]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("self-issued"), "{out}");

    // The folder: valid + invalid + self-issued → 1; an unparsable file, or
    // one with a key twice, is no credential: invalid too (1), never "valid".
    let (code, out) = run(&["verify", &dir.path().display().to_string()]);
    assert_eq!(code, 1, "{out}");
    std::fs::write(dir.path().join("d-broken.json"), "{nope").unwrap();
    std::fs::write(dir.path().join("e-twice.json"), r#"{"id": "a", "id": "b"}"#).unwrap();
    std::fs::write(dir.path().join("ignored.txt"), "not checked").unwrap();
    let (code, out) = run(&["verify", "--json", &dir.path().display().to_string()]);
    assert_eq!(code, 1, "{out}");
    let reports: Value = serde_json::from_str(&out).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 5, "only *.json files: {out}");
    assert_eq!(reports[0]["result"]["verified"], true);
    let error_of = |i: usize| reports[i]["result"]["errors"][0]["message"].to_string();
    assert!(error_of(3).contains("not JSON"), "{out}");
    assert!(error_of(4).contains("appears twice"), "{out}");
    // A file that cannot be read at all is "not checked" (2).
    let missing = dir.path().join("missing.json").display().to_string();
    let (code, out) = run(&["verify", &missing]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn sock_puppets_are_not_confirmed_and_trust_is_explicit() {
    let p = People::new();
    let dir = tempfile::tempdir().unwrap();
    let vp = write(dir.path(), "vp.json", &complete_vp(&p));
    // Trusted through the environment: complete, and it says who confirms.
    let (code, out) = run(&["verify", &vp]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Complete: letters from 2 different people"),
        "{out}"
    );
    assert!(
        out.contains("is Ana Lima's co-mentor, confirmed by Open Masters Test Team"),
        "{out}"
    );
    // The same letters, no team trusted: exit 3, no "Complete" anywhere.
    let (code, out) = run_trusting("", &["verify", &vp]);
    assert_eq!(code, 3, "{out}");
    assert!(!out.contains("Complete"), "{out}");
    assert!(out.contains("Not confirmed:"), "{out}");
    let (code, out) = run_trusting("", &["verify", "--json", &vp]);
    assert_eq!(code, 3, "{out}");
    assert!(!out.contains("\"complete\": true"), "{out}");
    // --trust on the command line does the same as OM_TRUST.
    let (code, out) = run_trusting("", &["verify", "--trust", team().controller(), &vp]);
    assert_eq!(code, 0, "{out}");
    // Two fresh key pairs, no confirmation: never complete, whoever is trusted.
    let puppets: Vec<Value> = [(&p.mentor, Role::Mentor), (&p.peer, Role::Peer)]
        .into_iter()
        .map(|(k, role)| {
            let mut spec = LetterSpec::new(k, "Dr. Famous Mentor", role, &p.holder);
            spec.confirmed = false;
            spec.sign(&p.di)
        })
        .collect();
    let puppets = write(
        dir.path(),
        "puppets.json",
        &common::vp(&p, puppets, None, None),
    );
    let (code, out) = run(&["verify", &puppets]);
    assert_eq!(code, 3, "{out}");
    assert!(!out.contains("Complete"), "{out}");
    // Not a DID: a usage error.
    let (code, _) = run_trusting("", &["verify", "--trust", "open-masters-dc", &vp]);
    assert_eq!(code, 2);
    let (code, out) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("om-verifier "), "{out}");
}
