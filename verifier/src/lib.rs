//! om-verifier: the employer's side of Open Masters Credentials. A web service
//! (JSON API, share links, inline links, server-rendered pages) and a CLI.
//!
//! One folder per feature, each owning its endpoints and pages:
//!
//! - [`verify`]: the verification engine and the VC-API verify endpoints
//! - [`shares`]: share links and inline links (API and pages)
//! - [`exchanges`]: deliveries to participants and employers' requests
//! - [`status_lists`]: hosted Bitstring Status Lists
//! - [`page`]: what every page shares (frame, language, the verdict in words), the home page
//! - [`http`]: what every endpoint shares (state, router, extractors, problems, limits, server)
//! - [`store`]: the database (SQLite or PostgreSQL)
//! - [`cli`]: the `om-verifier` command line
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cli;
pub mod exchanges;
pub mod http;
pub mod page;
pub mod shares;
pub mod status_lists;
pub mod store;
pub mod verify;

pub use http::limits::Limits;
pub use http::router::app;
pub use http::state::AppState;
pub use verify::engine::Engine;
