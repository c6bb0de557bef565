//! The strict walk: JSON to an expanded tree, refusing everything whose JSON
//! and JSON-LD meaning could differ.
//!
//! Every key of every object must be a term of the active context at that
//! place (type- and property-scoped contexts included), the `id` / `type`
//! aliases, or, where a `@vocab` is in force, a plain name it maps. Refused,
//! each with the JSON path:
//! - `@context` anywhere but the top of a document, of a credential embedded
//!   in it, or of a proof (and there only as bundled context IRIs);
//! - any other `@` keyword (value objects, `@graph`, `@included`, `@reverse`, …);
//! - absolute or compact IRIs as keys, and names no context defines;
//! - `null`, nested arrays, and values of the wrong kind for their term (an
//!   object or a number where a date string is due, a number for an IRI);
//! - identifiers and IRI values that are not absolute IRIs (relative, blank
//!   node, malformed, or a DID with characters DID syntax forbids);
//! - two keys of one object that mean the same property.
//!
//! What passes has exactly one reading: the [`Node`] tree this walk builds,
//! whose properties are keyed by IRI as JSON-LD expansion would key them.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::context::{self, ActiveContext, Coercion, Container, Mapping, TermDef};
use super::vocab;
use crate::contexts::{CREDENTIALS_V1, CREDENTIALS_V2};

/// Why a document was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct Refusal {
    /// The JSON path of the offending member (`$.credentialSubject.name`).
    pub path: String,
    /// What is wrong there.
    pub reason: String,
}

impl Refusal {
    pub(crate) fn new(path: &str, reason: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            reason: reason.into(),
        }
    }
}

/// A node object of the expanded tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where it is in the JSON.
    pub path: String,
    /// Its `id`, an absolute IRI.
    pub id: Option<String>,
    /// Its types, as IRIs.
    pub types: Vec<String>,
    /// Its properties by IRI, each with its values in JSON order.
    pub props: BTreeMap<String, Vec<Item>>,
    /// The node is the value of a `@graph` container (`proof`,
    /// `verifiableCredential`): it stands in a named graph of its own.
    pub in_graph: bool,
}

/// One value of a property.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A node object.
    Node(Node),
    /// An IRI reference (a string read as `@id` or `@vocab`).
    Iri {
        /// The IRI.
        iri: String,
        /// Where it is.
        path: String,
    },
    /// A literal: a JSON string, number or boolean, with its datatype if coerced.
    Literal {
        /// The JSON value.
        value: Value,
        /// The datatype IRI from the term's `@type`, if any.
        datatype: Option<String>,
        /// Where it is.
        path: String,
    },
    /// A JSON literal (`@json`), opaque.
    Json {
        /// The JSON value.
        value: Value,
        /// Where it is.
        path: String,
    },
    /// An ordered list (`@list`).
    List(Vec<Item>),
    /// A credential embedded in a presentation, checked on its own.
    Embedded {
        /// Where it is.
        path: String,
    },
}

impl Item {
    /// Where the value is in the JSON.
    pub fn path(&self) -> &str {
        match self {
            Item::Node(n) => &n.path,
            Item::Iri { path, .. }
            | Item::Literal { path, .. }
            | Item::Json { path, .. }
            | Item::Embedded { path } => path,
            Item::List(items) => items.first().map(Item::path).unwrap_or(""),
        }
    }
}

/// Where a node object stands, which decides whether it may carry `@context`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// The top of the document.
    Top,
    /// A credential embedded in another document (`endorsement`).
    Embedded,
    /// A proof.
    Proof,
    /// Anywhere else.
    Inner,
}

/// Bounds on what one document may make the walk do.
const MAX_DEPTH: usize = 24;
const MAX_VALUES: usize = 20_000;
const MAX_CONTEXTS: usize = 8;

/// What a walk reads: a whole document, or a presentation whose credentials
/// are checked on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    /// Any document, embedded credentials included; VC 2.0 first.
    Document,
    /// A presentation: the values of `verifiableCredential` are left to be
    /// checked on their own, and the presentation itself may be VC 2.0 or
    /// (a wallet's DIDAuthentication) credentials v1.
    Presentation,
}

pub(crate) struct Walker {
    values: usize,
    /// Leave the values of `verifiableCredential` to be checked on their own.
    split_embedded: bool,
    /// The contexts the top of the document may name first.
    first_at_top: &'static [&'static str],
}

impl Walker {
    pub(crate) fn new(walk: Walk) -> Self {
        match walk {
            Walk::Document => Self {
                values: 0,
                split_embedded: false,
                first_at_top: &[CREDENTIALS_V2],
            },
            Walk::Presentation => Self {
                values: 0,
                split_embedded: true,
                first_at_top: &[CREDENTIALS_V2, CREDENTIALS_V1],
            },
        }
    }

    fn count(&mut self, path: &str) -> Result<(), Refusal> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(Refusal::new(path, "the document has too many values"));
        }
        Ok(())
    }

    /// Walks the top node of a document.
    pub(crate) fn document(&mut self, doc: &Value) -> Result<Node, Refusal> {
        let obj = doc
            .as_object()
            .ok_or_else(|| Refusal::new("$", "a document must be a JSON object"))?;
        if !obj.contains_key("@context") {
            return Err(Refusal::new("$", "the document has no \"@context\""));
        }
        self.node(context::empty(), obj, "$", None, Place::Top, 0)
    }

    fn node(
        &mut self,
        ctx: Arc<ActiveContext>,
        obj: &Map<String, Value>,
        path: &str,
        from: Option<&TermDef>,
        place: Place,
        depth: usize,
    ) -> Result<Node, Refusal> {
        if depth > MAX_DEPTH {
            return Err(Refusal::new(path, "the document nests too deeply"));
        }
        self.count(path)?;
        // A type-scoped context ends where a new node object begins.
        let mut ctx = match &ctx.previous {
            Some(previous) => previous.clone(),
            None => ctx,
        };
        if let Some(scoped) = from.and_then(|d| d.scoped.as_ref()) {
            ctx = context::apply_scoped(&ctx, scoped, false).map_err(|e| Refusal::new(path, e))?;
        }
        if let Some(local) = obj.get("@context") {
            let at = join(path, "@context");
            if place == Place::Inner {
                return Err(Refusal::new(
                    &at,
                    "an embedded @context is refused: terms may only come from the bundled contexts named at the top of a credential or presentation",
                ));
            }
            let first: &[&str] = match place {
                Place::Top => self.first_at_top,
                Place::Embedded => &[CREDENTIALS_V2],
                Place::Proof | Place::Inner => &[],
            };
            ctx = apply_document_contexts(&ctx, local, &at, first)?;
        }
        // Type-scoped contexts, in lexicographic order of the types.
        let type_ctx = ctx.clone();
        let mut types = Vec::new();
        let mut type_keys = obj.keys().filter(|k| {
            matches!(
                type_ctx.terms.get(*k).map(|t| &t.mapping),
                Some(Mapping::Type)
            )
        });
        if let Some(key) = type_keys.next() {
            if let Some(other) = type_keys.next() {
                return Err(Refusal::new(
                    &join(path, other),
                    format!("\"{key}\" and \"{other}\" both give the type"),
                ));
            }
            let at = join(path, key);
            let names: Vec<(&str, String)> = match &obj[key] {
                Value::String(s) => vec![(s.as_str(), at.clone())],
                Value::Array(a) if !a.is_empty() => a
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        t.as_str()
                            .map(|s| (s, index(&at, i)))
                            .ok_or_else(|| Refusal::new(&index(&at, i), "a type must be a string"))
                    })
                    .collect::<Result<_, _>>()?,
                _ => {
                    return Err(Refusal::new(
                        &at,
                        "\"type\" must be a string or an array of strings",
                    ))
                }
            };
            let mut sorted: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            sorted.sort_unstable();
            for name in sorted {
                if let Some(scoped) = type_ctx.terms.get(name).and_then(|t| t.scoped.as_ref()) {
                    ctx = context::apply_scoped(&ctx, scoped, true)
                        .map_err(|e| Refusal::new(&at, e))?;
                }
            }
            for (name, at) in names {
                let iri = match type_ctx.terms.get(name).map(|t| &t.mapping) {
                    Some(Mapping::Iri(iri)) => iri.clone(),
                    Some(_) => return Err(Refusal::new(&at, format!("{name:?} is not a type"))),
                    None => vocab_iri(&type_ctx, name, &at)?,
                };
                types.push(iri);
            }
        }
        let mut node = Node {
            path: path.to_string(),
            id: None,
            types,
            props: BTreeMap::new(),
            in_graph: from.is_some_and(|d| d.container == Container::Graph),
        };
        let mut keys_by_iri: BTreeMap<String, &str> = BTreeMap::new();
        for (key, value) in obj {
            let at = join(path, key);
            if key == "@context" {
                continue;
            }
            if key.starts_with('@') {
                return Err(Refusal::new(
                    &at,
                    format!("the JSON-LD keyword {key} is not allowed: write \"id\" and \"type\", and plain values"),
                ));
            }
            let plain;
            let def: &TermDef = match ctx.terms.get(key) {
                Some(def) => def,
                None if key.contains(':') => return Err(Refusal::new(
                    &at,
                    "a full or compact IRI as a key is refused: use the term the context defines",
                )),
                None => {
                    plain = TermDef {
                        mapping: Mapping::Iri(vocab_iri(&ctx, key, &at)?),
                        coercion: Coercion::None,
                        container: Container::Set,
                        scoped: None,
                        protected: false,
                    };
                    &plain
                }
            };
            let iri = match &def.mapping {
                Mapping::Type => continue,
                Mapping::Id => {
                    let Value::String(id) = value else {
                        return Err(Refusal::new(&at, "an id must be a string"));
                    };
                    check_iri(id, &at)?;
                    if node.id.replace(id.clone()).is_some() {
                        return Err(Refusal::new(&at, "the object has two ids"));
                    }
                    continue;
                }
                Mapping::Iri(iri) => iri.clone(),
            };
            if let Some(first) = keys_by_iri.insert(iri.clone(), key) {
                return Err(Refusal::new(
                    &at,
                    format!("\"{first}\" and \"{key}\" mean the same property"),
                ));
            }
            let items = self.values(&ctx, def, &iri, value, &at, depth)?;
            node.props.insert(iri, items);
        }
        Ok(node)
    }

    fn values(
        &mut self,
        ctx: &Arc<ActiveContext>,
        def: &TermDef,
        iri: &str,
        value: &Value,
        path: &str,
        depth: usize,
    ) -> Result<Vec<Item>, Refusal> {
        if self.split_embedded && iri == vocab::VC_VERIFIABLE_CREDENTIAL {
            return Ok(match value {
                Value::Array(a) => (0..a.len())
                    .map(|i| Item::Embedded {
                        path: index(path, i),
                    })
                    .collect(),
                _ => vec![Item::Embedded {
                    path: path.to_string(),
                }],
            });
        }
        match value {
            Value::Array(a) => {
                let items = a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.one(ctx, def, iri, v, &index(path, i), depth))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if def.container == Container::List {
                    vec![Item::List(items)]
                } else {
                    items
                })
            }
            v => Ok(vec![self.one(ctx, def, iri, v, path, depth)?]),
        }
    }

    fn one(
        &mut self,
        ctx: &Arc<ActiveContext>,
        def: &TermDef,
        iri: &str,
        value: &Value,
        path: &str,
        depth: usize,
    ) -> Result<Item, Refusal> {
        self.count(path)?;
        if value.is_null() {
            return Err(Refusal::new(
                path,
                "null is refused: JSON-LD drops it, so it would be read but not signed",
            ));
        }
        if def.coercion == Coercion::Json {
            return Ok(Item::Json {
                value: value.clone(),
                path: path.to_string(),
            });
        }
        match value {
            Value::Array(_) => Err(Refusal::new(path, "arrays inside arrays are refused")),
            Value::Object(obj) => {
                if matches!(def.coercion, Coercion::Typed(_) | Coercion::Vocab) {
                    return Err(Refusal::new(path, "must be a string, not an object"));
                }
                let place = match iri {
                    vocab::SEC_PROOF => Place::Proof,
                    vocab::OB_ENDORSEMENT | vocab::VC_VERIFIABLE_CREDENTIAL => Place::Embedded,
                    _ => Place::Inner,
                };
                Ok(Item::Node(self.node(
                    ctx.clone(),
                    obj,
                    path,
                    Some(def),
                    place,
                    depth + 1,
                )?))
            }
            Value::String(s) => match &def.coercion {
                Coercion::Id => {
                    check_iri(s, path)?;
                    Ok(Item::Iri {
                        iri: s.clone(),
                        path: path.to_string(),
                    })
                }
                Coercion::Vocab => {
                    // A scalar is expanded with the property-scoped context in force.
                    let scoped;
                    let ctx = match &def.scoped {
                        Some(local) => {
                            scoped = context::apply_scoped(ctx, local, false)
                                .map_err(|e| Refusal::new(path, e))?;
                            &scoped
                        }
                        None => ctx,
                    };
                    let iri = match ctx.terms.get(s.as_str()).map(|t| &t.mapping) {
                        Some(Mapping::Iri(iri)) => iri.clone(),
                        Some(_) => {
                            return Err(Refusal::new(path, "a keyword alias is not a value"))
                        }
                        None if s.contains(':') => {
                            check_iri(s, path)?;
                            s.clone()
                        }
                        None => vocab_iri(ctx, s, path)?,
                    };
                    Ok(Item::Iri {
                        iri,
                        path: path.to_string(),
                    })
                }
                Coercion::Typed(t) => Ok(Item::Literal {
                    value: value.clone(),
                    datatype: Some(t.clone()),
                    path: path.to_string(),
                }),
                Coercion::None | Coercion::Json => Ok(Item::Literal {
                    value: value.clone(),
                    datatype: None,
                    path: path.to_string(),
                }),
            },
            Value::Number(_) | Value::Bool(_) => match &def.coercion {
                Coercion::Id | Coercion::Vocab => Err(Refusal::new(path, "must be an IRI string")),
                // A typed number or boolean is one literal either way; the
                // readers of dates take strings only.
                coercion => Ok(Item::Literal {
                    value: value.clone(),
                    datatype: match coercion {
                        Coercion::Typed(t) => Some(t.clone()),
                        _ => None,
                    },
                    path: path.to_string(),
                }),
            },
            Value::Null => unreachable!("null was refused above"),
        }
    }
}

/// Applies a `@context` found in a document: bundled context IRIs only, at
/// most a few, and the first one of `first` when that is not empty (VC 2.0
/// for documents and embedded credentials; VC 2.0 or credentials v1 for the
/// top of a presentation).
fn apply_document_contexts(
    ctx: &Arc<ActiveContext>,
    local: &Value,
    path: &str,
    first: &[&str],
) -> Result<Arc<ActiveContext>, Refusal> {
    let entries: Vec<&Value> = match local {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    if entries.is_empty() || entries.len() > MAX_CONTEXTS {
        return Err(Refusal::new(
            path,
            format!("@context must name between 1 and {MAX_CONTEXTS} contexts"),
        ));
    }
    let mut ctx = ctx.clone();
    for (i, entry) in entries.iter().enumerate() {
        let at = if local.is_array() {
            index(path, i)
        } else {
            path.to_string()
        };
        let Value::String(iri) = entry else {
            return Err(Refusal::new(
                &at,
                "an inline context is refused: name bundled contexts by IRI",
            ));
        };
        if crate::contexts::lookup(iri).is_none() {
            return Err(Refusal::new(
                &at,
                format!("unknown JSON-LD context {iri}: only bundled contexts are loaded, nothing is fetched"),
            ));
        }
        if i == 0 && !first.is_empty() && !first.contains(&iri.as_str()) {
            return Err(Refusal::new(
                &at,
                format!("the first @context must be {}", first.join(" or ")),
            ));
        }
        ctx = context::apply_iri(&ctx, iri).map_err(|e| Refusal::new(&at, e))?;
    }
    Ok(ctx)
}

/// The IRI a `@vocab` gives a plain name, refusing names that are not plain.
fn vocab_iri(ctx: &ActiveContext, name: &str, path: &str) -> Result<String, Refusal> {
    let Some(v) = &ctx.vocab else {
        return Err(Refusal::new(
            path,
            format!("{name:?} is not defined by the credential's contexts"),
        ));
    };
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !plain {
        return Err(Refusal::new(
            path,
            format!("{name:?} is not defined by the credential's contexts and is not a plain name"),
        ));
    }
    let iri = format!("{v}{name}");
    check_iri(&iri, path)?;
    Ok(iri)
}

/// Refuses what is not an absolute IRI (RFC 3987, as `oxrdf` checks it for the
/// quads), and DIDs that break DID syntax.
pub(crate) fn check_iri(s: &str, path: &str) -> Result<(), Refusal> {
    if oxrdf::NamedNode::new(s).is_err() {
        return Err(Refusal::new(
            path,
            format!("{s:?} is not an absolute IRI: JSON-LD would drop it"),
        ));
    }
    if s.starts_with("did:") {
        crate::did::check_did_url_syntax(s).map_err(|e| Refusal::new(path, e))?;
    }
    Ok(())
}

/// `path.key`, or `path["key"]` for keys that are not plain names.
pub(crate) fn join(path: &str, key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '-'))
    {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", Value::String(key.to_string()))
    }
}

/// `path[i]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
