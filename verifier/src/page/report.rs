//! The verdict in words: the report of a presentation or a letter as the
//! employer reads it (headline, what it rests on, each letter's card and
//! checks), in the reader's language. Shared by every page that shows one.

use chrono::Utc;
use maud::{html, Markup, PreEscaped};
use om_core::confirmation::{Standing, TrustedTeams};
use om_core::letter::{CredentialKind, LetterView};
use om_core::report::{Check, CheckKind, CredentialReport, Outcome, PresentationReport, Verdict};
use om_core::rule::RuleStatus;
use serde_json::Value;

use crate::http::state::AppState;
use crate::page::i18n::{t, Arg, Lang};
use crate::page::markdown::to_safe_html;
use crate::verify::engine::{holder_name, symbol, AnyReport};

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
                    dt { (t(lang, "label-date", &[])) } dd { (crate::page::i18n::date_in(lang, d)) }
                }
                @if let Some(d) = l.and_then(|l| l.valid_until.as_deref()) {
                    dt { (t(lang, "label-valid-until", &[])) } dd { (crate::page::i18n::date_in(lang, d)) }
                }
                dt { (t(lang, "label-did", &[])) } dd { code class="did" { (c.issuer) } }
            }
            @if kind == CredentialKind::Endorsement {
                @let line = crate::page::rule_text::letter_confirmation_in(lang, &c.confirmations);
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
        .map(|o| capitalize(&crate::page::rule_text::statement_in(lang, o)));
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
                    (crate::page::rule_text::confirmed_line_in(lang, writer, &name, c)) "."
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
                    capitalize(&crate::page::rule_text::complete_details_in(lang, rule)),
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
                                Arg::Str(&crate::page::rule_text::complete_details_in(
                                    lang, &would,
                                )),
                            ),
                        ],
                    )
                } else {
                    crate::page::rule_text::statement_in(lang, &would)
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
                            li { code class="did" { (i.id) } ": " (crate::page::rule_text::ignored_reason_in(lang, i.reason)) }
                        }
                    }
                }
            }
            p class="note" {
                (t(lang, "checked-at", &[
                    ("date", Arg::Str(&crate::page::i18n::date_in(lang, &now.to_rfc3339()))),
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
