//! Outbound fetches for verification: status list credentials and `did:web`
//! documents, over HTTPS, with the guards a public verifier needs (feature `fetch`).
//!
//! - HTTPS only (plain HTTP only when local fetches are allowed, for tests and
//!   local setups);
//! - no loopback, private, link-local, CGNAT, multicast or unspecified
//!   addresses unless allowed: the check is made on the addresses actually
//!   connected to, so DNS rebinding cannot slip past it;
//! - redirects are followed by hand (at most 3), each one checked again;
//! - a timeout and a size cap on every response;
//! - results cached for a configurable time.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
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
    /// Largest response body accepted.
    pub max_bytes: usize,
    /// How long fetched documents are reused (zero: never).
    pub cache_ttl: Duration,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            allow_local: false,
            timeout: Duration::from_secs(10),
            max_bytes: 4 * 1024 * 1024,
            cache_ttl: Duration::from_secs(300),
        }
    }
}

impl FetchPolicy {
    /// The default policy, with local fetches allowed when `OM_ALLOW_LOCAL_FETCH=1`.
    pub fn from_env() -> Self {
        let allow_local =
            std::env::var("OM_ALLOW_LOCAL_FETCH").is_ok_and(|v| v == "1" || v == "true");
        Self {
            allow_local,
            ..Self::default()
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
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_forbidden_address(IpAddr::V4(v4));
            }
            let seg = v6.segments();
            // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16)
            // addresses reach IPv4 hosts: judge the embedded address.
            let embedded = |hi: usize| {
                IpAddr::V4(std::net::Ipv4Addr::new(
                    (seg[hi] >> 8) as u8,
                    seg[hi] as u8,
                    (seg[hi + 1] >> 8) as u8,
                    seg[hi + 1] as u8,
                ))
            };
            if seg[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() {
                return is_forbidden_address(embedded(6));
            }
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0; 4] {
                return is_forbidden_address(embedded(6));
            }
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

type Cache = Arc<Mutex<HashMap<String, (Instant, Value)>>>;

/// Fetches JSON documents under a [`FetchPolicy`]; clones share the cache.
#[derive(Clone)]
pub struct HttpFetcher {
    policy: FetchPolicy,
    agent: ureq::Agent,
    cache: Cache,
}

impl std::fmt::Debug for HttpFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpFetcher")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

const MAX_REDIRECTS: usize = 3;

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
        Self {
            policy,
            agent,
            cache: Arc::default(),
        }
    }

    /// The policy in force.
    pub fn policy(&self) -> &FetchPolicy {
        &self.policy
    }

    /// Forgets every cached document.
    pub fn clear_cache(&self) {
        if let Ok(mut c) = self.cache.lock() {
            c.clear();
        }
    }

    fn check_url(&self, raw: &str) -> Result<url::Url, String> {
        let u = url::Url::parse(raw).map_err(|e| format!("{raw} is not a URL: {e}"))?;
        match u.scheme() {
            "https" => Ok(u),
            "http" if self.policy.allow_local => Ok(u),
            "http" => Err(format!(
                "{raw}: plain HTTP is refused, only HTTPS is fetched"
            )),
            other => Err(format!("{raw}: the {other} scheme is not fetched")),
        }
    }

    /// GETs a JSON document (cached for the policy's time).
    pub fn get_json(&self, url: &str) -> Result<Value, String> {
        if !self.policy.cache_ttl.is_zero() {
            if let Some((at, v)) = self.cache.lock().ok().and_then(|c| c.get(url).cloned()) {
                if at.elapsed() < self.policy.cache_ttl {
                    return Ok(v);
                }
            }
        }
        let value = self.fetch_uncached(url)?;
        if !self.policy.cache_ttl.is_zero() {
            if let Ok(mut c) = self.cache.lock() {
                if c.len() > 10_000 {
                    c.clear();
                }
                c.insert(url.to_string(), (Instant::now(), value.clone()));
            }
        }
        Ok(value)
    }

    fn fetch_uncached(&self, url: &str) -> Result<Value, String> {
        let mut current = self.check_url(url)?;
        for _ in 0..=MAX_REDIRECTS {
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
                    return Err(format!("{current} answered HTTP {code}"))
                }
                Err(e) => return Err(format!("{current} could not be fetched: {e}")),
            };
            let status = response.status();
            if (300..400).contains(&status) {
                let location = response
                    .header("Location")
                    .ok_or_else(|| format!("{current}: redirect without Location"))?;
                let next = current
                    .join(location)
                    .map_err(|e| format!("bad redirect: {e}"))?;
                current = self.check_url(next.as_str())?;
                continue;
            }
            let mut body = Vec::new();
            response
                .into_reader()
                .take(self.policy.max_bytes as u64 + 1)
                .read_to_end(&mut body)
                .map_err(|e| format!("{current}: reading failed: {e}"))?;
            if body.len() > self.policy.max_bytes {
                return Err(format!(
                    "{current}: the document is larger than {} bytes",
                    self.policy.max_bytes
                ));
            }
            return serde_json::from_slice(&body)
                .map_err(|e| format!("{current} is not JSON: {e}"));
        }
        Err(format!("{url}: too many redirects"))
    }
}

impl StatusSource for HttpFetcher {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.get_json(url)
    }
}

impl Resolver for HttpFetcher {
    fn resolve(&self, verification_method: &str) -> Result<VerificationMethod, Error> {
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
        let url = crate::did::did_web_url(did)?;
        let doc = self.get_json(&url).map_err(fail)?;
        if doc.get("id").and_then(Value::as_str) != Some(did) {
            return Err(fail(format!("the document at {url} is not about {did}")));
        }
        parse_did_document(&doc)?
            .into_iter()
            .find(|m| m.id == verification_method)
            .ok_or_else(|| fail(format!("{url} does not list this key")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(is_forbidden_address(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "1.1.1.1",
            "93.184.216.34",
            "2606:4700::1111",
            "64:ff9b::1.1.1.1",
        ] {
            assert!(!is_forbidden_address(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn plain_http_and_loopback_are_refused_by_default() {
        let f = HttpFetcher::new(FetchPolicy::default());
        let e = f.get_json("http://example.org/list.json").unwrap_err();
        assert!(e.contains("only HTTPS"), "{e}");
        let e = f.get_json("https://127.0.0.1:9/list.json").unwrap_err();
        assert!(e.contains("private, loopback"), "{e}");
        let e = f.get_json("file:///etc/passwd").unwrap_err();
        assert!(e.contains("scheme"), "{e}");
    }

    #[test]
    fn local_fetch_when_allowed() {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let body = br#"{"ok":true}"#;
            write!(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).unwrap();
            s.write_all(body).unwrap();
        });
        let f = HttpFetcher::new(FetchPolicy {
            allow_local: true,
            ..FetchPolicy::default()
        });
        let v = f.get_json(&format!("http://{addr}/x.json")).unwrap();
        assert_eq!(v["ok"], true);
        server.join().unwrap();
        // Served from the cache now: the server is gone.
        assert_eq!(
            f.get_json(&format!("http://{addr}/x.json")).unwrap()["ok"],
            true
        );
    }
}
