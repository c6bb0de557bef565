//! The JSON API: VC-API style verification, shares, inline rendering.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use om_core::verify::PresentationOptions;
use serde_json::Value;

use crate::http::extract::{member, StrictJson};
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::verify::engine::AnyReport;
use crate::verify::run::blocking;

/// The hand-written OpenAPI 3.1 description of this service.
pub const OPENAPI: &str = include_str!("../../../specs/openapi.json");

/// Largest inflated inline presentation (1 MiB; the codec is [`om_core::share`]).
pub use om_core::share::INLINE_LIMIT;

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
    // A public link another wallet shares (crate::verify::shared_links), instead of
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
            e.verify_shared_link(&link, &crate::verify::run::publication_options())
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

/// `GET /openapi.json`
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
