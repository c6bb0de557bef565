//! # om-core
//!
//! The credential core of Open Masters Credentials: letters of endorsement as
//! W3C Verifiable Credentials 2.0 / Open Badges 3.0, signed and verified with the
//! Data Integrity EdDSA cryptosuites (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), offline.
//!
//! This crate never prints, serves HTTP or opens a database: apps do that.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod canon;
pub mod contexts;
pub mod did;
pub mod error;
pub mod keys;
pub mod proof;

pub use error::{Error, Result};
