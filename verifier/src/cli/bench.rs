//! Fixtures for the load benchmark (`bench-fixture`, `bench-inproc`).

use om_core::letter::Role;
use serde_json::{json, Value};

/// A `POST /presentations/verify` body: a presentation of 3 letters (one
/// mentor, two peers) about its holder, signed without challenge or domain.
pub fn fixture_body() -> anyhow::Result<Value> {
    const TEXT: &str = "Ana led our study group with **care** and rigour.";
    let vp = crate::cli::demo::sample_presentation(
        &[
            ("Mentor Maria", Role::Mentor, TEXT),
            ("Peer Paulo", Role::Peer, TEXT),
            ("Peer Priya", Role::Peer, TEXT),
        ],
        None,
        None,
    )?;
    Ok(json!({"verifiablePresentation": vp, "options": {}}))
}
