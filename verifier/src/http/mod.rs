//! The HTTP layer every feature shares: the application state and router,
//! what handlers take from a request, problem documents, limits, health, and
//! the server's accept loop.

pub mod connections;
pub mod extract;
pub mod health;
pub mod limits;
pub mod problem;
pub mod router;
pub mod safe_json;
pub mod serve;
pub mod state;
