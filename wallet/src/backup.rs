//! Encrypted backups: identity.json, identity.key.age and every stored
//! credential (its exact text) in one JSON bundle, encrypted with the passphrase
//! (age, scrypt; [`om_identity::encrypt`]).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use om_identity::{IdentityStore, LockedIdentity};

/// The bundle format name.
pub const FORMAT: &str = "om-wallet-backup/1";

/// One credential in a bundle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BundledCredential {
    /// Its exact text.
    pub json: String,
    /// When it was imported.
    pub imported_at: String,
}

/// What a backup holds (before encryption).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// When it was made.
    pub created: String,
    /// The exact bytes of identity.json (UTF-8).
    pub identity_json: String,
    /// identity.key.age, base64 (already encrypted with the passphrase).
    pub identity_key_age: String,
    /// The credentials.
    pub credentials: Vec<BundledCredential>,
}

/// Errors of backup and restore.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file is not a backup, or was damaged.
    #[error("not a usable backup: {0}")]
    Bad(String),
    /// From the identity at rest (wrong passphrase, damaged key file).
    #[error(transparent)]
    Identity(#[from] om_identity::Error),
    /// From core (keys, documents).
    #[error(transparent)]
    Core(#[from] om_core::Error),
    /// A file that could not be read or written.
    #[error(transparent)]
    File(#[from] om_core::low_level::fsutil::FileError),
}

impl Bundle {
    /// Reads the identity files of `home` and the given credentials.
    pub fn collect(
        home: &std::path::Path,
        credentials: Vec<BundledCredential>,
    ) -> Result<Self, BackupError> {
        let read = |name: &str| {
            std::fs::read(home.join(name)).map_err(|e| om_core::low_level::fsutil::FileError {
                path: home.join(name),
                source: e,
            })
        };
        let identity_json = String::from_utf8(read("identity.json")?)
            .map_err(|_| BackupError::Bad("identity.json is not UTF-8".into()))?;
        Ok(Self {
            format: FORMAT.into(),
            created: om_core::credential::format_date(&chrono::Utc::now()),
            identity_json,
            identity_key_age: STANDARD.encode(read("identity.key.age")?),
            credentials,
        })
    }

    /// Encrypts the bundle with the passphrase.
    pub fn seal(&self, passphrase: &SecretString) -> Result<Vec<u8>, BackupError> {
        let plain = zeroize::Zeroizing::new(
            serde_json::to_vec(self).map_err(|e| BackupError::Bad(e.to_string()))?,
        );
        Ok(om_identity::encrypt(&plain, passphrase)?)
    }

    /// Decrypts and checks a backup: the format, the identity, that the key
    /// opens with the passphrase and belongs to the identity, and that every
    /// credential is JSON. Nothing is written.
    pub fn open(
        bytes: &[u8],
        passphrase: &SecretString,
    ) -> Result<(Self, LockedIdentity), BackupError> {
        let plain = om_identity::decrypt(bytes, passphrase)?;
        let bundle: Bundle = serde_json::from_slice(&plain)
            .map_err(|e| BackupError::Bad(format!("the content is not a wallet bundle: {e}")))?;
        if bundle.format != FORMAT {
            return Err(BackupError::Bad(format!(
                "unknown format {:?}",
                bundle.format
            )));
        }
        let scratch = tempfile_dir()?;
        let write = |name: &str, bytes: &[u8]| {
            std::fs::write(scratch.join(name), bytes).map_err(|e| BackupError::Bad(e.to_string()))
        };
        write("identity.json", bundle.identity_json.as_bytes())?;
        write("identity.key.age", &bundle.key_bytes()?)?;
        let checked = IdentityStore::new(&scratch).unlock(passphrase);
        let _ = std::fs::remove_dir_all(&scratch);
        let me = checked?.public;
        for (i, c) in bundle.credentials.iter().enumerate() {
            serde_json::from_str::<serde_json::Value>(&c.json)
                .map_err(|e| BackupError::Bad(format!("credential {} is damaged: {e}", i + 1)))?;
        }
        Ok((bundle, me))
    }

    /// identity.key.age's bytes.
    pub fn key_bytes(&self) -> Result<Vec<u8>, BackupError> {
        STANDARD
            .decode(&self.identity_key_age)
            .map_err(|e| BackupError::Bad(format!("the key is damaged: {e}")))
    }
}

fn tempfile_dir() -> Result<std::path::PathBuf, BackupError> {
    let dir = std::env::temp_dir().join(format!(
        "om-wallet-restore-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    om_core::low_level::fsutil::create_private_dir(&dir)?;
    Ok(dir)
}
