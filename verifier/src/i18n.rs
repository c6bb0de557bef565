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
        Lang::En => include_str!("../locales/en.ftl"),
        Lang::Es => include_str!("../locales/es.ftl"),
        Lang::PtBr => include_str!("../locales/pt-BR.ftl"),
    }
}

/// This application's messages.
pub static MESSAGES: Messages = Messages::new(source);

/// A message in `lang` (see [`Messages::t`]).
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    MESSAGES.t(lang, id, args)
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
}
