//! RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, used by
//! `eddsa-rdfc-2022`.
//!
//! The quads come from the strict, closed-world reading of the document
//! ([`crate::jsonld`]): the same expanded tree every reader of letters, dates,
//! status and proofs reads, so a signature over this form covers exactly what
//! is shown. Canonicalization is the `rdf-canon` crate's RDFC-1.0 over
//! `oxrdf`, whose canonical N-Quads escape control characters as RDFC-1.0
//! requires. The tests check these N-Quads byte for byte against a general
//! JSON-LD 1.1 processor (the `json-ld` crate, in the test-only
//! `om-jsonld-reference`) on every vector, fixture and generated document.

use serde_json::Value;

use crate::Error;

/// Turns JSON-LD documents into canonical N-Quads. Stateless and cheap to
/// clone; the compiled contexts it relies on are shared process-wide.
#[derive(Clone, Debug, Default)]
pub struct RdfCanonicalizer;

/// Bound on the N-degree hashing work (a guard against "poison" graphs built to
/// make canonicalization explode); letters need a handful of calls.
const HNDQ_CALL_LIMIT: usize = 1_000;

impl RdfCanonicalizer {
    /// A canonicalizer over the bundled contexts.
    pub fn new() -> Self {
        Self
    }

    /// The canonical N-Quads of a document read strictly
    /// ([`crate::jsonld::check_document`]); a refused document is an error
    /// naming the JSON path.
    pub fn canonicalize(&self, document: &Value) -> Result<String, Error> {
        let checked = crate::jsonld::check_document(document)?;
        let quads = checked.quads()?;
        if quads.is_empty() {
            return Err(Error::JsonLd("the document has no linked data".into()));
        }
        let options = rdf_canon::CanonicalizationOptions {
            hndq_call_limit: Some(HNDQ_CALL_LIMIT),
        };
        rdf_canon::canonicalize_quads_with::<sha2::Sha256>(&quads, &options)
            .map_err(|e| Error::JsonLd(format!("RDF canonicalization failed: {e}")))
    }
}
