//! Snapshots of every `--help` and of the main error messages (files under
//! `tests/snapshots/`; review changes with `cargo insta review`, or accept them
//! with `INSTA_UPDATE=always cargo test -p om-issuer --test snapshots`).

om_testkit::snapshot_runner!(env!("CARGO_BIN_EXE_om-issuer"));

#[test]
fn help_texts() {
    let home = tempfile::tempdir().unwrap();
    om_testkit::help_snapshots!(
        home,
        [
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
        ]
    );
    for sub in [
        ["team", "confirm"],
        ["team", "withdraw"],
        ["confirmations", "add"],
    ] {
        insta::assert_snapshot!(
            format!("help-{}-{}", sub[0], sub[1]),
            run(home.path(), &[sub[0], sub[1], "--help"], &[])
        );
    }
}

#[test]
fn main_error_messages() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    insta::assert_snapshot!("error-no-identity", run(h, &["whoami"], &[]));
    insta::assert_snapshot!("error-usage", run(h, &["endorse", "--role", "boss"], &[]));
    insta::assert_snapshot!(
        "error-empty-passphrase",
        run(h, &["init", "--name", "Ana"], &[("OM_PASSPHRASE", "")])
    );
    insta::assert_snapshot!(
        "error-no-passphrase",
        run(h, &["init", "--name", "Ana"], &[])
    );
    let ok = run(h, &["init", "--name", "Ana"], &[("OM_PASSPHRASE", "pass")]);
    assert!(ok.starts_with("exit: Some(0)"), "{ok}");
    insta::assert_snapshot!(
        "error-identity-exists",
        run(h, &["init", "--name", "Ana"], &[("OM_PASSPHRASE", "pass")])
    );
    let letter = h.join("letter.md");
    std::fs::write(&letter, "Good work.").unwrap();
    let to = "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG";
    insta::assert_snapshot!(
        "error-wrong-passphrase",
        run(
            h,
            &[
                "endorse",
                "--to",
                to,
                "--name",
                "Bo",
                "--role",
                "peer",
                "--letter",
                letter.to_str().unwrap()
            ],
            &[("OM_PASSPHRASE", "wrong")]
        )
    );
    insta::assert_snapshot!(
        "error-missing-file",
        run(
            h,
            &[
                "endorse",
                "--to",
                to,
                "--name",
                "Bo",
                "--role",
                "peer",
                "--letter",
                "no-such-letter.md"
            ],
            &[("OM_PASSPHRASE", "pass")]
        )
    );
}
