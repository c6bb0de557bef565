//! A small N-Quads reader for the W3C test suites (RDF 1.1 N-Quads: IRIs,
//! blank nodes, literals with a language tag or a datatype, `ECHAR` and
//! `UCHAR` escapes, comments). Terms are kept exactly as written (IRIs are
//! not validated, language tags not lower-cased), so the canonical form is
//! computed from the bytes of the test files.
#![allow(dead_code)]

use oxrdf::{BlankNode, GraphName, Literal, NamedNode, Quad, Subject, Term};

/// One term as read.
enum Read {
    Iri(String),
    Blank(String),
    Literal(Literal),
}

/// Parses a whole N-Quads document. Errors name the line.
pub fn parse(text: &str) -> Result<Vec<Quad>, String> {
    let mut quads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line.trim_start();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let mut terms = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix('.') {
                let after = after.trim_start();
                if !(after.is_empty() || after.starts_with('#')) {
                    return Err(format!("line {}: text after '.'", n + 1));
                }
                break;
            }
            let (term, after) = term(rest).map_err(|e| format!("line {}: {e}", n + 1))?;
            terms.push(term);
            rest = after;
        }
        quads.push(quad(terms).map_err(|e| format!("line {}: {e}", n + 1))?);
    }
    Ok(quads)
}

fn quad(terms: Vec<Read>) -> Result<Quad, String> {
    let mut it = terms.into_iter();
    let subject: Subject = match it.next() {
        Some(Read::Iri(i)) => NamedNode::new_unchecked(i).into(),
        Some(Read::Blank(b)) => BlankNode::new_unchecked(b).into(),
        _ => return Err("the subject must be an IRI or a blank node".into()),
    };
    let predicate = match it.next() {
        Some(Read::Iri(i)) => NamedNode::new_unchecked(i),
        _ => return Err("the predicate must be an IRI".into()),
    };
    let object: Term = match it.next() {
        Some(Read::Iri(i)) => NamedNode::new_unchecked(i).into(),
        Some(Read::Blank(b)) => BlankNode::new_unchecked(b).into(),
        Some(Read::Literal(l)) => l.into(),
        None => return Err("no object".into()),
    };
    let graph = match it.next() {
        None => GraphName::DefaultGraph,
        Some(Read::Iri(i)) => NamedNode::new_unchecked(i).into(),
        Some(Read::Blank(b)) => BlankNode::new_unchecked(b).into(),
        Some(Read::Literal(_)) => return Err("a graph name cannot be a literal".into()),
    };
    if it.next().is_some() {
        return Err("more than four terms".into());
    }
    Ok(Quad::new(subject, predicate, object, graph))
}

/// Reads one term at the start of `s`; gives it and the rest.
fn term(s: &str) -> Result<(Read, &str), String> {
    if let Some(r) = s.strip_prefix('<') {
        let (iri, rest) = iri(r)?;
        return Ok((Read::Iri(iri), rest));
    }
    if let Some(r) = s.strip_prefix("_:") {
        let end = r
            .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
            .unwrap_or(r.len());
        let mut label = &r[..end];
        // A label cannot end with '.', which is then the statement's end.
        while let Some(l) = label.strip_suffix('.') {
            label = l;
        }
        if label.is_empty() {
            return Err("empty blank node label".into());
        }
        return Ok((Read::Blank(label.to_string()), &r[label.len()..]));
    }
    if let Some(r) = s.strip_prefix('"') {
        let (value, rest) = string(r)?;
        if let Some(r) = rest.strip_prefix("^^<") {
            let (dt, rest) = iri(r)?;
            let lit = Literal::new_typed_literal(value, NamedNode::new_unchecked(dt));
            return Ok((Read::Literal(lit), rest));
        }
        if let Some(r) = rest.strip_prefix('@') {
            let end = r
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(r.len());
            if end == 0 {
                return Err("empty language tag".into());
            }
            let lit = Literal::new_language_tagged_literal_unchecked(value, &r[..end]);
            return Ok((Read::Literal(lit), &r[end..]));
        }
        return Ok((Read::Literal(Literal::new_simple_literal(value)), rest));
    }
    Err(format!("unexpected {:?}", s.chars().next()))
}

/// An IRI after its `<`, up to `>`, with `UCHAR`s decoded.
fn iri(s: &str) -> Result<(String, &str), String> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '>' => return Ok((out, &s[i + 1..])),
            '\\' => match chars.next() {
                Some((_, 'u')) => out.push(hex(&mut chars, 4)?),
                Some((_, 'U')) => out.push(hex(&mut chars, 8)?),
                _ => return Err("bad escape in an IRI".into()),
            },
            c => out.push(c),
        }
    }
    Err("unterminated IRI".into())
}

/// A string literal's lexical form after its opening `"`, escapes decoded.
fn string(s: &str) -> Result<(String, &str), String> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &s[i + 1..])),
            '\\' => {
                let e = match chars.next() {
                    Some((_, e)) => e,
                    None => return Err("unterminated escape".into()),
                };
                out.push(match e {
                    't' => '\t',
                    'b' => '\u{08}',
                    'n' => '\n',
                    'r' => '\r',
                    'f' => '\u{0C}',
                    '"' => '"',
                    '\'' => '\'',
                    '\\' => '\\',
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    other => return Err(format!("bad escape \\{other}")),
                });
            }
            c => out.push(c),
        }
    }
    Err("unterminated string".into())
}

fn hex(chars: &mut std::str::CharIndices<'_>, n: usize) -> Result<char, String> {
    let mut v = 0u32;
    for _ in 0..n {
        let d = chars
            .next()
            .and_then(|(_, c)| c.to_digit(16))
            .ok_or("bad hex digit")?;
        v = v * 16 + d;
    }
    char::from_u32(v).ok_or_else(|| format!("U+{v:X} is not a character"))
}
