//! Outbound fetches for verification: status list credentials and `did:web`
//! documents, over HTTPS, with the guards a public verifier needs (feature `fetch`).
//!
//! - HTTPS only (plain HTTP only when local fetches are allowed, for tests and
//!   local setups);
//! - no loopback, private, link-local, CGNAT, multicast, NAT64-local or
//!   unspecified addresses unless allowed: the check is made on the addresses
//!   actually connected to, so DNS rebinding cannot slip past it;
//! - redirects are followed by hand (at most 3), each one checked again;
//! - a timeout, and a size cap per kind of document (status lists and DID
//!   documents are small: a list of 131,072 entries is a few KB compressed);
//! - results cached for a configurable time in a cache bounded in bytes and
//!   entries (expired entries are evicted, then the oldest ones); only
//!   documents that parsed as JSON objects are cached.
//!
//! Errors are [`FetchError`]s: their `Display` is the detail for logs and the
//! command line, [`FetchError::public_message`] the wording for remote clients
//! (it does not tell a DNS failure from a refused connection or a private address).

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::did::{did_of, parse_did_document, DidKeyResolver, Resolver, VerificationMethod};
use crate::verify::StatusSource;
use crate::Error;

/// Limits of outbound fetches.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    /// Allow plain HTTP and loopback/private addresses (tests, local setups).
    pub allow_local: bool,
    /// Timeout of one request.
    pub timeout: Duration,
    /// Largest status list credential accepted, in bytes.
    pub max_status_list_bytes: usize,
    /// Largest `did:web` document accepted, in bytes.
    pub max_did_document_bytes: usize,
    /// How long fetched documents are reused (zero: never).
    pub cache_ttl: Duration,
    /// Most bytes of documents (and their URLs) the cache holds.
    pub cache_max_bytes: usize,
    /// Most documents the cache holds.
    pub cache_max_entries: usize,
}

/// Default cap on a status list credential (256 KiB).
pub const DEFAULT_MAX_STATUS_LIST_BYTES: usize = 256 * 1024;
/// Default cap on a `did:web` document (64 KiB).
pub const DEFAULT_MAX_DID_DOCUMENT_BYTES: usize = 64 * 1024;
/// Default byte bound of the fetch cache (16 MiB).
pub const DEFAULT_CACHE_MAX_BYTES: usize = 16 * 1024 * 1024;
/// Default entry bound of the fetch cache.
pub const DEFAULT_CACHE_MAX_ENTRIES: usize = 1024;

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            allow_local: false,
            timeout: Duration::from_secs(10),
            max_status_list_bytes: DEFAULT_MAX_STATUS_LIST_BYTES,
            max_did_document_bytes: DEFAULT_MAX_DID_DOCUMENT_BYTES,
            cache_ttl: Duration::from_secs(300),
            cache_max_bytes: DEFAULT_CACHE_MAX_BYTES,
            cache_max_entries: DEFAULT_CACHE_MAX_ENTRIES,
        }
    }
}

impl FetchPolicy {
    /// The size cap of a kind of document.
    pub fn max_bytes(&self, kind: DocumentKind) -> usize {
        match kind {
            DocumentKind::StatusList => self.max_status_list_bytes,
            DocumentKind::DidDocument => self.max_did_document_bytes,
            DocumentKind::SharedCredential => MAX_SHARED_CREDENTIAL_BYTES,
        }
    }
}

/// What is fetched: it decides the size cap and the wording of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A Bitstring Status List credential.
    StatusList,
    /// A `did:web` DID document.
    DidDocument,
    /// A credential or presentation someone shared by link (a VerifierPlus
    /// public link of the Learner Credential Wallet).
    SharedCredential,
}

/// Largest shared credential or presentation fetched for a link (256 KiB,
/// the body limit of the service's own endpoints).
pub const MAX_SHARED_CREDENTIAL_BYTES: usize = 256 * 1024;

impl DocumentKind {
    fn cache_prefix(self) -> &'static str {
        match self {
            Self::StatusList => "status ",
            Self::DidDocument => "did ",
            Self::SharedCredential => "shared ",
        }
    }
}

/// Why a document could not be had. `Display` gives the details (for logs
/// and the command line); [`FetchError::public_message`] is for remote clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The URL does not parse.
    #[error("{url} is not a URL: {reason}")]
    BadUrl {
        /// The URL as given.
        url: String,
        /// The parser's complaint.
        reason: String,
    },
    /// Plain HTTP while only HTTPS is allowed.
    #[error("{url}: plain HTTP is refused, only HTTPS is fetched")]
    PlainHttp {
        /// The URL.
        url: String,
    },
    /// A scheme that is never fetched (`file:`, `ftp:` …).
    #[error("{url}: the {scheme} scheme is not fetched")]
    Scheme {
        /// The URL.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// DNS, connection, TLS or timeout failure, or a forbidden address.
    #[error("{url} could not be fetched: {reason}")]
    Transport {
        /// The URL.
        url: String,
        /// What failed.
        reason: String,
    },
    /// A non-success HTTP status.
    #[error("{url} answered HTTP {code}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        code: u16,
    },
    /// A bad redirect, or too many.
    #[error("{url}: {reason}")]
    Redirect {
        /// The URL.
        url: String,
        /// What was wrong.
        reason: String,
    },
    /// The document is larger than its cap.
    #[error("{url}: the document is larger than {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The cap.
        limit: usize,
    },
    /// The body is not a JSON object.
    #[error("{url} is not a JSON object: {reason}")]
    NotJson {
        /// The URL.
        url: String,
        /// The parser's complaint.
        reason: String,
    },
}

impl FetchError {
    /// The wording for remote clients: the URL's own faults (not a URL, not
    /// HTTPS) are told as they are; everything learned from the network is one
    /// generic sentence, so that a client cannot probe internal names and ports.
    pub fn public_message(&self, kind: DocumentKind) -> String {
        match self {
            Self::BadUrl { .. } | Self::PlainHttp { .. } | Self::Scheme { .. } => self.to_string(),
            _ => match kind {
                DocumentKind::StatusList => "the status list could not be fetched".into(),
                DocumentKind::DidDocument => "the DID document could not be fetched".into(),
                DocumentKind::SharedCredential => {
                    "the shared credential could not be fetched".into()
                }
            },
        }
    }
}

/// True for addresses a public verifier must never be made to call.
pub fn is_forbidden_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            let seg = v6.segments();
            // Addresses that reach IPv4 hosts are judged by the embedded address.
            let embedded = |hi: usize| {
                IpAddr::V4(Ipv4Addr::new(
                    (seg[hi] >> 8) as u8,
                    seg[hi] as u8,
                    (seg[hi + 1] >> 8) as u8,
                    seg[hi + 1] as u8,
                ))
            };
            // IPv4-mapped ::ffff:0:0/96.
            if seg[..5] == [0; 5] && seg[5] == 0xffff {
                return is_forbidden_address(embedded(6));
            }
            // IPv4-translated ::ffff:0:0:0/96 (SIIT).
            if seg[..4] == [0; 4] && seg[4] == 0xffff && seg[5] == 0 {
                return is_forbidden_address(embedded(6));
            }
            // IPv4-compatible ::a.b.c.d (deprecated).
            if seg[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() {
                return is_forbidden_address(embedded(6));
            }
            // NAT64 well-known prefix 64:ff9b::/96.
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0; 4] {
                return is_forbidden_address(embedded(6));
            }
            // Local-use NAT64 64:ff9b:1::/48 (RFC 8215): a local network's translator.
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2] == 1 {
                return true;
            }
            // 6to4 2002::/16.
            if seg[0] == 0x2002 {
                return is_forbidden_address(embedded(1));
            }
            v6.is_loopback()
                || (seg[0] & 0xffc0) == 0xfec0
                || (seg[0] == 0x2001 && seg[1] == 0x0db8)
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00
                || (seg[0] & 0xffc0) == 0xfe80
                // Discard-only 100::/64.
                || seg[..4] == [0x100, 0, 0, 0]
        }
    }
}

struct GuardedResolver {
    allow_local: bool,
}

impl ureq::Resolver for GuardedResolver {
    fn resolve(&self, netloc: &str) -> std::io::Result<Vec<SocketAddr>> {
        let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
        let allowed: Vec<SocketAddr> = addrs
            .iter()
            .copied()
            .filter(|a| self.allow_local || !is_forbidden_address(a.ip()))
            .collect();
        if allowed.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{netloc} is a private, loopback or link-local address: not fetched"),
            ));
        }
        Ok(allowed)
    }
}

/// How full the fetch cache is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    /// Documents held.
    pub entries: usize,
    /// Bytes held (documents and their keys).
    pub bytes: usize,
}

struct CacheEntry {
    at: Instant,
    bytes: Arc<[u8]>,
}

/// Fetched documents as bytes (parsed again on each hit, so that the byte
/// bound is the real bound), bounded in bytes and entries.
struct FetchCache {
    map: HashMap<String, CacheEntry>,
    bytes: usize,
    ttl: Duration,
    max_bytes: usize,
    max_entries: usize,
}

impl FetchCache {
    fn new(policy: &FetchPolicy) -> Self {
        Self {
            map: HashMap::new(),
            bytes: 0,
            ttl: policy.cache_ttl,
            max_bytes: policy.cache_max_bytes,
            max_entries: policy.cache_max_entries,
        }
    }

    fn enabled(&self) -> bool {
        !self.ttl.is_zero() && self.max_bytes > 0 && self.max_entries > 0
    }

    fn remove(&mut self, key: &str) {
        if let Some(e) = self.map.remove(key) {
            self.bytes -= e.bytes.len() + key.len();
        }
    }

    fn get(&mut self, key: &str) -> Option<Arc<[u8]>> {
        let entry = self.map.get(key)?;
        if entry.at.elapsed() < self.ttl {
            return Some(entry.bytes.clone());
        }
        self.remove(key);
        None
    }

    fn evict_expired(&mut self) {
        let ttl = self.ttl;
        let expired: Vec<String> = self
            .map
            .iter()
            .filter(|(_, e)| e.at.elapsed() >= ttl)
            .map(|(k, _)| k.clone())
            .collect();
        for k in expired {
            self.remove(&k);
        }
    }

    fn evict_oldest(&mut self) {
        let oldest = self
            .map
            .iter()
            .min_by_key(|(_, e)| e.at)
            .map(|(k, _)| k.clone());
        if let Some(k) = oldest {
            self.remove(&k);
        }
    }

    fn insert(&mut self, key: &str, bytes: Arc<[u8]>) {
        let size = bytes.len() + key.len();
        if !self.enabled() || size > self.max_bytes {
            return;
        }
        self.remove(key);
        self.evict_expired();
        while !self.map.is_empty()
            && (self.bytes + size > self.max_bytes || self.map.len() >= self.max_entries)
        {
            self.evict_oldest();
        }
        self.bytes += size;
        self.map.insert(
            key.to_string(),
            CacheEntry {
                at: Instant::now(),
                bytes,
            },
        );
    }

    fn stats(&self) -> CacheStats {
        CacheStats {
            entries: self.map.len(),
            bytes: self.bytes,
        }
    }
}

/// Fetches JSON documents under a [`FetchPolicy`]; clones share the cache.
#[derive(Clone)]
pub struct HttpFetcher {
    policy: FetchPolicy,
    agent: ureq::Agent,
    cache: Arc<Mutex<FetchCache>>,
}

impl std::fmt::Debug for HttpFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpFetcher")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

const MAX_REDIRECTS: usize = 3;

fn parse_object(url: &str, body: &[u8]) -> Result<Value, FetchError> {
    let not_json = |reason: String| FetchError::NotJson {
        url: url.to_string(),
        reason,
    };
    match serde_json::from_slice(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(not_json("not an object".into())),
        Err(e) => Err(not_json(e.to_string())),
    }
}

impl HttpFetcher {
    /// A fetcher under `policy`.
    pub fn new(policy: FetchPolicy) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout(policy.timeout)
            .redirects(0)
            .resolver(GuardedResolver {
                allow_local: policy.allow_local,
            })
            .user_agent(concat!("om-core/", env!("CARGO_PKG_VERSION")))
            .build();
        let cache = Arc::new(Mutex::new(FetchCache::new(&policy)));
        Self {
            policy,
            agent,
            cache,
        }
    }

    /// The policy in force.
    pub fn policy(&self) -> &FetchPolicy {
        &self.policy
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, FetchCache> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets every cached document.
    pub fn clear_cache(&self) {
        let mut c = self.cache();
        c.map.clear();
        c.bytes = 0;
    }

    /// How full the cache is.
    pub fn cache_stats(&self) -> CacheStats {
        self.cache().stats()
    }

    /// Checks a URL before any network traffic: it must parse and be HTTPS
    /// (or plain HTTP when local fetches are allowed).
    pub fn check_url(&self, raw: &str) -> Result<url::Url, FetchError> {
        let u = url::Url::parse(raw).map_err(|e| FetchError::BadUrl {
            url: raw.to_string(),
            reason: e.to_string(),
        })?;
        match u.scheme() {
            "https" => Ok(u),
            "http" if self.policy.allow_local => Ok(u),
            "http" => Err(FetchError::PlainHttp {
                url: raw.to_string(),
            }),
            other => Err(FetchError::Scheme {
                url: raw.to_string(),
                scheme: other.to_string(),
            }),
        }
    }

    /// GETs a JSON object of the given kind (its size cap applies), cached for
    /// the policy's time.
    pub fn get_json(&self, url: &str, kind: DocumentKind) -> Result<Value, FetchError> {
        let key = format!("{}{url}", kind.cache_prefix());
        let cached = self.cache().get(&key);
        if let Some(bytes) = cached {
            return parse_object(url, &bytes);
        }
        let body = self.fetch_uncached(url, self.policy.max_bytes(kind))?;
        let value = parse_object(url, &body)?;
        self.cache().insert(&key, body.into());
        Ok(value)
    }

    /// GETs a status list credential.
    pub fn status_list(&self, url: &str) -> Result<Value, FetchError> {
        self.get_json(url, DocumentKind::StatusList)
    }

    /// GETs a `did:web` document.
    pub fn did_document(&self, url: &str) -> Result<Value, FetchError> {
        self.get_json(url, DocumentKind::DidDocument)
    }

    fn fetch_uncached(&self, url: &str, max_bytes: usize) -> Result<Vec<u8>, FetchError> {
        let mut current = self.check_url(url)?;
        for _ in 0..=MAX_REDIRECTS {
            let here = current.to_string();
            let response = match self
                .agent
                .get(current.as_str())
                .set(
                    "Accept",
                    "application/json, application/ld+json, application/vc+ld+json",
                )
                .call()
            {
                Ok(r) => r,
                Err(ureq::Error::Status(code, r)) if (300..400).contains(&code) => r,
                Err(ureq::Error::Status(code, _)) => {
                    return Err(FetchError::Status { url: here, code })
                }
                Err(e) => {
                    return Err(FetchError::Transport {
                        url: here,
                        reason: e.to_string(),
                    })
                }
            };
            let status = response.status();
            if (300..400).contains(&status) {
                let location = response
                    .header("Location")
                    .ok_or_else(|| FetchError::Redirect {
                        url: here.clone(),
                        reason: "redirect without Location".into(),
                    })?;
                let next = current.join(location).map_err(|e| FetchError::Redirect {
                    url: here.clone(),
                    reason: format!("bad redirect: {e}"),
                })?;
                current = self.check_url(next.as_str())?;
                continue;
            }
            if let Some(len) = response
                .header("Content-Length")
                .and_then(|l| l.trim().parse::<u64>().ok())
            {
                if len > max_bytes as u64 {
                    return Err(FetchError::TooLarge {
                        url: here,
                        limit: max_bytes,
                    });
                }
            }
            let mut body = Vec::new();
            response
                .into_reader()
                .take(max_bytes as u64 + 1)
                .read_to_end(&mut body)
                .map_err(|e| FetchError::Transport {
                    url: here.clone(),
                    reason: format!("reading failed: {e}"),
                })?;
            if body.len() > max_bytes {
                return Err(FetchError::TooLarge {
                    url: here,
                    limit: max_bytes,
                });
            }
            return Ok(body);
        }
        Err(FetchError::Redirect {
            url: url.to_string(),
            reason: "too many redirects".into(),
        })
    }
}

/// Resolves a verification method: `did:key` offline, `did:web` by getting
/// its DID document through `get` (given the document's URL; its error is the
/// reason told). Lets callers put their own budget and wording around fetches.
pub fn resolve_with(
    verification_method: &str,
    get: &mut dyn FnMut(&str) -> Result<Value, String>,
) -> Result<VerificationMethod, Error> {
    if verification_method.starts_with("did:key:") {
        return DidKeyResolver::resolve_did_key(verification_method);
    }
    let fail = |reason: String| Error::Resolve {
        id: verification_method.to_string(),
        reason,
    };
    let did = did_of(verification_method);
    if !did.starts_with("did:web:") {
        return Err(fail("only did:key and did:web are resolved".into()));
    }
    // A malformed did:web, or a key its document does not list, definitively
    // does not resolve: the proof is invalid, not "could not be checked".
    let no_such_key = |reason: String| Error::NoSuchKey {
        id: verification_method.to_string(),
        reason,
    };
    crate::did::check_did_url(verification_method).map_err(no_such_key)?;
    let url = crate::did::did_web_url(did)?;
    let doc = get(&url).map_err(fail)?;
    if doc.get("id").and_then(Value::as_str) != Some(did) {
        return Err(fail(format!("the document at {url} is not about {did}")));
    }
    parse_did_document(&doc)?
        .into_iter()
        .find(|m| m.id == verification_method)
        .ok_or_else(|| no_such_key(format!("{url} does not list this key")))
}

impl StatusSource for HttpFetcher {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.status_list(url).map_err(|e| e.to_string())
    }
}

impl Resolver for HttpFetcher {
    fn resolve(&self, verification_method: &str) -> Result<VerificationMethod, Error> {
        resolve_with(verification_method, &mut |url| {
            self.did_document(url).map_err(|e| e.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn forbidden(ip: &str) -> bool {
        is_forbidden_address(ip.parse().unwrap())
    }

    #[test]
    fn a_key_its_did_web_document_does_not_list_definitively_does_not_resolve() {
        let key = crate::keys::KeyPair::generate();
        let did = "did:web:example.org:ana";
        let doc = crate::did::did_document(did, &key.public_key());
        let mut serve = |_: &str| Ok(doc.clone());
        assert!(resolve_with(&format!("{did}#key-1"), &mut serve).is_ok());
        let missing = resolve_with(&format!("{did}#key-2"), &mut serve);
        assert!(
            matches!(missing, Err(Error::NoSuchKey { .. })),
            "{missing:?}"
        );
        let malformed = resolve_with("did:web:example.org:a b#key-1", &mut serve);
        assert!(
            matches!(malformed, Err(Error::NoSuchKey { .. })),
            "{malformed:?}"
        );
        let mut unreachable = |_: &str| Err("timed out".to_string());
        let unknown = resolve_with(&format!("{did}#key-1"), &mut unreachable);
        assert!(matches!(unknown, Err(Error::Resolve { .. })), "{unknown:?}");
    }

    #[test]
    fn private_addresses_are_forbidden() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(forbidden(ip), "{ip}");
        }
        for ip in [
            "1.1.1.1",
            "93.184.216.34",
            "2606:4700::1111",
            "64:ff9b::1.1.1.1",
        ] {
            assert!(!forbidden(ip), "{ip}");
        }
    }

    #[test]
    fn ipv4_mapped_range_is_judged_by_the_embedded_address() {
        // ::ffff:0:0/96, written every way: private, loopback and metadata
        // addresses inside it are refused, public ones are not.
        for ip in [
            "::ffff:127.0.0.1",
            "::ffff:7f00:1",
            "::ffff:10.0.0.1",
            "::ffff:192.168.0.1",
            "::ffff:169.254.169.254",
            "::ffff:100.64.0.1",
            "::ffff:0.0.0.0",
            "::ffff:0:0",
            "::ffff:255.255.255.255",
            "0:0:0:0:0:ffff:ac10:0001",
            // IPv4-translated ::ffff:0:0:0/96.
            "::ffff:0:127.0.0.1",
            "::ffff:0:a00:1",
        ] {
            assert!(forbidden(ip), "{ip}");
        }
        for ip in ["::ffff:1.1.1.1", "::ffff:93.184.216.34", "::ffff:0:8.8.8.8"] {
            assert!(!forbidden(ip), "{ip}");
        }
    }

    #[test]
    fn nat64_ranges_are_refused() {
        // 64:ff9b:1::/48 (local-use NAT64) is refused whole.
        for ip in [
            "64:ff9b:1::1",
            "64:ff9b:1::1.1.1.1",
            "64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
            "64:ff9b:1:0:0:0:7f00:1",
        ] {
            assert!(forbidden(ip), "{ip}");
        }
        // 64:ff9b::/96 is judged by the embedded IPv4 address.
        for ip in [
            "64:ff9b::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b::192.168.1.1",
        ] {
            assert!(forbidden(ip), "{ip}");
        }
        assert!(!forbidden("64:ff9b::8.8.8.8"));
        // Just outside the /48.
        assert!(!forbidden("64:ff9b:2::1"));
    }

    #[test]
    fn plain_http_and_loopback_are_refused_by_default() {
        let f = HttpFetcher::new(FetchPolicy::default());
        let e = f.status_list("http://example.org/list.json").unwrap_err();
        assert!(e.to_string().contains("only HTTPS"), "{e}");
        let e = f.status_list("https://127.0.0.1:9/list.json").unwrap_err();
        assert!(e.to_string().contains("private, loopback"), "{e}");
        assert_eq!(
            e.public_message(DocumentKind::StatusList),
            "the status list could not be fetched"
        );
        let e = f
            .status_list("https://[::ffff:7f00:1]:9/l.json")
            .unwrap_err();
        assert!(e.to_string().contains("private, loopback"), "{e}");
        let e = f
            .status_list("https://[64:ff9b:1::1]:9/l.json")
            .unwrap_err();
        assert!(e.to_string().contains("private, loopback"), "{e}");
        let e = f.status_list("file:///etc/passwd").unwrap_err();
        assert!(e.to_string().contains("scheme"), "{e}");
    }

    /// Serves `bodies` (one connection each) on loopback; returns the address.
    fn serve(bodies: Vec<Vec<u8>>) -> (SocketAddr, std::thread::JoinHandle<()>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            for body in bodies {
                let (mut s, _) = listener.accept().unwrap();
                let mut buf = [0u8; 1024];
                let _ = s.read(&mut buf);
                let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = s.write_all(&body);
            }
        });
        (addr, server)
    }

    fn local(policy: FetchPolicy) -> HttpFetcher {
        HttpFetcher::new(FetchPolicy {
            allow_local: true,
            ..policy
        })
    }

    #[test]
    fn local_fetch_when_allowed() {
        let (addr, server) = serve(vec![br#"{"ok":true}"#.to_vec()]);
        let f = local(FetchPolicy::default());
        let v = f.status_list(&format!("http://{addr}/x.json")).unwrap();
        assert_eq!(v["ok"], true);
        server.join().unwrap();
        // Served from the cache now: the server is gone.
        assert_eq!(
            f.status_list(&format!("http://{addr}/x.json")).unwrap()["ok"],
            true
        );
    }

    #[test]
    fn documents_over_their_cap_are_refused() {
        let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(70 * 1024)).into_bytes();
        let (addr, server) = serve(vec![big.clone(), big]);
        let f = local(FetchPolicy::default());
        // 70 KiB: a status list may be that large, a DID document may not.
        assert!(f.status_list(&format!("http://{addr}/a")).is_ok());
        let e = f.did_document(&format!("http://{addr}/b")).unwrap_err();
        assert!(
            matches!(e, FetchError::TooLarge { limit, .. } if limit == 64 * 1024),
            "{e}"
        );
        server.join().unwrap();
    }

    #[test]
    fn only_json_objects_are_cached() {
        let (addr, server) = serve(vec![b"[1,2]".to_vec(), b"[1,2]".to_vec()]);
        let f = local(FetchPolicy::default());
        for _ in 0..2 {
            let e = f.status_list(&format!("http://{addr}/a")).unwrap_err();
            assert!(matches!(e, FetchError::NotJson { .. }), "{e}");
        }
        assert_eq!(f.cache_stats().entries, 0);
        server.join().unwrap();
    }

    #[test]
    fn cache_is_bounded_in_bytes_and_entries_and_drops_expired() {
        let doc = |n: usize| Arc::<[u8]>::from(vec![b' '; n]);
        let mut c = FetchCache::new(&FetchPolicy {
            cache_max_bytes: 1000,
            cache_max_entries: 3,
            ..FetchPolicy::default()
        });
        c.insert("a", doc(399));
        c.insert("b", doc(399));
        assert_eq!(
            c.stats(),
            CacheStats {
                entries: 2,
                bytes: 800
            }
        );
        // A third of 400 bytes would pass 1000: the oldest goes.
        c.insert("c", doc(399));
        assert_eq!(
            c.stats(),
            CacheStats {
                entries: 2,
                bytes: 800
            }
        );
        assert!(c.get("a").is_none() && c.get("b").is_some());
        // Entries bound.
        c.insert("d", doc(9));
        c.insert("e", doc(9));
        assert_eq!(c.stats().entries, 3);
        assert!(c.stats().bytes <= 1000);
        // Larger than the whole cache: not cached at all.
        c.insert("huge", doc(2000));
        assert!(c.get("huge").is_none());
        // Expired entries are evicted.
        let mut c = FetchCache::new(&FetchPolicy {
            cache_ttl: Duration::from_millis(30),
            ..FetchPolicy::default()
        });
        c.insert("a", doc(100));
        std::thread::sleep(Duration::from_millis(40));
        c.insert("b", doc(100));
        assert_eq!(
            c.stats(),
            CacheStats {
                entries: 1,
                bytes: 101
            }
        );
        std::thread::sleep(Duration::from_millis(40));
        assert!(c.get("b").is_none());
        assert_eq!(c.stats(), CacheStats::default());
    }
}
