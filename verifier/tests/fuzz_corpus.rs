//! Replays the inline-payload fuzz target's corpus (`fuzz/corpus/inline_payload/`)
//! on stable: the same target body as `cargo fuzz` runs, none may panic.

#[path = "../../fuzz/src/verifier_targets.rs"]
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

#[test]
fn the_fuzz_corpus_never_panics() {
    let mut failures = Vec::new();
    for (target, run) in targets::TARGETS {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../fuzz/corpus")
            .join(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "fuzz/corpus/{target}/ is empty");
        for file in files {
            let data = std::fs::read(&file).expect("a corpus file");
            if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
                failures.push(format!("{target}: {}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "panicked on: {failures:#?}");
}
