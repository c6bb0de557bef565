//! The wallet as the commands use it: the home folder, the database, the
//! holder's identity and a verifier (the shared Data Integrity engine, and the
//! HTTP fetcher for did:web keys and status lists).

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::Value;

use om_core::confirmation::TrustedTeams;
use om_core::fetch::HttpFetcher;
use om_core::proof::DataIntegrity;
use om_core::report::CredentialReport;
use om_core::verify::Verifier;
use om_identity::{IdentityStore, LockedIdentity, UnlockedIdentity};

use crate::store::Store;

/// The open wallet of one home folder.
pub struct Wallet {
    home: PathBuf,
    passphrase_file: Option<PathBuf>,
    di: DataIntegrity,
    fetcher: HttpFetcher,
    store: Option<Store>,
    teams: TrustedTeams,
}

impl std::fmt::Debug for Wallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wallet")
            .field("home", &self.home)
            .finish_non_exhaustive()
    }
}

impl Wallet {
    /// The wallet in `home` (nothing is opened yet).
    pub fn new(home: PathBuf, passphrase_file: Option<PathBuf>) -> Self {
        Self {
            home,
            passphrase_file,
            di: DataIntegrity::new(),
            fetcher: HttpFetcher::new(om_cli::env::fetch_policy()),
            store: None,
            teams: TrustedTeams::default(),
        }
    }

    /// Trusts these teams to confirm who writers are (for `check`).
    pub fn trust(&mut self, teams: TrustedTeams) {
        self.teams = teams;
    }

    /// The teams trusted to confirm writers.
    pub fn teams(&self) -> &TrustedTeams {
        &self.teams
    }

    /// The home folder.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The `--passphrase-file`, if given.
    pub fn passphrase_file(&self) -> Option<&Path> {
        self.passphrase_file.as_deref()
    }

    /// The identity files of the home.
    pub fn identities(&self) -> IdentityStore {
        IdentityStore::new(&self.home)
    }

    /// The holder's public identity (no passphrase needed).
    pub fn holder(&self) -> Result<LockedIdentity> {
        Ok(self.identities().load()?)
    }

    /// Unlocks the holder's key (asks for the passphrase).
    pub fn unlock(&self, purpose: &str) -> Result<UnlockedIdentity> {
        let pass = om_cli::passphrase::read(
            self.passphrase_file(),
            om_cli::passphrase::Confirm::Once,
            purpose,
        )?;
        Ok(self.identities().unlock(&pass)?)
    }

    /// The database (opened on first use).
    pub fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            self.store = Some(Store::open_home(&self.home)?);
        }
        Ok(self.store.as_mut().expect("opened"))
    }

    /// The Data Integrity engine.
    pub fn di(&self) -> &DataIntegrity {
        &self.di
    }

    /// The HTTP fetcher (did:web, status lists).
    pub fn fetcher(&self) -> &HttpFetcher {
        &self.fetcher
    }

    /// A verifier judging dates now; `with_status` consults status lists over the network.
    pub fn verifier(&self, with_status: bool) -> Verifier<'_> {
        let mut v = Verifier::new(&self.di, &self.fetcher, chrono::Utc::now());
        v.teams = self.teams.clone();
        if with_status {
            v.status = Some(&self.fetcher);
        }
        v
    }

    /// Verifies one credential with core.
    pub fn verify(
        &self,
        credential: &Value,
        with_status: bool,
    ) -> Result<CredentialReport, om_core::Error> {
        self.verifier(with_status).verify_credential(credential)
    }
}
