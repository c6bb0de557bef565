//! What the service answers when it refuses: RFC 9457 problem documents
//! (`{type, title, detail, status}`), read once, as words safe to print.
//!
//! The answer comes from the network and is printed at a terminal, so it is
//! treated as hostile: the body is read only up to a bound, the text kept is
//! cut, and control characters and escape sequences are neutralised
//! ([`crate::output::printable`]) before anything else sees them.

use serde_json::Value;

use crate::output::printable;

/// The most characters of a problem's text kept for the terminal.
pub const MAX_TEXT: usize = 1000;

/// The most characters of a body that is not a problem document kept (a
/// proxy's HTML page, a stack trace).
pub const MAX_EXCERPT: usize = 300;

/// A problem document's fields, each neutralised and cut (absent when the
/// field is missing or not a string).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    /// `type`: a URI reference naming the kind of problem.
    pub kind: Option<String>,
    /// `title`: the kind of problem in words.
    pub title: Option<String>,
    /// `detail`: what went wrong with this request.
    pub detail: Option<String>,
}

impl Problem {
    /// Reads a problem document; `None` when `body` is not a JSON object with
    /// a string `title` or `detail`.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let v: Value = serde_json::from_slice(body).ok()?;
        let field = |name: &str| v.get(name).and_then(Value::as_str).map(safe);
        let p = Self {
            kind: field("type"),
            title: field("title"),
            detail: field("detail"),
        };
        (p.title.is_some() || p.detail.is_some()).then_some(p)
    }

    /// The words of a refusal as the tools print them: the problem's `detail`,
    /// else its `title`, else the start of the body itself; never more than
    /// [`MAX_TEXT`] characters, never a control character.
    pub fn text_of(body: &[u8]) -> String {
        match Self::parse(body) {
            Some(p) => p.detail.or(p.title).unwrap_or_default(),
            None => {
                let excerpt: String = String::from_utf8_lossy(body)
                    .chars()
                    .take(MAX_EXCERPT)
                    .collect();
                printable(excerpt.trim())
            }
        }
    }
}

/// `text` cut to [`MAX_TEXT`] characters (marked with `…`), then neutralised.
fn safe(text: &str) -> String {
    let mut chars = text.chars();
    let mut cut: String = chars.by_ref().take(MAX_TEXT).collect();
    if chars.next().is_some() {
        cut.push('…');
    }
    printable(&cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_document_gives_its_detail_then_its_title() {
        let body = br#"{"type":"/problems/x","title":"Refused","status":403,"detail":"not yours"}"#;
        assert_eq!(Problem::text_of(body), "not yours");
        assert_eq!(
            Problem::parse(body).unwrap().kind.as_deref(),
            Some("/problems/x")
        );
        assert_eq!(Problem::text_of(br#"{"title":"Gone"}"#), "Gone");
        // A detail that is not a string is no detail.
        assert_eq!(
            Problem::text_of(br#"{"title":"Gone","detail":{"x":1}}"#),
            "Gone"
        );
    }

    #[test]
    fn hostile_answers_are_cut_and_neutralised() {
        // Escape sequences in the detail: the terminal never receives them.
        let body = br#"{"title":"t","detail":"bad\u001b[2J\u001b]0;owned\u0007 \u202eevil"}"#;
        let text = Problem::text_of(body);
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert_eq!(text, "bad\\u{1b}[2J\\u{1b}]0;owned\\u{7} \\u{202e}evil");
        // Not JSON: the start of the body, neutralised.
        let text = Problem::text_of(b"<html>\x1b[31mBad Gateway</html>");
        assert_eq!(text, "<html>\\u{1b}[31mBad Gateway</html>");
        // A huge body: only its start is kept.
        let huge = vec![b'A'; 5 * 1024 * 1024];
        assert_eq!(Problem::text_of(&huge).len(), MAX_EXCERPT);
        // A huge detail: cut, and marked so.
        let body = serde_json::to_vec(&serde_json::json!({"detail": "x".repeat(100_000)})).unwrap();
        let text = Problem::text_of(&body);
        assert_eq!(text.chars().count(), MAX_TEXT + 1);
        assert!(text.ends_with('…'));
        // Not UTF-8 at all.
        assert!(!Problem::text_of(&[0xff, 0xfe, 0x1b, b'x'])
            .chars()
            .any(char::is_control));
    }
}
