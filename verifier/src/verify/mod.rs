//! Verifying letters and presentations: the engine (shared by the server and
//! the CLI), running it off the async threads within bounds, outbound fetches,
//! links other wallets share, and the VC-API verification endpoints.

pub mod api;
pub mod engine;
pub mod outbound;
pub mod run;
pub mod shared_links;
