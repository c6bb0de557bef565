//! The programme rule's outcome in words for a third party such as an employer
//! ("the letters shown include …; still needed: …"). The verdict comes from
//! [`om_core::assessment`]; only the wording is the verifier's, in one place so
//! it can be translated.

use om_core::confirmation::{finding, ConfirmationReport, ConfirmedBy, ConfirmedRole, Finding};
use om_core::rule::{IgnoredReason, RuleOutcome, RuleStatus};

use crate::page::i18n::{t, Arg, Lang};

/// One sentence for the employer (in English: logs, the command line, JSON).
pub fn statement(o: &RuleOutcome) -> String {
    statement_in(Lang::En, o)
}

/// One sentence for the employer, in `lang` (`verifier/locales/`).
pub fn statement_in(lang: Lang, o: &RuleOutcome) -> String {
    let n = |v: usize| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    let have = have_in(lang, o);
    let mut missing = Vec::new();
    if o.needed.mentors > 0 {
        missing.push(t(lang, "need-mentors", &[("count", n(o.needed.mentors))]));
    }
    if o.needed.others > 0 {
        missing.push(t(lang, "need-others", &[("count", n(o.needed.others))]));
    }
    let missing = missing.join(&format!(" {} ", t(lang, "rule-and", &[])));
    match o.status {
        RuleStatus::Complete => t(
            lang,
            "rule-complete",
            &[("details", Arg::Str(&complete_details_in(lang, o)))],
        ),
        RuleStatus::Unconfirmed => t(lang, "rule-unconfirmed", &[("have", Arg::Str(&have))]),
        RuleStatus::HolderNotProven => t(lang, "rule-holder-not-proven", &[]),
        RuleStatus::NotComplete => t(
            lang,
            "rule-not-complete",
            &[("have", Arg::Str(&have)), ("missing", Arg::Str(&missing))],
        ),
        RuleStatus::CannotTellYet => t(lang, "rule-cannot-tell", &[("have", Arg::Str(&have))]),
    }
}

/// What a complete set holds, without the word "Complete" ("letters from 2
/// different people, 1 mentor letter and 1 peer letter, each writer confirmed
/// by a team this verifier trusts."), for sentences that say it otherwise.
pub fn complete_details_in(lang: Lang, o: &RuleOutcome) -> String {
    let n = |v: usize| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    t(
        lang,
        "rule-complete-details",
        &[
            ("people", n(o.endorsers.len())),
            ("have", Arg::Str(&have_in(lang, o))),
        ],
    )
}

/// "1 mentor letter and 1 peer letter", in `lang`.
fn have_in(lang: Lang, o: &RuleOutcome) -> String {
    let n = |v: usize| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    format!(
        "{} {} {}",
        t(lang, "mentor-letters", &[("count", n(o.mentors))]),
        t(lang, "rule-and", &[]),
        t(lang, "peer-letters", &[("count", n(o.peers))])
    )
}

/// "Maria Okafor is Ana Lima's co-mentor, confirmed by Open Masters DC, until
/// 2027-06-30": who confirms a counted writer, for the employer.
pub fn confirmed_line(writer: &str, holder: &str, c: &ConfirmedBy) -> String {
    confirmed_line_in(Lang::En, writer, holder, c)
}

/// [`confirmed_line`] in `lang`.
pub fn confirmed_line_in(lang: Lang, writer: &str, holder: &str, c: &ConfirmedBy) -> String {
    let team = c.team_name.as_deref().unwrap_or(&c.team);
    let until = crate::page::i18n::date_in(lang, &c.until);
    let id = match c.role {
        ConfirmedRole::CoMentor => "confirmed-co-mentor",
        ConfirmedRole::Participant => "confirmed-participant",
    };
    t(
        lang,
        id,
        &[
            ("writer", Arg::Str(writer)),
            ("holder", Arg::Str(holder)),
            ("team", Arg::Str(team)),
            ("until", Arg::Str(&until)),
        ],
    )
}

/// What the confirmations a letter carries come to, for the employer: the one
/// that counts, or why none does (naming a team that signs one, if any).
pub fn letter_confirmation(confirmations: &[ConfirmationReport]) -> String {
    letter_confirmation_in(Lang::En, confirmations)
}

/// [`letter_confirmation`] in `lang` (the reasons that come from the checks
/// themselves stay as the checks word them).
pub fn letter_confirmation_in(lang: Lang, confirmations: &[ConfirmationReport]) -> String {
    match finding(confirmations) {
        Finding::Confirmed(v) => {
            let team = v.team_name.as_deref().unwrap_or(&v.team);
            let role = match v.role {
                ConfirmedRole::CoMentor => t(lang, "conf-role-co-mentor", &[]),
                ConfirmedRole::Participant => t(lang, "conf-role-participant", &[]),
            };
            let until = crate::page::i18n::date_in(lang, &v.valid_until.to_rfc3339());
            t(
                lang,
                "conf-confirmed",
                &[
                    ("team", Arg::Str(team)),
                    ("did", Arg::Str(&v.team)),
                    ("role", Arg::Str(&role)),
                    ("until", Arg::Str(&until)),
                ],
            )
        }
        Finding::Pending(r) => t(
            lang,
            "conf-pending",
            &[("reason", Arg::Str(&r.reason)), ("path", Arg::Str(&r.path))],
        ),
        Finding::ByUntrustedTeams(teams) => {
            let a_team = t(lang, "conf-a-team", &[]);
            let teams = teams
                .iter()
                .map(|v| format!("{} ({})", v.team_name.as_deref().unwrap_or(&a_team), v.team))
                .collect::<Vec<_>>()
                .join(", ");
            t(lang, "conf-untrusted", &[("teams", Arg::Str(&teams))])
        }
        Finding::NotConfirmed(Some(r)) => t(
            lang,
            "conf-refused",
            &[("reason", Arg::Str(&r.reason)), ("path", Arg::Str(&r.path))],
        ),
        Finding::NotConfirmed(None) => t(lang, "conf-none", &[]),
    }
}

/// [`ignored_reason`] in `lang`.
pub fn ignored_reason_in(lang: Lang, r: IgnoredReason) -> String {
    let id = match r {
        IgnoredReason::NotVerified => "ignored-not-verified",
        IgnoredReason::AboutSomeoneElse => "ignored-about-someone-else",
        IgnoredReason::SelfIssued => "ignored-self-issued",
        IgnoredReason::SameEndorser => "ignored-same-endorser",
        IgnoredReason::NotConfirmed => "ignored-not-confirmed",
        _ => "ignored-other",
    };
    t(lang, id, &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use om_core::rule::{evaluate, RuleParams};

    #[test]
    fn the_employer_reads_the_third_person() {
        let o = evaluate(&[], "did:h", RuleParams::default());
        let s = statement(&o);
        assert!(s.contains("who has not endorsed them yet"), "{s}");
        assert!(!s.contains("you"), "{s}");
    }
}
