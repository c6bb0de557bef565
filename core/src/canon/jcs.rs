//! JSON Canonicalization Scheme (RFC 8785), used by `eddsa-jcs-2022`.

use serde_json::Value;

use crate::Error;

/// The RFC 8785 canonical serialization of a JSON value.
pub fn canonicalize(value: &Value) -> Result<String, Error> {
    serde_json_canonicalizer::to_string(value)
        .map_err(|e| Error::Malformed(format!("cannot canonicalize JSON: {e}")))
}
