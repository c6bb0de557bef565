//! JSON answers that survive an HTML-entity decoding.
//!
//! The Learner Credential Wallet decodes HTML entities in the whole text of
//! an answer before it parses it as JSON (`app/lib/parseResponse.ts` at
//! commit 1c46a82: `HtmlEntities.decode`, then `JSON.parse`). A letter whose
//! text holds `&amp;` or `&lt;` would reach it altered, and its signature
//! would no longer hold. So the exchange endpoints write `&`, `<`, `>` and
//! `'` inside JSON strings as `\u0026`, `\u003c`, `\u003e` and `\u0027`:
//! the same JSON value for any JSON reader, and no `&` left for an entity
//! decoder to act on (nor `<` for an HTML sniffer).

use std::io;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::ser::Formatter;

/// A compact JSON formatter that escapes `&`, `<`, `>` and `'` in strings.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlSafeFormatter;

impl Formatter for HtmlSafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let escaped = match c {
                '&' => "\\u0026",
                '<' => "\\u003c",
                '>' => "\\u003e",
                '\'' => "\\u0027",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escaped.as_bytes())?;
            start = i + 1;
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Serializes `value` as compact JSON with `&`, `<`, `>` and `'` escaped.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, HtmlSafeFormatter);
    value.serialize(&mut ser)?;
    // The formatter writes only what serde_json gives it (valid UTF-8) and
    // ASCII escapes.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// A JSON answer (`application/json`) written with [`HtmlSafeFormatter`].
#[derive(Debug, Clone)]
pub struct SafeJson<T>(pub T);

impl<T: Serialize> IntoResponse for SafeJson<T> {
    fn into_response(self) -> Response {
        match to_string(&self.0) {
            Ok(text) => ([(header::CONTENT_TYPE, "application/json")], text).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "an answer could not be written as JSON");
                // The internal-error problem document, written here: the
                // problem module writes its documents with this one.
                (
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    [(header::CONTENT_TYPE, "application/problem+json")],
                    r#"{"type":"/problems/internal","title":"Something went wrong","status":500,"detail":"something went wrong on our side; please try again later"}"#,
                )
                    .into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn no_ampersand_or_angle_bracket_is_left_and_the_value_is_the_same() {
        let v = json!({"a&<b>'": ["&amp; &lt; <script> \"q\" 'x' é \u{1f600} \\"], "n": 1.5});
        let text = to_string(&v).unwrap();
        for c in ['&', '<', '>', '\''] {
            assert!(!text.contains(c), "{c} in {text}");
        }
        assert!(text.contains("\\u0026amp;"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
