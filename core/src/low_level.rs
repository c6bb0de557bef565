//! Building blocks of the crate, public for tools and tests that need them:
//! **no stability promise**: they change whenever the crate's main API needs
//! them to.
//!
//! - [`canon`]: the canonical forms hashed by the cryptosuites (JCS, RDFC-1.0)
//! - [`vocab`]: the IRIs the strict reader keys the expanded tree by
//! - [`quad`]: the RDF quads a checked document means
//! - [`fsutil`]: atomic file writes, for the apps

// The files stay at the crate's top (`src/canon/`, `src/fsutil.rs`); the crate
// names them `crate::canon` and `crate::fsutil` through the root's imports.
#[path = "canon/mod.rs"]
pub mod canon;
#[path = "fsutil.rs"]
pub mod fsutil;

pub use crate::jsonld::{quad, vocab};
