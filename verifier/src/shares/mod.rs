//! Shares: a participant's signed presentation stored under a link (and the
//! inline links that carry one), the JSON API and the employer's pages.

pub mod api;
pub mod page;
pub mod shareable;
