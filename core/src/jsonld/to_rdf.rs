//! The RDF dataset of a checked document, straight from its expanded tree
//! (JSON-LD 1.1 "Deserialize JSON-LD to RDF" for what the closed world allows).
//!
//! Because the quads come from the very tree the readers read, a signature
//! that verifies over them covers exactly what the readers show: any reading
//! of the JSON that differed from the signed one would change the quads.

use std::borrow::Cow;

use serde_json::Value;

use super::expand::{Item, Node};
use super::quad::{Quad, Term, XSD_STRING};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";

/// What to emit of a document's top node.
#[derive(Clone, Copy, Default)]
pub(crate) struct Emit<'a> {
    /// A property of the top node to leave out (the proof, for the unsecured
    /// document a proof is computed over).
    pub skip: Option<&'a str>,
    /// The trees of the credentials a split presentation walk left as
    /// [`Item::Embedded`], in order.
    pub embedded: &'a [&'a Node],
}

/// The quads of a document whose top node is `root`.
pub(crate) fn quads<'a>(root: &'a Node, emit: Emit<'a>) -> Result<Vec<Quad<'a>>, String> {
    let mut out = Emitter {
        quads: Vec::new(),
        blanks: 0,
        embedded: emit.embedded.iter(),
    };
    out.node(root, None, emit.skip)?;
    if out.embedded.next().is_some() {
        return Err("more embedded credentials than the presentation names".into());
    }
    Ok(out.quads)
}

struct Emitter<'a> {
    quads: Vec<Quad<'a>>,
    blanks: u32,
    embedded: std::slice::Iter<'a, &'a Node>,
}

impl<'a> Emitter<'a> {
    fn blank(&mut self) -> u32 {
        self.blanks += 1;
        self.blanks
    }

    fn push(
        &mut self,
        subject: Term<'a>,
        predicate: &'a str,
        object: Term<'a>,
        graph: Option<u32>,
    ) {
        self.quads.push(Quad {
            subject,
            predicate,
            object,
            graph,
        });
    }

    /// Emits a node's triples into `graph`, leaving out the property `skip`;
    /// returns its subject.
    fn node(
        &mut self,
        n: &'a Node,
        graph: Option<u32>,
        skip: Option<&str>,
    ) -> Result<Term<'a>, String> {
        let subject = match &n.id {
            // The walk checked every IRI the document gave (ids, IRI values,
            // names mapped through `@vocab`) as the RDF libraries check them;
            // the others (terms, types, datatypes) come from the bundled contexts.
            Some(id) => Term::Iri(id),
            None => Term::Blank(self.blank()),
        };
        for t in &n.types {
            self.push(subject.clone(), RDF_TYPE, Term::Iri(t), graph);
        }
        for (p, items) in &n.props {
            if Some(p.as_str()) == skip {
                continue;
            }
            for item in items {
                let object = self.object(item, graph)?;
                self.push(subject.clone(), p, object, graph);
            }
        }
        Ok(subject)
    }

    /// A node standing in a named graph of its own: the graph's name.
    fn graph_node(&mut self, n: &'a Node) -> Result<Term<'a>, String> {
        let name = self.blank();
        self.node(n, Some(name), None)?;
        Ok(Term::Blank(name))
    }

    fn object(&mut self, item: &'a Item, graph: Option<u32>) -> Result<Term<'a>, String> {
        Ok(match item {
            // The value of a @graph container: a named graph whose name is a
            // fresh blank node, holding the node.
            Item::Node(n) if n.in_graph => self.graph_node(n)?,
            Item::Node(n) => self.node(n, graph, None)?,
            Item::Iri { iri, .. } => Term::Iri(iri),
            Item::Literal {
                value, datatype, ..
            } => literal(value, datatype.as_deref())?,
            Item::Json { value, .. } => {
                let text = serde_json_canonicalizer::to_string(value)
                    .map_err(|e| format!("cannot canonicalize a JSON literal: {e}"))?;
                Term::Literal {
                    value: Cow::Owned(text),
                    datatype: RDF_JSON,
                }
            }
            Item::List(items) => {
                let nodes: Vec<u32> = items.iter().map(|_| self.blank()).collect();
                for (i, item) in items.iter().enumerate() {
                    let object = self.object(item, graph)?;
                    let rest = match nodes.get(i + 1) {
                        Some(next) => Term::Blank(*next),
                        None => Term::Iri(RDF_NIL),
                    };
                    self.push(Term::Blank(nodes[i]), RDF_FIRST, object, graph);
                    self.push(Term::Blank(nodes[i]), RDF_REST, rest, graph);
                }
                match nodes.first() {
                    Some(first) => Term::Blank(*first),
                    None => Term::Iri(RDF_NIL),
                }
            }
            // A credential of a presentation, walked on its own: it stands in
            // a named graph, as every `verifiableCredential` value does.
            Item::Embedded { .. } => match self.embedded.next() {
                Some(n) => self.graph_node(n)?,
                None => return Err("an embedded credential was not walked".into()),
            },
        })
    }
}

/// A JSON scalar as an RDF literal (JSON-LD 1.1 §8.6 "Object to RDF").
fn literal<'a>(value: &'a Value, datatype: Option<&'a str>) -> Result<Term<'a>, String> {
    let (value, datatype): (Cow<'a, str>, &'a str) = match value {
        Value::String(s) => (Cow::Borrowed(s), datatype.unwrap_or(XSD_STRING)),
        Value::Bool(b) => (
            Cow::Borrowed(if *b { "true" } else { "false" }),
            datatype.unwrap_or(XSD_BOOLEAN),
        ),
        Value::Number(n) => {
            let integral = n
                .as_i64()
                .map(|i| i.to_string())
                .or_else(|| n.as_u64().map(|u| u.to_string()));
            let f = n.as_f64().unwrap_or(f64::NAN);
            match integral {
                Some(text) if datatype.is_none() || datatype == Some(XSD_INTEGER) => {
                    (Cow::Owned(text), XSD_INTEGER)
                }
                None if f.fract() == 0.0
                    && f.abs() < 1e21
                    && (datatype.is_none() || datatype == Some(XSD_INTEGER)) =>
                {
                    (Cow::Owned(format!("{f:.0}")), XSD_INTEGER)
                }
                _ => (
                    Cow::Owned(canonical_double(f)),
                    datatype.unwrap_or(XSD_DOUBLE),
                ),
            }
        }
        _ => return Err("a literal must be a string, a number or a boolean".into()),
    };
    Ok(Term::Literal { value, datatype })
}

/// The XML Schema canonical form of a double: `1.1E0`, `5.0E-1`.
fn canonical_double(f: f64) -> String {
    let s = format!("{f:E}");
    match s.split_once('E') {
        Some((mantissa, exp)) if !mantissa.contains('.') => format!("{mantissa}.0E{exp}"),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_and_integers_take_their_canonical_forms() {
        assert_eq!(canonical_double(1.1), "1.1E0");
        assert_eq!(canonical_double(0.5), "5.0E-1");
        assert_eq!(canonical_double(12345.678), "1.2345678E4");
        let seven = serde_json::json!(7);
        let Term::Literal { value, datatype } = literal(&seven, None).unwrap() else {
            panic!("not a literal")
        };
        assert_eq!((value.as_ref(), datatype), ("7", XSD_INTEGER));
        let three = serde_json::json!(3.0);
        let Term::Literal { value, datatype } = literal(&three, None).unwrap() else {
            panic!("not a literal")
        };
        assert_eq!((value.as_ref(), datatype), ("3", XSD_INTEGER));
    }
}
