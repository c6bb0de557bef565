//! Replays the fuzz targets' seed corpus (`fuzz/corpus/<target>/`) on stable:
//! the same target bodies as `cargo fuzz` runs, on every file, none may panic.
//! Crashes the fuzzers found stay in the corpus once fixed (for example the
//! percent-encoded non-UTF-8 IRIs that panicked inside the `json-ld` crate,
//! which the strict reader now reads without it).

#[path = "../../fuzz/src/core_targets.rs"]
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

fn files(folder: &str, target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(folder)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every target over `fuzz/<folder>/<target>/`: the files it panicked on.
fn replay(folder: &str) -> (usize, Vec<String>) {
    let (mut count, mut failures) = (0, Vec::new());
    for (target, run) in targets::TARGETS {
        for file in files(folder, target) {
            let data = std::fs::read(&file).expect("a corpus file");
            count += 1;
            if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
                failures.push(format!("{target}: {}", file.display()));
            }
        }
    }
    (count, failures)
}

#[test]
fn the_fuzz_corpus_never_panics() {
    for (target, _) in targets::TARGETS {
        assert!(
            !files("corpus", target).is_empty(),
            "fuzz/corpus/{target}/ is empty"
        );
    }
    let (count, failures) = replay("corpus");
    assert!(count > 0);
    assert!(failures.is_empty(), "panicked on: {failures:#?}");
}
