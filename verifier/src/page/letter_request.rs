//! `GET /request`: the page a mentor sees on opening, in a browser, a
//! participant's request for a letter (the participant asks a mentor; the
//! request itself travels in the link's fragment and never reaches here).

use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use crate::page::i18n::{t, PageLang};
use crate::page::layout::{html_page_in, language_switcher};

/// `GET /request`: what a mentor sees on opening a participant's request
/// link in a browser (the request itself is in the fragment, never sent here).
pub async fn request_page(PageLang(lang): PageLang) -> Response {
    html_page_in(
        StatusCode::OK,
        lang,
        &t(lang, "request-title", &[]),
        html! {
            (language_switcher(lang))
            h1 { (t(lang, "request-heading", &[])) }
            p { (t(lang, "request-lead", &[])) }
            p { (t(lang, "request-how", &[])) }
            p { code { "om-issuer endorse --request '<" (t(lang, "request-whole-link", &[])) ">' --letter letter.md" } }
        },
    )
}
