//! Fuzz target bodies for om-verifier's decoders of outside bytes. Shared by the
//! cargo-fuzz targets and by `verifier/tests/fuzz_corpus.rs` (through `#[path]`).

use std::io::Write;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use om_verifier::shares::api::{inflate_payload, INLINE_LIMIT};

/// A fuzz target's body: runs one input, panics on a bug.
pub type Target = fn(&[u8]);

/// The corpus folders (`fuzz/corpus/<name>/`) and the function that runs one input.
pub const TARGETS: [(&str, Target); 1] = [("inline_payload", inline_payload)];

/// The inline share payload (`/v#vp=<payload>`, posted to `/inline/render`):
/// base64url of raw DEFLATE, inflated with a size cap, then parsed as JSON.
/// Also the round trip: the input, deflated and encoded as the wallet does,
/// must inflate back to itself.
pub fn inline_payload(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let payload = text.strip_prefix("vp=").unwrap_or(&text);
    if let Ok(bytes) = inflate_payload(payload) {
        assert!(
            bytes.len() <= INLINE_LIMIT,
            "an inflated payload over the cap"
        );
        let _ = serde_json::from_slice::<serde_json::Value>(&bytes);
    }

    if data.len() > INLINE_LIMIT {
        return;
    }
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("writing to memory");
    let payload = URL_SAFE_NO_PAD.encode(enc.finish().expect("writing to memory"));
    assert_eq!(
        inflate_payload(&payload).ok().as_deref(),
        Some(data),
        "a payload does not inflate back to what was deflated"
    );
}
