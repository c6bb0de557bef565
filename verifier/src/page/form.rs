//! The form that checks a file, a pasted document or a public link, and the
//! page that says why something could not be checked (with the form again).

use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

use crate::page::i18n::{t, Lang};
use crate::page::layout::html_page_in;

/// The upload and paste form.
pub(crate) fn upload_form(lang: Lang) -> Markup {
    html! {
        form method="post" action={ "/verify?lang=" (lang.tag()) } enctype="multipart/form-data" {
            label for="file" { (t(lang, "form-file", &[])) }
            input id="file" type="file" name="file" accept=".json,application/json,application/ld+json";
            label for="document" { (t(lang, "form-paste", &[])) }
            textarea id="document" name="document" spellcheck="false" placeholder="{\"@context\": …}" {}
            button type="submit" { (t(lang, "form-check", &[])) }
        }
    }
}

/// A page saying why a document could not be checked: the title in the
/// reader's language, the detail as the checks word it (in English).
pub(crate) fn error_page(status: StatusCode, lang: Lang, title_id: &str, detail: &str) -> Response {
    let title = t(lang, title_id, &[]);
    html_page_in(
        status,
        lang,
        &title,
        html! {
            section class="verdict unsure" {
                h1 { (title) }
                p lang="en" { (detail) }
            }
            h2 { (t(lang, "check-another", &[])) }
            (upload_form(lang))
        },
    )
}
