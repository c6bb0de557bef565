//! The library's error type: things that stop a document from being processed at all.
//!
//! A credential that was processed and found invalid is not an error: it is a
//! [`crate::report::Report`] whose verdict says so.

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document is not shaped as the data model requires.
    #[error("malformed document: {0}")]
    Malformed(String),
    /// The strict reader refused the document (see [`crate::jsonld`]).
    #[error("refused at {0}")]
    Refused(#[from] crate::jsonld::Refusal),
    /// The document names a JSON-LD context this toolkit does not bundle.
    #[error("unknown JSON-LD context {0}: only bundled contexts are loaded, nothing is fetched")]
    UnknownContext(String),
    /// JSON-LD expansion or RDF canonicalization failed.
    #[error("JSON-LD processing failed: {0}")]
    JsonLd(String),
    /// A key or multibase value could not be decoded.
    #[error("invalid key: {0}")]
    Key(String),
    /// A DID or verification method could not be resolved.
    #[error("cannot resolve {id}: {reason}")]
    Resolve {
        /// The DID or verification method id.
        id: String,
        /// Why it failed.
        reason: String,
    },
    /// A verification method that definitively does not exist: a `did:key`
    /// whose fragment names another key, a key id absent from the DID document.
    #[error("{id} does not resolve: {reason}")]
    NoSuchKey {
        /// The verification method id.
        id: String,
        /// Why it cannot exist.
        reason: String,
    },
    /// The proof options or proof are unsupported.
    #[error("unsupported proof: {0}")]
    UnsupportedProof(String),
    /// Signing produced a proof that does not verify with the signer's own key.
    #[error("the signature made does not verify: {0}")]
    SelfCheck(String),
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
    Identity(String),
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
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
