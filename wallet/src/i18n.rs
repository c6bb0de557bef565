//! The participant's language for `om-wallet check`: the message files
//! `wallet/locales/*.ftl`, compiled in, over the shared Fluent catalog of
//! [`om_cli::i18n`] (language from `LC_ALL`, `LC_MESSAGES` or `LANG`).

use std::sync::OnceLock;

use om_cli::i18n::Catalog;
pub use om_cli::i18n::{Arg, Lang};

/// The message file of a language.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../locales/en.ftl"),
        Lang::Es => include_str!("../locales/es.ftl"),
        Lang::PtBr => include_str!("../locales/pt-BR.ftl"),
    }
}

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::new(source))
}

/// A message in `lang` (see [`Catalog::t`]).
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    catalog().t(lang, id, args)
}

/// The message ids of a language's file, and the errors parsing it gave.
pub fn inventory(lang: Lang) -> (Vec<String>, Vec<String>) {
    om_cli::i18n::inventory(source(lang))
}
