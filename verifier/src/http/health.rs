//! Liveness (`/healthz`) and readiness (`/readyz`) for load balancers and
//! orchestrators.

use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::http::problem::Problem;
use crate::http::state::AppState;

/// How long readiness waits for the database.
pub const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: liveness. Always 200 while the process serves (so a
/// database outage does not make an orchestrator restart every replica);
/// the body reports the share store: `ok`, or `ok; share store unavailable`.
pub async fn healthz(State(state): State<AppState>) -> &'static str {
    match tokio::time::timeout(READY_TIMEOUT, state.store.ping()).await {
        Ok(Ok(())) => "ok",
        _ => "ok; share store unavailable",
    }
}

/// `GET /readyz`: 200 when the share store answers within
/// [`READY_TIMEOUT`], else 503 with a problem document naming the store.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let backend = state.store.backend().name();
    let reachable = match tokio::time::timeout(READY_TIMEOUT, state.store.ping()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} s", READY_TIMEOUT.as_secs())),
    };
    match reachable {
        Ok(()) => (
            [(header::CACHE_CONTROL, "no-store")],
            Json(json!({ "status": "ready", "store": backend })),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(store = backend, error = %e, "not ready: the share store does not answer");
            let mut p = Problem::store_unavailable();
            p.detail = format!("the {backend} share store does not answer: {e}");
            p.into_response()
        }
    }
}
