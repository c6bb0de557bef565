//! What handlers take from a request, read once and the same way everywhere:
//! a JSON body read strictly ([`StrictJson`]), the client's address
//! ([`ClientIp`]) and a bearer token ([`Bearer`]). Their refusals are
//! [`Problem`]s.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::http::problem::Problem;
use crate::http::state::BODY_LIMIT;

/// A JSON request body, read strictly: 415 unless it is declared JSON
/// (`application/json` or `application/…+json`), 413 when it is larger than
/// the route allows, 400 when it is empty, not JSON, nested too deeply or
/// has a duplicate key (one reader would take the first, another the last);
/// then read as `T`. The bytes are kept, for handlers that store exactly
/// what was sent.
#[derive(Debug, Clone)]
pub struct StrictJson<T = Value> {
    /// The body, read as `T`.
    pub value: T,
    /// The body's bytes, exactly as received.
    pub bytes: Bytes,
}

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

impl<T: DeserializeOwned + 'static, S: Send + Sync> FromRequest<S> for StrictJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("(not text)").to_string());
        if !ct.as_deref().is_some_and(is_json_type) {
            return Err(Problem::unsupported_media_type(ct.as_deref()));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::too_large(BODY_LIMIT)
            } else {
                Problem::bad_request(rejection.body_text())
            }
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Problem::invalid_json("the request body is empty"));
        }
        let tree = om_core::parse_json(&bytes).map_err(|e| Problem::invalid_json(e.to_string()))?;
        let value = typed(tree)?;
        Ok(StrictJson { value, bytes })
    }
}

/// The strictly parsed tree as a `T`: the tree itself when `T` is a
/// [`Value`] (most handlers), without a second pass over a large body.
fn typed<T: DeserializeOwned + 'static>(tree: Value) -> Result<T, Problem> {
    let tree: Box<dyn std::any::Any> = Box::new(tree);
    match tree.downcast::<T>() {
        Ok(value) => Ok(*value),
        Err(tree) => match tree.downcast::<Value>() {
            Ok(tree) => {
                serde_json::from_value(*tree).map_err(|e| Problem::bad_request(e.to_string()))
            }
            // Unreachable: the box holds the tree it was made with.
            Err(_) => Err(Problem::bad_request("the body could not be read")),
        },
    }
}

/// The client's address (unspecified when the server was not started with
/// connection info, as in tests): the key of the per-address rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(a)| a.ip()),
        ))
    }
}

/// The token of an `Authorization: Bearer <token>` header ("" when none:
/// no stored token is empty, so it matches nothing).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bearer(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Bearer(
            parts
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    v.strip_prefix("Bearer ")
                        .or_else(|| v.strip_prefix("bearer "))
                })
                .map(str::trim)
                .unwrap_or_default()
                .to_string(),
        ))
    }
}

/// The member `name` of a JSON body, which must be an object: a 400 problem
/// naming it (and `what` it is for) when it is missing or not an object.
pub fn member<'a>(body: &'a Value, name: &str, what: &str) -> Result<&'a Value, Problem> {
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
