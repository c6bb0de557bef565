//! The HTTP application: state, routes and middleware.

use std::any::Any;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::engine::Engine;
use crate::problem::Problem;
use crate::store::Store;
use crate::{api, pages};

/// Largest JSON request body (256 KiB).
pub const BODY_LIMIT: usize = 256 * 1024;
/// Largest form upload on the home page (a VP URL-encoded or in multipart).
pub const FORM_LIMIT: usize = 1024 * 1024;
/// Request timeout.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// Everything the handlers share.
pub struct Shared {
    /// The verification engine.
    pub engine: Engine,
    /// The share store.
    pub store: Store,
    /// The public base URL, without a trailing `/`.
    pub public_url: String,
    /// How long a share lives.
    pub share_lifetime: chrono::Duration,
}

/// The application state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

impl AppState {
    /// State from its parts.
    pub fn new(engine: Engine, store: Store, public_url: &str, share_days: i64) -> Self {
        Self(Arc::new(Shared {
            engine,
            store,
            public_url: public_url.trim_end_matches('/').to_string(),
            share_lifetime: chrono::Duration::days(share_days.max(1)),
        }))
    }
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let msg = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = msg, "a request handler panicked");
    Problem::internal().into_response()
}

async fn not_found() -> Response {
    Problem::new(
        StatusCode::NOT_FOUND,
        "/problems/not-found",
        "Not found",
        "there is nothing at this address",
    )
    .into_response()
}

/// The router with every route and middleware.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route(
            "/verify",
            post(pages::verify_form).layer(DefaultBodyLimit::max(FORM_LIMIT)),
        )
        .route("/v", get(pages::inline_page))
        .route("/inline/render", post(api::inline_render))
        .route("/s/{id}", get(pages::share))
        .route("/credentials/verify", post(api::verify_credential))
        .route("/presentations/verify", post(api::verify_presentation))
        .route("/shares", post(api::create_share))
        .route("/shares/{id}", delete(api::delete_share))
        .route("/openapi.json", get(api::openapi))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
