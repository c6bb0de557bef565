//! The server-rendered pages (maud): home with a paste/upload form, the
//! employer's report for shares and inline links. No JavaScript is needed
//! except for inline links (whose data is in the URL fragment).

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use om_core::confirmation::{Standing, TrustedTeams};
use om_core::letter::{CredentialKind, LetterView};
use om_core::report::{Check, CheckKind, CredentialReport, Outcome, PresentationReport, Verdict};
use om_core::rule::RuleStatus;
use serde_json::{json, Value};

use crate::app::AppState;
use crate::engine::{holder_name, symbol, AnyReport};
use crate::i18n::{t, Arg, Lang, PageLang};
use crate::markdown::to_safe_html;
use crate::verification::{blocking, publication_options};

const CSS: &str = r#"
:root{color-scheme:light;--ok:#0b5d1e;--okbg:#e3f4e6;--bad:#9b1c1c;--badbg:#fde8e8;--unsure:#6b4a00;--unsurebg:#fff3cd;--line:#c8c8c8}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.125rem;line-height:1.55;color:#111;background:#fff}
header.site,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
header.site{padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line)}
header.site a{color:#111;font-weight:700;text-decoration:none}
footer{margin-top:2.5rem;padding-bottom:2rem;color:#333;font-size:1rem;border-top:1px solid var(--line)}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.15rem;margin:0 0 .5rem}
a{color:#0645ad}
.verdict{margin:1.25rem 0;padding:1rem 1.1rem;border-radius:.5rem;border:3px solid}
.verdict p,.verdict ul{margin:.4rem 0}
.ok{color:var(--ok);background:var(--okbg);border-color:var(--ok)}
.bad{color:var(--bad);background:var(--badbg);border-color:var(--bad)}
.unsure{color:var(--unsure);background:var(--unsurebg);border-color:var(--unsure)}
.verdict .ok,.verdict .bad,.verdict .unsure{background:none;border:0}
article.letter{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:1rem 0}
.status{font-weight:700;margin:.25rem 0 .75rem}
.status.ok,.status.bad,.status.unsure{background:none;border:0}
dl.facts{margin:.5rem 0;display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0;overflow-wrap:anywhere}
code,.did{line-height:1.35;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;word-break:break-all}
.note{font-size:1rem;color:#333;font-style:italic}
.confirmation{font-size:1rem;padding:.4rem .6rem;border-left:4px solid;border-radius:.25rem;margin:.5rem 0;overflow-wrap:anywhere;word-break:break-word}
.text{border-left:4px solid var(--line);padding-left:.9rem;margin:1rem 0}
.text img{display:none}
ul.checks{list-style:none;padding:0;margin:.5rem 0}
ul.checks li{padding:.3rem 0;border-top:1px solid #eee}
.sym{display:inline-block;width:1.4rem;font-weight:700}
li.pass .sym{color:var(--ok)} li.fail .sym{color:var(--bad)} li.unknown .sym{color:var(--unsure)} li.skipped .sym{color:#555}
summary{cursor:pointer;font-weight:700;padding:.3rem 0}
textarea{width:100%;min-height:12rem;font:inherit;font-size:1rem;padding:.5rem}
input,button{font:inherit}
button{padding:.6rem 1.2rem;border-radius:.4rem;border:2px solid #111;background:#111;color:#fff;margin-top:.75rem}
label{font-weight:700;display:block;margin-top:1rem}
.sr{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.print-only{display:none}
.print-only .qr svg{width:4.5cm;height:4.5cm}
@media print{
body{font-size:11pt;line-height:1.4}
header.site,footer,form,button,noscript,.no-print{display:none!important}
main{max-width:none;padding:0}
.print-only{display:block;break-inside:avoid;border-top:1px solid var(--line);margin-top:1.5rem}
.verdict,.confirmation{-webkit-print-color-adjust:exact;print-color-adjust:exact}
article.letter{break-inside:auto}
h1,h2,h3,summary{break-after:avoid}
a{color:inherit;text-decoration:none}
}
"#;

/// A complete page around `body`.
pub fn page(title: &str, body: Markup) -> Markup {
    page_in(Lang::En, title, body)
}

/// A complete page around `body`, in `lang`.
pub fn page_in(lang: Lang, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                meta name="robots" content="noindex";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header class="site" { a href={ "/?lang=" (lang.tag()) } { (t(lang, "site-name", &[])) } }
                main { (body) }
                footer {
                    p { (t(lang, "site-footer", &[])) }
                }
            }
        }
    }
}

/// The share page's "Print or save as PDF" button: hidden until this script
/// shows it (without JavaScript it could do nothing), then `window.print()`.
pub const PRINT_SCRIPT: &str = "(function(){var b=document.getElementById('print');if(b){b.hidden=false;b.addEventListener('click',function(){window.print()})}})();";

/// What a printed share page adds: the QR code and the link of the live check,
/// and that the paper proves nothing by itself (shown on paper only); and the
/// button that prints (shown on screen only).
fn print_parts(link: &str, lang: Lang) -> Markup {
    html! {
        p class="no-print" { button type="button" id="print" hidden { (t(lang, "print-button", &[])) } }
        section class="print-only" {
            h2 { (t(lang, "print-heading", &[])) }
            div class="qr" { (crate::qr::qr_svg(link)) }
            p { code { (link) } }
            p class="note" { (t(lang, "print-note", &[])) }
        }
        script { (PreEscaped(PRINT_SCRIPT)) }
    }
}

/// The Content-Security-Policy of every page: nothing loads from elsewhere,
/// the only scripts are the inline-link reader, the ask page's poller and the
/// share page's print button (allowed by their hashes), forms post
/// only here, and the page cannot be framed.
fn content_security_policy() -> &'static str {
    static CSP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSP.get_or_init(|| {
        use base64::Engine;
        use sha2::Digest;
        let hash = |script: &str| base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
        let (inline, poll, print) = (hash(INLINE_SCRIPT), hash(POLL_SCRIPT), hash(PRINT_SCRIPT));
        format!(
            "default-src 'none'; script-src 'sha256-{inline}' 'sha256-{poll}' 'sha256-{print}'; style-src 'unsafe-inline'; connect-src 'self'; \
             img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
    })
}

/// A page in `lang`: its `lang` attribute and `Content-Language` say so, and
/// caches are told that the words depend on `Accept-Language`.
pub(crate) fn html_page_in(status: StatusCode, lang: Lang, title: &str, body: Markup) -> Response {
    (
        status,
        [
            (header::CONTENT_LANGUAGE, lang.tag()),
            (header::VARY, "Accept-Language"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_SECURITY_POLICY, content_security_policy()),
            // Share links are capabilities: never leak them to sites the letters link to.
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Html(page_in(lang, title, body).into_string()),
    )
        .into_response()
}

fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Unknown => "unknown",
        Outcome::Skipped => "skipped",
    }
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "outcome-passed",
        Outcome::Fail => "outcome-failed",
        Outcome::Unknown => "outcome-unknown",
        Outcome::Skipped => "outcome-skipped",
    }
}

/// A check's name in `lang` (core names it in English for logs and JSON).
fn check_label(lang: Lang, k: CheckKind) -> String {
    let id = match k {
        CheckKind::Context => "check-format",
        CheckKind::Proof => "check-signature",
        CheckKind::KeyBinding => "check-signer",
        CheckKind::ValidityPeriod => "check-dates",
        CheckKind::Status => "check-revocation",
        CheckKind::HolderBinding => "check-holder",
        CheckKind::Endorsement => "check-endorsement",
        CheckKind::ProgrammeRule => "check-rule",
    };
    t(lang, id, &[])
}

/// A check's detail as the checks word it: technical, with a JSON path or a
/// key, in English in every page (marked so, for browsers and screen readers).
fn check_detail(lang: Lang, k: CheckKind, message: &str) -> Markup {
    html! {
        (check_label(lang, k)) ": "
        span lang="en" { (message) }
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "ok",
        Verdict::Invalid => "bad",
        Verdict::Undetermined => "unsure",
    }
}

fn verdict_symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "✓",
        Verdict::Invalid => "✗",
        Verdict::Undetermined => "?",
    }
}

fn checks_list(checks: &[Check], lang: Lang) -> Markup {
    html! {
        ul class="checks" {
            @for c in checks {
                li class=(outcome_class(c.outcome)) {
                    span class="sym" aria-hidden="true" { (symbol(c.outcome)) }
                    span class="sr" { (t(lang, outcome_word(c.outcome), &[])) ": " }
                    strong { (check_label(lang, c.kind)) } ": " span lang="en" { (c.message) }
                }
            }
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn endorser_label(l: Option<&LetterView>, issuer: &str, lang: Lang) -> String {
    match l.and_then(|l| l.issuer_name.clone()) {
        Some(name) => name,
        // A refused document: nothing was read from it, not even its issuer.
        None if issuer.is_empty() => t(lang, "unreadable-document", &[]),
        None => issuer.to_string(),
    }
}

fn verdict_box(v: Verdict, title: &str, lead: Option<String>, reasons: &[Markup]) -> Markup {
    html! {
        section class={"verdict " (verdict_class(v))} aria-labelledby="verdict" {
            h1 id="verdict" { span aria-hidden="true" { (verdict_symbol(v)) " " } (title) }
            @if let Some(lead) = lead { p { (lead) } }
            @if !reasons.is_empty() {
                ul { @for r in reasons { li { (r) } } }
            }
        }
    }
}

/// A reason under the headline: what it is about, then the check's detail.
fn check_reason(lang: Lang, about: &str, c: &Check) -> Markup {
    html! { (about) ": " (check_detail(lang, c.kind, &c.message)) }
}

fn letter_article(c: &CredentialReport, lang: Lang) -> Markup {
    let l = c.letter.as_ref();
    let name = endorser_label(l, &c.issuer, lang);
    let v = c.verdict();
    let kind = l.map(|l| l.kind).unwrap_or(CredentialKind::Other);
    let status = match (v, c.first_problem()) {
        (Verdict::Valid, _) => html! { (t(lang, "card-holds", &[])) },
        (Verdict::Invalid, Some(p)) => html! {
            (t(lang, "card-fails", &[])) " " (check_detail(lang, p.kind, &p.message))
        },
        (Verdict::Undetermined, Some(p)) => html! {
            (t(lang, "card-unsure", &[])) " " (check_detail(lang, p.kind, &p.message))
        },
        _ => html! { (t(lang, "card-fails-plain", &[])) },
    };
    let all_pass = c
        .checks
        .iter()
        .all(|k| matches!(k.outcome, Outcome::Pass | Outcome::Skipped));
    html! {
        article class="letter" {
            h3 {
                @match kind {
                    CredentialKind::Endorsement => { (t(lang, "card-letter-from", &[("name", Arg::Str(&name))])) }
                    CredentialKind::Badge => { (t(lang, "card-badge-from", &[("name", Arg::Str(&name))])) }
                    CredentialKind::Other => { (t(lang, "card-credential-from", &[("name", Arg::Str(&name))])) }
                }
            }
            p class={"status " (verdict_class(v))} { span aria-hidden="true" { (verdict_symbol(v)) " " } (status) }
            dl class="facts" {
                dt { (t(lang, "label-endorser", &[])) } dd { (name) }
                @if kind == CredentialKind::Endorsement {
                    @let role = match l.and_then(|l| l.role) {
                        Some(om_core::letter::Role::Mentor) => "role-mentor",
                        Some(om_core::letter::Role::Peer) => "role-peer",
                        None => "role-none",
                    };
                    dt { (t(lang, "label-role", &[])) } dd { (t(lang, role, &[])) }
                }
                @if let Some(s) = l.and_then(|l| l.subject_name.as_deref()) {
                    dt { (t(lang, "label-about", &[])) } dd { (s) }
                }
                @if let Some(a) = l.and_then(|l| l.achievement.as_deref()) {
                    dt { (t(lang, "label-achievement", &[])) } dd { (a) }
                }
                @if let Some(d) = l.and_then(|l| l.valid_from.as_deref()) {
                    dt { (t(lang, "label-date", &[])) } dd { (crate::i18n::date_in(lang, d)) }
                }
                @if let Some(d) = l.and_then(|l| l.valid_until.as_deref()) {
                    dt { (t(lang, "label-valid-until", &[])) } dd { (crate::i18n::date_in(lang, d)) }
                }
                dt { (t(lang, "label-did", &[])) } dd { code class="did" { (c.issuer) } }
            }
            @if kind == CredentialKind::Endorsement {
                @let line = crate::rule_text::letter_confirmation_in(lang, &c.confirmations);
                @let confirmed = c.confirmations.iter().any(|r| r.standing == Standing::Holds);
                p class={"confirmation " (if confirmed { "ok" } else { "unsure" })} { (line) }
            }
            @if let Some(text) = l.and_then(|l| l.text.as_deref()) {
                div class="text" { (PreEscaped(to_safe_html(text))) }
            }
            details open[!all_pass] {
                summary { (t(lang, "card-checks", &[])) }
                (checks_list(&c.checks, lang))
            }
        }
    }
}

fn presentation_fragment(r: &PresentationReport, teams: &TrustedTeams, lang: Lang) -> Markup {
    let verdict = r.verdict();
    let name = holder_name(r).unwrap_or_else(|| t(lang, "the-holder", &[]));
    let rule_summary = r
        .rule
        .as_ref()
        .map(|o| capitalize(&crate::rule_text::statement_in(lang, o)));
    let shows = |c: &Check| {
        c.outcome == Outcome::Fail
            || (verdict == Verdict::Undetermined && c.outcome == Outcome::Unknown)
    };
    let mut reasons: Vec<Markup> = Vec::new();
    let the_presentation = t(lang, "reason-presentation", &[]);
    for c in r
        .checks
        .iter()
        .filter(|c| c.kind != CheckKind::ProgrammeRule)
        .filter(|c| shows(c))
    {
        reasons.push(check_reason(lang, &the_presentation, c));
    }
    for cred in &r.credentials {
        let who = endorser_label(cred.letter.as_ref(), &cred.issuer, lang);
        let about = t(lang, "reason-letter", &[("name", Arg::Str(&who))]);
        for c in cred.checks.iter().filter(|c| shows(c)) {
            reasons.push(check_reason(lang, &about, c));
        }
    }
    let rule_reason = |s: &str| html! { (t(lang, "reason-rule", &[("statement", Arg::Str(s))])) };
    let status = r.rule.as_ref().map(|o| o.status);
    let (title, lead) = match verdict {
        Verdict::Valid if status == Some(RuleStatus::Complete) => {
            let rule = r.rule.as_ref().expect("complete");
            let mut teams: Vec<&str> = Vec::new();
            for e in &rule.endorsers {
                if let Some(c) = &e.confirmed_by {
                    let team = c.team_name.as_deref().unwrap_or(&c.team);
                    if !teams.contains(&team) {
                        teams.push(team);
                    }
                }
            }
            // Who confirms each writer, listed under the headline.
            reasons.extend(rule.endorsers.iter().filter_map(|e| {
                let c = e.confirmed_by.as_ref()?;
                let writer = e.name.as_deref().unwrap_or(&e.did);
                Some(html! {
                    (crate::rule_text::confirmed_line_in(lang, writer, &name, c)) "."
                })
            }));
            let and = format!(" {} ", t(lang, "rule-and", &[]));
            (
                t(
                    lang,
                    "headline-complete",
                    &[
                        ("name", Arg::Str(&name)),
                        ("teams", Arg::Str(&teams.join(&and))),
                    ],
                ),
                Some(format!(
                    "{} {}",
                    capitalize(&crate::rule_text::complete_details_in(lang, rule)),
                    t(lang, "lead-complete", &[("name", Arg::Str(&name))])
                )),
            )
        }
        Verdict::Valid => (
            t(lang, "headline-valid", &[("name", Arg::Str(&name))]),
            Some(t(lang, "lead-valid", &[])),
        ),
        _ if r.unsigned => {
            // What the letters would come to, were they proven to be theirs;
            // never the word "Complete" on an unproven set.
            if let (Some(o), Some(about)) = (&r.rule, r.presented_subject()) {
                let would = om_core::assessment::assess(&r.credentials, about, o.params);
                let said = if would.status == RuleStatus::Complete {
                    t(
                        lang,
                        "unsigned-would-complete",
                        &[
                            ("name", Arg::Str(&name)),
                            (
                                "details",
                                Arg::Str(&crate::rule_text::complete_details_in(lang, &would)),
                            ),
                        ],
                    )
                } else {
                    crate::rule_text::statement_in(lang, &would)
                };
                reasons.insert(
                    0,
                    html! { (t(lang, "unsigned-own-checks", &[("statement", Arg::Str(&said))])) },
                );
            }
            (
                t(lang, "headline-unsigned", &[("name", Arg::Str(&name))]),
                Some(t(lang, "lead-unsigned", &[("name", Arg::Str(&name))])),
            )
        }
        Verdict::Invalid if status == Some(RuleStatus::Unconfirmed) => {
            if let Some(s) = &rule_summary {
                reasons.insert(0, rule_reason(s));
            }
            (
                t(lang, "headline-unconfirmed", &[("name", Arg::Str(&name))]),
                Some(t(lang, "lead-unconfirmed", &[])),
            )
        }
        Verdict::Invalid => {
            let complete = r.rule.as_ref().is_some_and(|o| o.complete);
            if let (false, Some(s)) = (complete, &rule_summary) {
                reasons.insert(0, rule_reason(s));
            }
            (
                t(lang, "headline-not-complete", &[("name", Arg::Str(&name))]),
                Some(t(lang, "lead-why", &[])),
            )
        }
        Verdict::Undetermined => (
            t(lang, "headline-undetermined", &[]),
            Some(t(lang, "lead-undetermined", &[("name", Arg::Str(&name))])),
        ),
    };
    let now = Utc::now();
    html! {
        (verdict_box(verdict, &title, lead, &reasons))
        section aria-labelledby="letters" {
            h2 id="letters" { (t(lang, "letters-heading", &[("count", Arg::Num(r.credentials.len() as i64))])) }
            @if r.credentials.is_empty() { p { (t(lang, "no-letters", &[])) } }
            @for c in &r.credentials { (letter_article(c, lang)) }
        }
        section aria-labelledby="presentation" {
            h2 id="presentation" { (t(lang, "presentation-heading", &[])) }
            p { (t(lang, "shared-by", &[("name", Arg::Str(&name))])) " " code class="did" { (r.holder.as_deref().unwrap_or("—")) } }
            (checks_list(&r.checks, lang))
            @if teams.is_empty() {
                p class="note" { (t(lang, "teams-none", &[])) }
            } @else {
                p class="note" {
                    (t(lang, "teams-trusted", &[])) " "
                    @for (i, t) in teams.iter().enumerate() {
                        @if i > 0 { ", " }
                        code class="did" { (t) }
                    }
                }
            }
            @if let Some(rule) = &r.rule {
                @if !rule.ignored.is_empty() {
                    p { (t(lang, "not-counted", &[])) }
                    ul {
                        @for i in &rule.ignored {
                            li { code class="did" { (i.id) } ": " (crate::rule_text::ignored_reason_in(lang, i.reason)) }
                        }
                    }
                }
            }
            p class="note" {
                (t(lang, "checked-at", &[
                    ("date", Arg::Str(&crate::i18n::date_in(lang, &now.to_rfc3339()))),
                    ("time", Arg::Str(&now.format("%H:%M").to_string())),
                ]))
            }
        }
    }
}

fn credential_fragment(c: &CredentialReport, lang: Lang) -> Markup {
    let v = c.verdict();
    let name = endorser_label(c.letter.as_ref(), &c.issuer, lang);
    let reasons: Vec<Markup> = c
        .checks
        .iter()
        .filter(|k| {
            k.outcome == Outcome::Fail
                || (v == Verdict::Undetermined && k.outcome == Outcome::Unknown)
        })
        .map(|k| check_detail(lang, k.kind, &k.message))
        .collect();
    let title = match v {
        Verdict::Valid => t(lang, "single-valid", &[("name", Arg::Str(&name))]),
        Verdict::Invalid => t(lang, "single-invalid", &[("name", Arg::Str(&name))]),
        Verdict::Undetermined => t(lang, "headline-undetermined", &[]),
    };
    html! {
        (verdict_box(v, &title, Some(t(lang, "single-lead", &[])), &reasons))
        (letter_article(c, lang))
    }
}

/// The report fragment shared by share pages, inline links and the form.
pub fn report_fragment(state: &AppState, r: &AnyReport) -> Markup {
    report_fragment_in(state, r, Lang::En)
}

/// The report fragment, its verdict worded in `lang`.
pub fn report_fragment_in(state: &AppState, r: &AnyReport, lang: Lang) -> Markup {
    match r {
        AnyReport::Presentation(p) => presentation_fragment(p, &state.engine.teams, lang),
        AnyReport::Credential(c) => credential_fragment(c, lang),
    }
}

/// The report fragment in every language the pages offer, keyed by language
/// tag (stored with an answer, so that the employer may switch language).
pub fn report_fragments(state: &AppState, r: &AnyReport) -> Value {
    Value::Object(
        Lang::ALL
            .iter()
            .map(|l| {
                (
                    l.tag().to_string(),
                    Value::String(report_fragment_in(state, r, *l).into_string()),
                )
            })
            .collect(),
    )
}

fn upload_form(lang: Lang) -> Markup {
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

/// Links to the page in each language (this page's address with `?lang=`).
pub(crate) fn language_switcher(current: Lang) -> Markup {
    html! {
        nav class="no-print lang" aria-label=(t(current, "language-switch", &[])) {
            @for (i, l) in Lang::ALL.iter().enumerate() {
                @if i > 0 { " · " }
                @if *l == current {
                    strong lang=(l.tag()) { (t(*l, "language-name", &[])) }
                } @else {
                    a href={ "?lang=" (l.tag()) } lang=(l.tag()) hreflang=(l.tag()) { (t(*l, "language-name", &[])) }
                }
            }
        }
    }
}

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

/// A page saying why a document could not be checked: the title in the
/// reader's language, the detail as the checks word it (in English).
fn error_page(status: StatusCode, lang: Lang, title_id: &str, detail: &str) -> Response {
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
    let doc: Value = match om_core::jsonld::parse_json(&input) {
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

/// The waiting page's poller: asks `…/state` every 3 s and reloads the page
/// once the request is answered or gone (allowed by its hash in the CSP).
pub const POLL_SCRIPT: &str = "(function(){var u=location.pathname+'/state';setInterval(function(){fetch(u,{cache:'no-store'}).then(function(r){return r.ok?r.json():null}).then(function(s){if(!s||s.state!=='waiting'){location.reload()}}).catch(function(){})},3000)})();";

const INLINE_SCRIPT: &str = r#"
(function () {
  var out = document.getElementById('result');
  var say = function (h1, p) {
    var s = document.createElement('section'); s.className = 'verdict unsure';
    var h = document.createElement('h1'); h.textContent = h1;
    var q = document.createElement('p'); q.textContent = p;
    s.appendChild(h); s.appendChild(q); out.innerHTML = ''; out.appendChild(s);
  };
  var m = /(?:^#|&)vp=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) { say(out.dataset.noneTitle, out.dataset.noneText); return; }
  var lang = out.dataset.lang || 'en';
  fetch(new URL('inline/render?lang=' + encodeURIComponent(lang), location.href.split('#')[0].replace(/[^\/]*$/, '')), {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({payload: m[1]})
  }).then(function (r) {
    return r.text().then(function (t) { return {ok: r.ok, text: t}; });
  }).then(function (r) {
    if (r.ok) { out.innerHTML = r.text; return; }
    var detail = out.dataset.failedText;
    try { detail = JSON.parse(r.text).detail || detail; } catch (e) {}
    say(out.dataset.failedTitle, detail);
  }).catch(function () {
    say(out.dataset.offlineTitle, out.dataset.offlineText);
  });
})();
"#;

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
        Err(e) => return crate::problem::Problem::from(e).into_response(),
    };
    let Some(share) = share else {
        if as_json {
            return crate::problem::Problem::share_not_found().into_response();
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
            return crate::problem::Problem::internal().into_response();
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
                crate::problem::Problem::unprocessable(&e).into_response()
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
