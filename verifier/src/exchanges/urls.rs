//! The public addresses of an exchange: its interaction URL (what QR codes
//! hold), its VC-API URL, the Learner Credential Wallet's one-step link, and
//! the domain presentations are signed for. Derived from `--public-url`.

use om_core::exchange;

use crate::http::state::AppState;

/// The domain presentations are signed for: the public URL's host (and port).
pub fn domain(state: &AppState) -> String {
    let url = state.public_url.as_str();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// The interaction URL of an exchange (`?iuv=1` marks it for wallets).
pub fn interaction_url(state: &AppState, id: &str) -> String {
    format!("{}/interactions/{id}?iuv=1", state.public_url)
}

/// The exchange URL of an exchange.
pub fn exchange_url(state: &AppState, id: &str) -> String {
    format!("{}/exchanges/{id}", state.public_url)
}

/// The Learner Credential Wallet's one-step request link for a delivery.
pub fn lcw_link(state: &AppState, id: &str, challenge: &str) -> String {
    format!(
        "https://lcw.app/request.html?issuer={}&auth_type=bearer&challenge={}&vc_request_url={}",
        exchange::percent_encode(&state.public_url),
        exchange::percent_encode(challenge),
        exchange::percent_encode(&format!("{}/lcw", exchange_url(state, id))),
    )
}
