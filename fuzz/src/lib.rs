//! The bodies of the fuzz targets, as plain functions of the input bytes.
//!
//! Each function must return normally for every input: a panic is the bug the
//! fuzzer looks for (plus a few cheap invariants, asserted). The same files are
//! compiled into the stable test suites that replay `fuzz/corpus/<target>/`
//! (`core/tests/fuzz_corpus.rs`, `verifier/tests/fuzz_corpus.rs`), so the
//! corpus is checked by `cargo test` without nightly or libFuzzer.
#![forbid(unsafe_code)]

pub mod core_targets;
pub mod verifier_targets;
