//! The home page: what this service is, the way to ask a participant for
//! their letters, and a form that checks an uploaded or pasted file (or a
//! public link another wallet shares).

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use serde_json::Value;

use crate::http::state::AppState;
use crate::page::form::{error_page, upload_form};
use crate::page::i18n::{t, Lang, PageLang};
use crate::page::layout::{html_page_in, language_switcher};
use crate::page::report::report_fragment_in;
use crate::verify::run::{blocking, publication_options};

/// `GET /`
pub async fn home(PageLang(lang): PageLang) -> Response {
    html_page_in(
        StatusCode::OK,
        lang,
        &t(lang, "home-title", &[]),
        html! {
            (language_switcher(lang))
            h1 { (t(lang, "home-title", &[])) }
            p { (t(lang, "home-lead", &[])) }
            p { a href={ "/ask?lang=" (lang.tag()) } { (t(lang, "home-ask-link", &[])) } " — " (t(lang, "home-ask-after", &[])) }
            (upload_form(lang))
        },
    )
}

/// `POST /verify` (multipart form: `file` or `document`)
pub async fn verify_form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let mut text = String::new();
    let mut file = Vec::new();
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => return error_page(StatusCode::BAD_REQUEST, lang, "error-form", &e.body_text()),
    };
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                match field.bytes().await {
                    Ok(b) if name == "file" => file = b.to_vec(),
                    Ok(b) if name == "document" => text = String::from_utf8_lossy(&b).into_owned(),
                    Ok(_) => {}
                    Err(e) => {
                        return error_page(
                            StatusCode::BAD_REQUEST,
                            lang,
                            "error-form",
                            &e.body_text(),
                        )
                    }
                }
            }
            Ok(None) => break,
            Err(e) => return error_page(e.status(), lang, "error-form", &e.body_text()),
        }
    }
    let input = if file.iter().any(|b| !b.is_ascii_whitespace()) {
        file
    } else {
        text.into_bytes()
    };
    if input.iter().all(u8::is_ascii_whitespace) {
        return error_page(
            StatusCode::BAD_REQUEST,
            lang,
            "error-nothing",
            &t(lang, "error-nothing-detail", &[]),
        );
    }
    // A public link another wallet shares (a VerifierPlus link): fetched
    // from the hosts this verifier allows, then checked like a file.
    if let Ok(text) = std::str::from_utf8(&input) {
        let text = text.trim();
        if text.starts_with("https://") || text.starts_with("http://") {
            let link = text.to_string();
            let s = state.clone();
            let result = blocking(&state, move |e| {
                e.verify_shared_link(&link, &publication_options())
                    .map(|r| report_fragment_in(&s, &r, lang))
            })
            .await;
            return match result {
                Ok(Ok(fragment)) => {
                    html_page_in(StatusCode::OK, lang, &t(lang, "check-title", &[]), fragment)
                }
                Ok(Err(reason)) => error_page(StatusCode::BAD_REQUEST, lang, "error-link", &reason),
                Err(p) => error_page(p.status, lang, "error-busy", &p.detail),
            };
        }
    }
    let doc: Value = match om_core::parse_json(&input) {
        Ok(v) => v,
        Err(e) => {
            return error_page(
                StatusCode::BAD_REQUEST,
                lang,
                "error-not-json",
                &format!("It is not valid JSON: {e}"),
            )
        }
    };
    render_verified(&state, doc, lang).await
}

async fn render_verified(state: &AppState, doc: Value, lang: Lang) -> Response {
    let s = state.clone();
    let result = blocking(state, move |e| {
        e.verify_any(&doc, &publication_options())
            .map(|r| report_fragment_in(&s, &r, lang))
    })
    .await;
    match result {
        Ok(Ok(fragment)) => {
            html_page_in(StatusCode::OK, lang, &t(lang, "check-title", &[]), fragment)
        }
        Ok(Err(e)) => error_page(
            StatusCode::BAD_REQUEST,
            lang,
            "error-document",
            &e.to_string(),
        ),
        Err(p) => error_page(p.status, lang, "error-busy", &p.detail),
    }
}
