//! The employer's pages for shared letters: `GET /s/{id}` (a stored share,
//! with its JSON twin `/s/{id}.json`) and `GET /v` (a presentation carried in
//! the link's fragment, read by the page's script).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use maud::{html, Markup, PreEscaped};
use serde_json::{json, Value};

use crate::http::state::AppState;
use crate::page::form::{error_page, upload_form};
use crate::page::i18n::{t, Lang, PageLang};
use crate::page::layout::{html_page_in, language_switcher, INLINE_SCRIPT, PRINT_SCRIPT};
use crate::page::report::report_fragment_in;
use crate::verify::engine::AnyReport;
use crate::verify::run::{blocking, publication_options};

/// What a printed share page adds: the QR code and the link of the live check,
/// and that the paper proves nothing by itself (shown on paper only); and the
/// button that prints (shown on screen only).
fn print_parts(link: &str, lang: Lang) -> Markup {
    html! {
        p class="no-print" { button type="button" id="print" hidden { (t(lang, "print-button", &[])) } }
        section class="print-only" {
            h2 { (t(lang, "print-heading", &[])) }
            div class="qr" { (crate::page::qr::qr_svg(link)) }
            p { code { (link) } }
            p class="note" { (t(lang, "print-note", &[])) }
        }
        script { (PreEscaped(PRINT_SCRIPT)) }
    }
}

/// `GET /v`: the inline-link page (the presentation is in the URL fragment).
pub async fn inline_page(PageLang(lang): PageLang) -> Response {
    let m = |id: &str| t(lang, id, &[]);
    html_page_in(
        StatusCode::OK,
        lang,
        &m("check-title"),
        html! {
            // The script's words, in the reader's language (the script itself
            // is the same in every language, so that its hash in the CSP holds).
            div id="result" aria-live="polite" data-lang=(lang.tag())
                data-none-title=(m("inline-none-title")) data-none-text=(m("inline-none-text"))
                data-failed-title=(m("inline-failed-title")) data-failed-text=(m("inline-failed-text"))
                data-offline-title=(m("inline-offline-title")) data-offline-text=(m("inline-offline-text")) {
                noscript {
                    style { ".js-only{display:none}" }
                    section class="verdict unsure" {
                        h1 { (m("inline-noscript-title")) }
                        p { (m("inline-noscript-text")) }
                    }
                    (upload_form(lang))
                }
                p class="js-only" { (m("inline-checking")) }
            }
            script { (PreEscaped(INLINE_SCRIPT)) }
        },
    )
}

/// `GET /s/{id}` (HTML) and `GET /s/{id}.json` (the JSON report).
pub async fn share(
    State(state): State<AppState>,
    Path(id): Path<String>,
    PageLang(lang): PageLang,
) -> Response {
    let (id, as_json) = match id.strip_suffix(".json") {
        Some(i) => (i.to_string(), true),
        None => (id, false),
    };
    let share = match state.store.get(&id).await {
        Ok(s) => s,
        Err(e) => return crate::http::problem::Problem::from(e).into_response(),
    };
    let Some(share) = share else {
        if as_json {
            return crate::http::problem::Problem::share_not_found().into_response();
        }
        return html_page_in(
            StatusCode::NOT_FOUND,
            lang,
            &t(lang, "share-gone-title", &[]),
            html! {
                section class="verdict unsure" {
                    h1 { (t(lang, "share-gone-heading", &[])) }
                    p { (t(lang, "share-gone-lead", &[])) }
                }
            },
        );
    };
    let doc: Value = match serde_json::from_str(&share.vp) {
        Ok(v) => v,
        Err(e) => {
            tracing::error!(error = %e, share = %crate::store::short_hash(&id), "stored share is not JSON");
            return crate::http::problem::Problem::internal().into_response();
        }
    };
    let s = state.clone();
    let result = blocking(&state, move |e| {
        e.verify_presentation(&doc, &publication_options())
            .map(|r| {
                let any = AnyReport::Presentation(r);
                if as_json {
                    let mut v = e.vc_api(&any);
                    v["share"] = json!({
                        "id": share.id,
                        "created": share.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        "expires": share.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    });
                    Err(v)
                } else {
                    let link = format!("{}/s/{}", s.public_url, share.id);
                    Ok(html! {
                        (language_switcher(lang))
                        (report_fragment_in(&s, &any, lang))
                        (print_parts(&link, lang))
                    })
                }
            })
    })
    .await;
    match result {
        Ok(Ok(Ok(fragment))) => {
            html_page_in(StatusCode::OK, lang, &t(lang, "check-title", &[]), fragment)
        }
        Ok(Ok(Err(json))) => ([(header::CACHE_CONTROL, "no-store")], Json(json)).into_response(),
        Ok(Err(e)) => {
            if as_json {
                crate::http::problem::Problem::unprocessable(&e).into_response()
            } else {
                error_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    lang,
                    "error-share",
                    &e.to_string(),
                )
            }
        }
        Err(p) => p.into_response(),
    }
}
