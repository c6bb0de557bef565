//! The routes and middleware of the HTTP application, over its state
//! ([`crate::app::AppState`]).

use std::any::Any;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::{AppState, BODY_LIMIT, FORM_LIMIT};
use crate::problem::Problem;
use crate::{api, ask, exchange_api, pages, status_hosting};

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
        .route("/deliveries", post(exchange_api::create_delivery))
        .route("/interactions/{id}", get(exchange_api::interaction))
        .route(
            "/exchanges/{id}",
            post(exchange_api::exchange_step).delete(exchange_api::withdraw),
        )
        .route("/exchanges/{id}/lcw", post(exchange_api::lcw_step))
        .route("/ask", get(ask::ask_home).post(ask::ask_create))
        .route("/ask/{token}", get(ask::ask_page))
        .route("/ask/{token}/state", get(ask::ask_state))
        .route("/request", get(ask::request_page))
        .route(
            "/status-lists/{did}/{name}",
            get(status_hosting::get_list)
                .put(status_hosting::put_list)
                .layer(DefaultBodyLimit::max(status_hosting::LIST_BODY_LIMIT)),
        )
        .route("/openapi.json", get(api::openapi))
        .route("/healthz", get(crate::health::healthz))
        .route("/readyz", get(crate::health::readyz))
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
