//! The employer's language: Project Fluent message files
//! (`verifier/locales/*.ftl`, compiled in), chosen from `?lang=` or the
//! browser's `Accept-Language`, English when neither names one we have.
//!
//! The verdict is decided once, in `om_core`; only its wording is here. Plural
//! forms are Fluent's (CLDR plural rules of each language).

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Spanish.
    Es,
    /// Portuguese (Brazil).
    PtBr,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::PtBr];

    /// The BCP 47 tag (`lang` attribute, `?lang=`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
        }
    }

    /// The message file's text.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.ftl"),
            Lang::Es => include_str!("../locales/es.ftl"),
            Lang::PtBr => include_str!("../locales/pt-BR.ftl"),
        }
    }

    /// The language a tag names (`es-MX` is Spanish, any `pt` Portuguese).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "pt" => Some(Lang::PtBr),
            _ => None,
        }
    }

    /// The language for a request: `?lang=` when it names one we have, else
    /// the first of `Accept-Language` (by quality) that we have, else English.
    pub fn negotiate(query_lang: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(l) = query_lang.and_then(Lang::from_tag) {
            return l;
        }
        let mut ranged: Vec<(f32, usize, Lang)> = accept_language
            .unwrap_or_default()
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let lang = Lang::from_tag(bits.next()?)?;
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        ranged.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranged.first().map_or(Lang::En, |r| r.2)
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static HashMap<Lang, Bundle> {
    static B: OnceLock<HashMap<Lang, Bundle>> = OnceLock::new();
    B.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|&l| {
                let id: LanguageIdentifier = l.tag().parse().expect("a valid tag");
                let mut b = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks around arguments: the pages are
                // HTML with `dir` set, and the marks would show up in tests
                // and copied text.
                b.set_use_isolating(false);
                // A file that does not parse is caught by verifier/tests/i18n.rs;
                // what parses is still used.
                let resource = FluentResource::try_new(l.source().to_string())
                    .unwrap_or_else(|(partial, _)| partial);
                let _ = b.add_resource(resource);
                (l, b)
            })
            .collect()
    })
}

/// A message in `lang` with its arguments (`("name", "Ana")`, numbers as
/// `i64` for plural rules). A message missing in `lang` falls back to English,
/// then to its id, so a page never fails for a missing word.
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Str(s) => fa.set(*k, FluentValue::from(s.to_string())),
            Arg::Num(n) => fa.set(*k, FluentValue::from(*n)),
        }
    }
    for l in [lang, Lang::En] {
        let b = &bundles()[&l];
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let out = b.format_pattern(pattern, Some(&fa), &mut errors);
            return out.into_owned();
        }
    }
    id.to_string()
}

/// An argument of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text.
    Str(&'a str),
    /// A number (plural rules apply).
    Num(i64),
}

/// The message ids of a language's file, and the errors parsing it gave.
pub fn inventory(lang: Lang) -> (Vec<String>, Vec<String>) {
    let (resource, errors) = match FluentResource::try_new(lang.source().to_string()) {
        Ok(r) => (r, vec![]),
        Err((r, e)) => (r, e.iter().map(|e| format!("{e:?}")).collect()),
    };
    let ids = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    (ids, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_query_then_the_browser() {
        assert_eq!(Lang::negotiate(None, None), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("es-ES,es;q=0.9,en;q=0.8")),
            Lang::Es
        );
        assert_eq!(Lang::negotiate(None, Some("pt-BR")), Lang::PtBr);
        assert_eq!(
            Lang::negotiate(None, Some("de,en;q=0.5,pt;q=0.7")),
            Lang::PtBr
        );
        assert_eq!(Lang::negotiate(None, Some("fr,de")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("es;q=0")), Lang::En);
        assert_eq!(Lang::negotiate(Some("es"), Some("pt-BR")), Lang::Es);
        assert_eq!(Lang::negotiate(Some("xx"), Some("pt-BR")), Lang::PtBr);
    }

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
        // Portuguese and Spanish count 0 as "other", like English.
        assert_eq!(
            t(Lang::Es, "peer-letters", &[("count", Arg::Num(0))]),
            "0 cartas de pares"
        );
    }
}
