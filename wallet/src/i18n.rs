//! The participant's language for `om-wallet check`: the message files
//! `wallet/locales/*.ftl`, compiled in, over the shared Fluent catalog of
//! [`om_cli::i18n`] (language from `LC_ALL`, `LC_MESSAGES` or `LANG`).

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
