//! The HTTP application's state: what every handler shares (the routes and
//! middleware are in [`crate::http::router`]).

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use crate::http::limits::{Limits, RateLimiter, VerifySlots};
use crate::store::Store;
use crate::verify::engine::Engine;

/// Largest JSON request body (256 KiB).
pub const BODY_LIMIT: usize = 256 * 1024;
/// Largest form upload on the home page (a VP URL-encoded or in multipart).
pub const FORM_LIMIT: usize = 1024 * 1024;
/// Default request timeout.
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
    /// The limits in force.
    pub limits: Limits,
    /// Verification slots (CPU).
    pub slots: VerifySlots,
    /// Share creations per client address.
    pub share_rate: RateLimiter,
    /// Employers' requests opened per client address.
    pub check_rate: RateLimiter,
    /// Status list uploads per client address.
    pub status_rate: RateLimiter,
}

/// The application state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

impl AppState {
    /// State from its parts, with the default limits.
    pub fn new(engine: Engine, store: Store, public_url: &str, share_days: i64) -> Self {
        Self::with_limits(engine, store, public_url, share_days, Limits::default())
    }

    /// State from its parts and limits.
    pub fn with_limits(
        engine: Engine,
        store: Store,
        public_url: &str,
        share_days: i64,
        limits: Limits,
    ) -> Self {
        Self(Arc::new(Shared {
            engine,
            store,
            public_url: public_url.trim_end_matches('/').to_string(),
            share_lifetime: chrono::Duration::days(share_days.max(1)),
            slots: VerifySlots::new(limits.concurrent_verifications, limits.queue_wait),
            share_rate: RateLimiter::new(limits.shares_per_minute, limits.share_burst),
            check_rate: RateLimiter::new(limits.checks_per_minute, limits.checks_per_minute),
            status_rate: RateLimiter::new(
                crate::http::limits::STATUS_UPLOADS_PER_MINUTE,
                crate::http::limits::STATUS_UPLOADS_PER_MINUTE,
            ),
            limits,
        }))
    }
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}
