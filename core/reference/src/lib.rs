//! The reference JSON-LD to RDF canonicalizer, for tests only.
//!
//! `om-core` canonicalizes `eddsa-rdfc-2022` documents from its own strict,
//! closed-world reading (`om_core::check_document` and its kin). This crate keeps the general
//! path it replaced, JSON-LD 1.1 expansion with the `json-ld` crate (safe
//! mode, contexts served from memory only) and RDFC-1.0 with `rdf-canon`, so
//! that tests can check, byte for byte, that the two agree (and that forgery
//! tests change the JSON without changing what a standard processor signs).
//!
//! One defect of the `json-ld` crate's node map is worked around
//! (`merge_repeated_types`: the types of a node written more than once were
//! not all kept; jsonld.js keeps them all).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use iref::{Iri, IriBuf};
use json_ld::syntax::context::Context as ContextSyntax;
use json_ld::syntax::TryFromJson;
use json_ld::{Expand, LoadError, Loader, Process, RdfQuads, RemoteDocument};
use rdf_types::generator;
use serde_json::Value;

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
    fn new(contexts: &[(&str, &str)]) -> Self {
        let mut documents = HashMap::new();
        for (iri, body) in contexts {
            let iri = IriBuf::new(iri.to_string()).expect("context IRIs are valid");
            let parsed: Value = serde_json::from_str(body).expect("contexts parse");
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
    /// A canonicalizer that loads these `(IRI, JSON text)` contexts and no others.
    pub fn new(contexts: &[(&str, &str)]) -> Self {
        Self {
            loader: OfflineLoader::new(contexts),
            active: Arc::default(),
        }
    }

    fn active_context(&self, context: &Value) -> Result<Arc<ActiveContext>, String> {
        let key = context.to_string();
        if let Some(found) = self.active.read().map_err(poisoned)?.get(&key) {
            return Ok(found.clone());
        }
        let json = json_syntax::Value::from_serde_json(context.clone());
        let syntax =
            ContextSyntax::try_from_json(json).map_err(|e| format!("invalid @context: {e}"))?;
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
    pub fn canonicalize(&self, document: &Value) -> Result<String, String> {
        let obj = document
            .as_object()
            .ok_or_else(|| "a JSON-LD document must be an object".to_string())?;
        let context = obj
            .get("@context")
            .ok_or_else(|| "the document has no \"@context\"".to_string())?;
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
        let expanded = merge_repeated_types(expanded);
        // Deserialize JSON-LD to RDF through the node map, as the JSON-LD 1.1 API
        // specifies: every node gets a blank node id, named graphs (`proof`,
        // `verifiableCredential`) become graphs.
        let node_map = expanded
            .generate_node_map_with(&mut (), generator::Blank::new_with_prefix("b".to_string()))
            .map_err(|_| "conflicting @index values".to_string())?;
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
            return Err("the document has no linked data".into());
        }
        let quads: Vec<oxrdf::Quad> = quads.iter().map(to_oxrdf).collect();
        let options = rdf_canon::CanonicalizationOptions {
            hndq_call_limit: Some(HNDQ_CALL_LIMIT),
        };
        rdf_canon::canonicalize_quads_with::<sha2::Sha256>(&quads, &options)
            .map_err(|e| format!("RDF canonicalization failed: {e}"))
    }
}

type NodeId = json_ld::Id<IriBuf, rdf_types::BlankIdBuf>;
type Node = json_ld::Node<IriBuf, rdf_types::BlankIdBuf>;
type Object = json_ld::Object<IriBuf, rdf_types::BlankIdBuf>;
type ExpandedDocument = json_ld::ExpandedDocument<IriBuf, rdf_types::BlankIdBuf>;
/// The `@type`s of each node, by (graph, node): `None` is the default graph.
type TypesByNode = HashMap<(Option<NodeId>, NodeId), Vec<NodeId>>;

/// Works around the node map generation of `json-ld` 0.21, which **replaces** a
/// node's `@type`s each time the same node (same `@id`, same graph) occurs again
/// with a `@type`, where the JSON-LD 1.1 Node Map Generation algorithm adds every
/// occurrence's types to the node. Only the last occurrence's types reached the
/// RDF, so the canonical form lacked `rdf:type` quads that other implementations
/// (jsonld.js) sign: for example a `Profile` issuer whose DID is also the subject
/// of an embedded `EndorsementCredential` (the subject's
/// `EndorsementSubject` type was kept, the issuer's `Profile` type lost). It also
/// left earlier `type`s of a repeated node out of what the signature covers.
///
/// The fix, before the node map is built: give every anonymous node a blank
/// node id (as node map generation would, so named graphs are known by their
/// id), gather the union of the types of each node in each graph, and give that
/// union to every occurrence of the node that has types. Whichever occurrence
/// the node map keeps then carries all of them. Documents with no repeated
/// typed node are unchanged.
fn merge_repeated_types(mut expanded: ExpandedDocument) -> ExpandedDocument {
    // Fresh labels must not collide with blank node ids the document wrote itself.
    let written: Vec<String> = expanded
        .blank_ids()
        .into_iter()
        .map(|b| b.as_str().to_string())
        .collect();
    let mut prefix = String::from("t");
    while written
        .iter()
        .any(|b| b.starts_with(&format!("_:{prefix}")))
    {
        prefix.push('t');
    }
    expanded.identify_all(&mut generator::Blank::new_with_prefix(prefix));
    let mut types = TypesByNode::new();
    for object in expanded.iter() {
        gather_object(object, None, &mut types);
    }
    // With at most one type per node, no occurrence can lose a type.
    if !types.values().any(|t| t.len() > 1) {
        return expanded;
    }
    expanded
        .into_iter()
        .map(|mut object| {
            spread_object(&mut object, None, &types);
            object
        })
        .collect()
}

fn gather_object(object: &Object, graph: Option<&NodeId>, types: &mut TypesByNode) {
    match object {
        Object::Node(node) => gather_node(node, graph, types),
        Object::List(list) => {
            for item in list.iter() {
                gather_object(item, graph, types);
            }
        }
        Object::Value(_) => {}
    }
}

fn gather_node(node: &Node, graph: Option<&NodeId>, types: &mut TypesByNode) {
    if let (Some(id), Some(these)) = (&node.id, &node.types) {
        let all = types.entry((graph.cloned(), id.clone())).or_default();
        for t in these {
            if !all.contains(t) {
                all.push(t.clone());
            }
        }
    }
    if let (Some(id), Some(inner)) = (&node.id, node.graph_entry()) {
        for object in inner {
            gather_object(object, Some(id), types);
        }
    }
    for included in node.included_entry().into_iter().flatten() {
        gather_node(included, graph, types);
    }
    for (_, objects) in node.properties() {
        for object in objects {
            gather_object(object, graph, types);
        }
    }
    for (_, nodes) in node.reverse_properties_entry().into_iter().flatten() {
        for n in nodes {
            gather_node(n, graph, types);
        }
    }
}

fn spread_object(object: &mut Object, graph: Option<&NodeId>, types: &TypesByNode) {
    match object {
        Object::Node(node) => spread_node(node, graph, types),
        Object::List(list) => {
            for item in list.iter_mut() {
                spread_object(item, graph, types);
            }
        }
        Object::Value(_) => {}
    }
}

fn spread_node(node: &mut Node, graph: Option<&NodeId>, types: &TypesByNode) {
    if let (Some(id), Some(these)) = (&node.id, &mut node.types) {
        if let Some(all) = types.get(&(graph.cloned(), id.clone())) {
            these.clone_from(all);
        }
    }
    let id = node.id.clone();
    if let (Some(id), Some(inner)) = (&id, node.graph_entry_mut()) {
        *inner = std::mem::take(inner)
            .into_iter()
            .map(|mut object| {
                spread_object(&mut object, Some(id), types);
                object
            })
            .collect();
    }
    if let Some(included) = node.included_entry_mut() {
        *included = std::mem::take(included)
            .into_iter()
            .map(|mut n| {
                spread_node(&mut n, graph, types);
                n
            })
            .collect();
    }
    for (_, objects) in node.properties_mut() {
        for object in objects {
            spread_object(object, graph, types);
        }
    }
    if let Some(reverse) = node.reverse_properties_mut() {
        for (_, nodes) in reverse.iter_mut() {
            for n in nodes {
                spread_node(n, graph, types);
            }
        }
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

fn poisoned<T>(_: T) -> String {
    "context cache poisoned".into()
}

fn context_error(message: &str, _context: &Value) -> String {
    message.to_string()
}
