//! What can go wrong with the identity on disk.

/// Why the identity could not be created, read or unlocked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No identity has been created in this home folder yet.
    #[error("no identity in {home} yet")]
    NoIdentity {
        /// The home folder.
        home: String,
    },
    /// An identity already exists where a new one was to be created.
    #[error("an identity already exists in {home}")]
    IdentityExists {
        /// The home folder.
        home: String,
    },
    /// A new identity was to be protected with an empty passphrase.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// A passphrase file holds no passphrase on its first line.
    #[error("{path} holds no passphrase")]
    NoPassphraseInFile {
        /// The file.
        path: String,
    },
    /// The identity files are damaged or do not belong together.
    #[error("the identity in {home} is damaged: {reason}")]
    DamagedIdentity {
        /// The home folder.
        home: String,
        /// What is wrong.
        reason: String,
    },
    /// Encrypting, decrypting or storing the identity failed.
    #[error("identity store: {0}")]
    Store(String),
    /// The passphrase did not unlock the key.
    #[error("wrong passphrase: the key could not be decrypted")]
    WrongPassphrase,
    /// An I/O error, with the path it concerns.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A key or DID step of `om-core` failed.
    #[error(transparent)]
    Core(#[from] om_core::Error),
    /// A file or folder of the identity could not be written.
    #[error(transparent)]
    File(#[from] om_core::low_level::fsutil::FileError),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
