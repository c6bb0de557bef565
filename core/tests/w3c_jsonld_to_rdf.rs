//! The W3C JSON-LD 1.1 toRdf tests against om-core's strict, closed-world
//! reader and its RDFC-1.0 canonicalization, data-driven from the suite's own
//! manifest (`specs/vectors/w3c-jsonld-toRdf/`, see its README).
//!
//! Every test of the manifest gets one outcome:
//!
//! - **passed**: a positive evaluation test whose input the strict reader
//!   ([`om_core::check_document`]) accepts, and whose canonical
//!   N-Quads ([`RdfCanonicalizer::canonicalize_checked`]) equal, byte for
//!   byte, `canonicalize_dataset` of the expected output read from the suite
//!   (RDFC-1.0 makes dataset isomorphism an equality of strings);
//! - **accepted (syntax test)**: a positive syntax test (no expected output)
//!   that is accepted;
//! - **refused**: a positive test the strict reader refuses (or whose
//!   canonicalization fails), with the refusal's category and its JSON path
//!   and reason. This is what the closed world is for: the suite writes its
//!   terms in inline contexts, and this project only reads its bundled ones;
//! - **refused as expected**: a negative test (an expected JSON-LD error)
//!   that is refused;
//! - **option not supported**: a test that needs a processing option the
//!   closed world has no use for (`base`, `expandContext`, JSON-LD 1.0 only
//!   `specVersion` or `processingMode`, generalized RDF, `rdfDirection`);
//! - **WRONG**: accepted with other N-Quads than the expected ones, or a
//!   negative test accepted. The test fails if there is any.
//!
//! The listing of every test and its outcome is `RESULTS.md` next to the
//! manifest. `OM_WRITE_RESULTS=1 cargo test -p om-core --test
//! w3c_jsonld_to_rdf` writes it; otherwise the test checks that the committed
//! one is what this run produces, so its counts are always true.
//!
//! A control test runs the same classification on a document inside the
//! closed world (the W3C `vc-di-eddsa` test credential and its canonical
//! N-Quads) so the "passed" and "WRONG" paths are shown to compare for real.

mod nquads;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use om_core::low_level::canon::rdfc::{canonicalize_dataset, RdfCanonicalizer};
use serde_json::Value;

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/vectors")
}

fn suite() -> PathBuf {
    vectors().join("w3c-jsonld-toRdf")
}

fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> String {
    String::from_utf8(read_bytes(path)).expect("UTF-8")
}

/// What the manifest says a test is.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    /// Input and expected N-Quads.
    PositiveEval,
    /// Input only: it must be processed without error.
    PositiveSyntax,
    /// Input and an expected error code.
    Negative,
}

/// The outcome of one test.
#[derive(Clone, PartialEq, Debug)]
enum Outcome {
    Passed,
    AcceptedSyntax,
    Refused { category: String, detail: String },
    RefusedAsExpected { category: String, detail: String },
    Unsupported(String),
    Wrong(String),
}

impl Outcome {
    fn label(&self) -> String {
        match self {
            Outcome::Passed => "passed".into(),
            Outcome::AcceptedSyntax => "accepted (syntax test)".into(),
            Outcome::Refused { category, .. } => format!("refused: {category}"),
            Outcome::RefusedAsExpected { category, .. } => {
                format!("refused as expected: {category}")
            }
            Outcome::Unsupported(option) => format!("option not supported: {option}"),
            Outcome::Wrong(_) => "WRONG".into(),
        }
    }

    fn detail(&self) -> &str {
        match self {
            Outcome::Refused { detail, .. } | Outcome::RefusedAsExpected { detail, .. } => detail,
            Outcome::Wrong(why) => why,
            _ => "",
        }
    }

    /// The bucket the counts are kept by.
    fn bucket(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::AcceptedSyntax => "accepted (syntax test)",
            Outcome::Refused { .. } => "refused",
            Outcome::RefusedAsExpected { .. } => "refused as expected (negative test)",
            Outcome::Unsupported(_) => "option not supported",
            Outcome::Wrong(_) => "WRONG",
        }
    }
}

/// The kind of refusal, from the strict reader's reason (the full reason and
/// its JSON path go in the listing).
fn category(reason: &str) -> &'static str {
    const CATEGORIES: &[(&str, &str)] = &[
        ("an inline context is refused", "inline @context"),
        ("unknown JSON-LD context", "context not bundled"),
        ("the document has no \"@context\"", "no @context"),
        (
            "a document must be a JSON object",
            "top level not a JSON object",
        ),
        ("an embedded @context is refused", "embedded @context"),
        ("@context must name between", "empty @context"),
        ("the JSON-LD keyword", "JSON-LD keyword"),
        ("is not an absolute IRI", "not an absolute IRI"),
        ("full or compact IRI as a key", "IRI as a key"),
        (
            "is not defined by the credential's contexts",
            "term not defined",
        ),
        ("null is refused", "null value"),
        ("arrays inside arrays", "array in an array"),
        ("mean the same property", "two keys for one property"),
        ("duplicate", "duplicate JSON key"),
        ("JSON syntax", "JSON syntax"),
        ("no linked data", "no quads"),
    ];
    CATEGORIES
        .iter()
        .find(|(needle, _)| reason.contains(needle))
        .map(|(_, c)| *c)
        .unwrap_or("other")
}

/// Runs the strict reader and the canonicalizer on one input: the canonical
/// N-Quads, or the refusal (category, "path: reason").
fn read_and_canonicalize(input: &[u8]) -> Result<String, (&'static str, String)> {
    let doc = om_core::parse_json(input).map_err(|e| {
        let reason = format!("JSON syntax: {e}");
        (category(&reason), reason)
    })?;
    let checked = om_core::check_document(&doc).map_err(|r| {
        let detail = format!("{}: {}", r.path, r.reason);
        (category(&r.reason), detail)
    })?;
    RdfCanonicalizer::new()
        .canonicalize_checked(&checked)
        .map_err(|e| {
            let reason = e.to_string();
            (category(&reason), format!("canonicalization: {reason}"))
        })
}

/// The expected output as canonical N-Quads (empty for the empty dataset).
fn expected_canonical(nquads_text: &str) -> String {
    let quads = nquads::parse(nquads_text).expect("expected N-Quads parse");
    if quads.is_empty() {
        return String::new();
    }
    canonicalize_dataset(&quads).expect("expected N-Quads canonicalize")
}

/// One test's outcome, options aside.
fn classify(kind: Kind, input: &[u8], expected: Option<&str>) -> Outcome {
    let got = read_and_canonicalize(input);
    match (kind, got) {
        (Kind::Negative, Err((category, detail))) => Outcome::RefusedAsExpected {
            category: category.into(),
            detail,
        },
        (Kind::Negative, Ok(_)) => Outcome::Wrong("accepted, the suite expects an error".into()),
        (_, Err((category, detail))) => Outcome::Refused {
            category: category.into(),
            detail,
        },
        (Kind::PositiveSyntax, Ok(_)) => Outcome::AcceptedSyntax,
        (Kind::PositiveEval, Ok(got)) => {
            let expected =
                expected_canonical(expected.expect("an eval test has an expected output"));
            if got == expected {
                Outcome::Passed
            } else {
                Outcome::Wrong(format!(
                    "accepted with other N-Quads: expected {expected:?}, got {got:?}"
                ))
            }
        }
    }
}

/// The option (or required feature) of a test that the closed world does not
/// offer, if any. Unknown option names fail the test, so that a newer
/// manifest is read on purpose.
fn unsupported_option(entry: &Value) -> Option<String> {
    const KNOWN: &[&str] = &[
        "specVersion",
        "processingMode",
        "base",
        "expandContext",
        "produceGeneralizedRdf",
        "rdfDirection",
        "useJCS",
        "normative",
    ];
    let empty = serde_json::Map::new();
    let option = entry["option"].as_object().unwrap_or(&empty);
    for key in option.keys() {
        assert!(
            KNOWN.contains(&key.as_str()),
            "{}: unknown option {key}",
            entry["@id"]
        );
    }
    if option.get("specVersion").and_then(Value::as_str) == Some("json-ld-1.0") {
        return Some("specVersion json-ld-1.0 only".into());
    }
    if option.get("processingMode").and_then(Value::as_str) == Some("json-ld-1.0") {
        return Some("processingMode json-ld-1.0".into());
    }
    if option.contains_key("base") {
        return Some("base IRI".into());
    }
    if option.contains_key("expandContext") {
        return Some("expandContext".into());
    }
    if option.get("produceGeneralizedRdf") == Some(&Value::Bool(true)) {
        return Some("produceGeneralizedRdf".into());
    }
    if option.contains_key("rdfDirection") {
        return Some("rdfDirection".into());
    }
    entry["requires"].as_str().map(|r| format!("requires {r}"))
}

struct Row {
    id: String,
    name: String,
    outcome: Outcome,
}

fn run_suite() -> Vec<Row> {
    let manifest: Value =
        serde_json::from_str(&read_text(&suite().join("toRdf-manifest.jsonld"))).expect("manifest");
    let mut rows = Vec::new();
    for entry in manifest["sequence"].as_array().expect("sequence") {
        let id = entry["@id"].as_str().expect("@id").to_string();
        let types: Vec<&str> = entry["@type"]
            .as_array()
            .expect("@type")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(types.contains(&"jld:ToRDFTest"), "{id}: not a toRdf test");
        let kind = if types.contains(&"jld:PositiveEvaluationTest") {
            Kind::PositiveEval
        } else if types.contains(&"jld:NegativeEvaluationTest") {
            Kind::Negative
        } else if types.contains(&"jld:PositiveSyntaxTest") {
            Kind::PositiveSyntax
        } else {
            panic!("{id}: unknown test type {types:?}")
        };
        let outcome = match unsupported_option(entry) {
            Some(option) => Outcome::Unsupported(option),
            None => {
                let input = read_bytes(&suite().join(entry["input"].as_str().expect("input")));
                let expected = entry["expect"]
                    .as_str()
                    .map(|e| read_text(&suite().join(e)));
                let mut outcome = classify(kind, &input, expected.as_deref());
                if let (Outcome::RefusedAsExpected { detail, .. }, Some(code)) =
                    (&mut outcome, entry["expectErrorCode"].as_str())
                {
                    *detail = format!("(suite expects \"{code}\") {detail}");
                }
                outcome
            }
        };
        rows.push(Row {
            id,
            name: entry["name"].as_str().unwrap_or("").to_string(),
            outcome,
        });
    }
    rows
}

/// `N bucket` counts, and the refusals by category.
fn counts(rows: &[Row]) -> (BTreeMap<&'static str, usize>, BTreeMap<String, usize>) {
    let mut buckets = BTreeMap::new();
    let mut labels = BTreeMap::new();
    for row in rows {
        *buckets.entry(row.outcome.bucket()).or_insert(0) += 1;
        *labels.entry(row.outcome.label()).or_insert(0) += 1;
    }
    (buckets, labels)
}

fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

fn results_markdown(rows: &[Row]) -> String {
    let (buckets, labels) = counts(rows);
    let mut md = String::new();
    md.push_str(
        "# W3C JSON-LD 1.1 toRdf tests: outcomes in om-core's closed world\n\n\
         Generated by `core/tests/w3c_jsonld_to_rdf.rs` \
         (`OM_WRITE_RESULTS=1 cargo test -p om-core --test w3c_jsonld_to_rdf`); \
         the test fails when this file is not what a run produces. \
         What the outcomes mean: the test file's doc comment and `README.md`.\n\n",
    );
    let _ = writeln!(md, "{} tests.\n", rows.len());
    md.push_str("| outcome | tests |\n| --- | ---: |\n");
    for (bucket, n) in &buckets {
        let _ = writeln!(md, "| {bucket} | {n} |");
    }
    md.push_str("\nBy detail:\n\n| outcome | tests |\n| --- | ---: |\n");
    for (label, n) in &labels {
        let _ = writeln!(md, "| {} | {n} |", cell(label));
    }
    md.push_str("\n## Every test\n\n| test | name | outcome | reason (JSON path: strict reader's reason) |\n| --- | --- | --- | --- |\n");
    for row in rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            cell(&row.id),
            cell(&row.name),
            cell(&row.outcome.label()),
            cell(row.outcome.detail())
        );
    }
    md
}

#[test]
fn w3c_jsonld_to_rdf_suite() {
    let rows = run_suite();
    let (buckets, labels) = counts(&rows);
    let summary: Vec<String> = buckets.iter().map(|(b, n)| format!("{n} {b}")).collect();
    println!(
        "W3C JSON-LD toRdf: {} tests: {}",
        rows.len(),
        summary.join(", ")
    );
    for (label, n) in &labels {
        println!("  {n:4} {label}");
    }

    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Wrong(why) => Some(format!("{} ({}): {why}", r.id, r.name)),
            _ => None,
        })
        .collect();
    assert!(wrong.is_empty(), "WRONG outcomes:\n{}", wrong.join("\n"));
    assert_eq!(rows.len(), 467, "the vendored manifest has 467 toRdf tests");

    let path = suite().join("RESULTS.md");
    let md = results_markdown(&rows);
    if std::env::var_os("OM_WRITE_RESULTS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &md).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("wrote {}", path.display());
    } else {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == md,
            "{} is not up to date: run OM_WRITE_RESULTS=1 cargo test -p om-core --test w3c_jsonld_to_rdf",
            path.display()
        );
    }
}

/// The runner compares for real: a document inside the closed world (the
/// W3C `vc-di-eddsa` unsigned credential) passes against its canonical
/// N-Quads, is WRONG against altered ones, and the same document with an
/// inline context is refused.
#[test]
fn runner_compares_accepted_documents() {
    let dir = vectors().join("w3c-vc-di-eddsa/TestVectors");
    let input = read_bytes(&dir.join("unsigned.json"));
    let canon = read_text(&dir.join("eddsa-rdfc-2022/canonDocDataInt.txt"));
    // The suite's expected outputs are not canonical: shuffle the lines.
    let mut lines: Vec<&str> = canon.lines().collect();
    lines.reverse();
    let shuffled = lines.join("\n") + "\n";

    assert_eq!(
        classify(Kind::PositiveEval, &input, Some(&shuffled)),
        Outcome::Passed
    );
    assert_eq!(
        classify(Kind::PositiveSyntax, &input, None),
        Outcome::AcceptedSyntax
    );
    let altered = shuffled.replace("The School of Examples", "The School of Forgeries");
    assert!(matches!(
        classify(Kind::PositiveEval, &input, Some(&altered)),
        Outcome::Wrong(_)
    ));
    assert!(matches!(
        classify(Kind::Negative, &input, None),
        Outcome::Wrong(_)
    ));

    let mut doc: Value = serde_json::from_slice(&input).unwrap();
    doc["@context"] = serde_json::json!({"name": "https://schema.org/name"});
    let inline = serde_json::to_vec(&doc).unwrap();
    assert_eq!(
        classify(Kind::PositiveEval, &inline, Some(&shuffled)),
        Outcome::Refused {
            category: "inline @context".into(),
            detail: "$.@context: an inline context is refused: name bundled contexts by IRI".into()
        }
    );
}
