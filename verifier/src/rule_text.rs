//! The programme rule's outcome in words for a third party such as an employer
//! ("the letters shown include …; still needed: …"). The verdict comes from
//! [`om_core::assessment`]; only the wording is the verifier's, in one place so
//! it can be translated.

use om_core::confirmation::{finding, ConfirmationReport, ConfirmedBy, ConfirmedRole, Finding};
use om_core::rule::{IgnoredReason, RuleOutcome, RuleStatus};

use crate::i18n::{t, Arg, Lang};

/// One sentence for the employer (in English: logs, the command line, JSON).
pub fn statement(o: &RuleOutcome) -> String {
    statement_in(Lang::En, o)
}

/// One sentence for the employer, in `lang` (`verifier/locales/`).
pub fn statement_in(lang: Lang, o: &RuleOutcome) -> String {
    let n = |v: usize| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    let have = format!(
        "{} {} {}",
        t(lang, "mentor-letters", &[("count", n(o.mentors))]),
        t(lang, "rule-and", &[]),
        t(lang, "peer-letters", &[("count", n(o.peers))])
    );
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
            &[("people", n(o.endorsers.len())), ("have", Arg::Str(&have))],
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

/// "Maria Okafor is Ana Lima's co-mentor, confirmed by Open Masters DC, until
/// 2027-06-30": who confirms a counted writer, for the employer.
pub fn confirmed_line(writer: &str, holder: &str, c: &ConfirmedBy) -> String {
    confirmed_line_in(Lang::En, writer, holder, c)
}

/// [`confirmed_line`] in `lang`.
pub fn confirmed_line_in(lang: Lang, writer: &str, holder: &str, c: &ConfirmedBy) -> String {
    let team = c.team_name.as_deref().unwrap_or(&c.team);
    let until = c.until.get(..10).unwrap_or(&c.until);
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
            ("until", Arg::Str(until)),
        ],
    )
}

/// What the confirmations a letter carries come to, for the employer: the one
/// that counts, or why none does (naming a team that signs one, if any).
pub fn letter_confirmation(confirmations: &[ConfirmationReport]) -> String {
    const OWN_WORD: &str = "The name and role are the writer's own statement.";
    match finding(confirmations) {
        Finding::Confirmed(v) => {
            let team = v.team_name.as_deref().unwrap_or(&v.team);
            let role = match v.role {
                ConfirmedRole::CoMentor => "a co-mentor of the participant",
                ConfirmedRole::Participant => "a participant",
            };
            format!(
                "Confirmed: {team} ({}), a team this verifier trusts, confirms the writer as {role}, until {}.",
                v.team,
                v.valid_until.format("%Y-%m-%d")
            )
        }
        Finding::Pending(r) => format!("Confirmation not yet checked: {} ({}).", r.reason, r.path),
        Finding::ByUntrustedTeams(teams) => format!(
            "Not confirmed by a team you trust: it carries a confirmation signed by {}, a team this verifier does not trust. {OWN_WORD}",
            teams
                .iter()
                .map(|v| format!("{} ({})", v.team_name.as_deref().unwrap_or("a team"), v.team))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Finding::NotConfirmed(Some(r)) => format!(
            "Not confirmed by a team you trust: {} ({}). {OWN_WORD}",
            r.reason, r.path
        ),
        Finding::NotConfirmed(None) => format!(
            "Not confirmed by a team you trust: the letter carries no team confirmation. {OWN_WORD}"
        ),
    }
}

/// Why a letter does not count, for the employer.
pub fn ignored_reason(r: IgnoredReason) -> &'static str {
    match r {
        IgnoredReason::NotVerified => "it did not pass every check",
        IgnoredReason::AboutSomeoneElse => "it is about someone other than the holder",
        IgnoredReason::SelfIssued => "it is self-issued: nobody can endorse themselves",
        IgnoredReason::SameEndorser => "another letter from the same endorser already counts",
        IgnoredReason::NotConfirmed => "not confirmed by a team you trust: no trusted team confirms its writer as a co-mentor or a participant",
        _ => "it does not count",
    }
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
