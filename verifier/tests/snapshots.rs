//! Snapshots of every `--help` and of the main error messages (files under
//! `tests/snapshots/`; review changes with `cargo insta review`, or accept them
//! with `INSTA_UPDATE=always cargo test -p om-verifier --test snapshots`).

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_om-verifier");

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
    for sub in ["serve", "verify", "completions"] {
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
    insta::assert_snapshot!("error-usage", run(h, &["verify"], &[]));
    insta::assert_snapshot!(
        "error-missing-file",
        run(h, &["verify", "no-such-letter.json"], &[])
    );
    let not_json = h.join("not.json");
    std::fs::write(&not_json, "{ not json").unwrap();
    insta::assert_snapshot!(
        "invalid-not-json",
        run(h, &["verify", not_json.to_str().unwrap()], &[])
    );
    let empty = h.join("empty");
    std::fs::create_dir(&empty).unwrap();
    insta::assert_snapshot!(
        "error-empty-folder",
        run(h, &["verify", empty.to_str().unwrap()], &[])
    );
}
