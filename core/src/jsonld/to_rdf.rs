//! The RDF dataset of a checked document, straight from its expanded tree
//! (JSON-LD 1.1 "Deserialize JSON-LD to RDF" for what the closed world allows).
//!
//! Because the quads come from the very tree the readers read, a signature
//! that verifies over them covers exactly what the readers show: any reading
//! of the JSON that differed from the signed one would change the quads.

use oxrdf::{BlankNode, GraphName, Literal, NamedNode, Quad, Subject, Term};
use serde_json::Value;

use super::expand::{Item, Node};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";

/// The quads of a document whose top node is `root`.
pub fn quads(root: &Node) -> Result<Vec<Quad>, String> {
    let mut out = Emitter {
        quads: Vec::new(),
        blanks: 0,
    };
    out.node(root, &GraphName::DefaultGraph)?;
    Ok(out.quads)
}

struct Emitter {
    quads: Vec<Quad>,
    blanks: usize,
}

fn iri(s: &str) -> Result<NamedNode, String> {
    NamedNode::new(s).map_err(|e| format!("{s:?} is not an IRI: {e}"))
}

impl Emitter {
    fn blank(&mut self) -> BlankNode {
        self.blanks += 1;
        BlankNode::new_unchecked(format!("b{}", self.blanks))
    }

    /// Emits a node's triples into `graph`; returns its subject.
    fn node(&mut self, n: &Node, graph: &GraphName) -> Result<Subject, String> {
        let subject: Subject = match &n.id {
            Some(id) => iri(id)?.into(),
            None => self.blank().into(),
        };
        for t in &n.types {
            self.quads.push(Quad::new(
                subject.clone(),
                iri(RDF_TYPE)?,
                iri(t)?,
                graph.clone(),
            ));
        }
        for (predicate, items) in &n.props {
            let predicate = iri(predicate)?;
            for item in items {
                let object = self.object(item, graph)?;
                self.quads.push(Quad::new(
                    subject.clone(),
                    predicate.clone(),
                    object,
                    graph.clone(),
                ));
            }
        }
        Ok(subject)
    }

    fn object(&mut self, item: &Item, graph: &GraphName) -> Result<Term, String> {
        Ok(match item {
            Item::Node(n) if n.in_graph => {
                // The value of a @graph container: a named graph whose name
                // is a fresh blank node, holding the node.
                let name = self.blank();
                self.node(n, &GraphName::BlankNode(name.clone()))?;
                name.into()
            }
            Item::Node(n) => match self.node(n, graph)? {
                Subject::NamedNode(x) => x.into(),
                Subject::BlankNode(x) => x.into(),
                #[allow(unreachable_patterns)]
                _ => return Err("unexpected subject".into()),
            },
            Item::Iri { iri: i, .. } => iri(i)?.into(),
            Item::Literal {
                value, datatype, ..
            } => literal(value, datatype.as_deref())?.into(),
            Item::Json { value, .. } => {
                let text = serde_json_canonicalizer::to_string(value)
                    .map_err(|e| format!("cannot canonicalize a JSON literal: {e}"))?;
                Literal::new_typed_literal(text, iri(RDF_JSON)?).into()
            }
            Item::List(items) => {
                let mut head: Term = iri(RDF_NIL)?.into();
                let mut nodes = Vec::with_capacity(items.len());
                for _ in items {
                    nodes.push(self.blank());
                }
                for (i, item) in items.iter().enumerate() {
                    let object = self.object(item, graph)?;
                    let rest: Term = match nodes.get(i + 1) {
                        Some(next) => next.clone().into(),
                        None => iri(RDF_NIL)?.into(),
                    };
                    self.quads.push(Quad::new(
                        nodes[i].clone(),
                        iri(RDF_FIRST)?,
                        object,
                        graph.clone(),
                    ));
                    self.quads.push(Quad::new(
                        nodes[i].clone(),
                        iri(RDF_REST)?,
                        rest,
                        graph.clone(),
                    ));
                }
                if let Some(first) = nodes.first() {
                    head = first.clone().into();
                }
                head
            }
            Item::Embedded { .. } => {
                return Err("an embedded credential was not walked".into());
            }
        })
    }
}

/// A JSON scalar as an RDF literal (JSON-LD 1.1 §8.6 "Object to RDF").
fn literal(value: &Value, datatype: Option<&str>) -> Result<Literal, String> {
    Ok(match value {
        Value::String(s) => match datatype {
            Some(dt) => Literal::new_typed_literal(s.clone(), iri(dt)?),
            None => Literal::new_simple_literal(s.clone()),
        },
        Value::Bool(b) => {
            Literal::new_typed_literal(b.to_string(), iri(datatype.unwrap_or(XSD_BOOLEAN))?)
        }
        Value::Number(n) => {
            let integral = n
                .as_i64()
                .map(|i| i.to_string())
                .or_else(|| n.as_u64().map(|u| u.to_string()));
            let f = n.as_f64().unwrap_or(f64::NAN);
            match integral {
                Some(text) if datatype.is_none() || datatype == Some(XSD_INTEGER) => {
                    Literal::new_typed_literal(text, iri(XSD_INTEGER)?)
                }
                None if f.fract() == 0.0
                    && f.abs() < 1e21
                    && (datatype.is_none() || datatype == Some(XSD_INTEGER)) =>
                {
                    Literal::new_typed_literal(format!("{f:.0}"), iri(XSD_INTEGER)?)
                }
                _ => Literal::new_typed_literal(
                    canonical_double(f),
                    iri(datatype.unwrap_or(XSD_DOUBLE))?,
                ),
            }
        }
        _ => return Err("a literal must be a string, a number or a boolean".into()),
    })
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
        let int = literal(&serde_json::json!(7), None).unwrap();
        assert_eq!(int.value(), "7");
        assert_eq!(int.datatype().as_str(), XSD_INTEGER);
        let whole = literal(&serde_json::json!(3.0), None).unwrap();
        assert_eq!(
            (whole.value(), whole.datatype().as_str()),
            ("3", XSD_INTEGER)
        );
    }
}
