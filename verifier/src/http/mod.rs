//! The HTTP layer shared by every feature: what handlers take from a request.

pub mod extract;
