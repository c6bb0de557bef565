//! The bodies of the fuzz targets, as plain functions of the input bytes.
//!
//! Each function must return normally for every input: a panic is the bug the
//! fuzzer looks for (plus a few cheap invariants, asserted). The same files are
//! compiled into the stable test suite that replays `fuzz/corpus/<target>/`
//! (`core/tests/fuzz_corpus.rs`), so the corpus is checked by `cargo test`
//! without nightly or libFuzzer.
//!
//! Every target depends on `om-core` only: the one decoder om-verifier adds
//! to core's (the inline share payload) is `om_core::share::decode` itself.
//! Linking om-verifier here built its whole server (axum, tokio, PostgreSQL,
//! SQLite) in release mode on every fuzzing run, for one function.
#![forbid(unsafe_code)]

pub mod core_targets;
