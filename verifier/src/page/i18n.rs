//! The employer's language for the verifier's pages: the message files
//! `verifier/locales/*.ftl`, compiled in, over the shared Fluent catalog of
//! [`om_cli::i18n`] (language from `?lang=` or `Accept-Language`).
//!
//! The verdict is decided once, in `om_core`; only its wording is here.

use om_cli::i18n::Messages;
pub use om_cli::i18n::{Arg, Lang};

/// The message file of a language.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en.ftl"),
        Lang::Es => include_str!("../../locales/es.ftl"),
        Lang::PtBr => include_str!("../../locales/pt-BR.ftl"),
    }
}

/// This application's messages.
pub static MESSAGES: Messages = Messages::new(source);

/// The reader's language for a page, as an axum extractor: `?lang=` when it
/// names a language we have, else the best of `Accept-Language`, else English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLang(pub Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let asked = query.split('&').find_map(|kv| kv.strip_prefix("lang="));
        let accept = parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ok(PageLang(Lang::negotiate(asked, accept)))
    }
}

/// A message in `lang` (see [`Messages::t`]).
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    MESSAGES.t(lang, id, args)
}

/// A date (RFC 3339 or `YYYY-MM-DD`) as the reader writes it ("5 December
/// 2026", "5 de diciembre de 2026"); anything else as it is.
pub fn date_in(lang: Lang, s: &str) -> String {
    use chrono::Datelike;
    om_core::credential::parse_date(s)
        .or_else(|| om_core::credential::parse_date(&format!("{s}T00:00:00Z")))
        .map(|d| {
            let month = t(lang, &format!("month-{}", d.month()), &[]);
            t(
                lang,
                "date",
                &[
                    ("day", Arg::Str(&d.day().to_string())),
                    ("month", Arg::Str(&month)),
                    ("year", Arg::Str(&d.year().to_string())),
                ],
            )
        })
        .unwrap_or_else(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_rules_are_each_languages() {
        for l in Lang::ALL {
            let one = t(l, "mentor-letters", &[("count", Arg::Num(1))]);
            let two = t(l, "mentor-letters", &[("count", Arg::Num(2))]);
            assert!(
                one.starts_with('1') && two.starts_with('2'),
                "{one} / {two}"
            );
            assert_ne!(one.replace('1', ""), two.replace('2', ""), "{l:?}");
        }
        // Spanish counts 0 as "other", like English; Brazilian Portuguese's
        // CLDR rule puts 0 in "one", so its file names 0 on its own.
        for l in Lang::ALL {
            let zero = t(l, "peer-letters", &[("count", Arg::Num(0))]);
            assert!(zero.starts_with('0'), "{l:?}: {zero}");
        }
        assert_eq!(
            t(Lang::PtBr, "peer-letters", &[("count", Arg::Num(0))]),
            "0 cartas de pares"
        );
    }

    #[test]
    fn dates_are_written_as_each_reader_writes_them() {
        let d = "2027-06-30T00:00:00Z";
        assert_eq!(date_in(Lang::En, d), "30 June 2027");
        assert_eq!(date_in(Lang::Es, d), "30 de junio de 2027");
        assert_eq!(date_in(Lang::PtBr, "2027-06-30"), "30 de junho de 2027");
        assert_eq!(date_in(Lang::En, "not a date"), "not a date");
    }
}
