//! # om-core
//!
//! The credential core of Open Masters Credentials: letters of endorsement as
//! W3C Verifiable Credentials 2.0 / Open Badges 3.0, signed and verified with the
//! Data Integrity EdDSA cryptosuites (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), offline.
//!
//! This crate never prints, serves HTTP, opens a database or keeps secrets on
//! disk: apps do that (the passphrase-encrypted identity at rest is the
//! `om-identity` crate).
//!
//! ## Sign a letter, then verify it
//!
//! ```
//! use chrono::Utc;
//! use om_core::{
//!     Cryptosuite, DataIntegrity, DidKeyResolver, KeyPair, LetterDraft, LetterFormat,
//!     Profile, ProofOptions, Role, Verdict, Verifier,
//! };
//!
//! # fn main() -> om_core::Result<()> {
//! // The mentor's key (its DID is a did:key) and the participant's DID.
//! let mentor = KeyPair::generate();
//! let participant = KeyPair::generate();
//!
//! let draft = LetterDraft {
//!     id: om_core::letter::new_credential_id(),
//!     endorser: Profile {
//!         id: mentor.controller().to_string(),
//!         name: "Maria Mentor".into(),
//!         ..Profile::default()
//!     },
//!     role: Role::Mentor,
//!     subject_id: participant.controller().to_string(),
//!     subject_name: "Ana Participant".into(),
//!     text: "Ana led the project's data work with care.".into(),
//!     format: LetterFormat::Ob3,
//!     valid_from: Utc::now(),
//!     valid_until: None,
//!     status: None,
//! };
//!
//! // Sign: the unsigned credential gets an `eddsa-rdfc-2022` proof.
//! let di = DataIntegrity::new();
//! let signed = di.sign(
//!     &draft.to_credential()?,
//!     &mentor,
//!     &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
//! )?;
//!
//! // Verify, offline: did:key resolves without a network.
//! let report = Verifier::new(&di, &DidKeyResolver, Utc::now()).verify_credential(&signed)?;
//! assert_eq!(report.verdict(), Verdict::Valid);
//! assert!(report.is_valid());
//! # Ok(())
//! # }
//! ```
//!
//! ## Modules
//!
//! - [`letter`]: the letter profile (drafts to unsigned credentials, and views of them)
//! - [`proof`]: Data Integrity proofs, both suites, create and verify
//! - [`verify`]: full verification into a [`report`]
//! - [`rule`]: the programme rule, and [`assessment`]: the rule over verification reports
//! - [`confirmation`]: teams' signed confirmations of who writers are (co-mentor, participant)
//! - [`status`]: Bitstring Status List
//! - [`did`], [`keys`], [`contexts`]: identifiers, keys and the bundled JSON-LD contexts
//! - [`baked`]: Open Badges credentials baked into PNG and SVG images
//! - [`share`]: the inline-share codec (a presentation in a link) and its limits
//! - the strict, closed-world JSON-LD reader: [`parse_json`], [`check_credential`],
//!   [`check_presentation`], [`check_document`] and the expanded tree ([`Node`])
//! - [`low_level`]: building blocks (canonical forms, IRIs, N-Quads, atomic file
//!   writes), with no stability promise
//!
//! The main types are re-exported here at the root.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod assessment;
pub mod baked;
pub mod confirmation;
pub mod contexts;
pub mod credential;
pub mod did;
mod error;
pub mod exchange;
#[cfg(feature = "fetch")]
pub mod fetch;
mod jsonld;
pub mod keys;
pub mod letter;
pub mod letter_display;
pub mod low_level;
pub mod presentation;
pub mod proof;
pub mod report;
pub mod request;
pub mod rule;
pub mod share;
pub mod status;
pub mod verify;

use low_level::canon;

pub use did::{DidKeyResolver, Resolver, StaticResolver, VerificationMethod};
pub use error::{Error, Result};
pub use jsonld::{
    check_credential, check_document, check_presentation, parse_json, Checked, CheckedCredential,
    CheckedPresentation, Item, Node, Refusal,
};
pub use keys::KeyPair;
pub use letter::{BadgeDraft, LetterDraft, LetterFormat, LetterView, Profile, Role};
pub use proof::{Cryptosuite, DataIntegrity, ProofOptions};
pub use report::{Check, CheckKind, CredentialReport, Outcome, PresentationReport, Verdict};
pub use verify::{PresentationOptions, StatusSource, Verifier};
