//! Snapshots of every `--help` and of the main error messages (files under
//! `tests/snapshots/`; review changes with `cargo insta review`, or accept them
//! with `INSTA_UPDATE=always cargo test -p om-verifier --test snapshots`).

om_testkit::snapshot_runner!(env!("CARGO_BIN_EXE_om-verifier"));

#[test]
fn help_texts() {
    let home = tempfile::tempdir().unwrap();
    om_testkit::help_snapshots!(home, ["serve", "verify", "completions"]);
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
