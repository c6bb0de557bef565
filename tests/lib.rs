//! End-to-end tests across the binaries live in `tests/e2e/`.
