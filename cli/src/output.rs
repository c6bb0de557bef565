//! Output files: written atomically (never half-written), or standard output.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
pub use om_core::fsutil::Visibility;

/// Writes `bytes` to `path` atomically.
pub fn write_file(path: &Path, bytes: &[u8], visibility: Visibility) -> Result<()> {
    om_core::fsutil::write_atomic(path, bytes, visibility)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Writes shareable output to a file (atomically) or, without a path, to
/// standard output followed by a newline.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(p) => write_file(p, bytes, Visibility::Shared),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.write_all(b"\n")?;
            out.flush()?;
            Ok(())
        }
    }
}
