//! The snapshot runner of the command-line programs.
//!
//! Each program's `tests/snapshots.rs` defines its `run` with [`snapshot_runner!`], snapshots
//! its `--help` texts with [`help_snapshots!`] and its main error messages with
//! `insta::assert_snapshot!(NAME, run(…))`. The macros expand in the caller, so the snapshot
//! files keep their names (`tests/snapshots/snapshots__NAME.snap`) and their metadata.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the program `bin` with `args` in the home folder `home` (`OM_HOME`), 100 columns
/// wide, without colours, without a passphrase unless `env` sets one, and with nothing on
/// its standard input; `env` adds or overrides variables.
///
/// Returns the exit code, stdout and stderr in one text, with the home folder's path
/// replaced by `[HOME]`:
///
/// ```text
/// exit: Some(2)
/// --- stdout
/// …--- stderr
/// …
/// ```
pub fn run(bin: impl AsRef<Path>, home: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(bin.as_ref());
    cmd.args(args)
        .env("OM_HOME", home)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("OM_PASSPHRASE")
        .stdin(Stdio::null());
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

/// Defines `fn run(home, args, env) -> String` in the calling test file: [`run`] of the
/// program `$bin` (usually `env!("CARGO_BIN_EXE_…")`).
#[macro_export]
macro_rules! snapshot_runner {
    ($bin:expr) => {
        /// Runs the program in `home`; returns exit code, stdout and stderr, with the home
        /// folder's path replaced by `[HOME]` (`om_testkit::cli::run`).
        fn run(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
            $crate::cli::run($bin, home, args, env)
        }
    };
}

/// Snapshots `--help` (as `help`) and `SUB --help` for each subcommand `SUB` (as
/// `help-SUB`), each run in the home folder `$home` (a `tempfile::TempDir` the caller keeps)
/// with the `run` that [`snapshot_runner!`] defined. Name the folder `home`: the snapshot
/// files record the expressions as `run(home.path(), …)`.
#[macro_export]
macro_rules! help_snapshots {
    ($home:ident, [$($sub:expr),* $(,)?]) => {{
        // The expressions as the snapshot files record them (a macro would print `& [`).
        $crate::insta::assert_snapshot!(
            "help",
            run($home.path(), &["--help"], &[]),
            r#"run(home.path(), &["--help"], &[])"#
        );
        for sub in [$($sub),*] {
            $crate::insta::assert_snapshot!(
                format!("help-{sub}"),
                run($home.path(), &[sub, "--help"], &[]),
                r#"run(home.path(), &[sub, "--help"], &[])"#
            );
        }
    }};
}
