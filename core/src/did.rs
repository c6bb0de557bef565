//! DIDs and verification methods: `did:key` (offline), `did:web` documents, and the
//! [`Resolver`] interface through which apps plug in network resolution.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde_json::{json, Value};

use crate::keys::{parse_public_key_multibase, public_key_multibase, KeyPair};
use crate::Error;

/// A resolved Ed25519 verification method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationMethod {
    /// Its id, e.g. `did:key:z6Mk…#z6Mk…`.
    pub id: String,
    /// Who controls it: the DID (or URL) the key speaks for.
    pub controller: String,
    /// The public key.
    pub public_key: VerifyingKey,
}

/// Finds the public key behind a verification method id.
///
/// Resolution is synchronous: an app that resolves over the network (did:web)
/// does so inside its implementation, with its own timeouts and limits.
pub trait Resolver: Send + Sync {
    /// Resolves a verification method id to its key and controller.
    fn resolve(&self, verification_method: &str) -> Result<VerificationMethod, Error>;
}

/// The DID of an Ed25519 key: `did:key:z6Mk…`.
pub fn did_key(key: &VerifyingKey) -> String {
    format!("did:key:{}", public_key_multibase(key))
}

/// The verification method of an Ed25519 `did:key`: `did:key:z6Mk…#z6Mk…`.
pub fn did_key_verification_method(key: &VerifyingKey) -> String {
    let mb = public_key_multibase(key);
    format!("did:key:{mb}#{mb}")
}

// A key pair named by its `did:key` is a DID matter, so it is made here: the
// keys module stays below this one (it knows nothing of DIDs).
impl KeyPair {
    /// A fresh random key whose verification method is its `did:key`.
    pub fn generate() -> Self {
        Self::from_did_key(SigningKey::generate(&mut rand::rngs::OsRng))
    }

    /// The key, named by its `did:key` verification method.
    pub fn from_did_key(signing: SigningKey) -> Self {
        let vm = did_key_verification_method(&signing.verifying_key());
        Self::with_verification_method(signing, vm)
    }
}

/// The DID part of a DID URL (everything before `#`).
pub fn did_of(url: &str) -> &str {
    url.split_once('#').map_or(url, |(did, _)| did)
}

/// Checks DID syntax (W3C DID Core §3.1) and, for `did:key` and `did:web`,
/// their methods' own rules (base58btc key; a host name).
pub fn check_did(did: &str) -> Result<(), String> {
    check_did_syntax(did)?;
    let bad = |why: &str| Err(format!("{did:?} is not a valid DID: {why}"));
    let (method, msid) = did["did:".len()..].split_once(':').unwrap_or_default();
    let base58 = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l'))
    };
    let host_name = |h: &str| {
        !h.is_empty()
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':'))
            && !h.starts_with('.')
            && !h.contains("..")
    };
    match method {
        "key" if !(msid.starts_with('z') && base58(&msid[1..])) => {
            bad("a did:key is z followed by base58btc")
        }
        "web"
            if !host_name(
                &msid
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .replace("%3A", ":"),
            ) =>
        {
            bad("a did:web starts with a host name")
        }
        _ => Ok(()),
    }
}

/// Checks generic DID syntax (W3C DID Core §3.1): `did:`, a lower-case method
/// name, `:` and a method-specific id of `ALPHA / DIGIT / . - _ / pct-encoded`
/// characters with `:` separators.
pub fn check_did_syntax(did: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("{did:?} is not a valid DID: {why}"));
    let Some(rest) = did.strip_prefix("did:") else {
        return bad("it must start with \"did:\"");
    };
    let Some((method, msid)) = rest.split_once(':') else {
        return bad("it has no method-specific id");
    };
    if method.is_empty()
        || !method
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return bad("the method name must be lower-case letters and digits");
    }
    let bytes = msid.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(i + 1) && hex(i + 2)) {
                    return bad("a % must start a percent-encoded byte");
                }
                i += 3;
                continue;
            }
            b if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':') => {}
            _ => return bad("the method-specific id has a character DID syntax forbids"),
        }
        i += 1;
    }
    if msid.is_empty() || msid.ends_with(':') {
        return bad("the method-specific id is empty");
    }
    Ok(())
}

/// Checks a DID URL: a valid DID ([`check_did`]) followed by an optional
/// path, query and fragment of printable ASCII with no spaces.
pub fn check_did_url(url: &str) -> Result<(), String> {
    check_did_url_syntax(url)?;
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    check_did(&url[..end])
}

/// Checks a DID URL's generic syntax: [`check_did_syntax`], then an optional
/// path, query and fragment of printable ASCII with no spaces.
pub fn check_did_url_syntax(url: &str) -> Result<(), String> {
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    check_did_syntax(&url[..end])?;
    if !url[end..].bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!("{url:?} is not a valid DID URL"));
    }
    Ok(())
}

/// Resolves `did:key` verification methods offline.
#[derive(Debug, Default, Clone, Copy)]
pub struct DidKeyResolver;

impl DidKeyResolver {
    /// Resolves a `did:key` DID or DID URL.
    pub fn resolve_did_key(id: &str) -> Result<VerificationMethod, Error> {
        // Everything a did:key says is in the DID itself: when it does not
        // resolve, it never will (the proof is invalid, not unchecked).
        let fail = |reason: &str| Error::NoSuchKey {
            id: id.to_string(),
            reason: reason.to_string(),
        };
        check_did_url(id).map_err(|e| fail(&e))?;
        let did = did_of(id);
        let mb = did
            .strip_prefix("did:key:")
            .ok_or_else(|| fail("not a did:key"))?;
        if let Some((_, fragment)) = id.split_once('#') {
            if fragment != mb {
                return Err(fail(
                    "the fragment of a did:key verification method must repeat its key",
                ));
            }
        }
        let public_key = decoded_key(mb).map_err(|e| fail(&e.to_string()))?;
        Ok(VerificationMethod {
            id: format!("{did}#{mb}"),
            controller: did.to_string(),
            public_key,
        })
    }
}

/// How many decoded did:key keys are kept (a key is 32 bytes plus its
/// multibase; the cache is emptied when full, so it never grows past this).
const DECODED_KEYS: usize = 4096;

/// The public key of a did:key multibase, decoded once per process: decoding
/// checks the point on the curve (a square root), the costliest step of
/// resolving. Only keys that decoded are kept.
fn decoded_key(mb: &str) -> Result<VerifyingKey, Error> {
    static CACHE: OnceLock<Mutex<HashMap<String, VerifyingKey>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(key) = cache.lock().ok().and_then(|c| c.get(mb).copied()) {
        return Ok(key);
    }
    let key = parse_public_key_multibase(mb)?;
    if let Ok(mut c) = cache.lock() {
        if c.len() >= DECODED_KEYS {
            c.clear();
        }
        c.insert(mb.to_string(), key);
    }
    Ok(key)
}

impl Resolver for DidKeyResolver {
    fn resolve(&self, verification_method: &str) -> Result<VerificationMethod, Error> {
        Self::resolve_did_key(verification_method)
    }
}

/// Verification methods known in advance (from did:web documents fetched by an
/// app, or the https keys of test vectors); `did:key` is always resolved offline.
#[derive(Debug, Default, Clone)]
pub struct StaticResolver {
    methods: HashMap<String, VerificationMethod>,
}

impl StaticResolver {
    /// An empty resolver (it still resolves `did:key`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one verification method.
    pub fn insert(&mut self, vm: VerificationMethod) {
        self.methods.insert(vm.id.clone(), vm);
    }

    /// Adds every Ed25519 Multikey verification method of a DID document.
    pub fn insert_document(&mut self, doc: &Value) -> Result<usize, Error> {
        let methods = parse_did_document(doc)?;
        let n = methods.len();
        for vm in methods {
            self.insert(vm);
        }
        Ok(n)
    }
}

impl Resolver for StaticResolver {
    fn resolve(&self, verification_method: &str) -> Result<VerificationMethod, Error> {
        if verification_method.starts_with("did:key:") {
            return DidKeyResolver::resolve_did_key(verification_method);
        }
        self.methods
            .get(verification_method)
            .cloned()
            .ok_or_else(|| Error::Resolve {
                id: verification_method.to_string(),
                reason: "unknown verification method".into(),
            })
    }
}

/// The `did:web` DID for a domain (and optional path), e.g. `did:web:example.org`.
pub fn did_web(domain_and_path: &str) -> Result<String, Error> {
    let trimmed = domain_and_path.trim_matches('/');
    let mut parts = trimmed.split('/');
    let host = parts.next().unwrap_or_default();
    let valid_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == ':');
    if !valid_host || trimmed.contains("..") {
        return Err(Error::Malformed(format!(
            "{domain_and_path:?} is not a domain name"
        )));
    }
    let mut did = format!("did:web:{}", host.replace(':', "%3A"));
    for p in parts {
        did.push(':');
        did.push_str(p);
    }
    check_did(&did).map_err(Error::Malformed)?;
    Ok(did)
}

/// The https URL where a `did:web` DID document is published.
pub fn did_web_url(did: &str) -> Result<String, Error> {
    let rest = did
        .strip_prefix("did:web:")
        .ok_or_else(|| Error::Malformed(format!("{did} is not a did:web")))?;
    check_did(did).map_err(Error::Malformed)?;
    let mut parts = rest.split(':');
    let host = parts.next().unwrap_or_default().replace("%3A", ":");
    let path: Vec<&str> = parts.collect();
    if host.is_empty() {
        return Err(Error::Malformed(format!("{did} has no host")));
    }
    Ok(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// The DID document of a DID controlled by one Ed25519 key, with the key as
/// `#key-1` (did:web) or as its multibase fragment (did:key).
pub fn did_document(did: &str, key: &VerifyingKey) -> Value {
    let mb = public_key_multibase(key);
    let vm_id = if did.starts_with("did:key:") {
        format!("{did}#{mb}")
    } else {
        format!("{did}#key-1")
    };
    json!({
        "@context": [crate::contexts::DID_V1, crate::contexts::MULTIKEY_V1],
        "id": did,
        "verificationMethod": [{
            "id": vm_id,
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": mb
        }],
        "authentication": [vm_id],
        "assertionMethod": [vm_id]
    })
}

/// The Ed25519 Multikey verification methods of a DID document.
pub fn parse_did_document(doc: &Value) -> Result<Vec<VerificationMethod>, Error> {
    let did = doc
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Malformed("a DID document needs an \"id\"".into()))?;
    let methods = doc
        .get("verificationMethod")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::Malformed("a DID document needs \"verificationMethod\"".into()))?;
    let mut out = Vec::new();
    for m in methods {
        let (Some(id), Some(mb)) = (
            m.get("id").and_then(Value::as_str),
            m.get("publicKeyMultibase").and_then(Value::as_str),
        ) else {
            continue;
        };
        let controller = m.get("controller").and_then(Value::as_str).unwrap_or(did);
        let id = if id.starts_with('#') {
            format!("{did}{id}")
        } else {
            id.to_string()
        };
        if controller != did || did_of(&id) != did {
            return Err(Error::Malformed(format!("{id} is not controlled by {did}")));
        }
        out.push(VerificationMethod {
            id,
            controller: controller.to_string(),
            public_key: parse_public_key_multibase(mb)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_key_round_trip() {
        let kp = crate::keys::KeyPair::generate();
        let vm = DidKeyResolver::resolve_did_key(kp.verification_method()).unwrap();
        assert_eq!(vm.public_key, kp.public_key());
        assert_eq!(vm.controller, did_key(&kp.public_key()));
        assert!(vm.controller.starts_with("did:key:z6Mk"));
    }

    #[test]
    fn did_key_with_foreign_fragment_is_refused() {
        let a = crate::keys::KeyPair::generate();
        let b = crate::keys::KeyPair::generate();
        let forged = format!(
            "{}#{}",
            a.controller(),
            public_key_multibase(&b.public_key())
        );
        assert!(DidKeyResolver::resolve_did_key(&forged).is_err());
    }

    #[test]
    fn did_web_urls() {
        assert_eq!(did_web("example.org").unwrap(), "did:web:example.org");
        assert_eq!(
            did_web_url("did:web:example.org").unwrap(),
            "https://example.org/.well-known/did.json"
        );
        assert_eq!(
            did_web("example.org/people/ana").unwrap(),
            "did:web:example.org:people:ana"
        );
        assert_eq!(
            did_web_url("did:web:example.org:people:ana").unwrap(),
            "https://example.org/people/ana/did.json"
        );
        assert!(did_web("exa mple.org").is_err());
    }

    #[test]
    fn did_web_document_round_trip() {
        let kp = crate::keys::KeyPair::generate();
        let did = did_web("example.org").unwrap();
        let doc = did_document(&did, &kp.public_key());
        let mut r = StaticResolver::new();
        assert_eq!(r.insert_document(&doc).unwrap(), 1);
        let vm = r.resolve("did:web:example.org#key-1").unwrap();
        assert_eq!(vm.public_key, kp.public_key());
    }
}
