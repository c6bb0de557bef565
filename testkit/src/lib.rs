//! The workspace's test kit, used only as a dev-dependency:
//!
//! - [`cli`]: the snapshot runner of the command-line programs (`--help` texts and error
//!   messages, with the home folder's path masked), and [`help_snapshots!`];
//! - [`letters`]: keys, DIDs, the test team and its confirmations, signed letters and
//!   presentations, made one way for every suite;
//! - [`identity`]: what the suites that run the binaries share about identities on disk;
//! - `postgres` (feature `postgres`): a scratch PostgreSQL database per test, with the one skip
//!   rule (`OM_TEST_POSTGRES_URL` unset: skipped, or failed under `CI=true`).
#![deny(missing_docs)]

pub mod cli;
pub mod identity;
pub mod letters;
#[cfg(feature = "postgres")]
pub mod postgres;

/// Re-exported for [`help_snapshots!`], so that callers need no version of their own.
#[doc(hidden)]
pub use insta;
/// Re-exported for [`help_snapshots!`].
#[doc(hidden)]
pub use tempfile;
