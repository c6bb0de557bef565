//! No import cycles between the modules of any crate in the workspace.
//!
//! Every `crate::a::b::…` path in a module's file is an edge from that module to
//! the longest module it names (`a::b` if that module exists, else `a`). Edges
//! between a module and its own ancestors or descendants are left out (a child
//! naturally uses its parent's items). The graph of each crate must be acyclic.
//!
//! Rerun with `cargo test -p om-e2e --test module_cycles`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: &[&str] = &[
    "core/src",
    "identity/src",
    "cli/src",
    "issuer/src",
    "wallet/src",
    "verifier/src",
];

/// The module path of a source file (`a/b.rs` and `a/b/mod.rs` are `a::b`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("inside src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn related(a: &str, b: &str) -> bool {
    a.is_empty()
        || b.is_empty()
        || a == b
        || a.starts_with(&format!("{b}::"))
        || b.starts_with(&format!("{a}::"))
}

/// The module that a path prefix names, seen from module `from`: `crate::`
/// is the root, `self::` is `from`, each `super::` one level up.
fn base_of(from: &str, prefix: &str) -> Option<Vec<String>> {
    let mut segs: Vec<String> = from
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    match prefix {
        "crate" => Some(Vec::new()),
        "self" => Some(segs),
        "super" => segs.pop().map(|_| segs),
        _ => None,
    }
}

/// The modules one line of `from`'s source names through `crate::`,
/// `self::` and `super::` paths (`super::super::x`, `use super::{a, b::c}`).
fn named_modules(line: &str, from: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let starts_word = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        let prefix = ["crate::", "self::", "super::"]
            .into_iter()
            .find(|p| starts_word && line[i..].starts_with(p));
        let Some(prefix) = prefix else {
            i += line[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut base = base_of(from, prefix.trim_end_matches("::"));
        let mut rest = &line[i + prefix.len()..];
        // `super::super::…` climbs again.
        while let Some(r) = rest.strip_prefix("super::") {
            base = base.and_then(|mut b| b.pop().map(|_| b));
            rest = r;
        }
        i = line.len() - rest.len();
        let Some(base) = base else { continue };
        let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end]
                .split(',')
                .map(|s| s.trim().to_string())
                .collect()
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            vec![rest[..end].to_string()]
        };
        for name in names {
            let segs: Vec<String> = base
                .iter()
                .cloned()
                .chain(
                    name.split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                )
                .collect();
            if let Some(to) = (1..=segs.len())
                .rev()
                .map(|n| segs[..n].join("::"))
                .find(|m| modules.contains(m))
            {
                out.insert(to);
            }
        }
    }
    out
}

/// The module graph of one crate: module → modules it uses.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let from = module_of(src, f);
        let text = std::fs::read_to_string(f).expect("utf-8 source");
        let mut edges = BTreeSet::new();
        for line in text.lines() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            edges.extend(
                named_modules(line, &from, &modules)
                    .into_iter()
                    .filter(|to| !related(&from, to)),
            );
        }
        g.entry(from).or_default().extend(edges);
    }
    g
}

/// One cycle in `g`, if there is any.
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(n) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|s| s == n).unwrap_or(0);
                let mut cycle = stack[start..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(n.to_string(), Mark::Open);
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, marks, stack) {
                return Some(c);
            }
        }
        stack.pop();
        marks.insert(n.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for n in g.keys() {
        let mut stack = Vec::new();
        if let Some(c) = visit(n, g, &mut marks, &mut stack) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut cycles = Vec::new();
    for krate in CRATES {
        let g = graph(&root.join(krate));
        assert!(g.len() > 1, "{krate}: no modules found");
        // Report every cycle: remove one edge of each found and look again.
        let mut g = g;
        while let Some(c) = find_cycle(&g) {
            cycles.push(format!("{krate}: {}", c.join(" -> ")));
            let (a, b) = (&c[c.len() - 2], &c[c.len() - 1]);
            g.get_mut(a).expect("node").remove(b);
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(find_cycle(&g).is_some());
    g.get_mut("b").unwrap().clear();
    assert!(find_cycle(&g).is_none());
}

#[test]
fn the_checker_follows_super_and_self_paths() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("store")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod store;\n").unwrap();
    std::fs::write(src.join("store/mod.rs"), "mod a;\nmod b;\n").unwrap();
    // A planted cycle: store::a → store::b by `super::`, back by `self::`-free `super::{…}`.
    std::fs::write(src.join("store/a.rs"), "use super::b::Thing;\n").unwrap();
    std::fs::write(src.join("store/b.rs"), "use super::{a::Other, mod_x};\n").unwrap();
    let g = graph(src);
    assert_eq!(g["store::a"], BTreeSet::from(["store::b".to_string()]));
    assert_eq!(g["store::b"], BTreeSet::from(["store::a".to_string()]));
    assert!(find_cycle(&g).is_some());
    // `self::` from a module names its children; `super::super::` climbs twice.
    let modules: BTreeSet<String> = ["x", "x::y", "x::y::z", "w"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        named_modules("use self::z::f;", "x::y", &modules),
        BTreeSet::from(["x::y::z".to_string()])
    );
    assert_eq!(
        named_modules("super::super::w::go()", "x::y", &modules),
        BTreeSet::from(["w".to_string()])
    );
    assert!(named_modules("my_super::w", "x::y", &modules).is_empty());
}

/// The verifier is organised by feature: `shares`, `exchanges` and
/// `status_lists` own their endpoints and pages and never import one
/// another; what they share lives in `http` (the HTTP layer), `page` (what
/// every page shares), `store` and `verify` (the engine). The shared layers
/// import no feature, and only the router names every handler.
#[test]
fn verifier_features_do_not_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../verifier/src");
    let g = graph(&root);
    let features = ["shares", "exchanges", "status_lists"];
    let top = |m: &str| m.split("::").next().unwrap_or_default().to_string();
    let mut crossings = Vec::new();
    for (from, tos) in &g {
        if from == "http::router" || top(from) == "cli" {
            continue; // the router wires every handler; the CLI runs the server
        }
        for to in tos {
            let (a, b) = (top(from), top(to));
            let into_feature = features.contains(&b.as_str()) && a != b;
            let into_verify_api = to == "verify::api" && a != "verify";
            if into_feature || into_verify_api {
                crossings.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(
        crossings.is_empty(),
        "imports across features:\n{}",
        crossings.join("\n")
    );
}
