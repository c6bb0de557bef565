//! RFC 9457 problem details (`application/problem+json`) for every API error.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::store::{ListRefused, Refused, StoreError};

/// An API error answered as an RFC 9457 problem document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The HTTP status.
    pub status: StatusCode,
    /// A URI reference naming the problem type (relative to the service).
    pub kind: &'static str,
    /// A short, human-readable summary of the problem type.
    pub title: &'static str,
    /// What went wrong with this request.
    pub detail: String,
    /// Seconds after which a retry may succeed (`Retry-After`).
    pub retry_after: Option<u64>,
}

impl Problem {
    /// A problem with every field given.
    pub fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            kind,
            title,
            detail: detail.into(),
            retry_after: None,
        }
    }

    /// The same problem with a `Retry-After` of `seconds` (at least 1).
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds.max(1));
        self
    }

    /// 503: every verification slot is busy.
    pub fn busy(retry_after: u64) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/busy",
            "The verifier is busy",
            "every verification slot is in use; please retry shortly",
        )
        .retry_after(retry_after)
    }

    /// 429: this client sent too many requests of this kind.
    pub fn rate_limited(detail: impl Into<String>, retry_after: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "/problems/rate-limited",
            "Too many requests",
            detail,
        )
        .retry_after(retry_after)
    }

    /// 429: the holder already has as many live shares as allowed.
    pub fn holder_quota(limit: usize) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "/problems/share-quota",
            "Too many live shares for this holder",
            format!("this holder already has {limit} live shares; withdraw one (DELETE /shares/{{id}}) or wait until one expires"),
        )
        .retry_after(3600)
    }

    /// 507: the share store is full.
    pub fn store_full() -> Self {
        Self::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "/problems/store-full",
            "The share store is full",
            "the service cannot store more shares now; please try again later",
        )
        .retry_after(3600)
    }

    /// 503: the share store (database) cannot be reached now.
    pub fn store_unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/store-unavailable",
            "The share store is unavailable",
            "the service cannot reach its share database now; please retry shortly",
        )
        .retry_after(5)
    }

    /// 422: a presentation that cannot be shared (the reason is given).
    pub fn not_shareable(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/not-shareable",
            "This presentation cannot be shared",
            detail,
        )
    }

    /// 400: the body is not JSON (or too deeply nested, or empty).
    pub fn invalid_json(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "/problems/invalid-json",
            "The request body is not valid JSON",
            detail,
        )
    }

    /// 400: JSON, but not the request shape the endpoint expects.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "/problems/bad-request",
            "The request is not shaped as this endpoint expects",
            detail,
        )
    }

    /// 400: the document cannot be processed (malformed, unknown context, no proof).
    pub fn unprocessable(err: &om_core::Error) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "/problems/cannot-process",
            "The document cannot be processed as a credential or presentation",
            err.to_string(),
        )
    }

    /// 415: the body is not declared as JSON.
    pub fn unsupported_media_type(got: Option<&str>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "/problems/unsupported-media-type",
            "The request body must be JSON",
            match got {
                Some(t) => format!("Content-Type {t:?} is not application/json"),
                None => "the request has no Content-Type; send application/json".into(),
            },
        )
    }

    /// 413: the body is larger than the limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "/problems/too-large",
            "The request body is too large",
            format!("the limit is {} KiB", limit / 1024),
        )
    }

    /// 404: no such share (unknown, expired or withdrawn).
    pub fn share_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "/problems/share-not-found",
            "No such share",
            "this share does not exist, has expired or was withdrawn",
        )
    }

    /// 403: wrong delete token.
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "/problems/forbidden",
            "Not allowed",
            "the delete token does not match this share",
        )
    }

    /// 500, with no details (they go to the log only).
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "/problems/internal",
            "Something went wrong",
            "something went wrong on our side; please try again later",
        )
    }

    /// 404: nothing lives at this address (`detail` says what would).
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "/problems/not-found",
            "Not found",
            detail,
        )
    }

    /// 429: the issuer already has as many letters waiting for delivery as allowed.
    pub fn issuer_quota(limit: usize) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "/problems/issuer-quota",
            "Too many letters waiting",
            format!("this issuer already has {limit} letters waiting for delivery; withdraw some or wait until they are received"),
        )
    }

    /// 404: no live exchange (or employer's request) here.
    pub fn exchange_not_found(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "/problems/exchange-not-found",
            "No such exchange",
            detail,
        )
    }

    /// 409: the exchange was answered already; each is used once.
    pub fn exchange_used() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "/problems/exchange-complete",
            "Exchange already used",
            "this exchange has been answered already; each one is used once",
        )
    }

    /// An answer to an exchange that is refused (its holder proof does not
    /// hold for this exchange, or it proves the wrong person).
    pub fn presentation_refused(status: StatusCode, detail: impl Into<String>) -> Self {
        Self::new(
            status,
            "/problems/presentation-refused",
            "Presentation refused",
            detail,
        )
    }

    /// 422: a letter this service will not hold for delivery (`title` says why).
    pub fn not_deliverable(title: &'static str, detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/not-deliverable",
            title,
            detail,
        )
    }

    /// 404: no status list was uploaded at this address.
    pub fn status_list_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "/problems/status-list-not-found",
            "No such status list",
            "no status list has been uploaded at this address",
        )
    }

    /// 422: the upload is not a list this service may file here; `detail`
    /// names the forgery or mistake.
    pub fn status_list_refused(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/status-list-refused",
            "This status list is refused",
            detail,
        )
    }

    /// 503: the key that signed an upload cannot be resolved now.
    pub fn key_unavailable(reason: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/key-unavailable",
            "The signing key could not be found",
            format!("the list's signing key could not be resolved now: {reason}"),
        )
        .retry_after(60)
    }

    /// The problem document.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "type": self.kind,
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        })
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.title,
            self.detail
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut r = (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            // `&`, `<`, `>` escaped, as in every exchange answer (`safe_json`).
            crate::http::safe_json::to_string(&self.to_json()).unwrap_or_default(),
        )
            .into_response();
        if let Some(s) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(s));
        }
        r
    }
}

/// The store's failures: 503 with `Retry-After` when the database is
/// unavailable, else 500. The error itself goes to the log only.
impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => {
                tracing::warn!(error = %e, "store unavailable: 503");
                Problem::store_unavailable()
            }
            _ => {
                tracing::error!(error = %e, "store failed");
                Problem::internal()
            }
        }
    }
}

/// A share or an exchange the store would not hold (a holder's quota: 429;
/// the size cap: 507).
impl From<Refused> for Problem {
    fn from(e: Refused) -> Self {
        match e {
            Refused::HolderQuota(n) => Problem::holder_quota(n),
            Refused::Full => {
                tracing::warn!("the store is full: 507");
                Problem::store_full()
            }
            Refused::Store(e) => e.into(),
        }
    }
}

/// A status list the store would not file.
impl From<ListRefused> for Problem {
    fn from(e: ListRefused) -> Self {
        match e {
            ListRefused::Rollback { stored } => Problem::new(
                StatusCode::CONFLICT,
                "/problems/status-list-rollback",
                "Older than the stored list",
                format!(
                    "older than the stored list: rollback refused (the stored list is valid from {}; upload a list signed later)",
                    stored.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                ),
            ),
            ListRefused::PerDid(n) => Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "/problems/status-list-quota",
                "Too many status lists for this DID",
                format!("this DID already has {n} status lists on this service"),
            )
            .retry_after(3600),
            ListRefused::Full => {
                tracing::warn!("the status list store is full: 507");
                Problem::store_full()
            }
            ListRefused::Store(e) => e.into(),
        }
    }
}

/// A document that cannot be verified at all (422).
impl From<om_core::Error> for Problem {
    fn from(e: om_core::Error) -> Self {
        Problem::unprocessable(&e)
    }
}
