//! RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, used by
//! `eddsa-rdfc-2022`.
//!
//! Expansion uses the `json-ld` crate in safe mode (a term that no context
//! defines is an error, never silently dropped), RDF canonicalization uses
//! the `rdf-canon` crate (RDFC-1.0 over `oxrdf`),
//! whose canonical N-Quads escape control characters as RDFC-1.0 requires.
//! (`ssi-rdf` 0.1 writes them raw, so a tab in a letter broke interoperability.) Contexts come only from [`crate::contexts`].
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
        let quads: Vec<oxrdf::Quad> = quads.iter().map(to_oxrdf).collect();
        let options = rdf_canon::CanonicalizationOptions {
            hndq_call_limit: Some(HNDQ_CALL_LIMIT),
        };
        rdf_canon::canonicalize_quads_with::<sha2::Sha256>(&quads, &options)
            .map_err(|e| Error::JsonLd(format!("RDF canonicalization failed: {e}")))
    }
}

/// Bound on the N-degree hashing work (a guard against "poison" graphs built to
/// make canonicalization explode); letters need a handful of calls.
const HNDQ_CALL_LIMIT: usize = 4_000;

fn node(id: &rdf_types::Id) -> oxrdf::Subject {
    match id {
        rdf_types::Id::Iri(iri) => oxrdf::NamedNode::new_unchecked(iri.as_str()).into(),
        rdf_types::Id::Blank(b) => {
            oxrdf::BlankNode::new_unchecked(b.as_str().trim_start_matches("_:")).into()
        }
    }
}

fn to_oxrdf(q: &rdf_types::LexicalQuad) -> oxrdf::Quad {
    let rdf_types::Quad(s, p, o, g) = q;
    let object: oxrdf::Term = match o {
        rdf_types::Term::Id(id) => match node(id) {
            oxrdf::Subject::NamedNode(n) => n.into(),
            oxrdf::Subject::BlankNode(b) => b.into(),
            #[allow(unreachable_patterns)]
            other => oxrdf::Term::from(other),
        },
        rdf_types::Term::Literal(lit) => match &lit.type_ {
            rdf_types::LiteralType::Any(t) => oxrdf::Literal::new_typed_literal(
                lit.value.as_str(),
                oxrdf::NamedNode::new_unchecked(t.as_str()),
            )
            .into(),
            rdf_types::LiteralType::LangString(tag) => {
                oxrdf::Literal::new_language_tagged_literal_unchecked(
                    lit.value.as_str(),
                    tag.as_str(),
                )
                .into()
            }
        },
    };
    let graph = match g {
        None => oxrdf::GraphName::DefaultGraph,
        Some(id) => match node(id) {
            oxrdf::Subject::NamedNode(n) => n.into(),
            oxrdf::Subject::BlankNode(b) => b.into(),
            #[allow(unreachable_patterns)]
            _ => oxrdf::GraphName::DefaultGraph,
        },
    };
    oxrdf::Quad::new(
        node(s),
        oxrdf::NamedNode::new_unchecked(p.as_str()),
        object,
        graph,
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_as_rdfc_requires() {
        let doc = serde_json::json!({
            "@context": [contexts::CREDENTIALS_V2],
            "id": "urn:uuid:1",
            "name": "Tab:\there. Backspace:\u{8} form feed:\u{c} SOH:\u{1} DEL:\u{7f}. Quote:\" slash:\\ nl:\n"
        });
        let nq = RdfCanonicalizer::new().canonicalize(&doc).unwrap();
        let want = r#""Tab:\there. Backspace:\b form feed:\f SOH:\u0001 DEL:\u007F. Quote:\" slash:\\ nl:\n""#;
        assert!(nq.contains(want), "{nq}");
    }
}
