//! End-to-end tests of the `om-issuer` binary, each in its own home folder.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::Utc;
use om_core::did::{DidKeyResolver, StaticResolver};
use om_core::letter::{CredentialKind, LetterView, Role};
use om_core::proof::{DataIntegrity, ProofExpectations, ProofPurpose, ProofVerdict};
use om_core::report::{CheckKind, Outcome};
use om_core::status::{Bitstring, StatusEntry};
use om_core::verify::{StatusSource, Verifier};
use om_identity::IdentityStore;
use predicates::prelude::*;
use serde_json::Value;

use om_core::baked as bake;

const PASS: &str = "correct horse battery staple";
const BO: &str = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

struct Env {
    _dir: tempfile::TempDir,
    home: PathBuf,
    work: PathBuf,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let work = dir.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        Self {
            _dir: dir,
            home,
            work,
        }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("om-issuer").unwrap();
        c.env("OM_HOME", &self.home)
            .env("OM_PASSPHRASE", PASS)
            .env_remove("EDITOR")
            .env_remove("VISUAL")
            .current_dir(&self.work)
            .write_stdin("");
        c
    }

    fn init(&self, extra: &[&str]) {
        self.cmd()
            .args(["init", "--name", "Ana Mentor"])
            .args(extra)
            .assert()
            .success()
            .stdout(predicate::str::contains("did:key:z6Mk"));
    }

    fn did(&self) -> String {
        IdentityStore::new(&self.home).load().unwrap().did
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.work.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// Verifies a credential with om-core and checks signature and signer.
fn verify_ok(c: &Value, issuer: &str) -> om_core::report::CredentialReport {
    let di = DataIntegrity::new();
    let resolver = StaticResolver::new();
    let report = Verifier::new(&di, &resolver, Utc::now())
        .verify_credential(c)
        .unwrap();
    let outcome = |k: CheckKind| report.checks.iter().find(|c| c.kind == k).unwrap().outcome;
    assert_eq!(outcome(CheckKind::Proof), Outcome::Pass, "{report:#?}");
    assert_eq!(outcome(CheckKind::KeyBinding), Outcome::Pass, "{report:#?}");
    assert!(
        report.checks.iter().all(|c| c.outcome != Outcome::Fail),
        "{report:#?}"
    );
    assert_eq!(report.issuer, issuer);
    report
}

#[test]
fn endorse_both_suites_and_formats_and_no_key_on_disk() {
    let env = Env::new();
    env.init(&[]);
    let did = env.did();
    let letter = env.write("letter.md", "Bo **led** the study group for a year.\n");
    for suite in ["eddsa-rdfc-2022", "eddsa-jcs-2022"] {
        for format in ["ob3", "vc"] {
            let out = env.work.join(format!("{suite}-{format}.json"));
            let done = env
                .cmd()
                .args(["endorse", "--to", BO, "--name", "Bo Learner", "--role"])
                .arg(if format == "vc" { "peer" } else { "mentor" })
                .arg("--letter")
                .arg(&letter)
                .args([
                    "--suite",
                    suite,
                    "--format",
                    format,
                    "--valid-until",
                    "2099-12-31",
                ])
                .arg("--out")
                .arg(&out)
                .assert()
                .success();
            let warned = String::from_utf8_lossy(&done.get_output().stderr)
                .contains("the Learner Credential Wallet and VerifierPlus cannot verify");
            assert_eq!(
                warned,
                suite == "eddsa-jcs-2022",
                "{suite}: warn only where those apps cannot verify"
            );
            let c = read_json(&out);
            assert_eq!(c["proof"]["cryptosuite"], suite);
            // The display copies those apps read (specs/letter-profile.md 1.3).
            assert_eq!(
                c["credentialSubject"]["achievement"]["description"],
                c["credentialSubject"]["endorsementComment"]
            );
            assert_eq!(c["validUntil"], "2099-12-31T23:59:59Z");
            let types = c["type"].to_string();
            assert!(
                types.contains(if format == "ob3" {
                    "EndorsementCredential"
                } else {
                    "EndorsementLetter"
                }),
                "{types}"
            );
            let report = verify_ok(&c, &did);
            let view = report.letter.unwrap();
            assert_eq!(view.kind, CredentialKind::Endorsement);
            assert_eq!(
                view.role,
                Some(if format == "vc" {
                    Role::Peer
                } else {
                    Role::Mentor
                })
            );
            assert_eq!(view.subject_id.as_deref(), Some(BO));
            assert_eq!(view.subject_name.as_deref(), Some("Bo Learner"));
            assert_eq!(
                view.text.as_deref(),
                Some("Bo **led** the study group for a year.")
            );
            assert!(c.get("credentialStatus").is_none(), "no status URL set");
        }
    }
    // letter from stdin, to stdout
    let out = env
        .cmd()
        .args(["endorse", "--to", BO, "--name", "Bo", "--role", "peer"])
        .write_stdin("Piped letter.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let c: Value = serde_json::from_slice(&out).unwrap();
    verify_ok(&c, &did);
    assert_eq!(
        LetterView::from_credential(&c).unwrap().text.as_deref(),
        Some("Piped letter.")
    );

    // the log lists all five
    let list = env
        .cmd()
        .args(["list", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let list: Value = serde_json::from_slice(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5);

    // no key material in plain text anywhere under the home
    let unlocked = IdentityStore::new(&env.home)
        .unlock(&secrecy::SecretString::from(PASS.to_string()))
        .unwrap();
    let raw = unlocked.key.signing_key().to_bytes();
    let mb = om_core::keys::secret_key_multibase(unlocked.key.signing_key());
    let mut files = 0;
    for path in walk(&env.home) {
        files += 1;
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !bytes.windows(32).any(|w| w == raw),
            "raw key in {}",
            path.display()
        );
        assert!(
            !bytes.windows(mb.len()).any(|w| w == mb.as_bytes()),
            "multibase key in {}",
            path.display()
        );
    }
    assert!(files >= 3, "identity.json, key, log");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn badge_baked_into_png_and_svg() {
    let env = Env::new();
    env.init(&[]);
    let did = env.did();
    let png = env.work.join("badge.png");
    std::fs::write(&png, tiny_png()).unwrap();
    let svg = env.write(
        "badge.svg",
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"4\"/></svg>\n",
    );
    for (image, baked) in [(&png, "bo.png"), (&svg, "bo.svg")] {
        let baked = env.work.join(baked);
        let json_out = env.work.join(format!(
            "{}.json",
            baked.file_name().unwrap().to_string_lossy()
        ));
        env.cmd()
            .args([
                "badge",
                "--to",
                BO,
                "--name",
                "Bo Learner",
                "--achievement",
                "Open Masters",
                "--description",
                "Completed the Open Masters programme",
                "--criteria",
                "Three letters, one from a mentor",
                "--bake",
            ])
            .arg(image)
            .arg("--baked-out")
            .arg(&baked)
            .arg("--out")
            .arg(&json_out)
            .assert()
            .success();
        let bytes = std::fs::read(&baked).unwrap();
        let extracted = bake::extract(&bytes).unwrap();
        assert_eq!(extracted.as_bytes(), std::fs::read(&json_out).unwrap());
        let c: Value = serde_json::from_str(&extracted).unwrap();
        let report = verify_ok(&c, &did);
        let view = report.letter.unwrap();
        assert_eq!(view.kind, CredentialKind::Badge);
        assert_eq!(view.achievement.as_deref(), Some("Open Masters"));
        assert_eq!(view.subject_id.as_deref(), Some(BO));
    }
    let svg_text = std::fs::read_to_string(env.work.join("bo.svg")).unwrap();
    assert!(svg_text.contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""));
    assert!(
        svg_text.contains("><openbadges:credential><![CDATA[")
            || svg_text.contains(">\n<openbadges:credential><![CDATA[")
    );
}

/// A valid 1×1 greyscale PNG, written by hand.
fn tiny_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        out.extend_from_slice(&h.finalize().to_be_bytes());
    }
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    chunk(
        &mut out,
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81,
        ],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn init_twice_is_refused_without_force() {
    let env = Env::new();
    env.init(&[]);
    let did = env.did();
    env.cmd()
        .args(["init", "--name", "Someone Else"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("hint:"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(env.did(), did, "the identity is untouched");
}

#[test]
fn wrong_passphrase_missing_letter_and_no_passphrase_are_refused() {
    let env = Env::new();
    env.init(&[]);
    let letter = env.write("letter.md", "Good work.");
    env.cmd()
        .env("OM_PASSPHRASE", "not the passphrase")
        .args([
            "endorse", "--to", BO, "--name", "Bo", "--role", "peer", "--letter",
        ])
        .arg(&letter)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("wrong passphrase"))
        .stderr(predicate::str::contains("hint:"));
    env.cmd()
        .args([
            "endorse", "--to", BO, "--name", "Bo", "--role", "peer", "--letter",
        ])
        .arg("no-such-letter.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-letter.md"));
    env.cmd()
        .env_remove("OM_PASSPHRASE")
        .args([
            "endorse", "--to", BO, "--name", "Bo", "--role", "peer", "--letter",
        ])
        .arg(&letter)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OM_PASSPHRASE"))
        .stderr(predicate::str::contains("--passphrase-file"));
    // the passphrase file works too
    let pf = env.write("pass.txt", &format!("{PASS}\n"));
    env.cmd()
        .env_remove("OM_PASSPHRASE")
        .arg("--passphrase-file")
        .arg(&pf)
        .args([
            "endorse", "--to", BO, "--name", "Bo", "--role", "peer", "--letter",
        ])
        .arg(&letter)
        .assert()
        .success();
    // endorsing oneself, or a non-DID, is refused before the key is unlocked
    env.cmd()
        .args([
            "endorse",
            "--to",
            &env.did(),
            "--name",
            "Me",
            "--role",
            "peer",
            "--letter",
        ])
        .arg(&letter)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("yourself"));
    env.cmd()
        .args([
            "endorse",
            "--to",
            "bo@example.org",
            "--name",
            "Bo",
            "--role",
            "peer",
            "--letter",
        ])
        .arg(&letter)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a DID"));
    // usage errors exit 2
    env.cmd()
        .args(["endorse", "--to", BO, "--name", "Bo", "--role", "boss"])
        .assert()
        .code(2);
}

struct OneList(Value);

impl StatusSource for OneList {
    fn fetch(&self, _url: &str) -> Result<Value, String> {
        Ok(self.0.clone())
    }
}

#[test]
fn revoke_sets_the_bit_in_a_signed_status_list() {
    let env = Env::new();
    let url = "http://127.0.0.1:1/list.json";
    env.init(&["--status-url", url]);
    let did = env.did();
    let letter = env.write("letter.md", "Good work.");
    let out = env.work.join("bo.json");
    env.cmd()
        .args([
            "endorse", "--to", BO, "--name", "Bo", "--role", "mentor", "--letter",
        ])
        .arg(&letter)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let c = read_json(&out);
    let entry = StatusEntry::of_credential(&c).unwrap().remove(0);
    assert_eq!(entry.list_url, url);
    let list_path = env.work.join("status.json");
    env.cmd()
        .arg("revoke")
        .arg(&out)
        .arg("--out")
        .arg(&list_path)
        .assert()
        .success()
        .stderr(predicate::str::contains(url));
    let list = read_json(&list_path);
    let bits =
        Bitstring::decode(list["credentialSubject"]["encodedList"].as_str().unwrap()).unwrap();
    assert_eq!(bits.len(), om_core::status::MIN_LIST_BITS);
    assert_eq!(bits.get(entry.index), Some(true));
    assert_eq!(
        (0..bits.len())
            .filter(|&i| bits.get(i) == Some(true))
            .count(),
        1
    );
    assert_eq!(list["issuer"], did.as_str());
    let di = DataIntegrity::new();
    let verdict = di
        .verify(
            &list,
            &DidKeyResolver,
            &ProofExpectations {
                purpose: ProofPurpose::AssertionMethod,
                challenge: None,
                domain: None,
                now: Utc::now(),
            },
        )
        .unwrap();
    assert!(matches!(verdict, ProofVerdict::Valid(_)), "{verdict:?}");
    // a verifier that consults the list sees the letter revoked
    let source = OneList(list);
    let mut v = Verifier::new(&di, &DidKeyResolver, Utc::now());
    v.status = Some(&source);
    let report = v.verify_credential(&c).unwrap();
    let status = report
        .checks
        .iter()
        .find(|c| c.kind == CheckKind::Status)
        .unwrap();
    assert_eq!(status.outcome, Outcome::Fail, "{status:?}");
    // the log shows it
    env.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("yes"));
    // a list with --valid-days expires, so an old copy cannot be replayed forever
    env.cmd()
        .args(["status-list", "--valid-days", "30", "--out"])
        .arg(&list_path)
        .assert()
        .success();
    let list = read_json(&list_path);
    let until = om_core::credential::parse_date(list["validUntil"].as_str().unwrap()).unwrap();
    let days = (until - Utc::now()).num_days();
    assert!((29..=30).contains(&days), "{days}");
    let source = OneList(list);
    let mut v = Verifier::new(
        &di,
        &DidKeyResolver,
        Utc::now() + chrono::Duration::days(31),
    );
    v.status = Some(&source);
    let report = v.verify_credential(&c).unwrap();
    let status = report
        .checks
        .iter()
        .find(|c| c.kind == CheckKind::Status)
        .unwrap();
    assert_eq!(
        status.outcome,
        Outcome::Unknown,
        "an expired list proves nothing: {status:?}"
    );
}

#[test]
fn batch_signs_good_rows_and_reports_bad_ones() {
    let env = Env::new();
    env.init(&[]);
    let did = env.did();
    let csv = env.write(
        "cohort.csv",
        &format!(
            "did,name,role,letter\n\
             {BO},Bo Learner,mentor,\"Bo was great, truly.\"\n\
             did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG,Cy Peer,peer,Cy helped everyone.\n\
             not-a-did,Dee,peer,Dee did fine.\n\
             did:key:z6MknGc3ocHs3zdPiJbnaaqDi58NGb4pk1Sp9WxWufuXSdxf,Zoë O'Brien,mentor,\"Zoë wrote\nthree chapters.\"\n"
        ),
    );
    let out_dir = env.work.join("signed");
    let assert = env
        .cmd()
        .args(["batch", "--csv"])
        .arg(&csv)
        .arg("--out-dir")
        .arg(&out_dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("3 written"))
        .stderr(predicate::str::contains("line 4"))
        .stderr(predicate::str::contains("not a DID"));
    drop(assert);
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "0002-bo-learner.json",
            "0003-cy-peer.json",
            "0005-zoe-o-brien.json"
        ]
    );
    let zoe = read_json(&out_dir.join("0005-zoe-o-brien.json"));
    let view = verify_ok(&zoe, &did).letter.unwrap();
    assert_eq!(view.text.as_deref(), Some("Zoë wrote\nthree chapters."));
    assert_eq!(view.role, Some(Role::Mentor));
}

#[test]
fn every_subcommand_help_has_an_example() {
    for sub in [
        "init",
        "whoami",
        "profile",
        "export-did",
        "endorse",
        "badge",
        "batch",
        "revoke",
        "status-list",
        "list",
        "completions",
        "man",
    ] {
        Command::cargo_bin("om-issuer")
            .unwrap()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
    Command::cargo_bin("om-issuer")
        .unwrap()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("om-issuer 0.1.0"));
}

/// A team's organiser confirms a co-mentor and a participant; the writers keep
/// the confirmations, and their letters carry exactly the ones that belong.
#[test]
fn team_confirms_and_letters_carry_the_confirmation() {
    let team = Env::new();
    team.cmd()
        .args([
            "init",
            "--name",
            "Open Masters DC",
            "--status-url",
            "https://dc.example/status.json",
        ])
        .assert()
        .success();
    let maria = Env::new();
    maria.init(&[]);
    let maria_did = maria.did();
    let conf = team.work.join("maria-for-bo.json");
    team.cmd()
        .args([
            "team",
            "confirm",
            "--did",
            &maria_did,
            "--name",
            "Maria",
            "--as",
            "co-mentor",
        ])
        .args([
            "--of",
            BO,
            "--of-name",
            "Bo Learner",
            "--until",
            "2099-06-30",
            "-o",
        ])
        .arg(&conf)
        .assert()
        .success()
        .stderr(predicate::str::contains("Withdrawable: yes"));
    // A co-mentor without a participant is a usage error.
    team.cmd()
        .args([
            "team",
            "confirm",
            "--did",
            &maria_did,
            "--name",
            "Maria",
            "--as",
            "co-mentor",
        ])
        .assert()
        .code(2);
    // Someone else cannot keep Maria's confirmation.
    let pat = Env::new();
    pat.init(&[]);
    pat.cmd()
        .arg("confirmations")
        .arg("add")
        .arg(&conf)
        .assert()
        .failure()
        .stderr(predicate::str::contains("not about you"));
    // A tampered one is refused.
    let mut forged: Value = serde_json::from_slice(&std::fs::read(&conf).unwrap()).unwrap();
    forged["validUntil"] = "2199-01-01T00:00:00Z".into();
    let forged_file = maria.work.join("forged.json");
    std::fs::write(&forged_file, serde_json::to_vec(&forged).unwrap()).unwrap();
    maria
        .cmd()
        .args(["confirmations", "add"])
        .arg(&forged_file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not hold"));
    maria
        .cmd()
        .args(["confirmations", "add"])
        .arg(&conf)
        .assert()
        .success()
        .stdout(predicate::str::contains("co-mentor of"));
    // A letter about Bo carries it; a letter about someone else does not.
    let letter = maria.work.join("l.md");
    std::fs::write(&letter, "Bo did well.").unwrap();
    let endorse = |to: &str| -> Value {
        let out = maria
            .cmd()
            .args([
                "endorse", "--to", to, "--name", "X", "--role", "mentor", "--letter",
            ])
            .arg(&letter)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let for_bo = endorse(BO);
    let carried = for_bo["issuer"]["endorsement"].as_array().expect("carried");
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0]["credentialSubject"]["mentorOf"], BO);
    let other = "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG";
    assert!(endorse(other)["issuer"].get("endorsement").is_none());
    // The letter verifies, and a verifier that trusts the team counts its confirmation.
    let di = DataIntegrity::new();
    let mut v = Verifier::new(&di, &DidKeyResolver, Utc::now());
    v.teams = om_core::confirmation::TrustedTeams::new([team.did()]);
    let r = v.verify_credential(&for_bo).unwrap();
    assert!(r.is_valid(), "{:#?}", r.checks);
    let found = &r.confirmations[0];
    assert!(found.signed && found.trusted, "{found:#?}");
    // Everything holds but whether the team withdrew it: its status list is
    // not consulted here, so it cannot count yet (never silently "holds").
    assert_eq!(
        found.standing,
        om_core::confirmation::Standing::Undetermined,
        "{found:#?}"
    );
    assert!(
        found.reason.contains("withdrew it is unknown"),
        "{}",
        found.reason
    );
    // The team withdraws it through its status list.
    let id = serde_json::from_slice::<Value>(&std::fs::read(&conf).unwrap()).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    team.cmd()
        .args(["team", "withdraw", &id, "-o"])
        .arg(team.work.join("status.json"))
        .assert()
        .success();
    maria
        .cmd()
        .args(["confirmations", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("confirmed by Open Masters DC"));
}
