//! JSON Canonicalization Scheme (RFC 8785), used by `eddsa-jcs-2022`.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::Error;

/// The RFC 8785 canonical serialization of a JSON value.
pub fn canonicalize(value: &Value) -> Result<String, Error> {
    serde_json_canonicalizer::to_string(value)
        .map_err(|e| Error::Malformed(format!("cannot canonicalize JSON: {e}")))
}

/// The RFC 8785 canonical serialization of a JSON object with the member
/// `skip` left out and `@context` given as `context` (the unsecured document
/// a proof is computed over), without copying the object.
pub fn canonicalize_unsecured(
    object: &Map<String, Value>,
    skip: &str,
    context: &Value,
) -> Result<String, Error> {
    serde_json_canonicalizer::to_string(&Unsecured {
        object,
        skip,
        context,
    })
    .map_err(|e| Error::Malformed(format!("cannot canonicalize JSON: {e}")))
}

struct Unsecured<'a> {
    object: &'a Map<String, Value>,
    skip: &'a str,
    context: &'a Value,
}

impl Serialize for Unsecured<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("@context", self.context)?;
        for (key, value) in self.object {
            if key != self.skip && key != "@context" {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsecured_form_is_the_form_of_the_copy() {
        let doc = serde_json::json!({
            "z": [1, 2.5, "é\u{1}"], "@context": ["a"], "proof": {"x": 1}, "a": {"b": null}
        });
        let mut copy = doc.as_object().unwrap().clone();
        copy.remove("proof");
        copy.insert("@context".into(), serde_json::json!(["c"]));
        assert_eq!(
            canonicalize_unsecured(doc.as_object().unwrap(), "proof", &serde_json::json!(["c"]))
                .unwrap(),
            canonicalize(&Value::Object(copy)).unwrap()
        );
    }
}
