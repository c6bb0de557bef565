//! The JSON API: VC-API style verification, shares, inline rendering.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Json};
use om_core::verify::PresentationOptions;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::app::{AppState, BODY_LIMIT};
use crate::engine::AnyReport;
use crate::pages;
use crate::problem::Problem;
use crate::shareable::shareable;
use crate::store::{short_hash, Deleted, Quota, Refused};
use crate::verification::{blocking, publication_options};

/// The hand-written OpenAPI 3.1 description of this service.
pub const OPENAPI: &str = include_str!("../../specs/openapi.json");

/// Largest inflated inline presentation (1 MiB; the codec is [`om_core::share`]).
pub use om_core::share::INLINE_LIMIT;

fn is_json_type(ct: &str) -> bool {
    let essence = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The request body as JSON: 415 unless declared JSON, 413 when too large,
/// 400 when empty, not JSON or nested too deeply.
pub fn json_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Bytes, Value), Problem> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("(not text)"));
    if !ct.is_some_and(is_json_type) {
        return Err(Problem::unsupported_media_type(ct));
    }
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::too_large(BODY_LIMIT)
        } else {
            Problem::bad_request(rejection.body_text())
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::invalid_json("the request body is empty"));
    }
    let value: Value =
        om_core::parse_json(&bytes).map_err(|e| Problem::invalid_json(e.to_string()))?;
    Ok((bytes, value))
}

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
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, Problem> {
    let (_, body) = json_body(&headers, body)?;
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
    let report = blocking(&state, move |e| e.verify_credential(&vc))
        .await?
        .map_err(|e| Problem::unprocessable(&e))?;
    Ok(Json(state.engine.vc_api(&AnyReport::Credential(report))))
}

/// `POST /presentations/verify`
pub async fn verify_presentation(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, Problem> {
    let (_, body) = json_body(&headers, body)?;
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
    let report = blocking(&state, move |e| e.verify_presentation(&vp, &options))
        .await?
        .map_err(|e| Problem::unprocessable(&e))?;
    Ok(Json(state.engine.vc_api(&AnyReport::Presentation(report))))
}

#[derive(serde::Deserialize)]
struct ShareBody<'a> {
    #[serde(borrow, rename = "verifiablePresentation")]
    vp: &'a RawValue,
}

/// The client's address (unspecified when the server was not started with
/// connection info, as in tests).
pub fn client_ip(connect: Option<Extension<ConnectInfo<SocketAddr>>>) -> IpAddr {
    connect.map_or(
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        |Extension(ConnectInfo(a))| a.ip(),
    )
}

/// `POST /shares`: stores a presentation whose holder proof verifies and
/// whose every credential is about the holder, exactly as received (its
/// top-level members must all be known ones), under the per-address rate,
/// the per-holder quota and the store's size cap.
pub async fn create_share(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    state.share_rate.admit(
        client_ip(connect),
        &format!("create {} shares", state.limits.shares_per_minute),
    )?;
    let (bytes, body) = json_body(&headers, body)?;
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
    .await?
    .map_err(|e| Problem::unprocessable(&e))?;
    let holder = shareable(&report)?;
    let quota = Quota {
        per_holder: state.limits.shares_per_holder,
        max_bytes: state.limits.max_store_bytes,
    };
    let created = state
        .store
        .create_for(&text, Some(&holder), state.share_lifetime, quota)
        .await
        .map_err(|e| match e {
            Refused::HolderQuota(n) => Problem::holder_quota(n),
            Refused::Full => {
                tracing::warn!("the share store is full: 507");
                Problem::store_full()
            }
            Refused::Store(e) => e.problem(),
        })?;
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

/// The token of an `Authorization: Bearer <token>` header ("" when none).
pub fn bearer_token(headers: &HeaderMap) -> String {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .unwrap_or_default()
        .to_string()
}

/// `DELETE /shares/{id}` with `Authorization: Bearer <deleteToken>`.
pub async fn delete_share(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let token = bearer_token(&headers);
    match state
        .store
        .delete(&id, &token)
        .await
        .map_err(|e| e.problem())?
    {
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
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let (_, body) = json_body(&headers, body)?;
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
        e.verify_presentation(&vp, &publication_options())
            .map(|r| pages::report_fragment(&s, &AnyReport::Presentation(r)).into_string())
    })
    .await?
    .map_err(|e| Problem::unprocessable(&e))?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}

/// `GET /openapi.json`
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
