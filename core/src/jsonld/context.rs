//! The bundled JSON-LD contexts compiled into term tables (a closed world).
//!
//! Only the context features the bundled contexts use are implemented: term
//! definitions with `@id`, `@type` (`@id`, `@vocab`, `@json` or a datatype
//! IRI), `@container` (`@set`, `@list`, `@graph`), scoped `@context`
//! (property- and type-scoped, including `null`), `@protected`, `@propagate`
//! and `@vocab`. A context that needs anything else is refused, so the reader
//! never has to guess what a JSON-LD processor would have made of it.
//!
//! Active contexts are immutable and shared (`Arc`); applying a scoped context
//! to an active context is memoised, so a document walk never rebuilds one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Map, Value};

use crate::contexts;

/// How a term's string values are read (its `@type` mapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Coercion {
    /// Plain literal (strings, numbers, booleans as they are).
    None,
    /// `@id`: a string is an IRI reference.
    Id,
    /// `@vocab`: a string is a term or an IRI.
    Vocab,
    /// `@json`: the value is an opaque JSON literal.
    Json,
    /// A datatype IRI for string values.
    Typed(String),
}

/// A term's `@container`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// No container, or `@set` (arrays are sets either way).
    Set,
    /// `@list`: an ordered RDF list.
    List,
    /// `@graph`: each value is a node in a graph of its own.
    Graph,
}

/// What a term maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mapping {
    /// An alias of `@id`.
    Id,
    /// An alias of `@type`.
    Type,
    /// A property or class IRI.
    Iri(String),
}

/// One term definition.
#[derive(Debug, Clone)]
pub(crate) struct TermDef {
    pub mapping: Mapping,
    pub coercion: Coercion,
    pub container: Container,
    /// The scoped context (`Some(Value::Null)` for `"@context": null`).
    pub scoped: Option<Arc<Value>>,
    pub protected: bool,
}

impl TermDef {
    /// Equal as JSON-LD compares definitions when a protected term is redefined
    /// (everything but the `@protected` flag).
    fn same_as(&self, other: &TermDef) -> bool {
        self.mapping == other.mapping
            && self.coercion == other.coercion
            && self.container == other.container
            && self.scoped.as_deref() == other.scoped.as_deref()
    }
}

/// An active context: the terms in force at one place in a document.
#[derive(Debug)]
pub(crate) struct ActiveContext {
    /// A process-unique number (memoisation key).
    pub serial: u64,
    pub terms: HashMap<String, Arc<TermDef>>,
    pub vocab: Option<String>,
    /// The context before a non-propagated (type-scoped) context was applied.
    pub previous: Option<Arc<ActiveContext>>,
}

/// Why a context could not be applied.
pub(crate) type ContextError = String;

fn next_serial() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The empty active context.
pub(crate) fn empty() -> Arc<ActiveContext> {
    static EMPTY: OnceLock<Arc<ActiveContext>> = OnceLock::new();
    EMPTY
        .get_or_init(|| {
            Arc::new(ActiveContext {
                serial: 0,
                terms: HashMap::new(),
                vocab: None,
                previous: None,
            })
        })
        .clone()
}

/// Memoised context applications: (base serial, context identity, flags) to result.
type MemoKey = (u64, usize, bool, bool);

fn memo() -> &'static Mutex<HashMap<MemoKey, Arc<ActiveContext>>> {
    static MEMO: OnceLock<Mutex<HashMap<MemoKey, Arc<ActiveContext>>>> = OnceLock::new();
    MEMO.get_or_init(Mutex::default)
}

/// Entries kept at most. The closed world has a few dozen reachable contexts;
/// the cap only matters against documents built to explore combinations.
const MEMO_CAP: usize = 4096;

/// The parsed bundled context documents' `@context` values, by IRI. Each value
/// lives as long as the process, so its address identifies it in the memo.
fn bundled(iri: &str) -> Option<&'static Value> {
    static PARSED: OnceLock<HashMap<&'static str, Value>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            contexts::BUNDLED
                .iter()
                .map(|c| {
                    let doc: Value = serde_json::from_str(c.body).expect("bundled contexts parse");
                    (c.iri, doc.get("@context").cloned().unwrap_or(Value::Null))
                })
                .collect()
        })
        .get(iri)
}

/// Applies the context named by a bundled IRI.
pub(crate) fn apply_iri(
    base: &Arc<ActiveContext>,
    iri: &str,
) -> Result<Arc<ActiveContext>, ContextError> {
    let local = bundled(iri).ok_or_else(|| format!("unknown JSON-LD context {iri}"))?;
    apply_memo(base, local, true, true)
}

/// Applies a scoped context (from a term definition).
pub(crate) fn apply_scoped(
    base: &Arc<ActiveContext>,
    scoped: &Arc<Value>,
    type_scoped: bool,
) -> Result<Arc<ActiveContext>, ContextError> {
    // Type-scoped contexts do not propagate to nested nodes and may not
    // override protected terms; property-scoped contexts do both.
    apply_memo(base, scoped, !type_scoped, type_scoped)
}

fn apply_memo(
    base: &Arc<ActiveContext>,
    local: &Value,
    propagate_default: bool,
    keep_protected: bool,
) -> Result<Arc<ActiveContext>, ContextError> {
    let key = (
        base.serial,
        local as *const Value as usize,
        propagate_default,
        keep_protected,
    );
    if let Some(found) = memo().lock().map_err(|_| "poisoned")?.get(&key) {
        return Ok(found.clone());
    }
    let result = Arc::new(apply(base, local, propagate_default, keep_protected)?);
    let mut m = memo().lock().map_err(|_| "poisoned")?;
    if m.len() < MEMO_CAP {
        m.insert(key, result.clone());
    }
    Ok(result)
}

/// Context processing (JSON-LD 1.1 §4.1) for the features of the closed world.
fn apply(
    base: &Arc<ActiveContext>,
    local: &Value,
    propagate_default: bool,
    keep_protected: bool,
) -> Result<ActiveContext, ContextError> {
    let propagate = match local {
        Value::Object(o) => match o.get("@propagate") {
            None => propagate_default,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err("invalid @propagate".into()),
        },
        _ => propagate_default,
    };
    let mut result = ActiveContext {
        serial: next_serial(),
        terms: base.terms.clone(),
        vocab: base.vocab.clone(),
        previous: base.previous.clone(),
    };
    if !propagate && result.previous.is_none() {
        result.previous = Some(base.clone());
    }
    process_into(&mut result, local, propagate, keep_protected, 0)?;
    Ok(result)
}

/// Processes `local` into `result`: arrays in order, bundled IRIs as if their
/// `@context` stood inline, `null` as a reset.
fn process_into(
    result: &mut ActiveContext,
    local: &Value,
    propagate: bool,
    keep_protected: bool,
    depth: usize,
) -> Result<(), ContextError> {
    if depth > 4 {
        return Err("contexts nest too deeply".into());
    }
    match local {
        Value::Array(items) => {
            for item in items {
                process_into(result, item, propagate, keep_protected, depth + 1)?;
            }
        }
        Value::Null => {
            if keep_protected && result.terms.values().any(|t| t.protected) {
                return Err("a null context cannot clear protected terms".into());
            }
            result.terms.clear();
            result.vocab = None;
            if propagate {
                result.previous = None;
            }
        }
        Value::String(iri) => {
            let nested = bundled(iri).ok_or_else(|| format!("unknown JSON-LD context {iri}"))?;
            process_into(result, nested, propagate, keep_protected, depth + 1)?;
        }
        Value::Object(def) => define_all(result, def, keep_protected)?,
        _ => return Err("a context must be an object, an IRI or null".into()),
    }
    Ok(())
}

const CONTEXT_KEYWORDS: &[&str] = &["@protected", "@version", "@vocab", "@propagate"];

fn define_all(
    ctx: &mut ActiveContext,
    local: &Map<String, Value>,
    keep_protected: bool,
) -> Result<(), ContextError> {
    for key in local.keys() {
        if key.starts_with('@') && !CONTEXT_KEYWORDS.contains(&key.as_str()) {
            return Err(format!(
                "the context keyword {key} is outside the closed world"
            ));
        }
    }
    if let Some(v) = local.get("@vocab") {
        ctx.vocab = match v {
            Value::Null => None,
            Value::String(s) if s.contains(':') => Some(s.clone()),
            _ => return Err("@vocab must be an absolute IRI".into()),
        };
    }
    let protected = local
        .get("@protected")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut defined: HashMap<String, bool> = HashMap::new();
    for term in local.keys().filter(|k| !k.starts_with('@')) {
        define(ctx, local, term, protected, keep_protected, &mut defined)?;
    }
    Ok(())
}

/// Create Term Definition (JSON-LD 1.1 §4.2), for the closed world's features.
fn define(
    ctx: &mut ActiveContext,
    local: &Map<String, Value>,
    term: &str,
    default_protected: bool,
    keep_protected: bool,
    defined: &mut HashMap<String, bool>,
) -> Result<(), ContextError> {
    match defined.get(term) {
        Some(true) => return Ok(()),
        Some(false) => return Err(format!("cyclic definition of {term}")),
        None => {}
    }
    defined.insert(term.to_string(), false);
    let raw = &local[term];
    let def_map: Map<String, Value> = match raw {
        Value::String(s) => [("@id".to_string(), Value::String(s.clone()))]
            .into_iter()
            .collect(),
        Value::Object(o) => o.clone(),
        _ => {
            return Err(format!(
                "the definition of {term} is outside the closed world"
            ))
        }
    };
    for k in def_map.keys() {
        if !["@id", "@type", "@container", "@context", "@protected"].contains(&k.as_str()) {
            return Err(format!(
                "{k} in the definition of {term} is outside the closed world"
            ));
        }
    }
    let id = match def_map.get("@id") {
        Some(Value::String(s)) => s.clone(),
        None => term.to_string(),
        _ => return Err(format!("the @id of {term} must be a string")),
    };
    let mapping = match id.as_str() {
        "@id" => Mapping::Id,
        "@type" => Mapping::Type,
        k if k.starts_with('@') => return Err(format!("{term} aliases {k}")),
        _ => Mapping::Iri(expand_in_context(
            ctx,
            local,
            &id,
            defined,
            default_protected,
            keep_protected,
        )?),
    };
    let coercion = match def_map.get("@type") {
        None => Coercion::None,
        Some(Value::String(t)) => match t.as_str() {
            "@id" => Coercion::Id,
            "@vocab" => Coercion::Vocab,
            "@json" => Coercion::Json,
            t if t.starts_with('@') => return Err(format!("type {t} of {term}")),
            t => Coercion::Typed(expand_in_context(
                ctx,
                local,
                t,
                defined,
                default_protected,
                keep_protected,
            )?),
        },
        Some(_) => return Err(format!("the @type of {term} must be a string")),
    };
    let container = match def_map.get("@container").and_then(Value::as_str) {
        None | Some("@set") => Container::Set,
        Some("@list") => Container::List,
        Some("@graph") => Container::Graph,
        Some(c) => {
            return Err(format!(
                "container {c} of {term} is outside the closed world"
            ))
        }
    };
    let scoped = def_map.get("@context").map(|c| Arc::new(c.clone()));
    let protected = def_map
        .get("@protected")
        .and_then(Value::as_bool)
        .unwrap_or(default_protected);
    let new = TermDef {
        mapping,
        coercion,
        container,
        scoped,
        protected,
    };
    if let Some(old) = ctx.terms.get(term) {
        if old.protected && keep_protected && !old.same_as(&new) {
            return Err(format!("the protected term {term} is redefined"));
        }
    }
    ctx.terms.insert(term.to_string(), Arc::new(new));
    defined.insert(term.to_string(), true);
    Ok(())
}

/// IRI expansion inside a context: compact IRIs through prefixes, terms
/// through their definitions, and the rest through `@vocab`.
fn expand_in_context(
    ctx: &mut ActiveContext,
    local: &Map<String, Value>,
    value: &str,
    defined: &mut HashMap<String, bool>,
    default_protected: bool,
    keep_protected: bool,
) -> Result<String, ContextError> {
    if local.contains_key(value) && defined.get(value) != Some(&true) {
        define(
            ctx,
            local,
            value,
            default_protected,
            keep_protected,
            defined,
        )?;
    }
    if let Some((prefix, suffix)) = value.split_once(':') {
        if suffix.starts_with("//") {
            return Ok(value.to_string());
        }
        if local.contains_key(prefix) && defined.get(prefix) != Some(&true) {
            define(
                ctx,
                local,
                prefix,
                default_protected,
                keep_protected,
                defined,
            )?;
        }
        return Ok(match ctx.terms.get(prefix).map(|t| &t.mapping) {
            Some(Mapping::Iri(p)) => format!("{p}{suffix}"),
            _ => value.to_string(),
        });
    }
    match ctx.terms.get(value).map(|t| &t.mapping) {
        Some(Mapping::Iri(iri)) => Ok(iri.clone()),
        _ => match &ctx.vocab {
            Some(v) => Ok(format!("{v}{value}")),
            None => Err(format!("{value} is not an IRI and no @vocab is in force")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(iris: &[&str]) -> Arc<ActiveContext> {
        let mut ctx = empty();
        for i in iris {
            ctx = apply_iri(&ctx, i).unwrap();
        }
        ctx
    }

    #[test]
    fn every_bundled_credential_context_compiles_over_credentials_v2() {
        for c in contexts::BUNDLED {
            if c.iri != contexts::CREDENTIALS_V1 {
                chain(&[contexts::CREDENTIALS_V2, c.iri]);
            }
        }
    }

    #[test]
    fn credentials_v1_and_v2_redefine_each_others_protected_terms() {
        // As jsonld.js says (core/tests/vectors/ed25519-2020/v1-vp-with-v2-letter.txt):
        // the two base contexts cannot stand in one document.
        for (first, second) in [
            (contexts::CREDENTIALS_V1, contexts::CREDENTIALS_V2),
            (contexts::CREDENTIALS_V2, contexts::CREDENTIALS_V1),
        ] {
            let err = apply_iri(&chain(&[first]), second).unwrap_err();
            assert!(err.contains("protected term"), "{err}");
        }
        // The suite context goes over either.
        let ctx = chain(&[
            contexts::CREDENTIALS_V1,
            contexts::ED25519_SIGNATURE_2020_V1,
        ]);
        assert_eq!(
            ctx.terms["Ed25519Signature2020"].mapping,
            Mapping::Iri("https://w3id.org/security#Ed25519Signature2020".into())
        );
    }

    #[test]
    fn terms_resolve_as_the_contexts_say() {
        let ctx = chain(&[
            contexts::CREDENTIALS_V2,
            contexts::OPEN_BADGES_V3,
            contexts::UNDEFINED_TERMS_V2,
        ]);
        let ob = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
        assert_eq!(
            ctx.terms["AchievementCredential"].mapping,
            Mapping::Iri(format!("{ob}OpenBadgeCredential"))
        );
        assert_eq!(ctx.terms["id"].mapping, Mapping::Id);
        assert_eq!(
            ctx.vocab.as_deref(),
            Some("https://www.w3.org/ns/credentials/undefined-term#")
        );
        let vc = ctx.terms["VerifiableCredential"].scoped.clone().unwrap();
        let inner = apply_scoped(&ctx, &vc, true).unwrap();
        let until = &inner.terms["validUntil"];
        assert_eq!(
            until.coercion,
            Coercion::Typed("http://www.w3.org/2001/XMLSchema#dateTime".into())
        );
        assert!(
            inner.previous.is_some(),
            "type-scoped contexts do not propagate"
        );
        // Memoised: the same application yields the same context.
        let again = apply_scoped(&ctx, &vc, true).unwrap();
        assert!(Arc::ptr_eq(&inner, &again));
    }
}
