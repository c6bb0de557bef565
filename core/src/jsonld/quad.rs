//! The RDF terms and quads of a checked document, borrowed from its tree.
//!
//! Lighter than a general RDF library's types: IRIs are the tree's own
//! strings (checked once, when the tree was built or the quads emitted),
//! blank nodes are numbers, and a quad's graph is the default graph or a
//! blank node (the only graph names a checked document can make).

use std::borrow::Cow;

/// `xsd:string`, the datatype of a simple literal.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

/// An RDF term.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term<'a> {
    /// An absolute IRI.
    Iri(&'a str),
    /// A blank node, numbered within one dataset.
    Blank(u32),
    /// A literal: its lexical form and datatype IRI ([`XSD_STRING`] for a
    /// simple literal; checked documents carry no language tags).
    Literal {
        /// The lexical form.
        value: Cow<'a, str>,
        /// The datatype IRI.
        datatype: &'a str,
    },
}

impl Term<'_> {
    /// The blank node's number, if the term is one.
    pub fn blank(&self) -> Option<u32> {
        match self {
            Term::Blank(b) => Some(*b),
            _ => None,
        }
    }
}

/// An RDF quad.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quad<'a> {
    /// An IRI or a blank node.
    pub subject: Term<'a>,
    /// An IRI.
    pub predicate: &'a str,
    /// Any term.
    pub object: Term<'a>,
    /// `None` for the default graph, or the blank node naming the graph.
    pub graph: Option<u32>,
}

impl Quad<'_> {
    /// The blank nodes the quad mentions (subject, object, graph).
    pub fn blanks(&self) -> impl Iterator<Item = u32> {
        [self.subject.blank(), self.object.blank(), self.graph]
            .into_iter()
            .flatten()
    }
}
