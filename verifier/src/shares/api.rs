//! The shares' JSON API: `POST /shares` (a signed presentation stored under
//! an unguessable link), `DELETE /shares/{id}` (withdrawn by its delete
//! token), and `POST /inline/render` (the report of a presentation carried in
//! a link's fragment).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::http::extract::{member, Bearer, ClientIp, StrictJson};
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::page::report;
use crate::shares::shareable::shareable;
use crate::store::{short_hash, Deleted, Quota};
use crate::verify::engine::AnyReport;
use crate::verify::run::{blocking, publication_options};

/// Largest inflated inline presentation (1 MiB; the codec is [`om_core::share`]).
pub use om_core::share::INLINE_LIMIT;

#[derive(serde::Deserialize)]
struct ShareBody<'a> {
    #[serde(borrow, rename = "verifiablePresentation")]
    vp: &'a RawValue,
}

/// `POST /shares`: stores a presentation whose holder proof verifies and
/// whose every credential is about the holder, exactly as received (its
/// top-level members must all be known ones), under the per-address rate,
/// the per-holder quota and the store's size cap.
pub async fn create_share(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    StrictJson { value: body, bytes }: StrictJson,
) -> Result<Response, Problem> {
    state.share_rate.admit(
        ip,
        &format!("create {} shares", state.limits.shares_per_minute),
    )?;
    let vp = member(
        &body,
        "verifiablePresentation",
        "the signed presentation to share",
    )?
    .clone();
    crate::shares::shareable::known_members(&vp)?;
    let raw: ShareBody<'_> =
        serde_json::from_slice(&bytes).map_err(|e| Problem::bad_request(e.to_string()))?;
    let text = raw.vp.get().to_string();
    let report = blocking(&state, move |e| {
        e.verify_presentation(&vp, &publication_options())
    })
    .await??;
    let holder = shareable(&report)?;
    let quota = Quota {
        per_holder: state.limits.shares_per_holder,
        max_bytes: state.limits.max_store_bytes,
    };
    let created = state
        .store
        .create_for(&text, Some(&holder), state.share_lifetime, quota)
        .await?;
    let url = format!("{}/s/{}", state.public_url, created.id);
    tracing::info!(share = %short_hash(&created.id), "share created");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, url.clone())],
        Json(json!({
            "id": created.id,
            "url": url,
            "expires": created.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "deleteToken": created.delete_token,
        })),
    )
        .into_response())
}

/// `DELETE /shares/{id}` with `Authorization: Bearer <deleteToken>`.
pub async fn delete_share(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Bearer(token): Bearer,
) -> Result<StatusCode, Problem> {
    match state.store.delete(&id, &token).await? {
        Deleted::Deleted => {
            tracing::info!(share = %short_hash(&id), "share withdrawn");
            Ok(StatusCode::NO_CONTENT)
        }
        Deleted::NotFound => Err(Problem::share_not_found()),
        Deleted::Forbidden => Err(Problem::forbidden()),
    }
}

/// Inflates an inline payload ([`om_core::share::decode`]), as a problem for the client.
pub fn inflate_payload(payload: &str) -> Result<Vec<u8>, Problem> {
    om_core::share::decode(payload).map_err(|e| match e {
        om_core::share::InlineError::TooLarge => Problem::too_large(INLINE_LIMIT),
        other => Problem::bad_request(other.to_string()),
    })
}

/// `POST /inline/render` with `{"payload": "..."}`: the report fragment (HTML).
pub async fn inline_render(
    State(state): State<AppState>,
    crate::page::i18n::PageLang(lang): crate::page::i18n::PageLang,
    StrictJson { value: body, .. }: StrictJson,
) -> Result<Response, Problem> {
    let payload = body
        .get("payload")
        .and_then(Value::as_str)
        .ok_or_else(|| Problem::bad_request("the body must be {\"payload\": \"<base64url>\"}"))?;
    let bytes = inflate_payload(payload)?;
    let vp: Value = om_core::parse_json(&bytes)
        .map_err(|e| Problem::invalid_json(format!("the inflated payload: {e}")))?;
    if !vp.is_object() {
        return Err(Problem::bad_request(
            "the payload does not hold a presentation",
        ));
    }
    let s = state.clone();
    let html = blocking(&state, move |e| {
        e.verify_presentation(&vp, &publication_options()).map(|r| {
            report::report_fragment_in(&s, &AnyReport::Presentation(r), lang).into_string()
        })
    })
    .await??;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}
