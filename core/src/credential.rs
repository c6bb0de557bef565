//! Reading the common fields of VC 2.0 credentials and presentations.

use chrono::{DateTime, Utc};
use serde_json::Value;

/// The values of a property that may be one value or an array.
pub fn values(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
    }
}

/// The `type` strings of a document.
pub fn types(doc: &Value) -> Vec<&str> {
    values(doc.get("type"))
        .into_iter()
        .filter_map(Value::as_str)
        .collect()
}

/// True when the document's `type` includes `t`.
pub fn has_type(doc: &Value, t: &str) -> bool {
    types(doc).contains(&t)
}

/// An id that is a string or an object's `id`.
pub fn id_of(v: Option<&Value>) -> Option<&str> {
    match v? {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

/// The issuer's id (`issuer` or `issuer.id`).
pub fn issuer_id(doc: &Value) -> Option<&str> {
    id_of(doc.get("issuer"))
}

/// The holder's id of a presentation.
pub fn holder_id(doc: &Value) -> Option<&str> {
    id_of(doc.get("holder"))
}

/// The credential subjects' ids.
pub fn subject_ids(doc: &Value) -> Vec<&str> {
    values(doc.get("credentialSubject"))
        .into_iter()
        .filter_map(|s| s.get("id")?.as_str())
        .collect()
}

/// Parses an XML Schema dateTime as VC 2.0 uses it (RFC 3339 with a zone).
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// A date-time written as VC 2.0 examples do: `2024-01-01T00:00:00Z`.
pub fn format_date(d: &DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
