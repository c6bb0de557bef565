//! om-verifier: the employer's side of Open Masters Credentials. A web service
//! (JSON API, share links, inline links, server-rendered pages) and a CLI.
#![forbid(unsafe_code)]

pub mod api;
pub mod app;
pub mod ask;
pub mod bench;
pub mod cli;
pub mod connections;
pub mod demo;
pub mod engine;
pub mod exchange_api;
pub mod exchange_urls;
pub mod files;
pub mod health;
pub mod http;
pub mod i18n;
pub mod limits;
pub mod markdown;
pub mod outbound;
pub mod pages;
pub mod problem;
pub mod qr;
pub mod routes;
pub mod rule_text;
pub mod safe_json;
pub mod serve;
pub mod shareable;
pub mod shared_links;
pub mod status_hosting;
pub mod store;
pub mod text;
pub mod verification;

pub use app::AppState;
pub use engine::Engine;
pub use routes::app;
