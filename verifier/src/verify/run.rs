//! Running a request's verification: off the async threads, in a bounded
//! verification slot, before the request's deadline; and the options shared
//! links are verified with. Used by the JSON API and the pages alike.

use std::time::Instant;

use om_core::verify::PresentationOptions;

use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::verify::engine::Scoped;

/// Runs CPU-bound or blocking work (verification, fetches) off the async
/// threads, in one of the bounded verification slots (503 when none frees up
/// soon). The slot is held by the blocking task itself: when the request times
/// out, the slot stays taken until the work has ended, so runaway work is
/// bounded by the number of slots. No fetch starts after the request's deadline.
pub async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, Problem>
where
    T: Send + 'static,
    F: FnOnce(&Scoped<'_>) -> T + Send + 'static,
{
    let permit = state.slots.acquire().await?;
    let deadline = Instant::now() + state.limits.request_timeout;
    let s = state.clone();
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let out = f(&s.engine.until(Some(deadline)));
        if Instant::now() > deadline {
            tracing::warn!(
                seconds = started.elapsed().as_secs_f64(),
                "a verification ran past its request's deadline"
            );
        }
        drop(permit);
        out
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "verification task failed");
        Problem::internal()
    })
}

/// The options a share or an inline link is verified with: no challenge or
/// domain (it is a deliberate publication), the programme rule applied.
pub fn publication_options() -> PresentationOptions {
    PresentationOptions {
        challenge: None,
        domain: None,
        apply_rule: true,
    }
}
