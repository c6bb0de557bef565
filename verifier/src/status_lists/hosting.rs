//! Hosted status lists (`/status-lists/{did}/{name}`): an issuer uploads its
//! signed Bitstring Status List credential with `PUT`; anyone reads it with
//! `GET`, byte for byte as uploaded. See `specs/status-hosting.md`.
//!
//! The service accepts a list only when it could not have been made by
//! anyone but the DID it is filed under, and only when it is newer than the
//! list it replaces:
//!
//! * it reads strictly and its Data Integrity proof (purpose
//!   `assertionMethod`) verifies, made by a key of the DID in the URL, which
//!   is also its `issuer`;
//! * its `id` is exactly the URL it is `PUT` at (it cannot be filed
//!   elsewhere, nor a list meant for another place be filed here);
//! * it is a `BitstringStatusListCredential` whose `encodedList` decodes to
//!   at least 131 072 entries;
//! * its `validFrom` is not in the future (5 minutes of clock skew allowed)
//!   and its `validUntil`, if any, has not passed;
//! * its `validFrom` is strictly later than the stored list's (no rollback:
//!   a revocation cannot be undone by replaying an older list); the very
//!   same bytes again are answered "unchanged".
//!
//! A DID goes into the path as written, unencoded: every character a DID may
//! hold (`A-Z a-z 0-9 . - _ : %`) is allowed in a path segment, and a DID has
//! no `/`. A `did:web` with a port keeps its `%3A`: the path is read raw,
//! never percent-decoded, so the DID in the URL is the issuer's string.

use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use om_core::did::did_of;
use om_core::proof::{ProofExpectations, ProofPurpose, ProofVerdict};
use om_core::status::{StatusListCredential, MIN_LIST_BITS};
use serde_json::json;

use crate::http::extract::{ClientIp, StrictJson};
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::store::{Filed, StatusQuota};
use crate::verify::engine::Scoped;
use crate::verify::outbound::RequestFetcher;
use crate::verify::run::blocking;

/// Where hosted lists live, under the public URL.
pub const PREFIX: &str = "/status-lists/";
/// Largest uploaded list (64 KiB; a list of 131 072 entries with a few
/// thousand revoked is about 22 KiB).
pub const LIST_BODY_LIMIT: usize = 64 * 1024;
/// Lists one DID may have.
pub const LISTS_PER_DID: usize = 16;
/// Bytes all hosted lists may take together (64 MiB).
pub const MAX_LIST_STORE_BYTES: u64 = 64 * 1024 * 1024;
/// Uploads one client address may make per minute (and in a burst).
pub use crate::http::limits::STATUS_UPLOADS_PER_MINUTE as UPLOADS_PER_MINUTE;
/// How far in the future a `validFrom` may be (clock skew), in seconds.
pub const CLOCK_SKEW_SECONDS: i64 = 300;
/// How long a reader may cache a served list (seconds): short, so that a
/// revocation is seen soon.
pub const CACHE_SECONDS: u32 = 60;
/// Longest DID accepted in a path.
const MAX_DID_LEN: usize = 512;

/// The URL at which `did`'s list `name` is hosted by the service at `service_url`.
pub fn list_url(service_url: &str, did: &str, name: &str) -> String {
    format!("{}{PREFIX}{did}/{name}", service_url.trim_end_matches('/'))
}

/// Is `name` a list name (`[A-Za-z0-9_-]{1,64}`)?
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Is `did` a DID as it may appear in the path (`did:method:id`, DID syntax
/// characters only, at most 512 bytes)?
pub fn valid_did(did: &str) -> bool {
    let mut parts = did.splitn(3, ':');
    let (Some("did"), Some(method), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    did.len() <= MAX_DID_LEN
        && !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && !id.is_empty()
        && !id.ends_with(':')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-:%".contains(&b))
}

/// The DID and name of a raw request path, or a 404 problem.
fn parse_path(uri: &Uri) -> Result<(String, String), Problem> {
    let rest = uri.path().strip_prefix(PREFIX).unwrap_or_default();
    match rest.split_once('/') {
        Some((did, name)) if valid_did(did) && valid_name(name) => {
            Ok((did.to_string(), name.to_string()))
        }
        _ => Err(Problem::not_found(
            "a status list lives at /status-lists/{did}/{name}, where name is 1 to 64 of A-Z a-z 0-9 - _",
        )),
    }
}

/// 422: the upload is not a list this service may file here; `detail` names
/// the forgery or mistake.
pub fn refused(detail: impl Into<String>) -> Problem {
    Problem::status_list_refused(detail)
}

/// `GET /status-lists/{did}/{name}`: the stored list, byte for byte.
pub async fn get_list(State(state): State<AppState>, uri: Uri) -> Result<Response, Problem> {
    let (did, name) = parse_path(&uri)?;
    let list = state
        .store
        .status_list(&did, &name)
        .await?
        .ok_or_else(Problem::status_list_not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vc+ld+json".to_string()),
            (
                header::CACHE_CONTROL,
                format!("public, max-age={CACHE_SECONDS}"),
            ),
            (
                header::LAST_MODIFIED,
                list.updated.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            ),
        ],
        list.body,
    )
        .into_response())
}

/// What an accepted upload says of itself.
struct Accepted {
    valid_from: DateTime<Utc>,
}

/// Checks an uploaded list for `did` at `url` (see the module's rules),
/// judging dates at `now`.
fn check_upload(
    engine: &Scoped<'_>,
    doc: &serde_json::Value,
    did: &str,
    url: &str,
    now: DateTime<Utc>,
    deadline: Option<Instant>,
) -> Result<Accepted, Problem> {
    let checked = om_core::check_credential(doc).map_err(|r| refused(format!("refused: {r}")))?;
    let list = StatusListCredential::read(&checked).map_err(|e| match e {
        om_core::Error::Malformed(why) => refused(why),
        other => refused(format!("its list cannot be read: {other}")),
    })?;
    if !matches!(list.purpose.as_str(), "revocation" | "suspension") {
        return Err(refused(format!(
            "its statusPurpose is {:?}: this service hosts revocation and suspension lists",
            list.purpose
        )));
    }
    if list.id.as_deref() != Some(url) {
        return Err(refused(format!(
            "its id is {:?}, not the URL it is uploaded at ({url}): a list is filed only at its own id",
            list.id.as_deref().unwrap_or("(none)")
        )));
    }
    if list.issuer != did {
        return Err(refused(format!(
            "it is issued by {}, but it is uploaded under {did}: a list is filed only under its issuer's DID",
            list.issuer
        )));
    }
    let valid_from = list.valid_from.ok_or_else(|| {
        refused("it has no validFrom: without it, a newer list cannot be told from an older one")
    })?;
    if valid_from > now + chrono::Duration::seconds(CLOCK_SKEW_SECONDS) {
        return Err(refused(format!(
            "its validFrom ({valid_from}) is in the future: it would block every later list until then"
        )));
    }
    if let Some(until) = list.valid_until {
        if until <= now {
            return Err(refused(format!("it expired on {until}")));
        }
    }
    let fetcher = RequestFetcher::new(&engine.fetcher, engine.fetches_per_request, deadline);
    let expect = ProofExpectations {
        purpose: ProofPurpose::AssertionMethod,
        challenge: None,
        domain: None,
        now,
    };
    let verdict = engine
        .di
        .verify_checked(checked.doc(), &fetcher, &expect)
        .map_err(|e| refused(format!("its proof cannot be checked: {e}")))?;
    match verdict {
        ProofVerdict::Valid(p) => {
            if p.method.controller != did || did_of(&p.method.id) != did {
                return Err(refused(format!(
                    "it is signed with a key of {}, not of {did}",
                    p.method.controller
                )));
            }
        }
        ProofVerdict::Invalid(reason) => {
            return Err(refused(format!("its signature does not hold: {reason}")))
        }
        ProofVerdict::Unresolved(reason) => return Err(Problem::key_unavailable(reason)),
    }
    if list.bits.len() < MIN_LIST_BITS {
        return Err(refused(format!(
            "its list has {} entries, fewer than the {MIN_LIST_BITS} the standard requires for privacy",
            list.bits.len()
        )));
    }
    Ok(Accepted { valid_from })
}

/// `PUT /status-lists/{did}/{name}`: files a signed list (see the module).
pub async fn put_list(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    uri: Uri,
    body: Result<StrictJson, Problem>,
) -> Result<Response, Problem> {
    state
        .status_rate
        .admit(ip, &format!("upload {UPLOADS_PER_MINUTE} status lists"))?;
    let (did, name) = parse_path(&uri)?;
    let StrictJson { value: doc, bytes } = body.map_err(|p| {
        if p.status == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::too_large(LIST_BODY_LIMIT)
        } else {
            p
        }
    })?;
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| Problem::invalid_json("the body is not UTF-8"))?;
    let url = list_url(&state.public_url, &did, &name);
    let (d, u) = (did.clone(), url.clone());
    let deadline = Instant::now() + state.limits.request_timeout.min(Duration::from_secs(15));
    let accepted = blocking(&state, move |e| {
        check_upload(e, &doc, &d, &u, Utc::now(), Some(deadline))
    })
    .await??;
    let quota = StatusQuota {
        per_did: LISTS_PER_DID,
        max_bytes: MAX_LIST_STORE_BYTES,
    };
    let filed = state
        .store
        .put_status_list(&did, &name, &text, accepted.valid_from, quota)
        .await?;
    let (status, word) = match filed {
        Filed::Created => (StatusCode::CREATED, "created"),
        Filed::Replaced => (StatusCode::OK, "replaced"),
        Filed::Unchanged => (StatusCode::OK, "unchanged"),
    };
    tracing::info!(did = %did, name = %name, outcome = word, "status list filed");
    Ok((
        status,
        [(header::LOCATION, url.clone())],
        Json(json!({
            "url": url,
            "result": word,
            "validFrom": accepted.valid_from.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        })),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dids_and_names_in_paths() {
        for ok in [
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:web:example.com",
            "did:web:example.com%3A8443:users:ana",
        ] {
            assert!(valid_did(ok), "{ok}");
        }
        for bad in [
            "",
            "did",
            "did:",
            "did:key:",
            "did:KEY:z6",
            "did:web:a/b",
            "did:web:a b",
            "did:web:a:",
            "xdid:key:z6",
            "did:web:é",
        ] {
            assert!(!valid_did(bad), "{bad:?}");
        }
        assert!(!valid_did(&format!("did:key:{}", "z".repeat(600))));
        assert!(valid_name("revocation-1") && valid_name("a_B-9"));
        for bad in ["", "a.json", "a/b", "a%2Fb", &"a".repeat(65)] {
            assert!(!valid_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn raw_paths_are_not_decoded() {
        let uri: Uri = "/status-lists/did:web:example.com%3A8443/main"
            .parse()
            .unwrap();
        let (did, name) = parse_path(&uri).unwrap();
        assert_eq!(did, "did:web:example.com%3A8443");
        assert_eq!(name, "main");
        let uri: Uri = "/status-lists/did:key:z6Mk/a/b".parse().unwrap();
        assert!(parse_path(&uri).is_err());
        assert_eq!(
            list_url("https://hub.example/", "did:key:z6Mk", "main"),
            "https://hub.example/status-lists/did:key:z6Mk/main"
        );
    }
}
