//! # om-cli
//!
//! What the three command-line tools (`om-issuer`, `om-wallet`, `om-verifier`)
//! share, kept once so they behave as one family:
//!
//! - [`args`]: parsing, with the contract added to every `--help`;
//! - [`exit`]: the exit-code contract (0 holds, 1 negative verdict, 2 could not
//!   check or error), with its text for every `--help`;
//! - [`error`]: errors with a hint for the person at the keyboard, and the hints
//!   for `om-core`'s errors (and, with the feature `identity`, `om-identity`'s),
//!   chosen by variant;
//! - [`run`]: the `main` of every tool: broken pipes, printing errors, exit codes;
//! - [`home`]: the home folder and its arguments (`--home`, `--passphrase-file`);
//! - `passphrase` (feature `identity`): where a passphrase comes from, with one
//!   rule for each source;
//! - [`env`]: the environment variables the tools read (`OM_HOME`,
//!   `OM_PASSPHRASE`, `OM_ALLOW_LOCAL_FETCH`), parsed in one place;
//! - [`output`]: output files (written atomically) or standard output;
//! - [`qr`]: QR codes in the terminal, as PNG and as SVG;
//! - [`service`]: the one HTTP client to the service (om-verifier): its agent and
//!   limits, problem documents mapped to the exit contract, and the VC-API
//!   exchanges (delivery, requests for letters, employers' checks);
//! - [`completions`]: the `completions` and `man` subcommands of the three tools.
//!
//! `om-core` reads no environment variable and never prints: all of that is here.
//!
//! The feature `identity` (on in `om-issuer` and `om-wallet`) adds what needs the
//! identity at rest (`om-identity`, which links the age encryption); `om-verifier`
//! opens no identity and leaves it off.
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub mod args;
pub mod completions;
pub mod env;
pub mod error;
pub mod exit;
pub mod home;
pub mod i18n;
pub mod output;
#[cfg(feature = "identity")]
pub mod passphrase;
pub mod qr;
pub mod run;
pub mod service;

pub use error::{hinted, Hinted, Tool};
pub use exit::Status;
