//! Outbound fetches of one verification request: a budget of distinct URLs
//! and a deadline around the shared [`HttpFetcher`], generic wording to the
//! client and the details in the server log.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Instant;

use om_core::did::{Resolver, VerificationMethod};
use om_core::fetch::{resolve_with, DocumentKind, HttpFetcher};
use om_core::verify::StatusSource;
use serde_json::Value;

/// Default number of distinct documents one request may have fetched.
pub const DEFAULT_FETCHES_PER_REQUEST: usize = 8;

/// The per-request face of the shared fetcher: at most `max_urls` distinct
/// URLs (a URL named again costs nothing), none after the deadline.
pub struct RequestFetcher<'a> {
    fetcher: &'a HttpFetcher,
    max_urls: usize,
    deadline: Option<Instant>,
    seen: Mutex<HashSet<String>>,
}

impl<'a> RequestFetcher<'a> {
    /// A fresh budget of `max_urls` distinct URLs over `fetcher`.
    pub fn new(fetcher: &'a HttpFetcher, max_urls: usize, deadline: Option<Instant>) -> Self {
        Self {
            fetcher,
            max_urls,
            deadline,
            seen: Mutex::new(HashSet::new()),
        }
    }

    /// How many distinct URLs were admitted.
    pub fn used(&self) -> usize {
        self.seen.lock().map(|s| s.len()).unwrap_or(0)
    }

    /// Admits `url` under the budget and the deadline, or says why not.
    fn admit(&self, url: &str) -> Result<(), String> {
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err("not fetched: the request ran out of time".into());
        }
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.contains(url) {
            return Ok(());
        }
        if seen.len() >= self.max_urls {
            tracing::info!(limit = self.max_urls, "per-request fetch budget spent");
            return Err(format!(
                "not fetched: one request may name at most {} documents to fetch",
                self.max_urls
            ));
        }
        seen.insert(url.to_string());
        Ok(())
    }

    /// Fetches a credential or presentation someone shared by link.
    pub fn shared_document(&self, url: &str) -> Result<Value, String> {
        self.get(url, DocumentKind::SharedCredential)
    }

    fn get(&self, url: &str, kind: DocumentKind) -> Result<Value, String> {
        self.admit(url)?;
        self.fetcher.get_json(url, kind).map_err(|e| {
            tracing::info!(kind = ?kind, error = %e, "outbound fetch failed");
            e.public_message(kind)
        })
    }
}

impl StatusSource for RequestFetcher<'_> {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.get(url, DocumentKind::StatusList)
    }
}

impl Resolver for RequestFetcher<'_> {
    fn resolve(&self, verification_method: &str) -> Result<VerificationMethod, om_core::Error> {
        resolve_with(verification_method, &mut |url| {
            self.get(url, DocumentKind::DidDocument)
        })
    }
}
