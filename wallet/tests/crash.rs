//! Crash safety: an `om-wallet import` of many files is SIGKILLed at random
//! moments, 50 times. Afterwards the database is sound (`PRAGMA
//! integrity_check` is "ok") and every credential whose import was reported on
//! standard output is there, exactly once.
//!
//! Each round imports a fresh batch of letters (and retries the previous one),
//! so that the kills land in the middle of real work.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::Value;

use om_core::letter::Role;
use om_core::proof::Cryptosuite;
use om_wallet::store::Store;

use common::*;

const KILLS: usize = 50;
/// Fresh letters per round (each round also retries the previous round's).
const BATCH: usize = 30;
const LETTERS: usize = KILLS * BATCH;

#[test]
fn sigkill_during_import_never_loses_or_corrupts() {
    let started = Instant::now();
    let home = Home::with_identity("Ada");
    let me = home.did();
    let endorsers: Vec<Endorser> = (0..5)
        .map(|i| Endorser::new(&format!("Endorser {i}")))
        .collect();
    let files: Vec<std::path::PathBuf> = (0..LETTERS)
        .map(|i| {
            let e = &endorsers[i % endorsers.len()];
            let role = if i % 2 == 0 { Role::Mentor } else { Role::Peer };
            home.write(
                &format!("letter-{i:03}.json"),
                &pretty(&e.letter(role, &me, Cryptosuite::EddsaJcs2022)),
            )
        })
        .collect();

    let bin = assert_cmd::cargo::cargo_bin("om-wallet");
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut killed_while_running = 0;
    let mut rng = rand::thread_rng();
    for round in 0..KILLS {
        let mut child = Command::new(&bin)
            .env("OM_HOME", home.path())
            .env("OM_PASSPHRASE", PASSPHRASE)
            .arg("import")
            .arg("--json")
            .args(&files[round.saturating_sub(1) * BATCH..(round + 1) * BATCH])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill right after the k-th report (k random), a random moment later:
        // somewhere inside the next verification or transaction.
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut out = String::new();
        let k = rng.gen_range(0..BATCH + 5);
        for _ in 0..k {
            if reader.read_line(&mut out).unwrap() == 0 {
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.gen_range(0..8000)));
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.read_to_string(&mut out).unwrap();
        for line in out.lines() {
            // The last line may be cut by the kill: only whole JSON lines count.
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if v["result"] == "imported" || v["result"] == "duplicate" {
                reported.insert(v["id"].as_str().unwrap().to_string());
            }
        }
        let store = Store::open(&home.path().join("wallet.sqlite")).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        let present: BTreeSet<String> = store.list().unwrap().into_iter().map(|r| r.id).collect();
        let lost: Vec<_> = reported.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "round {round}: reported but missing: {lost:?}"
        );
    }
    assert!(
        killed_while_running >= KILLS * 3 / 4,
        "only {killed_while_running} kills hit a running import"
    );
    assert!(!reported.is_empty(), "no import was ever reported");

    // Finishing the import afterwards stores everything exactly once.
    let out = Command::new(&bin)
        .env("OM_HOME", home.path())
        .env("OM_PASSPHRASE", PASSPHRASE)
        .arg("import")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let store = Store::open(&home.path().join("wallet.sqlite")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.count().unwrap(), LETTERS);
    for s in store.all().unwrap() {
        let v: Value = serde_json::from_str(&s.json).unwrap();
        assert_eq!(v["id"].as_str(), Some(s.row.id.as_str()));
    }
    eprintln!(
        "crash test: {KILLS} kills ({killed_while_running} mid-import), {} imports reported before kills, {:?}",
        reported.len(),
        started.elapsed()
    );
}
