//! Snapshots of every `--help` and of the main error messages (files under
//! `tests/snapshots/`; review changes with `cargo insta review`, or accept them
//! with `INSTA_UPDATE=always cargo test -p om-wallet --test snapshots`).

om_testkit::snapshot_runner!(env!("CARGO_BIN_EXE_om-wallet"));

#[test]
fn help_texts() {
    let home = tempfile::tempdir().unwrap();
    om_testkit::help_snapshots!(
        home,
        [
            "init",
            "did",
            "import",
            "list",
            "show",
            "remove",
            "export",
            "check",
            "present",
            "share",
            "unshare",
            "shares",
            "backup",
            "restore",
            "completions",
        ]
    );
}

#[test]
fn main_error_messages() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    insta::assert_snapshot!("error-no-identity", run(h, &["did"], &[]));
    insta::assert_snapshot!("error-usage", run(h, &["check", "--no-such-flag"], &[]));
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
    let backup = h.join("backup.age");
    insta::assert_snapshot!(
        "error-wrong-passphrase",
        run(
            h,
            &["backup", backup.to_str().unwrap()],
            &[("OM_PASSPHRASE", "wrong")]
        )
    );
    insta::assert_snapshot!(
        "error-missing-file",
        run(h, &["import", "no-such-letter.json"], &[])
    );
    insta::assert_snapshot!("error-not-found", run(h, &["show", "zzzz"], &[]));
    insta::assert_snapshot!("check-nothing-yet", run(h, &["check"], &[]));
}
