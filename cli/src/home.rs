//! The personal home folder shared by `om-issuer` and `om-wallet`, and the
//! arguments that choose it.

use std::path::PathBuf;

use clap::Args;

/// `--home` and `--passphrase-file`, global options of `om-issuer` and `om-wallet`.
#[derive(Debug, Clone, Default, Args)]
pub struct HomeArgs {
    /// The home folder (default: $OM_HOME, or your data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// A file whose first line is the passphrase (instead of OM_PASSPHRASE or a prompt).
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

impl HomeArgs {
    /// The home folder these arguments choose.
    pub fn dir(&self) -> PathBuf {
        self.home.clone().unwrap_or_else(default_home)
    }
}

/// `$OM_HOME` if set, otherwise the platform's per-user data folder (for
/// example `~/.local/share/open-masters` on Linux).
pub fn default_home() -> PathBuf {
    if let Some(dir) = crate::env::home() {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "P2PU", "open-masters")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".open-masters"))
}
