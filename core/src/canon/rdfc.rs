//! RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, used by
//! `eddsa-rdfc-2022`.
//!
//! Expansion uses the `json-ld` crate in safe mode (a term that no context
//! defines is an error, never silently dropped), RDF canonicalization uses
//! SpruceID's `ssi-rdf`. Contexts come only from [`crate::contexts`].
//!
//! Speed: the top-level `@context` of a credential is the same for every letter,
//! so its processed form is cached by its exact JSON text and each document is
//! expanded from that active context (which is what processing the document's own
//! `@context` from an empty one yields).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use iref::{Iri, IriBuf};
use json_ld::syntax::context::Context as ContextSyntax;
use json_ld::syntax::TryFromJson;
use json_ld::{Expand, LoadError, Loader, Process, RdfQuads, RemoteDocument};
use rdf_types::generator;
use serde_json::Value;

use crate::contexts;
use crate::Error;

type ActiveContext = json_ld::Context<IriBuf, rdf_types::BlankIdBuf>;

/// The loader that serves bundled contexts and refuses everything else.
#[derive(Clone)]
struct OfflineLoader {
    documents: Arc<HashMap<IriBuf, RemoteDocument>>,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown JSON-LD context: only bundled contexts are loaded")]
struct NotBundled;

impl OfflineLoader {
    fn new() -> Self {
        let mut documents = HashMap::new();
        for c in contexts::BUNDLED {
            let iri = IriBuf::new(c.iri.to_string()).expect("bundled context IRIs are valid");
            let parsed: Value = serde_json::from_str(c.body).expect("bundled contexts parse");
            let json = json_syntax::Value::from_serde_json(parsed);
            documents.insert(iri.clone(), RemoteDocument::new(Some(iri), None, json));
        }
        Self {
            documents: Arc::new(documents),
        }
    }
}

impl Loader for OfflineLoader {
    async fn load(&self, url: &Iri) -> Result<RemoteDocument<IriBuf>, LoadError> {
        self.documents
            .get(url)
            .cloned()
            .ok_or_else(|| LoadError::new(url.to_owned(), NotBundled))
    }
}

/// Turns JSON-LD documents into canonical N-Quads, caching processed contexts.
///
/// Cheap to clone (shared caches); safe to share across threads.
#[derive(Clone)]
pub struct RdfCanonicalizer {
    loader: OfflineLoader,
    active: Arc<RwLock<HashMap<String, Arc<ActiveContext>>>>,
}

impl Default for RdfCanonicalizer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for RdfCanonicalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RdfCanonicalizer").finish_non_exhaustive()
    }
}

/// Contexts cached at most (one entry per distinct `@context` array).
const MAX_CACHED_CONTEXTS: usize = 64;

fn expansion_options() -> json_ld::expansion::Options {
    json_ld::expansion::Options {
        policy: json_ld::expansion::Policy {
            invalid: json_ld::expansion::Action::Reject,
            allow_undefined: false,
            ..Default::default()
        },
        ..Default::default()
    }
}

impl RdfCanonicalizer {
    /// A canonicalizer over the bundled contexts.
    pub fn new() -> Self {
        Self {
            loader: OfflineLoader::new(),
            active: Arc::default(),
        }
    }

    fn active_context(&self, context: &Value) -> Result<Arc<ActiveContext>, Error> {
        let key = context.to_string();
        if let Some(found) = self.active.read().map_err(poisoned)?.get(&key) {
            return Ok(found.clone());
        }
        let json = json_syntax::Value::from_serde_json(context.clone());
        let syntax = ContextSyntax::try_from_json(json)
            .map_err(|e| Error::JsonLd(format!("invalid @context: {e}")))?;
        let processed = pollster::block_on(syntax.process(&mut (), &self.loader, None))
            .map_err(|e| context_error(&e.to_string(), context))?
            .into_processed();
        let processed = Arc::new(processed);
        let mut cache = self.active.write().map_err(poisoned)?;
        if cache.len() < MAX_CACHED_CONTEXTS {
            cache.insert(key, processed.clone());
        }
        Ok(processed)
    }

    /// The canonical N-Quads of a JSON-LD document (an object with `@context`).
    pub fn canonicalize(&self, document: &Value) -> Result<String, Error> {
        let obj = document
            .as_object()
            .ok_or_else(|| Error::Malformed("a JSON-LD document must be an object".into()))?;
        let context = obj
            .get("@context")
            .ok_or_else(|| Error::Malformed("the document has no \"@context\"".into()))?;
        let active = self.active_context(context)?;
        let mut body = obj.clone();
        body.remove("@context");
        let json = json_syntax::Value::from_serde_json(Value::Object(body));
        let expanded = pollster::block_on(json.expand_full(
            &mut (),
            (*active).clone(),
            None,
            &self.loader,
            expansion_options(),
            (),
        ))
        .map_err(|e| context_error(&e.to_string(), context))?;
        // Deserialize JSON-LD to RDF through the node map, as the JSON-LD 1.1 API
        // specifies: every node gets a blank node id, named graphs (`proof`,
        // `verifiableCredential`) become graphs.
        let node_map = expanded
            .generate_node_map_with(&mut (), generator::Blank::new_with_prefix("b".to_string()))
            .map_err(|_| Error::JsonLd("conflicting @index values".into()))?;
        let mut blanks = generator::Blank::new_with_prefix("g".to_string());
        let quads: Vec<rdf_types::LexicalQuad> = node_map
            .rdf_quads(&mut blanks, None)
            .cloned()
            .filter_map(|rdf_types::Quad(s, p, o, g)| match p {
                rdf_types::Id::Iri(p) => Some(rdf_types::Quad(s, p, o, g)),
                rdf_types::Id::Blank(_) => None,
            })
            .collect();
        if quads.is_empty() {
            return Err(Error::JsonLd("the document has no linked data".into()));
        }
        Ok(
            ssi_rdf::urdna2015::normalize(quads.iter().map(|q| q.as_lexical_quad_ref()))
                .into_nquads(),
        )
    }
}

fn poisoned<T>(_: T) -> Error {
    Error::JsonLd("context cache poisoned".into())
}

/// Names the unknown context when loading failed, otherwise passes the message on.
fn context_error(message: &str, context: &Value) -> Error {
    let names: Vec<&str> = match context {
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        Value::String(s) => vec![s.as_str()],
        _ => vec![],
    };
    if let Some(unknown) = names.iter().find(|n| contexts::lookup(n).is_none()) {
        return Error::UnknownContext((*unknown).to_string());
    }
    Error::JsonLd(message.to_string())
}
