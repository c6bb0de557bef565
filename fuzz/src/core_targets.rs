//! Fuzz target bodies for om-core's parsers of outside bytes (among them the
//! inline share payload that om-verifier decodes with `om_core::share`).
//! Shared by the cargo-fuzz targets and by `core/tests/fuzz_corpus.rs`
//! (through `#[path]`), so it may use only what both see: `om_core` and the
//! crates it depends on itself (`serde_json`, `chrono`, `base64`, `flate2`).

use std::io::Write;
use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use om_core::baked;
use om_core::did::{parse_did_document, DidKeyResolver, Resolver, StaticResolver};
use om_core::proof::DataIntegrity;
use om_core::share::INLINE_LIMIT;
use om_core::status::{Bitstring, StatusEntry};
use om_core::verify::{PresentationOptions, Verifier};
use serde_json::Value;

/// A fuzz target's body: runs one input, panics on a bug.
pub type Target = fn(&[u8]);

/// The corpus folders (`fuzz/corpus/<name>/`) and the function that runs one input.
pub const TARGETS: [(&str, Target); 6] = [
    ("credential", credential),
    ("presentation", presentation),
    ("baked", baked),
    ("status_list", status_list),
    ("did_document", did_document),
    ("inline_payload", inline_payload),
];

/// One engine for all runs (its JSON-LD caches are shared, as in the apps).
fn di() -> &'static DataIntegrity {
    static DI: OnceLock<DataIntegrity> = OnceLock::new();
    DI.get_or_init(DataIntegrity::new)
}

fn json(data: &[u8]) -> Option<Value> {
    serde_json::from_slice(data).ok()
}

/// A credential from raw bytes, as `POST /credentials/verify` and the CLI see it:
/// parsed, then verified offline (`did:key` only, no status source).
pub fn credential(data: &[u8]) {
    let Some(doc) = json(data) else { return };
    let verifier = Verifier::new(di(), &DidKeyResolver, chrono::Utc::now());
    if let Ok(report) = verifier.verify_credential(&doc) {
        let _ = report.verdict();
    }
}

/// A presentation from raw bytes, verified as a share or inline link is
/// (no challenge or domain, the programme rule applied).
pub fn presentation(data: &[u8]) {
    let Some(doc) = json(data) else { return };
    let verifier = Verifier::new(di(), &DidKeyResolver, chrono::Utc::now());
    let options = PresentationOptions {
        challenge: None,
        domain: None,
        apply_rule: true,
    };
    if let Ok(report) = verifier.verify_presentation(&doc, &options) {
        let _ = report.verdict();
    }
}

/// What the round trip bakes: a credential-like text with a CDATA terminator,
/// markup and non-ASCII characters in it.
const BAKED_JSON: &str =
    r#"{"id":"urn:uuid:0","type":["VerifiableCredential"],"note":"a ]]> b <c> &amp; é ✓"}"#;

/// Baked badge extraction from an uploaded image (PNG or SVG), and the round
/// trip: whatever image can be baked into must give the credential back.
pub fn baked(data: &[u8]) {
    let _ = baked::extract(data);
    if let Some(kind) = baked::detect(data) {
        if let Ok(baked_image) = baked::bake(data, BAKED_JSON) {
            assert_eq!(
                baked::detect(&baked_image),
                Some(kind),
                "baking changed the image kind"
            );
            assert_eq!(
                baked::extract(&baked_image).as_deref(),
                Ok(BAKED_JSON),
                "a baked credential does not come back out"
            );
        }
    }
}

/// Bitstring Status List decoding: an `encodedList` (raw text, or inside a
/// status list credential) and `credentialStatus` entries.
pub fn status_list(data: &[u8]) {
    match json(data) {
        Some(v) => {
            // Entries are read only from strictly checked credentials; a
            // status list is read through the same checked path.
            let _ = StatusEntry::of_credential(&v);
            if let Ok(list) = om_core::check_credential(&v) {
                let _ = om_core::status::read_list(list.node(), "revocation");
            }
            let encoded = v
                .pointer("/credentialSubject/encodedList")
                .or_else(|| v.get("encodedList"))
                .or(Some(&v))
                .and_then(Value::as_str);
            if let Some(e) = encoded {
                decode_list(e);
            }
        }
        None => decode_list(&String::from_utf8_lossy(data)),
    }
}

fn decode_list(encoded: &str) {
    let Ok(bits) = Bitstring::decode(encoded) else {
        return;
    };
    let len = bits.len();
    assert_eq!(bits.get(len), None, "a bit past the end");
    if len > 0 {
        assert!(bits.get(len - 1).is_some(), "the last bit is missing");
    }
    // Re-encoding is cheap for small lists: it must give the same bits back.
    if len <= 8 * 64 * 1024 {
        assert_eq!(
            Bitstring::decode(&bits.encode()).ok().as_ref(),
            Some(&bits),
            "a decoded list does not survive re-encoding"
        );
    }
}

/// A `did:web` DID document as fetched from a web server: its verification
/// methods, and a resolver fed with it.
pub fn did_document(data: &[u8]) {
    let Some(doc) = json(data) else { return };
    let Ok(methods) = parse_did_document(&doc) else {
        return;
    };
    let did = doc.get("id").and_then(Value::as_str).unwrap_or_default();
    let mut resolver = StaticResolver::new();
    assert!(
        resolver.insert_document(&doc).is_ok(),
        "parsed once, not twice"
    );
    for m in &methods {
        assert_eq!(m.controller, did, "a method of another controller");
        assert_eq!(om_core::did::did_of(&m.id), did, "a method of another DID");
        if !m.id.starts_with("did:key:") {
            assert_eq!(
                resolver.resolve(&m.id).ok().map(|r| r.public_key),
                methods
                    .iter()
                    .rev()
                    .find(|o| o.id == m.id)
                    .map(|o| o.public_key),
                "the resolver does not give back the document's key"
            );
        }
    }
    let _ = om_core::did::did_web_url(did);
}

/// The inline share payload (`/v#vp=<payload>`, posted to `/inline/render`):
/// base64url of raw DEFLATE, inflated with a size cap, then parsed as JSON.
/// Also the round trip: the input, deflated and encoded as the wallet does,
/// must inflate back to itself.
pub fn inline_payload(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let payload = text.strip_prefix("vp=").unwrap_or(&text);
    if let Ok(bytes) = om_core::share::decode(payload) {
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
        om_core::share::decode(&payload).ok().as_deref(),
        Some(data),
        "a payload does not inflate back to what was deflated"
    );
}
