//! Strict, closed-world reading of JSON-LD documents: what the code reads is
//! what was signed.
//!
//! A Data Integrity proof with `eddsa-rdfc-2022` signs the RDF a document
//! expands to, not its JSON. Where JSON and RDF can differ (a nested context
//! that remaps a term, a full IRI as a key, a value JSON-LD drops), a reader of
//! the JSON could be shown words that nobody signed. This module makes that
//! impossible by construction:
//!
//! - [`check_credential`] / [`check_presentation`] / [`check_document`] walk
//!   the JSON against the bundled contexts compiled into term tables, refuse
//!   everything outside the closed world with its JSON path (see
//!   [`expand`](self) rules in `specs/letter-profile.md` §6), and build the
//!   expanded tree ([`Node`]) whose properties are keyed by IRI;
//! - the result is a [`Checked`] value that only this module can make; the
//!   readers of letters, dates, status entries, status lists and proofs take
//!   a `Checked` and read the tree by IRI, never the raw JSON by key.

mod context;
mod expand;
pub mod quad;
mod strict_json;
mod to_rdf;
pub mod vocab;

use serde_json::Value;

pub use expand::{Item, Node, Refusal};
pub use strict_json::parse_json;

/// A document that passed the strict walk, with its expanded tree.
///
/// Only this module builds one, so any function that takes a `Checked`
/// reads a document whose JSON and signed meaning correspond one to one.
#[derive(Debug, Clone)]
pub struct Checked {
    json: Value,
    root: Node,
}

impl Checked {
    /// The JSON, exactly as given (what the proof is computed over).
    pub fn json(&self) -> &Value {
        &self.json
    }

    /// The expanded top node.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The JSON, given back.
    pub fn into_json(self) -> Value {
        self.json
    }

    /// The RDF dataset this document means: the quads of its expanded tree.
    pub fn quads(&self) -> Result<Vec<quad::Quad<'_>>, Refusal> {
        to_rdf::quads(&self.root, to_rdf::Emit::default()).map_err(|e| Refusal::new("$", e))
    }

    /// The quads of the document without its `proof`, the unsecured document
    /// a proof is computed over, from the tree already walked. (Leaving a
    /// property out of the JSON changes nothing else of the walk: contexts
    /// stand only at the top.) `embedded` are the trees of a presentation's
    /// credentials when this is a presentation walked with its credentials
    /// left to be checked on their own.
    pub(crate) fn unsecured_quads<'a>(
        &'a self,
        embedded: &'a [&'a Node],
    ) -> Result<Vec<quad::Quad<'a>>, Refusal> {
        let emit = to_rdf::Emit {
            skip: Some(vocab::SEC_PROOF),
            embedded,
        };
        to_rdf::quads(&self.root, emit).map_err(|e| Refusal::new("$", e))
    }

    /// The one proof node, if the document carries a proof.
    pub fn proof(&self) -> Result<Option<&Node>, Refusal> {
        self.root.one_node(vocab::SEC_PROOF)
    }
}

/// The quads of a proof configuration (RDFC-1.0 input of `eddsa-rdfc-2022`)
/// from the proof node already walked: the node, less its `proofValue`, in
/// the default graph. This is what the configuration document (the proof's
/// fields under the document's `@context`) means when the proof carries no
/// `@context` of its own: `proof` has no scoped context and the document's
/// type-scoped contexts do not reach into it.
pub(crate) fn proof_config_quads(proof: &Node) -> Result<Vec<quad::Quad<'_>>, Refusal> {
    let emit = to_rdf::Emit {
        skip: Some(vocab::SEC_PROOF_VALUE),
        embedded: &[],
    };
    to_rdf::quads(proof, emit).map_err(|e| Refusal::new(&proof.path, e))
}

/// Walks a whole document (embedded credentials included) strictly.
pub fn check_document(doc: &Value) -> Result<Checked, Refusal> {
    let root = expand::Walker::new(expand::Walk::Document).document(doc)?;
    Ok(Checked {
        json: doc.clone(),
        root,
    })
}

/// A checked credential: typed `VerifiableCredential`, with one issuer and a subject.
#[derive(Debug, Clone)]
pub struct CheckedCredential {
    doc: Checked,
    issuer: String,
}

impl CheckedCredential {
    /// The checked document.
    pub fn doc(&self) -> &Checked {
        &self.doc
    }

    /// The credential node.
    pub fn node(&self) -> &Node {
        &self.doc.root
    }

    /// The issuer's id.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The credential's id.
    pub fn id(&self) -> Option<&str> {
        self.doc.root.id.as_deref()
    }

    /// The JSON, exactly as given.
    pub fn json(&self) -> &Value {
        &self.doc.json
    }
}

/// Checks a credential: the strict walk, then the VC 2.0 shape every reader
/// relies on (the type, exactly one issuer with an id, a subject).
pub fn check_credential(doc: &Value) -> Result<CheckedCredential, Refusal> {
    let checked = check_document(doc)?;
    credential_from(checked)
}

fn credential_from(checked: Checked) -> Result<CheckedCredential, Refusal> {
    let root = &checked.root;
    if !root.has_type(vocab::VC_CREDENTIAL) {
        return Err(Refusal::new(
            "$.type",
            "the \"type\" must include \"VerifiableCredential\"",
        ));
    }
    let issuer = root
        .one(vocab::VC_ISSUER)?
        .and_then(Item::id)
        .ok_or_else(|| Refusal::new("$.issuer", "the credential has no issuer id"))?
        .to_string();
    if root.values(vocab::VC_SUBJECT).is_empty() {
        return Err(Refusal::new(
            "$.credentialSubject",
            "the credential has no credentialSubject",
        ));
    }
    Ok(CheckedCredential {
        doc: checked,
        issuer,
    })
}

/// A checked presentation, with each embedded credential checked on its own
/// (a refused credential does not refuse the presentation: its report says so).
#[derive(Debug, Clone)]
pub struct CheckedPresentation {
    doc: Checked,
    /// The holder's id, if it names one.
    pub holder: Option<String>,
    /// Each `verifiableCredential`, checked or refused.
    pub credentials: Vec<Result<CheckedCredential, Refusal>>,
}

impl CheckedPresentation {
    /// The checked presentation (its embedded credentials not walked).
    pub fn doc(&self) -> &Checked {
        &self.doc
    }
}

/// The first `@context` entry of a document, when it is an IRI.
fn first_context(doc: &Value) -> Option<&str> {
    match doc.get("@context")? {
        Value::Array(a) => a.first()?.as_str(),
        other => other.as_str(),
    }
}

/// Checks a presentation and each credential in it. Its first context is VC
/// 2.0, or credentials v1 for a presentation that carries no credentials (a
/// wallet's DIDAuthentication); the credentials are VC 2.0.
pub fn check_presentation(doc: &Value) -> Result<CheckedPresentation, Refusal> {
    let root = expand::Walker::new(expand::Walk::Presentation).document(doc)?;
    if !root.has_type(vocab::VC_PRESENTATION) {
        return Err(Refusal::new(
            "$.type",
            "the \"type\" must include \"VerifiablePresentation\"",
        ));
    }
    let holder = root.one(vocab::VC_HOLDER)?.map(|h| {
        h.id()
            .map(str::to_string)
            .ok_or_else(|| Refusal::new(h.path(), "the holder must be an IRI or have an id"))
    });
    let holder = holder.transpose()?;
    let embedded = root.values(vocab::VC_VERIFIABLE_CREDENTIAL);
    let raw = match doc.get("verifiableCredential") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => vec![],
    };
    if raw.len() != embedded.len() {
        return Err(Refusal::new(
            "$.verifiableCredential",
            "the credentials must be given as \"verifiableCredential\"",
        ));
    }
    if !raw.is_empty() && first_context(doc) == Some(crate::contexts::CREDENTIALS_V1) {
        // JSON-LD itself refuses a VC 2.0 credential in a credentials v1
        // presentation (the v2 context redefines v1's protected terms), and
        // v1 credentials are not read here: a v1 presentation can only
        // authenticate its holder.
        return Err(Refusal::new(
            "$.verifiableCredential",
            "a credentials v1 presentation cannot carry credentials here: a VC 2.0 credential redefines the v1 context's protected terms, and v1 credentials are not read; present them in a VC 2.0 presentation",
        ));
    }
    let credentials = raw
        .into_iter()
        .zip(embedded)
        .map(|(c, item)| {
            if !c.is_object() {
                return Err(Refusal::new(
                    item.path(),
                    "an embedded credential must be a JSON object",
                ));
            }
            check_credential(c).map_err(|r| Refusal {
                path: format!("{}{}", item.path(), r.path.trim_start_matches('$')),
                reason: r.reason,
            })
        })
        .collect();
    Ok(CheckedPresentation {
        doc: Checked {
            json: doc.clone(),
            root,
        },
        holder,
        credentials,
    })
}

impl Node {
    /// The values of a property (none when absent).
    pub fn values(&self, iri: &str) -> &[Item] {
        self.props.get(iri).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The value of a property that may have at most one.
    pub fn one(&self, iri: &str) -> Result<Option<&Item>, Refusal> {
        match self.values(iri) {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            [_, second, ..] => Err(Refusal::new(
                second.path(),
                "only one value is allowed here",
            )),
        }
    }

    /// The one node value of a property.
    pub fn one_node(&self, iri: &str) -> Result<Option<&Node>, Refusal> {
        match self.one(iri)? {
            None => Ok(None),
            Some(Item::Node(n)) => Ok(Some(n)),
            Some(other) => Err(Refusal::new(other.path(), "must be an object")),
        }
    }

    /// The one string value of a property.
    pub fn one_str(&self, iri: &str) -> Result<Option<&str>, Refusal> {
        match self.one(iri)? {
            None => Ok(None),
            Some(item) => item
                .as_str()
                .map(Some)
                .ok_or_else(|| Refusal::new(item.path(), "must be a string")),
        }
    }

    /// The one IRI value of a property (an IRI string or an object's id).
    pub fn one_iri(&self, iri: &str) -> Result<Option<&str>, Refusal> {
        match self.one(iri)? {
            None => Ok(None),
            Some(item) => item
                .id()
                .map(Some)
                .ok_or_else(|| Refusal::new(item.path(), "must be an IRI")),
        }
    }

    /// True when the node has this type IRI.
    pub fn has_type(&self, iri: &str) -> bool {
        self.types.iter().any(|t| t == iri)
    }
}

impl Item {
    /// A string literal's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Item::Literal {
                value: Value::String(s),
                ..
            } => Some(s),
            _ => None,
        }
    }

    /// An IRI value, or a node's id.
    pub fn id(&self) -> Option<&str> {
        match self {
            Item::Iri { iri, .. } => Some(iri),
            Item::Node(n) => n.id.as_deref(),
            _ => None,
        }
    }

    /// The node, for node values.
    pub fn as_node(&self) -> Option<&Node> {
        match self {
            Item::Node(n) => Some(n),
            _ => None,
        }
    }
}
