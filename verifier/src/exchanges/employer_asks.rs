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

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, PreEscaped};
use serde_json::{json, Value};

use crate::exchanges::urls::interaction_url;
use crate::http::extract::ClientIp;
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::page::i18n::{t, Arg, Lang, PageLang};
use crate::page::layout::{html_page_in, language_switcher, POLL_SCRIPT};
use crate::page::qr::qr_svg;
use crate::store::exchanges::{Exchange, ExchangeKind, NewExchange};
use crate::store::{short_hash, Quota};

/// How long an employer's request waits for an answer.
pub const CHECK_MINUTES: i64 = 30;
/// How often the waiting page asks whether the answer has come, in seconds.
pub const POLL_SECONDS: u32 = 3;

fn why_not_share_links(lang: Lang) -> Markup {
    html! {
        p class="note" { (t(lang, "ask-why-not-links", &[])) }
    }
}

/// The form that opens a request, keeping the reader's language.
fn ask_form(lang: Lang, label: &str) -> Markup {
    html! {
        form method="post" action={ "/ask?lang=" (lang.tag()) } {
            button type="submit" { (t(lang, label, &[])) }
        }
    }
}

/// `GET /ask`
pub async fn ask_home(PageLang(lang): PageLang) -> Response {
    html_page_in(
        StatusCode::OK,
        lang,
        &t(lang, "ask-title", &[]),
        html! {
            (language_switcher(lang))
            h1 { (t(lang, "ask-heading", &[])) }
            p { (t(lang, "ask-lead", &[])) }
            (ask_form(lang, "ask-button"))
            (why_not_share_links(lang))
        },
    )
}

/// `POST /ask`: opens a check exchange and sends the employer to its page.
pub async fn ask_create(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    headers: axum::http::HeaderMap,
    ClientIp(ip): ClientIp,
) -> Result<Response, Problem> {
    state.check_rate.admit(
        ip,
        &format!("open {} requests", state.limits.checks_per_minute),
    )?;
    let created = state
        .store
        .create_exchange(
            NewExchange {
                kind: ExchangeKind::EmployerAsks,
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
        .await?;
    tracing::info!(exchange = %short_hash(&created.id), "check opened");
    // The request's page keeps a language the employer chose over their
    // browser's; otherwise its address is the plain one.
    let browser = Lang::negotiate(
        None,
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let page = match lang == browser {
        true => format!("/ask/{}", created.token),
        false => format!("/ask/{}?lang={}", created.token, lang.tag()),
    };
    Ok(Redirect::to(&page).into_response())
}

fn outcome_of(x: &Exchange) -> Option<Value> {
    x.result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
}

fn expired_page(lang: Lang) -> Response {
    html_page_in(
        StatusCode::NOT_FOUND,
        lang,
        &t(lang, "ask-expired-title", &[]),
        html! {
            section class="verdict unsure" {
                h1 { (t(lang, "ask-expired-heading", &[])) }
                p { (t(lang, "ask-expired-lead", &[("minutes", Arg::Num(CHECK_MINUTES))])) }
            }
            (ask_form(lang, "ask-again"))
        },
    )
}

/// The verdict fragment stored with an answer, in `lang`: answers keep one
/// per language (rendered by this service from its own report when the
/// answer came); answers stored before that keep one, in English.
fn stored_fragment(outcome: &Value, lang: Lang) -> String {
    let html = &outcome["html"];
    html.get(lang.tag())
        .or_else(|| html.get(Lang::En.tag()))
        .unwrap_or(html)
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn check_of(state: &AppState, token: &str) -> Result<Option<Exchange>, Problem> {
    let x = state.store.exchange_by_token(token).await?;
    Ok(x.filter(|x| x.kind == ExchangeKind::EmployerAsks))
}

/// `GET /ask/{token}`: the QR code while waiting, the verdict once answered.
pub async fn ask_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
    PageLang(lang): PageLang,
) -> Response {
    let x = match check_of(&state, &token).await {
        Ok(Some(x)) => x,
        Ok(None) => return expired_page(lang),
        Err(p) => return p.into_response(),
    };
    let Some(outcome) = outcome_of(&x) else {
        let link = interaction_url(&state, &x.id);
        return html_page_in(
            StatusCode::OK,
            lang,
            &t(lang, "ask-waiting-title", &[]),
            html! {
                (language_switcher(lang))
                h1 { (t(lang, "ask-waiting-heading", &[])) }
                p { (t(lang, "ask-waiting-lead", &[])) }
                div class="qr" { (qr_svg(&link)) }
                p class="status unsure" role="status" { (t(lang, "ask-waiting-status", &[])) }
                @if x.failures > 0 {
                    p class="note" {
                        (t(lang, "ask-refused-so-far", &[
                            ("count", Arg::Num(i64::from(x.failures))),
                            ("max", Arg::Num(i64::from(crate::http::limits::MAX_REFUSED_ANSWERS))),
                        ]))
                    }
                }
                noscript { p { (t(lang, "ask-noscript", &[])) } }
                details {
                    summary { (t(lang, "ask-on-a-computer", &[])) }
                    p { (t(lang, "ask-run", &[])) " " code { "om-wallet present --to '" (link) "'" } }
                }
                (why_not_share_links(lang))
                script { (PreEscaped(POLL_SCRIPT)) }
            },
        );
    };
    let closed = outcome["closed"].as_bool().unwrap_or(false);
    let replayed = outcome["replayed"].as_bool().unwrap_or(false);
    let refused = outcome["refused"].as_str().map(str::to_string);
    let fragment = stored_fragment(&outcome, lang);
    html_page_in(
        StatusCode::OK,
        lang,
        &t(lang, "ask-answer-title", &[]),
        html! {
            (language_switcher(lang))
            @if let Some(reason) = &refused {
                section class="verdict bad" {
                    @if closed {
                        h1 { "✗ " (t(lang, "ask-closed-heading", &[])) }
                        p { (t(lang, "ask-closed-lead", &[])) }
                    } @else if replayed {
                        h1 { "✗ " (t(lang, "ask-refused-heading", &[])) }
                        p { (t(lang, "ask-replayed-lead", &[])) }
                    } @else {
                        h1 { "✗ " (t(lang, "ask-refused-heading", &[])) }
                        p { (t(lang, "ask-refused-lead", &[])) }
                    }
                    // The service's own reason, as the checks word it.
                    p class="note" lang="en" { (reason) }
                }
            }
            // The stored fragment was rendered by this service from its own report.
            (PreEscaped(fragment))
            (ask_form(lang, "ask-again"))
        },
    )
}

/// `GET /ask/{token}/state`: `{"state": "waiting"}` or `{"state": "answered", …}`.
pub async fn ask_state(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, Problem> {
    let x = check_of(&state, &token)
        .await?
        .ok_or_else(|| Problem::exchange_not_found("this request expired or never existed"))?;
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
        crate::http::safe_json::SafeJson(body),
    )
        .into_response())
}

/// The page of an interaction link opened in a browser.
pub fn interaction_page(state: &AppState, x: Option<&Exchange>, lang: Lang) -> Response {
    let Some(x) = x else {
        return html_page_in(
            StatusCode::NOT_FOUND,
            lang,
            &t(lang, "link-expired-title", &[]),
            html! {
                section class="verdict unsure" {
                    h1 { (t(lang, "link-expired-heading", &[])) }
                    p { (t(lang, "link-expired-lead", &[])) }
                }
            },
        );
    };
    let link = interaction_url(state, &x.id);
    let (title, lead, command) = match x.kind {
        ExchangeKind::Delivery => (
            t(lang, "delivery-heading", &[]),
            t(lang, "delivery-lead", &[]),
            format!("om-wallet receive '{link}'"),
        ),
        ExchangeKind::EmployerAsks => (
            t(lang, "check-heading", &[]),
            t(lang, "check-lead", &[]),
            format!("om-wallet present --to '{link}'"),
        ),
    };
    html_page_in(
        StatusCode::OK,
        lang,
        &title,
        html! {
            (language_switcher(lang))
            h1 { (title) }
            p { (lead) }
            div class="qr" { (qr_svg(&link)) }
            p { (t(lang, "wallet-on-a-computer", &[])) }
            p { code { (command) } }
        },
    )
}
