//! The W3C RDF Dataset Canonicalization (RDFC-1.0) test suite against
//! [`om_core::low_level::canon::rdfc::canonicalize_dataset`], data-driven from the
//! suite's own manifest (`specs/vectors/w3c-rdfc10/`, see its README).
//!
//! - every `RDFC10EvalTest`: the input N-Quads are read (the small reader in
//!   `nquads/`), canonicalized, and the result must equal the expected
//!   canonical N-Quads byte for byte;
//! - the `RDFC10NegativeEvalTest` (a "poison" graph): canonicalization must
//!   fail (the N-degree hashing bound in `rdfc.rs`), not run away;
//! - skipped and counted: `RDFC10MapTest`s (the canonical issuer map is not
//!   part of `canonicalize_dataset`'s answer; its N-Quads are checked by the
//!   eval test on the same input) and eval tests with another hash algorithm
//!   than SHA-256 (RDFC-1.0's default, the only one `eddsa-rdfc-2022` uses).
//!
//! The counts are printed (`-- --nocapture`), with how many of the passed
//! tests went through om-core's own fast path (no language tag, no named
//! graph, unique first-degree hashes) rather than `rdf-canon`; the test
//! asserts that every eval test ran and passed and that the manifest is the
//! one vendored.

mod nquads;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use om_core::low_level::canon::rdfc::canonicalize_dataset;
use serde_json::Value;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/vectors/w3c-rdfc10")
}

fn read(rel: &str) -> String {
    let path = suite().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn input(entry: &Value) -> Vec<oxrdf::Quad> {
    let action = entry["action"].as_str().expect("action");
    nquads::parse(&read(action)).unwrap_or_else(|e| panic!("{action}: {e}"))
}

/// Whether `canonicalize_dataset` answers this dataset with its own fast
/// path rather than `rdf-canon`'s full algorithm: no language-tagged literal,
/// no named graph, and every blank node's first-degree hash (RDFC-1.0 §4.6)
/// unique. Hashes are equal exactly when the sorted N-Quads they hash are,
/// so the strings are compared instead of their SHA-256.
fn takes_fast_path(quads: &[oxrdf::Quad]) -> bool {
    use oxrdf::{BlankNode, GraphName, Quad, Subject, Term};
    if quads.iter().any(|q| {
        matches!(&q.object, Term::Literal(l) if l.language().is_some())
            || matches!(q.graph_name, GraphName::NamedNode(_))
    }) {
        return false;
    }
    let dataset: std::collections::HashSet<&Quad> = quads.iter().collect();
    let mut mentions: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for q in &dataset {
        let mut blanks = Vec::new();
        if let Subject::BlankNode(b) = &q.subject {
            blanks.push(b.as_str());
        }
        if let Term::BlankNode(b) = &q.object {
            blanks.push(b.as_str());
        }
        if let GraphName::BlankNode(b) = &q.graph_name {
            blanks.push(b.as_str());
        }
        blanks.sort_unstable();
        blanks.dedup();
        for &reference in &blanks {
            let rename = |b: &BlankNode| {
                BlankNode::new_unchecked(if b.as_str() == reference { "a" } else { "z" })
            };
            let subject: Subject = match &q.subject {
                Subject::BlankNode(b) => rename(b).into(),
                other => other.clone(),
            };
            let object: Term = match &q.object {
                Term::BlankNode(b) => rename(b).into(),
                other => other.clone(),
            };
            let graph: GraphName = match &q.graph_name {
                GraphName::BlankNode(b) => rename(b).into(),
                other => other.clone(),
            };
            let line = Quad::new(subject, q.predicate.clone(), object, graph).to_string();
            mentions.entry(reference).or_default().push(line);
        }
    }
    let mut hashes: Vec<String> = mentions
        .into_values()
        .map(|mut lines| {
            lines.sort();
            lines.join("\n")
        })
        .collect();
    let all = hashes.len();
    hashes.sort();
    hashes.dedup();
    hashes.len() == all
}

#[test]
fn w3c_rdfc10_test_suite() {
    let manifest: Value = serde_json::from_str(&read("manifest.jsonld")).expect("manifest");
    let entries = manifest["entries"].as_array().expect("entries");

    let mut passed = 0usize;
    let mut passed_fast = 0usize;
    let mut refused_as_expected = 0usize;
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();

    for entry in entries {
        let id = entry["id"].as_str().expect("id");
        let name = entry["name"].as_str().unwrap_or("");
        match entry["type"].as_str().expect("type") {
            "rdfc:RDFC10MapTest" => {
                *skipped
                    .entry("map test: the canonical issuer map is not part of the API")
                    .or_default() += 1;
            }
            "rdfc:RDFC10EvalTest" => {
                let hash = entry["hashAlgorithm"].as_str().unwrap_or("SHA256");
                if hash != "SHA256" {
                    *skipped
                        .entry("hash algorithm other than SHA-256 (SHA384)")
                        .or_default() += 1;
                    continue;
                }
                let quads = input(entry);
                let expected = read(entry["result"].as_str().expect("result"));
                match canonicalize_dataset(&quads) {
                    Ok(got) if got == expected => {
                        passed += 1;
                        if takes_fast_path(&quads) {
                            passed_fast += 1;
                        }
                    }
                    Ok(got) => failures.push(format!(
                        "{id} ({name}): different N-Quads\n--- expected\n{expected}--- got\n{got}"
                    )),
                    Err(e) => failures.push(format!("{id} ({name}): error {e}")),
                }
            }
            "rdfc:RDFC10NegativeEvalTest" => match canonicalize_dataset(&input(entry)) {
                Err(_) => refused_as_expected += 1,
                Ok(_) => failures.push(format!("{id} ({name}): accepted, expected an error")),
            },
            other => panic!("{id}: unknown test type {other}"),
        }
    }

    let skipped_total: usize = skipped.values().sum();
    let reasons: Vec<String> = skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
    println!(
        "W3C RDFC-1.0: {} tests: {passed} eval passed ({passed_fast} of them by the own fast \
         path, the rest by rdf-canon), {refused_as_expected} negative refused as expected, \
         {skipped_total} skipped ({}), {} failed",
        entries.len(),
        reasons.join("; "),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(entries.len(), 86, "the vendored manifest has 86 tests");
    assert_eq!(passed, 63, "every SHA-256 eval test ran and passed");
    assert_eq!(refused_as_expected, 1);
    assert_eq!(passed + refused_as_expected + skipped_total, entries.len());
}

/// The N-Quads reader itself: escapes, language tags, datatypes, graphs.
#[test]
fn nquads_reader_reads_what_it_should() {
    let quads = nquads::parse(
        "# comment\n\
         <http://a/s> <http://a/p> \"x\\ty\\u00E9\\U0001F600\\\"\"@en-US <http://a/g> .\n\
         _:b0 <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .\n\
         _:b0 <http://a/p> _:b1.\n",
    )
    .expect("parses");
    assert_eq!(quads.len(), 3);
    assert_eq!(
        quads[0].to_string(),
        "<http://a/s> <http://a/p> \"x\\ty\u{e9}\u{1F600}\\\"\"@en-US <http://a/g>"
    );
    assert_eq!(
        quads[1].to_string(),
        "_:b0 <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g"
    );
    assert_eq!(quads[2].to_string(), "_:b0 <http://a/p> _:b1");
    assert!(nquads::parse("<http://a/s> <http://a/p> \"open .\n").is_err());
}
