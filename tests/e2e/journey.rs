//! The whole journey with the real binaries, in temporary homes, on loopback:
//! a mentor and a peer endorse a participant, whose wallet imports, checks and
//! shares; the employer's page says "complete"; the mentor revokes; the same
//! page then says "not complete" and why. Also the inline QR mode.

use std::fs;
use std::path::Path;

use om_e2e::{find_url, get, Person, StaticServer, Team, VerifierProcess};

const LETTER: &str = "Ana facilitated **twelve** learning circles at the public library.\n\n\
Her notes were clear and kind.\tShe asked good questions. <script>alert('x')</script>\n";

fn decode_qr(png: &Path) -> String {
    let img = image::open(png).expect("the wallet wrote a PNG").to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in {}", png.display());
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn mentor_peer_participant_employer_and_revocation() {
    let work = tempfile::tempdir().unwrap();
    let published = work.path().join("published");
    fs::create_dir(&published).unwrap();
    let host = StaticServer::start(&published);
    let status_file = published.join("maria-status.json");
    let status_url = format!("{}/maria-status.json", host.base);

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
    mentor.run(
        "om-issuer",
        &["status-list", "-o", status_file.to_str().unwrap()],
    );
    peer.run("om-issuer", &["init", "--name", "Pat Peer"]);
    ana.run("om-wallet", &["init", "--name", "Ana Lima"]);
    let ana_did = ana.did();
    assert!(ana_did.starts_with("did:key:z6Mk"), "{ana_did}");

    // The team that runs Ana's cohort confirms Maria as her co-mentor and Pat
    // as a participant; each keeps the confirmation, and their letters carry it.
    let team = Team::new("Open Masters DC");
    team.confirm(&mentor, "Maria Mentor", Some((&ana_did, "Ana Lima")));
    team.confirm(&peer, "Pat Peer", None);

    let letter = work.path().join("letter.md");
    fs::write(&letter, LETTER).unwrap();
    let from_maria = work.path().join("ana-from-maria.json");
    let from_pat = work.path().join("ana-from-pat.json");
    let endorse = |who: &Person, role: &str, out: &Path| {
        who.endorse(
            &ana_did,
            "Ana Lima",
            role,
            letter.to_str().unwrap(),
            &["-o", out.to_str().unwrap()],
        );
    };
    endorse(&mentor, "mentor", &from_maria);
    endorse(&peer, "peer", &from_pat);

    // One letter is not enough; two from different people, one a mentor, are.
    ana.run("om-wallet", &["import", from_pat.to_str().unwrap()]);
    let check = ana
        .cmd("om-wallet")
        .args(["check", "--trust", &team.did])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("mentor"));
    ana.run("om-wallet", &["import", from_maria.to_str().unwrap()]);
    let check = ana.run("om-wallet", &["check", "--trust", &team.did]);
    assert!(
        check.contains("Complete") && !check.contains("Not complete"),
        "{check}"
    );
    assert!(
        check.contains("your co-mentor, confirmed by Open Masters DC until"),
        "{check}"
    );
    // Trusting no team, the same letters are not confirmed: exit 3, no "Complete".
    let unconfirmed = ana.cmd("om-wallet").arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&unconfirmed.stdout);
    assert_eq!(unconfirmed.status.code(), Some(3), "{text}");
    assert!(text.starts_with("Not confirmed:"), "{text}");
    assert!(!text.contains("Complete"), "{text}");

    // Share with the employer through the verifier, which trusts the team.
    let verifier = VerifierProcess::start(work.path(), &["--trust", &team.did]);
    let png = work.path().join("share.png");
    let out = ana.run(
        "om-wallet",
        &[
            "share",
            "--verifier",
            &verifier.base,
            "--png",
            png.to_str().unwrap(),
        ],
    );
    let link = find_url(&out, "/s/").unwrap_or_else(|| panic!("no share link in:\n{out}"));
    assert_eq!(decode_qr(&png), link, "the QR code holds the link");

    let (status, page) = get(&link);
    assert_eq!(status, 200);
    assert!(
        page.contains("Complete: Ana Lima has completed the Open Masters"),
        "{page}"
    );
    assert!(!page.contains("Not complete"), "{page}");
    assert!(
        page.contains("Maria Mentor") && page.contains("Pat Peer"),
        "{page}"
    );
    assert!(
        page.replace("&#39;", "'")
            .contains("Maria Mentor is Ana Lima's co-mentor, confirmed by Open Masters DC, until"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "letter HTML is escaped");
    let (status, json) = get(&format!("{link}.json"));
    assert_eq!(status, 200);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["verified"], true, "{report:#}");

    // The mentor revokes and republishes the status list: the same page changes.
    mentor.run(
        "om-issuer",
        &[
            "revoke",
            from_maria.to_str().unwrap(),
            "-o",
            status_file.to_str().unwrap(),
        ],
    );
    let (status, page) = get(&link);
    assert_eq!(status, 200);
    assert!(page.contains("Not complete"), "{page}");
    assert!(!page.contains("has completed the Open Masters"), "{page}");
    assert!(page.contains("revoked by its issuer"), "{page}");
    let (_, json) = get(&format!("{link}.json"));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["verified"], false);
    let check = ana
        .cmd("om-wallet")
        .args(["check", "--trust", &team.did])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(1),
        "the wallet sees the revocation too"
    );

    // Inline mode: the presentation travels in the URL fragment. Two letters
    // that carry their writers' confirmations no longer fit in 2,000
    // characters, so Ana shares Maria's letter alone this way.
    let listed: serde_json::Value =
        serde_json::from_str(&ana.run("om-wallet", &["list", "--json"])).unwrap();
    let maria_id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["issuerName"] == "Maria Mentor")
        .expect("Maria's letter is listed")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let inline_png = work.path().join("inline.png");
    let out = ana.run(
        "om-wallet",
        &[
            "share",
            &maria_id,
            "--inline",
            "--verifier",
            &verifier.base,
            "--png",
            inline_png.to_str().unwrap(),
        ],
    );
    let url = find_url(&out, "/v#").unwrap_or_else(|| panic!("no inline URL in:\n{out}"));
    assert_eq!(
        decode_qr(&inline_png),
        url,
        "the QR code holds the inline URL"
    );
    let payload = url.split_once("#vp=").expect("a vp fragment").1;
    let rendered = reqwest::blocking::Client::new()
        .post(format!("{}/inline/render", verifier.base))
        .json(&serde_json::json!({ "payload": payload }))
        .send()
        .unwrap();
    assert_eq!(rendered.status().as_u16(), 200);
    let html = rendered.text().unwrap();
    assert!(
        html.contains("Not complete") && html.contains("revoked"),
        "{html}"
    );
}
