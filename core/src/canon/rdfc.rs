//! RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, used by
//! `eddsa-rdfc-2022`.
//!
//! The quads come from the strict, closed-world reading of the document
//! ([`crate::jsonld`]): the same expanded tree every reader of letters, dates,
//! status and proofs reads, so a signature over this form covers exactly what
//! is shown.
//!
//! Canonicalization runs the algorithm's common case here: when every blank
//! node's first-degree hash (RDFC-1.0 §4.6) is unique, as in every letter and
//! presentation this project makes, the canonical labels follow from the
//! sorted hashes and no N-degree hashing is needed (§4.4.3 step 6 has nothing
//! to do). Any other dataset goes to the `rdf-canon` crate's full RDFC-1.0,
//! with a bound on its N-degree work. The tests check the N-Quads byte for
//! byte against a general JSON-LD 1.1 processor and `rdf-canon` (the test-only
//! `om-jsonld-reference`) on every vector, fixture and generated document,
//! and on the W3C RDFC-1.0 test vectors.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::jsonld::quad::{Quad, Term, XSD_STRING};
use crate::jsonld::Checked;
use crate::Error;

/// Turns JSON-LD documents into canonical N-Quads. Stateless and cheap to
/// clone; the compiled contexts it relies on are shared process-wide.
#[derive(Clone, Debug, Default)]
pub struct RdfCanonicalizer;

/// Bound on the N-degree hashing work (a guard against "poison" graphs built to
/// make canonicalization explode); letters need none.
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
        self.canonicalize_checked(&checked)
    }

    /// The canonical N-Quads of a checked document.
    pub fn canonicalize_checked(&self, checked: &Checked) -> Result<String, Error> {
        canonical_nquads(checked.quads()?)
    }
}

/// RDFC-1.0 of any RDF dataset given as `oxrdf` quads (the W3C test vectors
/// are read so): the canonical N-Quads, by the same code that canonicalizes
/// documents. Literals with a language tag go to the full algorithm, since
/// checked documents never carry them. The empty dataset's canonical form is
/// the empty string (W3C test `test001c`); only a *document* with no linked
/// data is refused.
pub fn canonicalize_dataset(quads: &[oxrdf::Quad]) -> Result<String, Error> {
    if quads.is_empty() {
        return Ok(String::new());
    }
    if quads.iter().any(|q| match &q.object {
        oxrdf::Term::Literal(l) => l.language().is_some(),
        _ => false,
    }) || quads
        .iter()
        .any(|q| matches!(q.graph_name, oxrdf::GraphName::NamedNode(_)))
    {
        return rdf_canon::canonicalize_quads_with::<Sha256>(quads, &full_options())
            .map_err(|e| Error::JsonLd(format!("RDF canonicalization failed: {e}")));
    }
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut blank = |b: &oxrdf::BlankNode| -> u32 {
        let next = numbers.len() as u32 + 1;
        *numbers.entry(b.as_str().to_string()).or_insert(next)
    };
    let mut ours = Vec::with_capacity(quads.len());
    for q in quads {
        let subject = match &q.subject {
            oxrdf::Subject::NamedNode(n) => Term::Iri(n.as_str()),
            oxrdf::Subject::BlankNode(b) => Term::Blank(blank(b)),
            #[allow(unreachable_patterns)]
            _ => return Err(Error::JsonLd("RDF-star quads are not supported".into())),
        };
        let object = match &q.object {
            oxrdf::Term::NamedNode(n) => Term::Iri(n.as_str()),
            oxrdf::Term::BlankNode(b) => Term::Blank(blank(b)),
            oxrdf::Term::Literal(l) => Term::Literal {
                value: std::borrow::Cow::Borrowed(l.value()),
                datatype: l.datatype().as_str(),
            },
            #[allow(unreachable_patterns)]
            _ => return Err(Error::JsonLd("RDF-star quads are not supported".into())),
        };
        let graph = match &q.graph_name {
            oxrdf::GraphName::BlankNode(b) => Some(blank(b)),
            _ => None,
        };
        ours.push(Quad {
            subject,
            predicate: q.predicate.as_str(),
            object,
            graph,
        });
    }
    canonical_nquads(ours)
}

fn full_options() -> rdf_canon::CanonicalizationOptions {
    rdf_canon::CanonicalizationOptions {
        hndq_call_limit: Some(HNDQ_CALL_LIMIT),
    }
}

/// RDFC-1.0 over a dataset: the canonical N-Quads, sorted, one per line.
pub(crate) fn canonical_nquads(mut quads: Vec<Quad<'_>>) -> Result<String, Error> {
    if quads.is_empty() {
        return Err(Error::JsonLd("the document has no linked data".into()));
    }
    // A dataset is a set: the same quad twice is one quad.
    quads.sort_unstable();
    quads.dedup();

    // §4.4.3 steps 2–5: the blank node to quads map, then each blank node's
    // first-degree hash.
    let mut mentions: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, q) in quads.iter().enumerate() {
        for b in q.blanks() {
            let list = mentions.entry(b).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut hashes: Vec<(String, u32)> = mentions
        .iter()
        .map(|(&b, at)| (first_degree_hash(&quads, at, b), b))
        .collect();
    hashes.sort_unstable();
    if hashes.windows(2).any(|w| w[0].0 == w[1].0) {
        // Two blank nodes look alike at first degree: the full algorithm.
        return full_rdfc(&quads);
    }
    let labels: HashMap<u32, String> = hashes
        .iter()
        .enumerate()
        .map(|(i, (_, b))| (*b, format!("c14n{i}")))
        .collect();
    let label = |b: u32| labels[&b].as_str();
    let lines = Lines::of(quads.iter(), &label);
    let mut out = String::with_capacity(lines.buf.len());
    for line in lines.sorted() {
        out.push_str(line);
    }
    Ok(out)
}

/// Quads written into one buffer, one line each, to be sorted.
struct Lines {
    buf: String,
    ends: Vec<usize>,
}

impl Lines {
    fn of<'q, 'l>(
        quads: impl Iterator<Item = &'q Quad<'q>>,
        label: &dyn Fn(u32) -> &'l str,
    ) -> Self {
        let mut lines = Lines {
            buf: String::with_capacity(4096),
            ends: Vec::new(),
        };
        for q in quads {
            write_quad(&mut lines.buf, q, label);
            lines.ends.push(lines.buf.len());
        }
        lines
    }

    /// The lines in code point order (RDFC-1.0 sorts N-Quads so).
    fn sorted(&self) -> Vec<&str> {
        let mut start = 0;
        let mut lines: Vec<&str> = self
            .ends
            .iter()
            .map(|&end| {
                let line = &self.buf[start..end];
                start = end;
                line
            })
            .collect();
        lines.sort_unstable();
        lines
    }
}

/// Hash First Degree Quads (RDFC-1.0 §4.6): the reference blank node as
/// `_:a`, every other as `_:z`.
fn first_degree_hash(quads: &[Quad<'_>], at: &[usize], reference: u32) -> String {
    let label = |b: u32| if b == reference { "a" } else { "z" };
    let lines = Lines::of(at.iter().map(|&i| &quads[i]), &label);
    let mut hasher = Sha256::new();
    for line in lines.sorted() {
        hasher.update(line.as_bytes());
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// One quad in canonical N-Quads form, blank nodes labelled by `label`.
fn write_quad<'l>(out: &mut String, q: &Quad<'_>, label: &dyn Fn(u32) -> &'l str) {
    write_term(out, &q.subject, label);
    out.push_str(" <");
    out.push_str(q.predicate);
    out.push_str("> ");
    write_term(out, &q.object, label);
    if let Some(g) = q.graph {
        out.push_str(" _:");
        out.push_str(label(g));
    }
    out.push_str(" .\n");
}

fn write_term<'l>(out: &mut String, t: &Term<'_>, label: &dyn Fn(u32) -> &'l str) {
    match t {
        Term::Iri(i) => {
            out.push('<');
            out.push_str(i);
            out.push('>');
        }
        Term::Blank(b) => {
            out.push_str("_:");
            out.push_str(label(*b));
        }
        Term::Literal { value, datatype } => {
            write_quoted(out, value);
            if *datatype != XSD_STRING {
                out.push_str("^^<");
                out.push_str(datatype);
                out.push('>');
            }
        }
    }
}

/// A string literal's lexical form in canonical N-Quads: `"` and `\` and the
/// control characters escaped (ECHAR where one exists, else `\u00XX`).
fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '\u{08}' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\u{0C}' => "\\f",
            '\r' => "\\r",
            '"' => "\\\"",
            '\\' => "\\\\",
            '\0'..='\u{1F}' | '\u{7F}' => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push_str(escape);
        }
        plain = i + c.len_utf8();
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// The full RDFC-1.0 (with N-degree hashing) of the `rdf-canon` crate.
fn full_rdfc(quads: &[Quad<'_>]) -> Result<String, Error> {
    let quads: Vec<oxrdf::Quad> = quads.iter().map(to_oxrdf).collect();
    rdf_canon::canonicalize_quads_with::<Sha256>(&quads, &full_options())
        .map_err(|e| Error::JsonLd(format!("RDF canonicalization failed: {e}")))
}

fn to_oxrdf(q: &Quad<'_>) -> oxrdf::Quad {
    let blank = |b: u32| oxrdf::BlankNode::new_unchecked(format!("b{b}"));
    let term = |t: &Term<'_>| -> oxrdf::Term {
        match t {
            Term::Iri(i) => oxrdf::NamedNode::new_unchecked(*i).into(),
            Term::Blank(b) => blank(*b).into(),
            Term::Literal { value, datatype } => oxrdf::Literal::new_typed_literal(
                value.as_ref(),
                oxrdf::NamedNode::new_unchecked(*datatype),
            )
            .into(),
        }
    };
    let subject: oxrdf::Subject = match &q.subject {
        Term::Blank(b) => blank(*b).into(),
        Term::Iri(i) => oxrdf::NamedNode::new_unchecked(*i).into(),
        // The emitter never makes a literal subject.
        Term::Literal { .. } => oxrdf::BlankNode::new_unchecked("literal").into(),
    };
    oxrdf::Quad::new(
        subject,
        oxrdf::NamedNode::new_unchecked(q.predicate),
        term(&q.object),
        match q.graph {
            Some(g) => oxrdf::GraphName::BlankNode(blank(g)),
            None => oxrdf::GraphName::DefaultGraph,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn lit(s: &str) -> Term<'_> {
        Term::Literal {
            value: Cow::Borrowed(s),
            datatype: XSD_STRING,
        }
    }

    /// The fast path and the full algorithm agree, and a dataset whose blank
    /// nodes look alike at first degree takes the full one.
    #[test]
    fn fast_path_agrees_with_the_full_algorithm() {
        let p = "https://example.org/p";
        let distinct = vec![
            Quad {
                subject: Term::Blank(1),
                predicate: p,
                object: lit("one\n\u{1}\"\\"),
                graph: None,
            },
            Quad {
                subject: Term::Iri("https://example.org/s"),
                predicate: p,
                object: Term::Blank(1),
                graph: Some(2),
            },
            Quad {
                subject: Term::Blank(3),
                predicate: p,
                object: Term::Literal {
                    value: Cow::Borrowed("7"),
                    datatype: "http://www.w3.org/2001/XMLSchema#integer",
                },
                graph: Some(2),
            },
            Quad {
                subject: Term::Blank(3),
                predicate: p,
                object: lit("dup"),
                graph: Some(2),
            },
            Quad {
                subject: Term::Blank(3),
                predicate: p,
                object: lit("dup"),
                graph: Some(2),
            },
        ];
        assert_eq!(
            canonical_nquads(distinct.clone()).unwrap(),
            full_rdfc(&distinct).unwrap()
        );
        let alike = vec![
            Quad {
                subject: Term::Blank(1),
                predicate: p,
                object: Term::Blank(2),
                graph: None,
            },
            Quad {
                subject: Term::Blank(2),
                predicate: p,
                object: Term::Blank(1),
                graph: None,
            },
        ];
        assert_eq!(
            canonical_nquads(alike.clone()).unwrap(),
            full_rdfc(&alike).unwrap()
        );
    }
}
