//! The inline-share codec (see `specs/`): a presentation carried whole in a
//! link's fragment, `{verifier}/v#vp=<payload>`, where the payload is base64url
//! (no padding) of the raw DEFLATE of the presentation's compact JSON. The
//! wallet encodes, the verifier decodes; both use the limits here.

use std::io::{Read, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

/// The longest inline URL put in a QR code (phones scan larger codes unreliably).
pub const MAX_INLINE_URL: usize = 2000;
/// The largest inflated inline presentation a verifier accepts (1 MiB).
pub const INLINE_LIMIT: usize = 1024 * 1024;

/// Why an inline link cannot be made, or a payload cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InlineError {
    /// The inline URL would be longer than [`MAX_INLINE_URL`].
    #[error("the inline link would be {0} characters long, more than {MAX_INLINE_URL} that a phone scans reliably")]
    TooLong(usize),
    /// The payload is not base64url.
    #[error("the payload is not base64url: {0}")]
    NotBase64(String),
    /// The payload is not raw DEFLATE.
    #[error("the payload is not raw DEFLATE: {0}")]
    NotDeflate(String),
    /// The payload inflates to more than [`INLINE_LIMIT`] bytes.
    #[error("the payload inflates to more than {INLINE_LIMIT} bytes")]
    TooLarge,
}

/// The payload of a presentation.
pub fn encode(vp: &Value) -> String {
    let json = serde_json::to_vec(vp).unwrap_or_default();
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to memory cannot fail.
    let _ = enc.write_all(&json);
    URL_SAFE_NO_PAD.encode(enc.finish().unwrap_or_default())
}

/// The inline URL `{verifier}/v#vp=<payload>` (`verifier` without a trailing
/// `/`), refused when longer than [`MAX_INLINE_URL`].
pub fn inline_url(verifier: &str, vp: &Value) -> Result<String, InlineError> {
    let url = format!("{verifier}/v#vp={}", encode(vp));
    if url.len() > MAX_INLINE_URL {
        return Err(InlineError::TooLong(url.len()));
    }
    Ok(url)
}

/// The bytes a payload holds (padding tolerated), at most [`INLINE_LIMIT`]
/// of them: inflating stops there, so a small payload cannot make a large demand.
pub fn decode(payload: &str) -> Result<Vec<u8>, InlineError> {
    let compressed = URL_SAFE_NO_PAD
        .decode(payload.trim().trim_end_matches('='))
        .map_err(|e| InlineError::NotBase64(e.to_string()))?;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(&compressed[..])
        .take(INLINE_LIMIT as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| InlineError::NotDeflate(e.to_string()))?;
    if out.len() > INLINE_LIMIT {
        return Err(InlineError::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limits() {
        let vp = serde_json::json!({"type": ["VerifiablePresentation"], "holder": "did:key:z"});
        let url = inline_url("http://127.0.0.1:8080", &vp).unwrap();
        let payload = url.strip_prefix("http://127.0.0.1:8080/v#vp=").unwrap();
        assert_eq!(decode(payload).unwrap(), serde_json::to_vec(&vp).unwrap());
        let big = serde_json::json!({"x": (0..3000).map(|i| i.to_string()).collect::<Vec<_>>()});
        assert!(matches!(
            inline_url("http://v", &big),
            Err(InlineError::TooLong(_))
        ));
        assert!(matches!(decode("@@"), Err(InlineError::NotBase64(_))));
        let bomb = encode(&Value::String("a".repeat(INLINE_LIMIT + 10)));
        assert!(matches!(decode(&bomb), Err(InlineError::TooLarge)));
    }
}
