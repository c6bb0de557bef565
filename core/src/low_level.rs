//! Building blocks of the crate, public for tools and tests that need them:
//! **no stability promise**: they change whenever the crate's main API needs
//! them to.
//!
//! - [`canon`]: the canonical forms hashed by the cryptosuites (JCS, RDFC-1.0)
//! - [`vocab`]: the IRIs the strict reader keys the expanded tree by
//! - [`quad`]: the RDF quads a checked document means
//! - [`fsutil`]: atomic file writes, for the apps

pub use crate::canon;
pub use crate::fsutil;
pub use crate::jsonld::{quad, vocab};
