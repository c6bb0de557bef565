//! The identity files in one home folder.
//!
//! Files: `identity.json` (public: DID, verification method, profile, status list
//! URL) and `identity.key.age` (the secret key, encrypted with the passphrase by
//! age's scrypt recipient, mode 0600). The secret key never touches disk
//! unencrypted. A [`LockedIdentity`] can be shown; only an [`UnlockedIdentity`]
//! can sign.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use om_core::did::{did_document, did_key};
use om_core::keys::{
    parse_public_key_multibase, parse_secret_key_multibase, public_key_multibase,
    secret_key_multibase, KeyPair,
};
use om_core::letter::Profile;
use om_core::low_level::fsutil::{create_private_dir, write_atomic, Visibility};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::Error;

/// The public half of the identity, as stored in `identity.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockedIdentity {
    /// The DID.
    pub did: String,
    /// The verification method that signs.
    pub verification_method: String,
    /// The public Multikey.
    pub public_key_multibase: String,
    /// The public profile (its `id` is the DID).
    pub profile: Profile,
    /// Where this identity publishes its status list credential, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_list_url: Option<String>,
    /// When it was created.
    pub created: String,
}

impl LockedIdentity {
    /// The DID document (for did:web, the `did.json` to publish).
    pub fn did_document(&self) -> Result<serde_json::Value, Error> {
        let key = parse_public_key_multibase(&self.public_key_multibase)?;
        Ok(did_document(&self.did, &key))
    }
}

/// The identity with its key decrypted in memory.
#[derive(Debug)]
pub struct UnlockedIdentity {
    /// The public half.
    pub public: LockedIdentity,
    /// The key.
    pub key: KeyPair,
}

/// The identity files in one home folder.
#[derive(Debug, Clone)]
pub struct IdentityStore {
    dir: PathBuf,
}

/// What a new identity is made of.
#[derive(Debug, Clone, Default)]
pub struct NewIdentity {
    /// The profile (its `id` is filled in).
    pub profile: Profile,
    /// A domain (and path) for a `did:web` identity; `None` for `did:key`.
    pub did_web: Option<String>,
    /// Status list URL.
    pub status_list_url: Option<String>,
}

impl IdentityStore {
    /// The store in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The home folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn public_path(&self) -> PathBuf {
        self.dir.join("identity.json")
    }

    fn key_path(&self) -> PathBuf {
        self.dir.join("identity.key.age")
    }

    /// True when an identity exists here.
    pub fn exists(&self) -> bool {
        self.public_path().exists() || self.key_path().exists()
    }

    /// Creates the identity; refuses to replace one unless `force`.
    pub fn create(
        &self,
        new: NewIdentity,
        passphrase: &SecretString,
        force: bool,
    ) -> Result<UnlockedIdentity, Error> {
        if self.exists() && !force {
            return Err(Error::IdentityExists {
                home: self.dir.display().to_string(),
            });
        }
        if passphrase.expose_secret().is_empty() {
            return Err(Error::EmptyPassphrase);
        }
        let fresh = KeyPair::generate();
        let (did, key) = match &new.did_web {
            None => (did_key(&fresh.public_key()), fresh),
            Some(domain) => {
                let did = om_core::did::did_web(domain)?;
                let vm = format!("{did}#key-1");
                let signing = fresh.signing_key().clone();
                (did, KeyPair::with_verification_method(signing, vm))
            }
        };
        let mut profile = new.profile;
        profile.id = did.clone();
        let public = LockedIdentity {
            did,
            verification_method: key.verification_method().to_string(),
            public_key_multibase: public_key_multibase(&key.public_key()),
            profile,
            status_list_url: new.status_list_url,
            created: om_core::credential::format_date(&chrono::Utc::now()),
        };
        create_private_dir(&self.dir)?;
        let secret = secret_key_multibase(key.signing_key());
        let encrypted = encrypt(secret.as_bytes(), passphrase)?;
        write_atomic(&self.key_path(), &encrypted, Visibility::Private)?;
        self.save(&public)?;
        Ok(UnlockedIdentity { public, key })
    }

    /// Writes the public half (profile changes).
    pub fn save(&self, public: &LockedIdentity) -> Result<(), Error> {
        let json = serde_json::to_vec_pretty(public).map_err(|e| Error::Store(e.to_string()))?;
        Ok(write_atomic(
            &self.public_path(),
            &json,
            Visibility::Private,
        )?)
    }

    /// Reads the public half.
    pub fn load(&self) -> Result<LockedIdentity, Error> {
        let path = self.public_path();
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NoIdentity {
                    home: self.dir.display().to_string(),
                }
            } else {
                Error::Io {
                    path: path.display().to_string(),
                    source: e,
                }
            }
        })?;
        serde_json::from_slice(&bytes).map_err(|e| Error::DamagedIdentity {
            home: self.dir.display().to_string(),
            reason: format!("{}: {e}", path.display()),
        })
    }

    /// Decrypts the key with the passphrase.
    pub fn unlock(&self, passphrase: &SecretString) -> Result<UnlockedIdentity, Error> {
        let public = self.load()?;
        let path = self.key_path();
        let encrypted = std::fs::read(&path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        let secret = decrypt(&encrypted, passphrase)?;
        let text = std::str::from_utf8(&secret).map_err(|_| Error::DamagedIdentity {
            home: self.dir.display().to_string(),
            reason: "the key file is not text".into(),
        })?;
        let signing = parse_secret_key_multibase(text)?;
        let key = KeyPair::with_verification_method(signing, public.verification_method.clone());
        if public_key_multibase(&key.public_key()) != public.public_key_multibase {
            return Err(Error::DamagedIdentity {
                home: self.dir.display().to_string(),
                reason: "the key file does not belong to identity.json".into(),
            });
        }
        Ok(UnlockedIdentity { public, key })
    }
}

/// Encrypts bytes with a passphrase (age, scrypt).
pub fn encrypt(plain: &[u8], passphrase: &SecretString) -> Result<Vec<u8>, Error> {
    let encryptor = age::Encryptor::with_user_passphrase(passphrase.clone());
    let mut out = Vec::new();
    let mut w = encryptor
        .wrap_output(&mut out)
        .map_err(|e| Error::Store(e.to_string()))?;
    w.write_all(plain)
        .map_err(|e| Error::Store(e.to_string()))?;
    w.finish().map_err(|e| Error::Store(e.to_string()))?;
    Ok(out)
}

/// Decrypts bytes made by [`encrypt`]; a wrong passphrase is [`Error::WrongPassphrase`].
pub fn decrypt(encrypted: &[u8], passphrase: &SecretString) -> Result<Zeroizing<Vec<u8>>, Error> {
    let decryptor = age::Decryptor::new(encrypted)
        .map_err(|e| Error::Store(format!("not an age file: {e}")))?;
    let identity = age::scrypt::Identity::new(passphrase.clone());
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => Error::WrongPassphrase,
            other => Error::Store(other.to_string()),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|e| Error::Store(e.to_string()))?;
    Ok(plain)
}

/// Reads a passphrase from the first line of `path` (the apps' `--passphrase-file`).
pub fn passphrase_from_file(path: &Path) -> Result<SecretString, Error> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        source: e,
    })?);
    let line = text.lines().next().unwrap_or_default().to_string();
    if line.is_empty() {
        return Err(Error::NoPassphraseInFile {
            path: path.display().to_string(),
        });
    }
    Ok(SecretString::from(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_unlock_and_refuse_wrong_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let store = IdentityStore::new(dir.path().join("home"));
        let pass = SecretString::from("correct horse".to_string());
        let new = NewIdentity {
            profile: Profile {
                name: "Ana".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let made = store.create(new.clone(), &pass, false).unwrap();
        assert!(made.public.did.starts_with("did:key:z6Mk"));
        assert!(
            store.create(new, &pass, false).is_err(),
            "no overwrite without force"
        );
        let back = store.unlock(&pass).unwrap();
        assert_eq!(back.key.public_key(), made.key.public_key());
        let wrong = store
            .unlock(&SecretString::from("wrong".to_string()))
            .unwrap_err();
        assert!(matches!(wrong, Error::WrongPassphrase), "{wrong}");
        let secret = made.key.signing_key().to_bytes();
        for entry in std::fs::read_dir(store.dir()).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            assert!(
                !bytes.windows(32).any(|w| w == secret),
                "secret key bytes on disk"
            );
            let mb = secret_key_multibase(made.key.signing_key());
            assert!(
                !String::from_utf8_lossy(&bytes).contains(mb.as_str()),
                "secret multibase on disk"
            );
        }
    }
}
