//! The issuer at work: the home folder, the unlocked key, signing with a
//! self-check, and recording what is issued.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Utc;
use om_core::did::StaticResolver;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::{CheckKind, Outcome};
use om_core::verify::Verifier;
use om_identity::{IdentityStore, LockedIdentity, UnlockedIdentity};
use serde_json::Value;

use crate::log::{IssueLog, NewRecord};

/// The home folder and its identity store.
#[derive(Debug, Clone)]
pub struct Home {
    /// The folder.
    pub dir: PathBuf,
    /// The identity files in it.
    pub store: IdentityStore,
    passphrase_file: Option<PathBuf>,
}

impl Home {
    /// The home the command line chooses.
    pub fn new(args: &om_cli::home::HomeArgs) -> Self {
        let dir = args.dir();
        Self {
            store: IdentityStore::new(dir.clone()),
            dir,
            passphrase_file: args.passphrase_file.clone(),
        }
    }

    /// The public identity.
    pub fn load(&self) -> Result<LockedIdentity> {
        Ok(self.store.load()?)
    }

    /// The passphrase, from wherever it comes.
    pub fn passphrase(&self, confirm: bool) -> Result<secrecy::SecretString> {
        use om_cli::passphrase::{read, Confirm};
        if confirm {
            read(
                self.passphrase_file.as_deref(),
                Confirm::Twice,
                "protect your new key",
            )
        } else {
            read(
                self.passphrase_file.as_deref(),
                Confirm::Once,
                "unlock your signing key",
            )
        }
    }

    /// Unlocks the key (asks for the passphrase once).
    pub fn unlock(&self) -> Result<Signer> {
        self.load()?; // a missing identity is reported before asking for a passphrase
        let pass = self.passphrase(false)?;
        let identity = self
            .store
            .unlock(&pass)
            .context("cannot unlock your signing key")?;
        Signer::new(identity)
    }

    /// The issue log.
    pub fn log(&self) -> Result<IssueLog> {
        IssueLog::open(&self.dir)
    }

    /// Where the status list is written by default.
    pub fn default_status_list_path(&self) -> PathBuf {
        self.dir.join("status-list.json")
    }
}

/// An unlocked identity that signs, and checks what it signed.
pub struct Signer {
    /// The identity.
    pub identity: UnlockedIdentity,
    di: DataIntegrity,
    resolver: StaticResolver,
}

/// A signed credential, serialized once.
#[derive(Debug)]
pub struct Signed {
    /// The credential id.
    pub id: String,
    /// The JSON bytes, exactly as output.
    pub bytes: Vec<u8>,
    /// Its status list index, if it has one.
    pub status_index: Option<usize>,
}

impl Signer {
    /// A signer for an unlocked identity.
    pub fn new(identity: UnlockedIdentity) -> Result<Self> {
        let mut resolver = StaticResolver::new();
        resolver
            .insert_document(&identity.public.did_document()?)
            .context("your DID document is damaged")?;
        Ok(Self {
            identity,
            di: DataIntegrity::new(),
            resolver,
        })
    }

    /// Signs a credential, serializes it once, and verifies those exact bytes;
    /// refuses (with the reasons) if any check fails.
    pub fn sign_checked(&self, unsigned: &Value, suite: Cryptosuite) -> Result<Vec<u8>> {
        let signed = self
            .di
            .sign(
                unsigned,
                &self.identity.key,
                &ProofOptions::assertion(suite),
            )
            .context("signing failed")?;
        let bytes = serde_json::to_vec_pretty(&signed)?;
        let reparsed: Value = serde_json::from_slice(&bytes)?;
        let report = Verifier::new(&self.di, &self.resolver, Utc::now())
            .verify_credential(&reparsed)
            .context("the signed credential could not be checked")?;
        let problems: Vec<String> = report
            .checks
            .iter()
            .filter(|c| {
                c.outcome == Outcome::Fail
                    || (matches!(c.kind, CheckKind::Proof | CheckKind::KeyBinding)
                        && c.outcome != Outcome::Pass)
            })
            .map(|c| format!("{}: {}", c.kind.label(), c.message))
            .collect();
        if !problems.is_empty() {
            anyhow::bail!(
                "the signed credential does not pass its own check, so it was not written: {}",
                problems.join("; ")
            );
        }
        Ok(bytes)
    }

    /// Records, signs and self-checks one credential. `build` makes the unsigned
    /// credential from its `credentialStatus` entry (`None` for none); it is
    /// first called with `None` so that a bad draft is refused before anything
    /// is recorded.
    pub fn issue(
        &self,
        log: &mut IssueLog,
        record: &NewRecord,
        suite: Cryptosuite,
        build: impl Fn(Option<Value>) -> Result<Value>,
    ) -> Result<Signed> {
        build(None)?;
        let url = self.identity.public.status_list_url.clone();
        let index = log.reserve(record, url.is_some())?;
        let status = match (&url, index) {
            (Some(u), Some(i)) => Some(om_core::status::status_entry(u, i)),
            _ => None,
        };
        let unsigned = build(status)?;
        let bytes = self.sign_checked(&unsigned, suite)?;
        Ok(Signed {
            id: record.id.clone(),
            bytes,
            status_index: index,
        })
    }
}

/// An absolute form of a path, for the log (the path itself if that fails).
pub fn absolute(p: &Path) -> String {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}
