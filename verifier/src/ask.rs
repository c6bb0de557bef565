//! The employer's "ask for letters" pages, and the page a person sees when
//! they open an interaction link in a browser rather than in a wallet.
//!
//! `GET /ask` explains and offers a button; `POST /ask` opens a check
//! exchange (a `QueryByExample` for letters plus `DIDAuthentication`, with a
//! fresh challenge and this service's domain) and redirects to
//! `/ask/{token}`, a page that only its opener knows. That page shows the QR
//! code, reloads itself while it waits, and shows the verdict once the
//! participant's wallet has answered. `GET /ask/{token}/state` gives the same
//! as JSON.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use maud::{html, Markup, PreEscaped};
use serde_json::{json, Value};

use crate::api::client_ip;
use crate::app::AppState;
use crate::exchange_urls::interaction_url;
use crate::pages::{html_page, POLL_SCRIPT};
use crate::problem::Problem;
use crate::qr::qr_svg;
use crate::store::exchanges::{Exchange, ExchangeKind, NewExchange};
use crate::store::{short_hash, Quota, Refused};

/// How long an employer's request waits for an answer.
pub const CHECK_MINUTES: i64 = 30;
/// How often the waiting page asks whether the answer has come, in seconds.
pub const POLL_SECONDS: u32 = 3;

fn why_not_share_links() -> Markup {
    html! {
        p class="note" {
            "Why not a share link? A share link or a presentation file shows the same letters to anyone who holds it, so it can be passed on or replayed. An answer to this request is signed by the participant for this request only (its challenge and this site's name); the same answer given again, or to another request, is refused."
        }
    }
}

/// `GET /ask`
pub async fn ask_home() -> Response {
    html_page(
        StatusCode::OK,
        "Ask for Open Masters letters",
        html! {
            h1 { "Ask a participant for their letters" }
            p { "You get a QR code to show the participant. They scan it with their wallet (the Open Masters wallet, or the Learner Credential Wallet) and choose to share their letters. This page then shows who vouched for them, in what role, and whether the Open Masters rule is met." }
            form method="post" action="/ask" {
                button type="submit" { "Ask for letters" }
            }
            (why_not_share_links())
        },
    )
}

/// `POST /ask`: opens a check exchange and sends the employer to its page.
pub async fn ask_create(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Result<Response, Problem> {
    state.check_rate.admit(
        client_ip(connect),
        &format!("open {} requests", state.limits.checks_per_minute),
    )?;
    let created = state
        .store
        .create_exchange(
            NewExchange {
                kind: ExchangeKind::Check,
                owner: None,
                subject: None,
                payload: None,
                lifetime: chrono::Duration::minutes(CHECK_MINUTES),
            },
            Quota {
                per_holder: usize::MAX,
                max_bytes: state.limits.max_store_bytes,
            },
        )
        .await
        .map_err(|e| match e {
            Refused::Store(e) => e.problem(),
            _ => Problem::store_full(),
        })?;
    tracing::info!(exchange = %short_hash(&created.id), "check opened");
    Ok(Redirect::to(&format!("/ask/{}", created.token)).into_response())
}

fn outcome_of(x: &Exchange) -> Option<Value> {
    x.result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
}

fn expired_page() -> Response {
    html_page(
        StatusCode::NOT_FOUND,
        "Request expired",
        html! {
            section class="verdict unsure" {
                h1 { "This request has expired" }
                p { "A request waits " (CHECK_MINUTES) " minutes for an answer. Start a new one." }
            }
            form method="post" action="/ask" { button type="submit" { "Ask again" } }
        },
    )
}

async fn check_of(state: &AppState, token: &str) -> Result<Option<Exchange>, Problem> {
    let x = state
        .store
        .exchange_by_token(token)
        .await
        .map_err(|e| e.problem())?;
    Ok(x.filter(|x| x.kind == ExchangeKind::Check))
}

/// `GET /ask/{token}`: the QR code while waiting, the verdict once answered.
pub async fn ask_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let x = match check_of(&state, &token).await {
        Ok(Some(x)) => x,
        Ok(None) => return expired_page(),
        Err(p) => return p.into_response(),
    };
    let Some(outcome) = outcome_of(&x) else {
        let link = interaction_url(&state, &x.id);
        return html_page(
            StatusCode::OK,
            "Waiting for the participant",
            html! {
                h1 { "Show this to the participant" }
                p { "They scan it with their wallet and share their Open Masters letters. This page updates by itself." }
                div class="qr" { (qr_svg(&link)) }
                p class="status unsure" role="status" { "Waiting for an answer…" }
                @if x.failures > 0 {
                    p class="note" {
                        (x.failures) " answer(s) were refused so far: not signed by a wallet for this request and this site (junk, a replay of an earlier answer, or one made for another site). They do not use up the request; after " (crate::limits::MAX_REFUSED_ANSWERS) " it closes."
                    }
                }
                noscript { p { "Without JavaScript this page cannot update itself: reload it after the participant has answered." } }
                details {
                    summary { "Using the Open Masters wallet on a computer?" }
                    p { "Run: " code { "om-wallet present --to '" (link) "'" } }
                }
                (why_not_share_links())
                script { (PreEscaped(POLL_SCRIPT)) }
            },
        );
    };
    let closed = outcome["closed"].as_bool().unwrap_or(false);
    let replayed = outcome["replayed"].as_bool().unwrap_or(false);
    let refused = outcome["refused"].as_str().map(str::to_string);
    let fragment = outcome["html"].as_str().unwrap_or_default().to_string();
    html_page(
        StatusCode::OK,
        "The participant's answer",
        html! {
            @if let Some(reason) = &refused {
                section class="verdict bad" {
                    @if closed {
                        h1 { "✗ This request was closed" }
                        p { "Too many answers were refused: none was signed by a wallet for this request. Nothing was accepted; ask again and show the new QR code to the participant only." }
                    } @else if replayed {
                        h1 { "✗ This answer was refused" }
                        p { "It was signed for another request, not this one: it is a copy of an earlier answer (a replay), so it proves nothing about who sent it now." }
                    } @else {
                        h1 { "✗ This answer was refused" }
                        p { "The wallet's signature on the answer does not hold, so nothing in it can be trusted." }
                    }
                    p class="note" { (reason) }
                }
            }
            // The stored fragment was rendered by this service from its own report.
            (PreEscaped(fragment))
            form method="post" action="/ask" { button type="submit" { "Ask again" } }
        },
    )
}

/// `GET /ask/{token}/state`: `{"state": "waiting"}` or `{"state": "answered", …}`.
pub async fn ask_state(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, Problem> {
    let x = check_of(&state, &token).await?.ok_or_else(|| {
        Problem::new(
            StatusCode::NOT_FOUND,
            "/problems/exchange-not-found",
            "No such request",
            "this request expired or never existed",
        )
    })?;
    let body = match outcome_of(&x) {
        None => json!({
            "state": "waiting",
            "interactionUrl": interaction_url(&state, &x.id),
            "expires": x.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "refusedAnswers": x.failures,
        }),
        Some(o) if o["closed"].as_bool().unwrap_or(false) => json!({
            "state": "closed",
            "closed": true,
            "verdict": o["verdict"],
            "replayed": o["replayed"],
            "refused": o["refused"],
        }),
        Some(o) => json!({
            "state": "answered",
            "verdict": o["verdict"],
            "replayed": o["replayed"],
            "refused": o["refused"],
            "report": o["report"],
        }),
    };
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        crate::safe_json::SafeJson(body),
    )
        .into_response())
}

/// The page of an interaction link opened in a browser.
pub fn interaction_page(state: &AppState, x: Option<&Exchange>) -> Response {
    let Some(x) = x else {
        return html_page(
            StatusCode::NOT_FOUND,
            "Link expired",
            html! {
                section class="verdict unsure" {
                    h1 { "This link has expired or was already used" }
                    p { "Each link works once and for a limited time. Ask for a new one." }
                }
            },
        );
    };
    let link = interaction_url(state, &x.id);
    let (title, lead, command) = match x.kind {
        ExchangeKind::Delivery => (
            "A letter of endorsement is waiting for you",
            "Open this link with your wallet to receive it. Your wallet proves that you are the person the letter is about; nobody else can receive it.",
            format!("om-wallet receive '{link}'"),
        ),
        ExchangeKind::Check => (
            "Someone asks to see your letters",
            "Open this link with your wallet to choose whether to share your Open Masters letters.",
            format!("om-wallet present --to '{link}'"),
        ),
    };
    html_page(
        StatusCode::OK,
        title,
        html! {
            h1 { (title) }
            p { (lead) }
            div class="qr" { (qr_svg(&link)) }
            p { "With the Open Masters wallet on a computer, run:" }
            p { code { (command) } }
        },
    )
}

/// `GET /request`: what a mentor sees on opening a participant's request
/// link in a browser (the request itself is in the fragment, never sent here).
pub async fn request_page() -> Response {
    html_page(
        StatusCode::OK,
        "A request for a letter of endorsement",
        html! {
            h1 { "A participant asks you for a letter" }
            p { "This link holds an Open Masters participant's request for a letter of endorsement: their DID, their name, the role they ask you to write in, and where the letter is delivered, signed with their key. Nothing of it was sent to this site." }
            p { "Write and sign the letter with the Open Masters issuer tool; it checks the request's signature and expiry first:" }
            p { code { "om-issuer endorse --request '<this whole link>' --letter letter.md" } }
        },
    )
}
