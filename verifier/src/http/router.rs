//! The routes and middleware of the HTTP application, over its state
//! ([`crate::http::state::AppState`]).

use std::any::Any;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::exchanges::{self, employer_asks};
use crate::http::problem::Problem;
use crate::http::state::{AppState, BODY_LIMIT, FORM_LIMIT};
use crate::page::{home, letter_request};
use crate::shares;
use crate::status_lists::hosting;
use crate::verify;

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
    Problem::not_found("there is nothing at this address").into_response()
}

/// A request path fit for logs: share ids (bearer links) are cut.
pub fn loggable_path(path: &str) -> String {
    for prefix in ["/s/", "/shares/", "/ask/", "/interactions/", "/exchanges/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            if !rest.is_empty() {
                return format!("{prefix}{}", crate::store::short_hash(rest));
            }
        }
    }
    path.to_string()
}

/// The router with every route and middleware.
pub fn app(state: AppState) -> Router {
    let timeout = state.limits.request_timeout;
    Router::new()
        // The home page and its form
        .route("/", get(home::home))
        .route(
            "/verify",
            post(home::verify_form).layer(DefaultBodyLimit::max(FORM_LIMIT)),
        )
        // Verification (VC-API)
        .route("/credentials/verify", post(verify::api::verify_credential))
        .route(
            "/presentations/verify",
            post(verify::api::verify_presentation),
        )
        // Shares and inline links
        .route("/shares", post(shares::api::create_share))
        .route("/shares/{id}", delete(shares::api::delete_share))
        .route("/s/{id}", get(shares::page::share))
        .route("/v", get(shares::page::inline_page))
        .route("/inline/render", post(shares::api::inline_render))
        // Exchanges: deliveries to participants, employers' requests
        .route("/deliveries", post(exchanges::api::create_delivery))
        .route("/interactions/{id}", get(exchanges::api::interaction))
        .route(
            "/exchanges/{id}",
            post(exchanges::api::exchange_step).delete(exchanges::api::withdraw),
        )
        .route("/exchanges/{id}/lcw", post(exchanges::api::lcw_step))
        .route(
            "/ask",
            get(employer_asks::ask_home).post(employer_asks::ask_create),
        )
        .route("/ask/{token}", get(employer_asks::ask_page))
        .route("/ask/{token}/state", get(employer_asks::ask_state))
        // A participant's request for a letter, opened by a mentor
        .route("/request", get(letter_request::request_page))
        // Hosted status lists
        .route(
            "/status-lists/{did}/{name}",
            get(hosting::get_list)
                .put(hosting::put_list)
                .layer(DefaultBodyLimit::max(hosting::LIST_BODY_LIMIT)),
        )
        // The service itself
        .route("/openapi.json", get(verify::api::openapi))
        .route("/healthz", get(crate::http::health::healthz))
        .route("/readyz", get(crate::http::health::readyz))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::extract::Request| {
                tracing::debug_span!(
                    "request",
                    method = %req.method(),
                    path = %loggable_path(req.uri().path()),
                )
            }),
        )
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn share_ids_are_cut_from_logged_paths() {
        let id = "AAAAAAAAAAAAAAAAAAAAAAAA";
        for path in [
            format!("/s/{id}"),
            format!("/s/{id}.json"),
            format!("/shares/{id}"),
        ] {
            let logged = loggable_path(&path);
            assert!(!logged.contains(id), "{logged}");
        }
        assert_eq!(
            loggable_path("/presentations/verify"),
            "/presentations/verify"
        );
    }
}
