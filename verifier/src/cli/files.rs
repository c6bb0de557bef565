//! `om-verifier verify FILE…`: which files, checking each, and the exit status
//! over all of them.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use om_cli::Status;
use om_core::report::{CredentialReport, Verdict};
use om_core::verify::PresentationOptions;
use serde_json::Value;

use crate::cli::text::print_human;
use crate::verify::engine::{AnyReport, Engine};

/// The files to check: files as given, folders as their *.json files (sorted).
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, String>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| {
                            f.is_file()
                                && f.extension()
                                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                        })
                        .collect();
                    files.sort();
                    if files.is_empty() {
                        out.push(Err(format!(
                            "{}: no *.json files in this folder",
                            p.display()
                        )));
                    }
                    out.extend(files.into_iter().map(Ok));
                }
                Err(e) => out.push(Err(format!("{}: {e}", p.display()))),
            }
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

/// The outcome of checking one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// Checked, with a verdict.
    Checked(Verdict, Box<AnyReport>),
    /// Could not be read, parsed or processed.
    Error(String),
}

impl FileOutcome {
    /// The verdict and report, or why the file could not be checked.
    pub fn as_result(&self) -> Result<(Verdict, &AnyReport), &str> {
        match self {
            Self::Checked(v, r) => Ok((*v, r)),
            Self::Error(e) => Err(e),
        }
    }
}

/// Checks one file.
pub fn check_file(engine: &Engine, path: &Path, options: &PresentationOptions) -> FileOutcome {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return FileOutcome::Error(format!("cannot read: {e}")),
    };
    // A file that is not JSON (or has a key twice) is no credential: invalid,
    // with the reason. Only a file that cannot be read is "not checked".
    let doc: Value = match om_core::parse_json(&bytes) {
        Ok(v) => v,
        Err(e) => {
            let r =
                CredentialReport::refused(&format!("not JSON, or not JSON with one reading: {e}"));
            return FileOutcome::Checked(Verdict::Invalid, Box::new(AnyReport::Credential(r)));
        }
    };
    match engine.verify_any(&doc, options) {
        Ok(r) => FileOutcome::Checked(engine.verdict(&r), Box::new(r)),
        Err(e) => FileOutcome::Error(e.to_string()),
    }
}

/// Checks every file and prints the results; 0 when all hold, 1 when something
/// is invalid, 3 when a presentation is not confirmed (wins over 1), 2 when
/// something could not be checked (this wins over both).
pub fn verify_files(
    engine: &Engine,
    paths: &[PathBuf],
    options: &PresentationOptions,
    json: bool,
) -> Status {
    let mut worst = Status::Holds;
    let mut json_out = Vec::new();
    // Files are checked on every core; results are printed in the order given.
    let outcomes: Vec<(PathBuf, FileOutcome)> = expand_paths(paths)
        .into_par_iter()
        .map(|item| match item {
            Ok(p) => {
                let o = check_file(engine, &p, options);
                (p, o)
            }
            Err(e) => (PathBuf::from(&e), FileOutcome::Error(e)),
        })
        .collect();
    for (path, outcome) in outcomes {
        let status = match &outcome {
            FileOutcome::Checked(_, r) if is_unconfirmed(r) => Status::Unconfirmed,
            FileOutcome::Checked(Verdict::Valid, _) => Status::Holds,
            FileOutcome::Checked(Verdict::Invalid, _) => Status::Negative,
            FileOutcome::Checked(Verdict::Undetermined, _) | FileOutcome::Error(_) => {
                Status::CouldNotCheck
            }
        };
        worst = worst.worst(status);
        if json {
            json_out.push(match &outcome {
                FileOutcome::Checked(_, r) => serde_json::json!({
                    "file": path.display().to_string(),
                    "result": engine.vc_api(r),
                }),
                FileOutcome::Error(e) => serde_json::json!({
                    "file": path.display().to_string(),
                    "error": e,
                }),
            });
        } else {
            print_human(&path, outcome.as_result());
        }
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json_out).unwrap_or_default()
        );
    }
    worst
}

/// A presentation whose letters meet the rule only on their writers' word.
fn is_unconfirmed(r: &AnyReport) -> bool {
    matches!(r, AnyReport::Presentation(p) if p.rule.as_ref().is_some_and(|o| o.status == om_core::rule::RuleStatus::Unconfirmed))
}
