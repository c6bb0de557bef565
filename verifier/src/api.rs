//! The JSON API: VC-API style verification, shares, inline rendering.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use om_core::verify::PresentationOptions;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::app::AppState;
use crate::engine::AnyReport;
use crate::http::extract::{Bearer, ClientIp, StrictJson};
use crate::pages;
use crate::problem::Problem;
use crate::shareable::shareable;
use crate::store::{short_hash, Deleted, Quota};
use crate::verification::{blocking, publication_options};

/// The hand-written OpenAPI 3.1 description of this service.
pub const OPENAPI: &str = include_str!("../../specs/openapi.json");

/// Largest inflated inline presentation (1 MiB; the codec is [`om_core::share`]).
pub use om_core::share::INLINE_LIMIT;

fn member<'a>(body: &'a Value, name: &str, what: &str) -> Result<&'a Value, Problem> {
    let obj = body.as_object().ok_or_else(|| {
        Problem::bad_request(format!(
            "the body must be a JSON object with a {name:?} member"
        ))
    })?;
    match obj.get(name) {
        Some(v @ Value::Object(_)) => Ok(v),
        Some(_) => Err(Problem::bad_request(format!(
            "{name:?} must be a JSON object ({what})"
        ))),
        None => Err(Problem::bad_request(format!(
            "the body has no {name:?} member ({what})"
        ))),
    }
}

fn options_object(body: &Value) -> Result<Option<&serde_json::Map<String, Value>>, Problem> {
    match body.get("options") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(Problem::bad_request("\"options\" must be a JSON object")),
    }
}

fn string_option(
    o: Option<&serde_json::Map<String, Value>>,
    name: &str,
) -> Result<Option<String>, Problem> {
    match o.and_then(|o| o.get(name)) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Problem::bad_request(format!(
            "options.{name} must be a string"
        ))),
    }
}

/// `POST /credentials/verify`
pub async fn verify_credential(
    State(state): State<AppState>,
    StrictJson { value: body, .. }: StrictJson,
) -> Result<Json<Value>, Problem> {
    options_object(&body)?;
    // A public link another wallet shares (crate::shared_links), instead of
    // the credential itself: what it stands for is fetched and verified.
    if let Some(link) = body.get("link") {
        if body.get("verifiableCredential").is_some() {
            return Err(Problem::bad_request(
                "give either \"verifiableCredential\" or \"link\", not both",
            ));
        }
        let link = link
            .as_str()
            .ok_or_else(|| Problem::bad_request("\"link\" must be a string"))?
            .to_string();
        let report = blocking(&state, move |e| {
            e.verify_shared_link(&link, &crate::verification::publication_options())
        })
        .await?
        .map_err(|e| Problem::bad_request(format!("the link cannot be checked: {e}")))?;
        return Ok(Json(state.engine.vc_api(&report)));
    }
    let vc = member(&body, "verifiableCredential", "the credential to verify")?.clone();
    let report = blocking(&state, move |e| e.verify_credential(&vc)).await??;
    Ok(Json(state.engine.vc_api(&AnyReport::Credential(report))))
}

/// `POST /presentations/verify`
pub async fn verify_presentation(
    State(state): State<AppState>,
    StrictJson { value: body, .. }: StrictJson,
) -> Result<Json<Value>, Problem> {
    let vp = member(
        &body,
        "verifiablePresentation",
        "the presentation to verify",
    )?
    .clone();
    let o = options_object(&body)?;
    let options = PresentationOptions {
        challenge: string_option(o, "challenge")?,
        domain: string_option(o, "domain")?,
        apply_rule: true,
    };
    let report = blocking(&state, move |e| e.verify_presentation(&vp, &options)).await??;
    Ok(Json(state.engine.vc_api(&AnyReport::Presentation(report))))
}

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
    crate::shareable::known_members(&vp)?;
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
    crate::i18n::PageLang(lang): crate::i18n::PageLang,
    StrictJson { value: body, .. }: StrictJson,
) -> Result<Response, Problem> {
    let payload = body
        .get("payload")
        .and_then(Value::as_str)
        .ok_or_else(|| Problem::bad_request("the body must be {\"payload\": \"<base64url>\"}"))?;
    let bytes = inflate_payload(payload)?;
    let vp: Value = om_core::jsonld::parse_json(&bytes)
        .map_err(|e| Problem::invalid_json(format!("the inflated payload: {e}")))?;
    if !vp.is_object() {
        return Err(Problem::bad_request(
            "the payload does not hold a presentation",
        ));
    }
    let s = state.clone();
    let html = blocking(&state, move |e| {
        e.verify_presentation(&vp, &publication_options())
            .map(|r| pages::report_fragment_in(&s, &AnyReport::Presentation(r), lang).into_string())
    })
    .await??;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}

/// `GET /openapi.json`
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
