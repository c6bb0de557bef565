//! # om-identity
//!
//! The personal identity at rest, shared by `om-issuer` and `om-wallet`: one
//! Ed25519 key (its `did:key`, or a `did:web` for organisations) and a public
//! profile, kept in the personal home folder, the key encrypted with a
//! passphrase (age, scrypt recipient).
//!
//! This is kept apart from `om-core` so that a verifier, which never opens an
//! identity, does not link the encryption at rest, and so that `om_core::Error`
//! (a document that cannot be processed) never stands for a wrong passphrase:
//! this crate's [`Error`] does.
//!
//! - [`IdentityStore`]: the identity files in one home folder; create, load,
//!   unlock with the passphrase;
//! - [`encrypt`] / [`decrypt`]: the same encryption for other secrets at rest
//!   (the wallet's backups);
//! - [`passphrase_from_file`]: the apps' `--passphrase-file`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod store;

pub use error::{Error, Result};
pub use secrecy::SecretString;
pub use store::{
    decrypt, encrypt, passphrase_from_file, IdentityStore, LockedIdentity, NewIdentity,
    UnlockedIdentity,
};
