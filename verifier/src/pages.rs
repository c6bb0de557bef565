//! The server-rendered pages (maud): home with a paste/upload form, the
//! employer's report for shares and inline links. No JavaScript is needed
//! except for inline links (whose data is in the URL fragment).

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use om_core::confirmation::{Standing, TrustedTeams};
use om_core::credential::parse_date;
use om_core::letter::{CredentialKind, LetterView};
use om_core::report::{Check, CheckKind, CredentialReport, Outcome, PresentationReport, Verdict};
use om_core::rule::RuleStatus;
use serde_json::{json, Value};

use crate::app::AppState;
use crate::engine::{holder_name, symbol, AnyReport};
use crate::i18n::{t, Arg, Lang};
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
                header class="site" { a href="/" { "Open Masters · letter checker" } }
                main { (body) }
                footer {
                    p { "Open Masters Credentials verifier. Letters are W3C Verifiable Credentials; their signatures, dates and revocation status are checked by this service." }
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
fn print_parts(link: &str) -> Markup {
    html! {
        p class="no-print" { button type="button" id="print" hidden { "Print or save as PDF" } }
        section class="print-only" {
            h2 { "Check these letters again" }
            div class="qr" { (crate::qr::qr_svg(link)) }
            p { code { (link) } }
            p class="note" { "This printout proves nothing by itself. Scan the QR code or open the link: the letters' signatures, the participant's proof and the programme's confirmations are checked again, as they are now." }
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

pub(crate) fn html_page(status: StatusCode, title: &str, body: Markup) -> Response {
    html_page_in(status, Lang::En, title, body)
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
        Outcome::Pass => "passed",
        Outcome::Fail => "failed",
        Outcome::Unknown => "could not be checked",
        Outcome::Skipped => "not applicable",
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

fn checks_list(checks: &[Check]) -> Markup {
    html! {
        ul class="checks" {
            @for c in checks {
                li class=(outcome_class(c.outcome)) {
                    span class="sym" aria-hidden="true" { (symbol(c.outcome)) }
                    span class="sr" { (outcome_word(c.outcome)) ": " }
                    strong { (c.kind.label()) } ": " (c.message)
                }
            }
        }
    }
}

/// A date as the reader writes it ("5 December 2026", "5 de diciembre de 2026").
fn nice_date_in(lang: Lang, s: &str) -> String {
    use chrono::Datelike;
    parse_date(s)
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

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn endorser_label(l: Option<&LetterView>, issuer: &str) -> String {
    match l.and_then(|l| l.issuer_name.clone()) {
        Some(name) => name,
        // A refused document: nothing was read from it, not even its issuer.
        None if issuer.is_empty() => "an unreadable document".to_string(),
        None => issuer.to_string(),
    }
}

fn verdict_box(v: Verdict, title: &str, lead: Option<String>, reasons: &[String]) -> Markup {
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

fn letter_article(c: &CredentialReport, lang: Lang) -> Markup {
    let l = c.letter.as_ref();
    let name = endorser_label(l, &c.issuer);
    let v = c.verdict();
    let kind = l.map(|l| l.kind).unwrap_or(CredentialKind::Other);
    let status = match (v, c.first_problem()) {
        (Verdict::Valid, _) => t(lang, "card-holds", &[]),
        (Verdict::Invalid, Some(p)) => t(
            lang,
            "card-fails",
            &[(
                "reason",
                Arg::Str(&format!("{}: {}", p.kind.label(), p.message)),
            )],
        ),
        (Verdict::Undetermined, Some(p)) => t(
            lang,
            "card-unsure",
            &[(
                "reason",
                Arg::Str(&format!("{}: {}", p.kind.label(), p.message)),
            )],
        ),
        _ => t(lang, "card-fails-plain", &[]),
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
                    dt { (t(lang, "label-date", &[])) } dd { (nice_date_in(lang, d)) }
                }
                @if let Some(d) = l.and_then(|l| l.valid_until.as_deref()) {
                    dt { (t(lang, "label-valid-until", &[])) } dd { (nice_date_in(lang, d)) }
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
                (checks_list(&c.checks))
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
    let mut reasons = Vec::new();
    for c in r
        .checks
        .iter()
        .filter(|c| c.kind != CheckKind::ProgrammeRule)
    {
        if c.outcome == Outcome::Fail
            || (verdict == Verdict::Undetermined && c.outcome == Outcome::Unknown)
        {
            reasons.push(format!(
                "The presentation: {}: {}",
                c.kind.label(),
                c.message
            ));
        }
    }
    for cred in &r.credentials {
        let who = endorser_label(cred.letter.as_ref(), &cred.issuer);
        for c in &cred.checks {
            if c.outcome == Outcome::Fail
                || (verdict == Verdict::Undetermined && c.outcome == Outcome::Unknown)
            {
                reasons.push(format!(
                    "Letter from {who}: {}: {}",
                    c.kind.label(),
                    c.message
                ));
            }
        }
    }
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
                Some(format!(
                    "{}.",
                    crate::rule_text::confirmed_line_in(lang, writer, &name, c)
                ))
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
                    // The headline already says "Complete": the sentence
                    // goes on from what follows its first colon.
                    capitalize(
                        rule_summary
                            .as_deref()
                            .map(|s| s.split_once(": ").map_or(s, |(_, rest)| rest))
                            .unwrap_or_default()
                    ),
                    t(lang, "lead-complete", &[("name", Arg::Str(&name))])
                )),
            )
        }
        Verdict::Valid => (
            t(lang, "headline-valid", &[("name", Arg::Str(&name))]),
            Some(t(lang, "lead-valid", &[])),
        ),
        _ if r.unsigned => {
            // What the letters would come to, were they proven to be theirs.
            if let (Some(o), Some(about)) = (&r.rule, r.presented_subject()) {
                let would = om_core::assessment::assess(&r.credentials, about, o.params);
                let said = crate::rule_text::statement_in(Lang::En, &would);
                // Never the word "Complete" on an unproven set.
                let said = match said.strip_prefix("Complete: ") {
                    Some(rest) => {
                        format!("were they proven to be {name}'s, they would be complete: {rest}")
                    }
                    None => said,
                };
                reasons.insert(0, format!("On the letters' own checks: {said}"));
            }
            (
                t(lang, "headline-unsigned", &[("name", Arg::Str(&name))]),
                Some(t(lang, "lead-unsigned", &[("name", Arg::Str(&name))])),
            )
        }
        Verdict::Invalid if status == Some(RuleStatus::Unconfirmed) => {
            if let Some(s) = &rule_summary {
                reasons.insert(0, format!("Open Masters rule: {s}"));
            }
            (
                t(lang, "headline-unconfirmed", &[("name", Arg::Str(&name))]),
                Some(t(lang, "lead-unconfirmed", &[])),
            )
        }
        Verdict::Invalid => {
            let complete = r.rule.as_ref().is_some_and(|o| o.complete);
            if let (false, Some(s)) = (complete, &rule_summary) {
                reasons.insert(0, format!("Open Masters rule: {s}"));
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
    html! {
        (verdict_box(verdict, &title, lead, &reasons))
        section aria-labelledby="letters" {
            h2 id="letters" { (t(lang, "letters-heading", &[("count", Arg::Num(r.credentials.len() as i64))])) }
            @if r.credentials.is_empty() { p { "The presentation holds no letters." } }
            @for c in &r.credentials { (letter_article(c, lang)) }
        }
        section aria-labelledby="presentation" {
            h2 id="presentation" { "The presentation" }
            p { "Shared by " (name) ", whose identifier is " code class="did" { (r.holder.as_deref().unwrap_or("(none given)")) } "." }
            (checks_list(&r.checks))
            @if teams.is_empty() {
                p class="note" { "This verifier trusts no team to confirm who writers are, so no letter counts towards the Open Masters here." }
            } @else {
                p class="note" {
                    "Teams this verifier trusts to confirm co-mentors and participants: "
                    @for (i, t) in teams.iter().enumerate() {
                        @if i > 0 { ", " }
                        code class="did" { (t) }
                    }
                    "."
                }
            }
            @if let Some(rule) = &r.rule {
                @if !rule.ignored.is_empty() {
                    p { "Letters not counted towards the Open Masters rule:" }
                    ul {
                        @for i in &rule.ignored {
                            li { code class="did" { (i.id) } ": " (crate::rule_text::ignored_reason(i.reason)) }
                        }
                    }
                }
            }
            p class="note" { "Checked " (Utc::now().format("%-d %B %Y, %H:%M UTC")) "." }
        }
    }
}

fn credential_fragment(c: &CredentialReport) -> Markup {
    let v = c.verdict();
    let name = endorser_label(c.letter.as_ref(), &c.issuer);
    let mut reasons = Vec::new();
    for k in &c.checks {
        if k.outcome == Outcome::Fail
            || (v == Verdict::Undetermined && k.outcome == Outcome::Unknown)
        {
            reasons.push(format!("{}: {}", k.kind.label(), k.message));
        }
    }
    let title = match v {
        Verdict::Valid => format!("Valid: this letter from {name} holds"),
        Verdict::Invalid => format!("Not valid: this letter from {name} does not hold"),
        Verdict::Undetermined => "Could not be fully checked".to_string(),
    };
    let lead = Some(
        "This is a single letter. The Open Masters needs letters from several people; ask the participant for their share link to see the whole set."
            .to_string(),
    );
    html! {
        (verdict_box(v, &title, lead, &reasons))
        (letter_article(c, Lang::En))
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
        AnyReport::Credential(c) => credential_fragment(c),
    }
}

fn upload_form() -> Markup {
    html! {
        form method="post" action="/verify" enctype="multipart/form-data" {
            label for="file" { "Upload a file (.json)" }
            input id="file" type="file" name="file" accept=".json,application/json,application/ld+json";
            label for="document" { "…or paste it here (or a public link from the Learner Credential Wallet)" }
            textarea id="document" name="document" spellcheck="false" placeholder="{\"@context\": …}" {}
            button type="submit" { "Check" }
        }
    }
}

/// `?lang=` on a page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LangQuery {
    /// A language tag (`en`, `es`, `pt-BR`).
    pub lang: Option<String>,
}

/// Links to the page in each language (this page's address with `?lang=`).
fn language_switcher(current: Lang) -> Markup {
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
pub async fn home() -> Response {
    html_page(
        StatusCode::OK,
        "Check Open Masters letters",
        html! {
            h1 { "Check Open Masters letters" }
            p { "Open Masters participants collect signed letters of endorsement from mentors and peers. If you received a link or a QR code, just open it. You can also check a letter or a presentation file here." }
            p { a href="/ask" { "Ask a participant for their letters" } " — they answer from their wallet, for this request only." }
            (upload_form())
        },
    )
}

fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    html_page(
        status,
        title,
        html! {
            section class="verdict unsure" {
                h1 { (title) }
                p { (detail) }
            }
            h2 { "Check another file" }
            (upload_form())
        },
    )
}

/// `POST /verify` (multipart form: `file` or `document`)
pub async fn verify_form(
    State(state): State<AppState>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let mut text = String::new();
    let mut file = Vec::new();
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => {
            return error_page(
                StatusCode::BAD_REQUEST,
                "This form could not be read",
                &e.body_text(),
            )
        }
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
                            "This form could not be read",
                            &e.body_text(),
                        )
                    }
                }
            }
            Ok(None) => break,
            Err(e) => return error_page(e.status(), "This form could not be read", &e.body_text()),
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
            "Nothing to check",
            "Choose a file or paste a credential or presentation.",
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
                    .map(|r| report_fragment(&s, &r))
            })
            .await;
            return match result {
                Ok(Ok(fragment)) => html_page(StatusCode::OK, "Open Masters check", fragment),
                Ok(Err(reason)) => error_page(
                    StatusCode::BAD_REQUEST,
                    "This link cannot be checked",
                    &reason,
                ),
                Err(p) => error_page(p.status, p.title, &p.detail),
            };
        }
    }
    let doc: Value = match om_core::parse_json(&input) {
        Ok(v) => v,
        Err(e) => {
            return error_page(
                StatusCode::BAD_REQUEST,
                "This is not a credential file",
                &format!("It is not valid JSON: {e}"),
            )
        }
    };
    render_verified(&state, doc).await
}

async fn render_verified(state: &AppState, doc: Value) -> Response {
    let s = state.clone();
    let result = blocking(state, move |e| {
        e.verify_any(&doc, &publication_options())
            .map(|r| report_fragment(&s, &r))
    })
    .await;
    match result {
        Ok(Ok(fragment)) => html_page(StatusCode::OK, "Open Masters check", fragment),
        Ok(Err(e)) => error_page(
            StatusCode::BAD_REQUEST,
            "This document cannot be checked",
            &e.to_string(),
        ),
        Err(p) => error_page(p.status, p.title, &p.detail),
    }
}

/// The waiting page's poller: asks `…/state` every 3 s and reloads the page
/// once the request is answered or gone (allowed by its hash in the CSP).
pub const POLL_SCRIPT: &str = "(function(){var u=location.pathname+'/state';setInterval(function(){fetch(u,{cache:'no-store'}).then(function(r){return r.ok?r.json():null}).then(function(s){if(!s||s.state!=='waiting'){location.reload()}}).catch(function(){})},3000)})();";

const INLINE_SCRIPT: &str = r#"
(function () {
  var out = document.getElementById('result');
  var m = /(?:^#|&)vp=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) { out.innerHTML = '<section class="verdict unsure"><h1>No presentation in this link</h1><p>The link is incomplete. Ask the participant to share it again.</p></section>'; return; }
  fetch(new URL('inline/render', location.href.split('#')[0].replace(/[^\/]*$/, '')), {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({payload: m[1]})
  }).then(function (r) {
    return r.text().then(function (t) { return {ok: r.ok, text: t}; });
  }).then(function (r) {
    if (r.ok) { out.innerHTML = r.text; return; }
    var detail = 'The letters could not be checked.';
    try { detail = JSON.parse(r.text).detail || detail; } catch (e) {}
    var s = document.createElement('section'); s.className = 'verdict unsure';
    var h = document.createElement('h1'); h.textContent = 'This link could not be checked';
    var p = document.createElement('p'); p.textContent = detail;
    s.appendChild(h); s.appendChild(p); out.innerHTML = ''; out.appendChild(s);
  }).catch(function () {
    out.innerHTML = '<section class="verdict unsure"><h1>Could not reach the verifier</h1><p>Check your connection and reload the page.</p></section>';
  });
})();
"#;

/// `GET /v`: the inline-link page (the presentation is in the URL fragment).
pub async fn inline_page() -> Response {
    html_page(
        StatusCode::OK,
        "Open Masters check",
        html! {
            div id="result" aria-live="polite" {
                noscript {
                    style { ".js-only{display:none}" }
                    section class="verdict unsure" {
                        h1 { "This link needs JavaScript" }
                        p { "The letters are inside the link itself and are read by a small script in this page. Turn on JavaScript, or ask the participant for the presentation file and check it below." }
                    }
                    (upload_form())
                }
                p class="js-only" { "Checking the letters…" }
            }
            script { (PreEscaped(INLINE_SCRIPT)) }
        },
    )
}

/// `GET /s/{id}` (HTML) and `GET /s/{id}.json` (the JSON report).
pub async fn share(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: axum::http::HeaderMap,
) -> Response {
    let lang = Lang::negotiate(
        query.lang.as_deref(),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let (id, as_json) = match id.strip_suffix(".json") {
        Some(i) => (i.to_string(), true),
        None => (id, false),
    };
    let share = match state.store.get(&id).await {
        Ok(s) => s,
        Err(e) => return e.problem().into_response(),
    };
    let Some(share) = share else {
        if as_json {
            return crate::problem::Problem::share_not_found().into_response();
        }
        return html_page(
            StatusCode::NOT_FOUND,
            "Link expired or withdrawn",
            html! {
                section class="verdict unsure" {
                    h1 { "This link has expired or was withdrawn" }
                    p { "The participant may have withdrawn it, or it is older than its lifetime. Ask them for a new link." }
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
                        (print_parts(&link))
                    })
                }
            })
    })
    .await;
    match result {
        Ok(Ok(Ok(fragment))) => html_page_in(StatusCode::OK, lang, "Open Masters check", fragment),
        Ok(Ok(Err(json))) => ([(header::CACHE_CONTROL, "no-store")], Json(json)).into_response(),
        Ok(Err(e)) => {
            if as_json {
                crate::problem::Problem::unprocessable(&e).into_response()
            } else {
                error_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "This share cannot be checked",
                    &e.to_string(),
                )
            }
        }
        Err(p) => p.into_response(),
    }
}
