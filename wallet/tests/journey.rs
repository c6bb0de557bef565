//! The participant's journey: init, import, list, show, check, present, share
//! (inline and link), unshare, backup and restore.

mod common;

use chrono::{Duration, Utc};
use predicates::prelude::*;
use serde_json::{json, Value};

use om_core::did::DidKeyResolver;
use om_core::letter::Role;
use om_core::proof::{Cryptosuite, DataIntegrity};
use om_core::verify::{PresentationOptions, Verifier};

use common::*;

/// Verifies a presentation as a verifier that trusts the test team would.
fn verify_vp(vp: &Value, domain: Option<&str>) -> om_core::report::PresentationReport {
    let di = DataIntegrity::new();
    let mut verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
    verifier.teams = om_core::confirmation::TrustedTeams::new([team().controller()]);
    verifier
        .verify_presentation(
            vp,
            &PresentationOptions {
                challenge: None,
                domain: domain.map(str::to_string),
                apply_rule: true,
            },
        )
        .unwrap()
}

#[test]
fn journey_import_check_present_share_backup() {
    let home = Home::with_identity("Ada Lovelace");
    let me = home.did();
    home.cmd()
        .arg("did")
        .assert()
        .success()
        .stdout(predicate::str::contains(me.as_str()));
    // As with om-issuer, init never makes a second identity without --force
    // (and asks for no passphrase to say so).
    home.cmd()
        .env_remove("OM_PASSPHRASE")
        .args(["init", "--name", "Someone Else"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("hint:"));

    let grace = Endorser::new("Grace Hopper");
    let alan = Endorser::new("Alan Turing");
    let mentor_letter = pretty(&grace.letter(Role::Mentor, &me, Cryptosuite::EddsaRdfc2022));
    let peer_letter = pretty(&alan.letter(Role::Peer, &me, Cryptosuite::EddsaJcs2022));
    let badge = serde_json::to_string(&grace.badge(&me)).unwrap();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">\n<openbadges:credential><![CDATA[{badge}]]></openbadges:credential>\n</svg>\n"
    );
    let f_mentor = home.write("mentor.json", &mentor_letter);
    let f_peer = home.write("peer.json", &peer_letter);
    let f_badge = home.write("badge.svg", &svg);

    let out = home
        .cmd()
        .arg("import")
        .args([&f_mentor, &f_peer, &f_badge])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        stdout(&out).matches("✓ imported").count(),
        3,
        "{}",
        stdout(&out)
    );

    let out = home.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("Complete: "), "{}", stdout(&out));

    let listed = home.list();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] == "valid"));
    let kinds: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["letter", "letter", "badge"]);
    home.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("Grace Hopper (mentor)"))
        .stdout(predicate::str::contains("Alan Turing (peer)"));

    // Refusals: tampered, about someone else, expired. Nothing stored.
    let mut tampered: Value = serde_json::from_str(&mentor_letter).unwrap();
    tampered["id"] = json!("urn:uuid:00000000-0000-4000-8000-000000000001");
    tampered["credentialSubject"]["endorsementComment"] =
        json!("Ada is the best, hire her at any price.");
    let other = KeyPairDid::new();
    let for_other = grace.letter(Role::Mentor, &other.0, Cryptosuite::EddsaRdfc2022);
    let expired = grace.letter_dated(
        Role::Mentor,
        &me,
        Cryptosuite::EddsaRdfc2022,
        Utc::now() - Duration::days(60),
        Some(Utc::now() - Duration::days(2)),
    );
    for (name, doc, reason) in [
        ("tampered.json", &tampered, "Signature"),
        ("other.json", &for_other, "not about you"),
        ("expired.json", &expired, "expired"),
    ] {
        let f = home.write(name, &pretty(doc));
        let out = home.cmd().arg("import").arg(&f).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stdout(&out));
        assert!(
            stdout(&out).contains("✗ refused"),
            "{name}: {}",
            stdout(&out)
        );
        assert!(stdout(&out).contains(reason), "{name}: {}", stdout(&out));
    }
    assert_eq!(home.list(), listed, "refused imports changed the wallet");

    // Duplicates are reported, not stored twice.
    home.cmd()
        .arg("import")
        .arg(&f_mentor)
        .assert()
        .success()
        .stdout(predicate::str::contains("already in your wallet"));
    assert_eq!(home.list().as_array().unwrap().len(), 3);

    // show, export (exact bytes).
    let mentor_id = serde_json::from_str::<Value>(&mentor_letter).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let prefix = &mentor_id["urn:uuid:".len()..][..6];
    home.cmd()
        .args(["show", prefix])
        .assert()
        .success()
        .stdout(predicate::str::contains("Grace Hopper (mentor)"))
        .stdout(predicate::str::contains("did excellent work"))
        .stdout(predicate::str::contains("✓ Signature"));
    let exported = home.file("exported.json");
    home.cmd()
        .args(["export", prefix, "--out"])
        .arg(&exported)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), mentor_letter);
    let all = home.cmd().args(["export", "--all"]).output().unwrap();
    let all: Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 3);

    // present: a VP the core verifies, bound to the holder, rule complete.
    let vp_file = home.file("vp.json");
    home.cmd()
        .args([
            "present",
            "--challenge",
            "abc",
            "--domain",
            "https://jobs.example.org",
            "--out",
        ])
        .arg(&vp_file)
        .assert()
        .success();
    let vp = read_json(&vp_file);
    assert_eq!(
        vp["verifiableCredential"].as_array().unwrap().len(),
        2,
        "letters only by default"
    );
    let di = DataIntegrity::new();
    let mut verifier = Verifier::new(&di, &DidKeyResolver, Utc::now());
    verifier.teams = om_core::confirmation::TrustedTeams::new([team().controller()]);
    let report = verifier
        .verify_presentation(
            &vp,
            &PresentationOptions {
                challenge: Some("abc".into()),
                domain: Some("https://jobs.example.org".into()),
                apply_rule: true,
            },
        )
        .unwrap();
    assert!(report.is_valid(), "{report:#?}");
    assert_eq!(report.holder.as_deref(), Some(me.as_str()));
    assert!(report.rule.as_ref().unwrap().complete);

    // share --inline --png: the PNG decodes to exactly the printed URL.
    let png = home.file("qr.png");
    let out = home
        .cmd()
        .args([
            "share",
            prefix,
            "--verifier",
            "http://127.0.0.1:9/",
            "--inline",
            "--png",
        ])
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out)
        .lines()
        .find(|l| l.starts_with("http://127.0.0.1:9/v#vp="))
        .expect("the URL is printed")
        .to_string();
    assert!(url.len() <= 2000);
    let img = image::open(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, url);
    let payload = url.split_once("#vp=").unwrap().1;
    let vp = inflate(payload);
    assert_eq!(
        vp["proof"]["domain"], "http://127.0.0.1:9",
        "domain is the verifier base URL"
    );
    assert!(vp["proof"].get("challenge").is_none());
    let r = verify_vp(&vp, Some("http://127.0.0.1:9"));
    assert!(r.credentials.iter().all(|c| c.is_valid()));
    assert!(r
        .checks
        .iter()
        .all(|c| c.kind == om_core::report::CheckKind::ProgrammeRule
            || c.outcome == om_core::report::Outcome::Pass));

    // Inline with everything: either short enough, or refused with a hint to use link mode.
    let out = home
        .cmd()
        .args([
            "share",
            "--verifier",
            "http://127.0.0.1:9",
            "--inline",
            "--json",
        ])
        .output()
        .unwrap();
    if out.status.success() {
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["url"].as_str().unwrap().len() <= 2000);
    } else {
        assert!(
            stderr(&out).contains("hint: use link mode"),
            "{}",
            stderr(&out)
        );
    }

    // Link mode against a fake verifier; then unshare.
    let fake = FakeVerifier::start();
    let out = home
        .cmd()
        .args(["share", "--verifier", &format!("{}/", fake.base), "--svg"])
        .arg(home.file("qr.svg"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (share_id, stored_vp) = fake
        .state
        .lock()
        .unwrap()
        .shares
        .iter()
        .next()
        .map(|(k, v)| (k.clone(), v.1.clone()))
        .expect("uploaded");
    let share_url = format!("{}/s/{share_id}", fake.base);
    assert!(stdout(&out).contains(&share_url), "{}", stdout(&out));
    assert!(stdout(&out).contains("works until"));
    assert!(std::fs::read_to_string(home.file("qr.svg"))
        .unwrap()
        .contains("<svg"));
    assert_eq!(stored_vp["proof"]["domain"], fake.base.as_str());
    let r = verify_vp(&stored_vp, None);
    assert!(r.is_valid(), "{r:#?}");
    let shares = home.cmd().args(["shares", "--json"]).output().unwrap();
    let shares: Value = serde_json::from_slice(&shares.stdout).unwrap();
    assert_eq!(shares.as_array().unwrap().len(), 1);
    assert_eq!(shares[0]["url"], share_url.as_str());
    assert!(
        shares[0].get("deleteToken").is_none(),
        "the token is not printed"
    );
    home.cmd().args(["unshare", &share_url]).assert().success();
    assert!(
        fake.state.lock().unwrap().shares.is_empty(),
        "DELETE reached the verifier"
    );
    assert_eq!(fake.state.lock().unwrap().deletes, 1);
    let shares = home.cmd().args(["shares", "--json"]).output().unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&shares.stdout).unwrap(),
        json!([])
    );

    // backup → restore into a new home.
    let backup = home.file("backup.age");
    home.cmd().arg("backup").arg(&backup).assert().success();
    let raw = std::fs::read(&backup).unwrap();
    assert!(
        !String::from_utf8_lossy(&raw).contains("Grace Hopper"),
        "the backup is encrypted"
    );
    let other_home = Home::new();
    other_home
        .cmd()
        .arg("restore")
        .arg(&backup)
        .assert()
        .success();
    assert_eq!(other_home.did(), me);
    assert_eq!(
        std::fs::read(other_home.path().join("identity.json")).unwrap(),
        std::fs::read(home.path().join("identity.json")).unwrap()
    );
    let a = home
        .cmd()
        .args(["export", "--all"])
        .output()
        .unwrap()
        .stdout;
    let b = other_home
        .cmd()
        .args(["export", "--all"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(a, b, "the same exact credentials");
    other_home.cmd().arg("check").assert().code(0);
    other_home
        .cmd()
        .args(["present", "--out"])
        .arg(other_home.file("vp2.json"))
        .assert()
        .success();
    // A wrong passphrase opens nothing; an existing other identity is not replaced.
    other_home
        .cmd()
        .env("OM_PASSPHRASE", "wrong")
        .arg("restore")
        .arg(&backup)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("wrong passphrase"));
    let third = Home::with_identity("Somebody Else");
    third
        .cmd()
        .arg("restore")
        .arg(&backup)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_ne!(third.did(), me);
    third
        .cmd()
        .args(["restore", "--force"])
        .arg(&backup)
        .assert()
        .success();
    assert_eq!(third.did(), me);

    // remove.
    home.cmd().args(["remove", prefix]).assert().success();
    assert_eq!(home.list().as_array().unwrap().len(), 2);
    home.cmd().arg("check").assert().code(1);
}

#[test]
fn one_letter_is_not_complete() {
    let home = Home::with_identity("Ada");
    let me = home.did();
    let peer = Endorser::new("Alan");
    let f = home.write(
        "peer.json",
        &pretty(&peer.letter(Role::Peer, &me, Cryptosuite::EddsaJcs2022)),
    );
    home.cmd().arg("import").arg(&f).assert().success();
    let out = home.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("you have 0 mentor letters and 1 peer letter"),
        "{text}"
    );
    assert!(
        text.contains("you still need 1 letter from a mentor"),
        "{text}"
    );
    let out = home.cmd().args(["check", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rule"]["complete"], false);
    assert_eq!(v["rule"]["missing"][0], "1 letter from a mentor");
}

#[test]
fn imports_arrays_presentations_baked_png_and_stdin() {
    let home = Home::with_identity("Ada");
    let me = home.did();
    let grace = Endorser::new("Grace");
    let a = grace.letter(Role::Mentor, &me, Cryptosuite::EddsaJcs2022);
    let b = Endorser::new("Alan").letter(Role::Peer, &me, Cryptosuite::EddsaJcs2022);
    let arr = home.write("arr.json", &serde_json::to_string(&json!([a, b])).unwrap());
    let out = home
        .cmd()
        .args(["import", "--json"])
        .arg(&arr)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["result"] == "imported"));
    // Stored as the compact serialization of the element.
    let exported = home
        .cmd()
        .args(["export", a["id"].as_str().unwrap()])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(exported, serde_json::to_vec(&a).unwrap());

    // A presentation: its credentials (duplicates here).
    let vp = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "verifiableCredential": [a]});
    home.cmd()
        .args(["import", "-"])
        .write_stdin(serde_json::to_string(&vp).unwrap())
        .assert()
        .success()
        .stdout(predicate::str::contains("already in your wallet"));

    // A baked PNG with an iTXt chunk.
    let badge = serde_json::to_string(&grace.badge(&me)).unwrap();
    let png = home.file("badge.png");
    std::fs::write(&png, bake_png(&badge)).unwrap();
    home.cmd()
        .arg("import")
        .arg(&png)
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ imported"));
    assert_eq!(home.list().as_array().unwrap().len(), 3);

    // Not a credential at all.
    let junk = home.write("junk.txt", "hello");
    home.cmd()
        .arg("import")
        .arg(&junk)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not JSON"));
}

#[test]
fn errors_come_with_hints() {
    let home = Home::new();
    home.cmd().arg("list").assert().success();
    home.cmd()
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: "))
        .stderr(predicate::str::contains("hint: om-wallet init --name"));
    home.cmd()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hint: create your identity"));
    let home = Home::with_identity("Ada");
    home.cmd()
        .args(["show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hint: see the ids"));
    home.cmd()
        .env_remove("OM_PASSPHRASE")
        .args(["present"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hint: "));
    Command::cargo_bin("om-wallet")
        .unwrap()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("om-wallet"));
}

use assert_cmd::Command;

/// A random DID that is not the holder's.
struct KeyPairDid(String);
impl KeyPairDid {
    fn new() -> Self {
        Self(om_core::keys::KeyPair::generate().controller().to_string())
    }
}

fn inflate(payload: &str) -> Value {
    use base64::Engine;
    use std::io::Read;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn bake_png(credential: &str) -> Vec<u8> {
    let img = image::GrayImage::new(4, 4);
    let mut plain = Vec::new();
    image::DynamicImage::ImageLuma8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Png,
        )
        .unwrap();
    // Insert an iTXt chunk after IHDR (8 signature + 25 IHDR bytes).
    let mut data = b"openbadgecredential\0\0\0\0\0".to_vec();
    data.extend_from_slice(credential.as_bytes());
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"iTXt");
    chunk.extend_from_slice(&data);
    chunk.extend_from_slice(&[0, 0, 0, 0]);
    let mut out = plain[..33].to_vec();
    out.extend(chunk);
    out.extend_from_slice(&plain[33..]);
    out
}
