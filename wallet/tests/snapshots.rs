//! Snapshots of every `--help` and of the main error messages (files under
//! `tests/snapshots/`; review changes with `cargo insta review`, or accept them
//! with `INSTA_UPDATE=always cargo test -p om-wallet --test snapshots`).

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_om-wallet");

/// Runs the binary in `home`; returns exit code, stdout and stderr, with the
/// home folder's path replaced by `[HOME]`.
fn run(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("OM_HOME", home)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("OM_PASSPHRASE")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    let home = home.display().to_string();
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).replace(&home, "[HOME]"),
        String::from_utf8_lossy(&out.stderr).replace(&home, "[HOME]")
    )
}

#[test]
fn help_texts() {
    let home = tempfile::tempdir().unwrap();
    insta::assert_snapshot!("help", run(home.path(), &["--help"], &[]));
    for sub in [
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
    ] {
        insta::assert_snapshot!(
            format!("help-{sub}"),
            run(home.path(), &[sub, "--help"], &[])
        );
    }
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
