//! Messages in the reader's language: Project Fluent bundles over message
//! files an application compiles in, the language taken from a request
//! (`?lang=`, `Accept-Language`) or from the environment (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`), English when none names one we have. Plural forms
//! are Fluent's (CLDR plural rules of each language).

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the tools are written in.
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
    /// Every language, in the order a switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::PtBr];

    /// The BCP 47 tag (`lang` attribute, `?lang=`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
        }
    }

    /// The language a tag or locale names (`es-MX` and `es_ES.UTF-8` are
    /// Spanish, any `pt` Portuguese).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.'])
            .next()?
            .to_ascii_lowercase();
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

    /// The language of the environment, as POSIX orders it: the first set
    /// and non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`; English when it is
    /// not one we have (or `C`/`POSIX`).
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .and_then(|v| Lang::from_tag(&v))
            .unwrap_or(Lang::En)
    }
}

/// An argument of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text.
    Str(&'a str),
    /// A number (plural rules apply).
    Num(i64),
}

/// One application's messages in every language.
pub struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl Catalog {
    /// The catalog of the message files `source` gives for each language. A
    /// file that does not parse is still used as far as it parses (the
    /// application's test, with [`inventory`], catches it).
    pub fn new(source: fn(Lang) -> &'static str) -> Self {
        let bundles = Lang::ALL
            .iter()
            .map(|&l| {
                let id: LanguageIdentifier = l.tag().parse().expect("a valid tag");
                let mut b = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks around arguments: they would show
                // in terminals, tests and copied text.
                b.set_use_isolating(false);
                let resource = FluentResource::try_new(source(l).to_string())
                    .unwrap_or_else(|(partial, _)| partial);
                let _ = b.add_resource(resource);
                (l, b)
            })
            .collect();
        Self { bundles }
    }

    /// A message in `lang` with its arguments. A message missing in `lang`
    /// falls back to English, then to its id: output never fails for a
    /// missing word.
    pub fn t(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Str(s) => fa.set(*k, FluentValue::from(s.to_string())),
                Arg::Num(n) => fa.set(*k, FluentValue::from(*n)),
            }
        }
        for l in [lang, Lang::En] {
            let Some(b) = self.bundles.get(&l) else {
                continue;
            };
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b
                    .format_pattern(pattern, Some(&fa), &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }
}

/// An application's message files, and their catalog built on first use:
/// `static MESSAGES: Messages = Messages::new(source);`.
pub struct Messages {
    source: fn(Lang) -> &'static str,
    catalog: std::sync::OnceLock<Catalog>,
}

impl Messages {
    /// The messages whose file for each language `source` gives.
    pub const fn new(source: fn(Lang) -> &'static str) -> Self {
        Self {
            source,
            catalog: std::sync::OnceLock::new(),
        }
    }

    /// A message in `lang` (see [`Catalog::t`]).
    pub fn t(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.catalog
            .get_or_init(|| Catalog::new(self.source))
            .t(lang, id, args)
    }

    /// What is wrong with the files: a syntax error in any, or a message
    /// that one language has and another lacks (English is the reference).
    /// Empty when every message is in every language.
    pub fn problems(&self) -> Vec<String> {
        let (english, _) = inventory((self.source)(Lang::En));
        let mut out = Vec::new();
        for lang in Lang::ALL {
            let (ids, errors) = inventory((self.source)(lang));
            out.extend(errors.iter().map(|e| format!("{}: {e}", lang.tag())));
            for id in english.iter().filter(|id| !ids.contains(id)) {
                out.push(format!("{} lacks {id}", lang.tag()));
            }
            for id in ids.iter().filter(|id| !english.contains(id)) {
                out.push(format!("{} has {id}, which English lacks", lang.tag()));
            }
        }
        out
    }
}

/// The message ids of a message file, and the errors parsing it gave.
pub fn inventory(source: &str) -> (Vec<String>, Vec<String>) {
    let (resource, errors) = match FluentResource::try_new(source.to_string()) {
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
    fn locales_name_languages() {
        assert_eq!(Lang::from_tag("es_ES.UTF-8"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("pt_BR.UTF-8"), Some(Lang::PtBr));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag("POSIX"), None);
    }
}
