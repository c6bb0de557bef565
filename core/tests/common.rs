//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

/// `specs/vectors/…` from the project root (the vectors are copied into the repo).
pub fn vector_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../specs/vectors")
        .join(rel)
}

pub fn read_text(rel: &str) -> String {
    std::fs::read_to_string(vector_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn read_json(rel: &str) -> Value {
    serde_json::from_str(&read_text(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every variant of `doc` in which exactly one character of one string (a key
/// or a value) is replaced by another, with a description of the change.
pub fn one_char_mutations(doc: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    walk(doc, &mut vec![], &mut |path, replacement| {
        let mut d = doc.clone();
        set_at(&mut d, path, replacement.clone());
        out.push((format!("{path:?}"), d));
    });
    out
}

#[derive(Debug, Clone)]
pub enum Step {
    Key(String),
    Index(usize),
    RenameKey(String, String),
}

fn mutate_str(s: &str) -> Vec<String> {
    s.char_indices()
        .map(|(i, c)| {
            let repl = if c == 'x' { 'y' } else { 'x' };
            let mut m = String::with_capacity(s.len());
            m.push_str(&s[..i]);
            m.push(repl);
            m.push_str(&s[i + c.len_utf8()..]);
            m
        })
        .collect()
}

fn walk(v: &Value, path: &mut Vec<Step>, f: &mut dyn FnMut(&[Step], &Value)) {
    match v {
        Value::String(s) => {
            for m in mutate_str(s) {
                f(path, &Value::String(m));
            }
        }
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, f);
                path.pop();
            }
        }
        Value::Object(o) => {
            for (k, item) in o {
                for m in mutate_str(k) {
                    path.push(Step::RenameKey(k.clone(), m));
                    f(path, item);
                    path.pop();
                }
                path.push(Step::Key(k.clone()));
                walk(item, path, f);
                path.pop();
            }
        }
        _ => {}
    }
}

fn set_at(doc: &mut Value, path: &[Step], replacement: Value) {
    let Some((last, init)) = path.split_last() else {
        *doc = replacement;
        return;
    };
    let mut cur = doc;
    for step in init {
        cur = match step {
            Step::Key(k) => cur.get_mut(k).unwrap(),
            Step::Index(i) => cur.get_mut(*i).unwrap(),
            Step::RenameKey(..) => unreachable!("renames are last"),
        };
    }
    match last {
        Step::Key(k) => cur[k] = replacement,
        Step::Index(i) => cur[*i] = replacement,
        Step::RenameKey(old, new) => {
            let obj = cur.as_object_mut().unwrap();
            let v = obj.remove(old).unwrap();
            obj.insert(new.clone(), v);
            let _ = replacement;
        }
    }
}

/// The reference processor over the bundled contexts.
pub fn reference() -> &'static om_jsonld_reference::RdfCanonicalizer {
    static R: std::sync::OnceLock<om_jsonld_reference::RdfCanonicalizer> =
        std::sync::OnceLock::new();
    R.get_or_init(|| {
        let contexts: Vec<(&str, &str)> = om_core::contexts::BUNDLED
            .iter()
            .map(|c| (c.iri, c.body))
            .collect();
        om_jsonld_reference::RdfCanonicalizer::new(&contexts)
    })
}
