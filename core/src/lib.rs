//! # om-core
//!
//! The credential core of Open Masters Credentials: letters of endorsement as
//! W3C Verifiable Credentials 2.0 / Open Badges 3.0, signed and verified with the
//! Data Integrity EdDSA cryptosuites (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), offline.
//!
//! This crate never prints, serves HTTP or opens a database: apps do that.
//!
//! - [`letter`]: the letter profile (drafts to unsigned credentials, and views of them)
//! - [`proof`]: Data Integrity proofs, both suites, create and verify
//! - [`verify`]: full verification into a [`report`]
//! - [`rule`]: the programme rule, and [`assessment`]: the rule over verification reports
//! - [`confirmation`]: teams' signed confirmations of who writers are (co-mentor, participant)
//! - [`status`]: Bitstring Status List
//! - [`did`], [`keys`], [`contexts`], [`canon`]: the building blocks
//! - [`identity`]: the passphrase-encrypted personal identity on disk
//! - [`baked`]: Open Badges credentials baked into PNG and SVG images
//! - [`share`]: the inline-share codec (a presentation in a link) and its limits
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod assessment;
pub mod baked;
pub mod canon;
pub mod confirmation;
pub mod contexts;
pub mod credential;
pub mod did;
pub mod error;
pub mod exchange;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod fsutil;
pub mod identity;
pub mod jsonld;
pub mod keys;
pub mod letter;
pub mod letter_display;
pub mod presentation;
pub mod proof;
pub mod report;
pub mod request;
pub mod rule;
pub mod share;
pub mod status;
pub mod verify;

pub use error::{Error, Result};
