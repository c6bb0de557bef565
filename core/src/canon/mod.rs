//! Canonical forms of JSON-LD documents, the input of the EdDSA cryptosuites' hashes.

pub mod jcs;
pub mod rdfc;
