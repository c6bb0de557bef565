//! Small helpers around VC 2.0 documents: dates, and the raw-JSON lookups used
//! only to route a document (is it a presentation?) before it is checked.
//! Nothing shown to people is read here: what is shown comes from a checked
//! document ([`crate::jsonld`]).

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

/// The credential subjects' ids, read from the strictly checked credential
/// (none when the strict reader refuses it).
pub fn subject_ids(doc: &Value) -> Vec<String> {
    match crate::jsonld::check_credential(doc) {
        Ok(c) => c
            .node()
            .values(crate::jsonld::vocab::VC_SUBJECT)
            .iter()
            .filter_map(crate::jsonld::Item::id)
            .map(str::to_string)
            .collect(),
        Err(_) => Vec::new(),
    }
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
