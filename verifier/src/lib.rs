//! om-verifier: the employer's side of Open Masters Credentials. A web service
//! (JSON API, share links, inline links, server-rendered pages) and a CLI.
#![forbid(unsafe_code)]

pub mod api;
pub mod app;
pub mod bench;
pub mod cli;
pub mod demo;
pub mod engine;
pub mod health;
pub mod limits;
pub mod markdown;
pub mod outbound;
pub mod pages;
pub mod problem;
pub mod shareable;
pub mod store;

pub use app::{app, AppState};
pub use engine::Engine;
