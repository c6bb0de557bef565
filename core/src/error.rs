//! The library's error type: things that stop a document from being processed at all.
//!
//! A credential that was processed and found invalid is not an error: it is a
//! report ([`crate::report::CredentialReport`], [`crate::report::PresentationReport`])
//! whose verdict says so. Nothing here is about an identity at rest (passphrases,
//! key files): that is the `om-identity` crate's own error type.

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
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
