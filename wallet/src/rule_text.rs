//! The programme rule's outcome in words for the participant ("you have …; you
//! still need …"). The verdict itself comes from [`om_core::assessment`]; only the
//! wording is the wallet's, kept in one place so it can be translated.

use om_core::confirmation::{
    finding, ConfirmationReport, ConfirmedBy, ConfirmedRole, Finding, TrustedTeams,
};
use om_core::rule::{IgnoredReason, RuleOutcome, RuleStatus};

use crate::i18n::{t, Arg, Lang};

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What the participant has: "M mentor letter(s) and P peer letter(s)".
fn have(o: &RuleOutcome) -> String {
    format!(
        "{} and {}",
        plural(o.mentors, "mentor letter", "mentor letters"),
        plural(o.peers, "peer letter", "peer letters")
    )
}

/// What is still needed, one phrase per kind of letter (empty when complete).
pub fn missing(o: &RuleOutcome) -> Vec<String> {
    still_needed(o, "you")
}

/// [`missing`], with the participant named `whom` ("you", "the participant").
fn still_needed(o: &RuleOutcome, whom: &str) -> Vec<String> {
    let mut out = Vec::new();
    let n = o.needed.mentors;
    if n > 0 {
        out.push(if n == 1 {
            "1 letter from a mentor".to_string()
        } else {
            format!("{n} letters from {n} different mentors")
        });
    }
    let n = o.needed.others;
    if n > 0 {
        out.push(if n == 1 {
            format!(
                "1 more letter from someone who has not endorsed {whom} yet (a mentor or a peer)"
            )
        } else {
            format!("{n} more letters from {n} more people (a mentor or a peer)")
        });
    }
    out
}

/// One sentence for the participant.
pub fn summary(o: &RuleOutcome) -> String {
    let needed = missing(o).join(" and ");
    match o.status {
        RuleStatus::Complete => format!(
            "Complete: letters from {} different people, {}, each writer confirmed by a team you trust.",
            o.endorsers.len(),
            have(o)
        ),
        RuleStatus::Unconfirmed => format!(
            "Not confirmed: your letters would meet the rule only on their writers' own word; no team you trust confirms enough of the writers as your co-mentor or a participant (confirmed: {}). Ask the team that runs your cohort to confirm your writers, and trust that team (--trust DID).",
            have(o)
        ),
        RuleStatus::HolderNotProven => "Not complete: the holder's proof does not hold.".to_string(),
        RuleStatus::NotComplete => {
            format!("Not complete: you have {}; you still need {needed}.", have(o))
        }
        RuleStatus::CannotTellYet => format!(
            "Cannot tell yet: some of your letters could not be fully checked (try again later); if they hold, your letters are complete. Confirmed so far: {}.",
            have(o)
        ),
    }
}

/// [`summary`] in `lang` (`wallet/locales/`).
pub fn summary_in(lang: Lang, o: &RuleOutcome) -> String {
    let n = |v: usize| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    let and = format!(" {} ", t(lang, "and", &[]));
    let have = format!(
        "{}{and}{}",
        t(lang, "mentor-letters", &[("count", n(o.mentors))]),
        t(lang, "peer-letters", &[("count", n(o.peers))])
    );
    let missing = missing_in(lang, o).join(&and);
    match o.status {
        RuleStatus::Complete => t(
            lang,
            "check-complete",
            &[("people", n(o.endorsers.len())), ("have", Arg::Str(&have))],
        ),
        RuleStatus::Unconfirmed => t(lang, "check-unconfirmed", &[("have", Arg::Str(&have))]),
        RuleStatus::HolderNotProven => t(lang, "check-holder-not-proven", &[]),
        RuleStatus::NotComplete => t(
            lang,
            "check-not-complete",
            &[("have", Arg::Str(&have)), ("missing", Arg::Str(&missing))],
        ),
        RuleStatus::CannotTellYet => t(lang, "check-cannot-tell", &[("have", Arg::Str(&have))]),
    }
}

/// [`missing`] in `lang`.
pub fn missing_in(lang: Lang, o: &RuleOutcome) -> Vec<String> {
    let n = |v: usize| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    let mut out = Vec::new();
    if o.needed.mentors > 0 {
        out.push(t(lang, "need-mentors", &[("count", n(o.needed.mentors))]));
    }
    if o.needed.others > 0 {
        out.push(t(lang, "need-others", &[("count", n(o.needed.others))]));
    }
    out
}

/// The same verdict as [`summary`], for someone who reads the participant's
/// letters (the printed document): in the third person, and saying no more than
/// the check found.
pub fn summary_for_reader(o: &RuleOutcome) -> String {
    let needed = still_needed(o, "the participant").join(" and ");
    match o.status {
        RuleStatus::Complete => format!(
            "Complete: letters from {} different people, {}, each writer confirmed by a trusted team.",
            o.endorsers.len(),
            have(o)
        ),
        RuleStatus::Unconfirmed => format!(
            "Not confirmed: these letters would meet the programme's rule only on their writers' own word; no trusted team confirms enough of the writers as the participant's co-mentor or a participant (confirmed: {}).",
            have(o)
        ),
        RuleStatus::HolderNotProven => "Not complete: the holder's proof does not hold.".to_string(),
        RuleStatus::NotComplete => format!(
            "Not complete: {} count; still needed: {needed}.",
            have(o)
        ),
        RuleStatus::CannotTellYet => format!(
            "Cannot tell yet: some letters could not be fully checked; if they hold, the letters are complete. Confirmed so far: {}.",
            have(o)
        ),
    }
}

/// Which teams a check trusted to confirm writers, for a reader: by name where a
/// letter carries that team's confirmation, always with the DID.
pub fn trusted_for_reader(teams: &TrustedTeams, names: &[(String, String)]) -> String {
    if teams.is_empty() {
        return "The check trusted no team to confirm who the writers are, so no letter could count towards the programme's rule.".into();
    }
    let listed: Vec<String> = teams
        .iter()
        .map(|did| match names.iter().find(|(d, _)| d == did) {
            Some((_, name)) => format!("{name} ({did})"),
            None => did.to_string(),
        })
        .collect();
    format!(
        "Programme confirmations were trusted from: {}.",
        listed.join(", ")
    )
}

/// What a letter's confirmations come to, for a reader of the letters.
pub fn letter_confirmation_for_reader(confirmations: &[ConfirmationReport]) -> String {
    match finding(confirmations) {
        Finding::Confirmed(v) => {
            let team = v.team_name.as_deref().unwrap_or(&v.team);
            let until = v.valid_until.format("%Y-%m-%d");
            match v.role {
                ConfirmedRole::CoMentor => format!(
                    "{team}, a trusted team, confirms the writer as the participant's co-mentor (until {until})."
                ),
                ConfirmedRole::Participant => format!(
                    "{team}, a trusted team, confirms the writer as a participant of its cohort (until {until})."
                ),
            }
        }
        Finding::Pending(r) => format!("not checked yet: {}.", r.reason),
        Finding::ByUntrustedTeams(teams) => format!(
            "signed by {}, not a team the check trusted.",
            teams
                .iter()
                .map(|v| format!(
                    "{} ({})",
                    v.team_name.as_deref().unwrap_or("a team"),
                    v.team
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Finding::NotConfirmed(Some(r)) => format!("none by a trusted team: {}.", r.reason),
        Finding::NotConfirmed(None) => "the letter carries none.".into(),
    }
}

/// Whether a letter counts towards the rule, for a reader.
pub fn standing_for_reader(o: &RuleOutcome, id: &str, valid: bool) -> String {
    let counts = o
        .endorsers
        .iter()
        .any(|e| e.letters.iter().any(|l| l == id));
    match o.ignored.iter().find(|i| i.id == id) {
        None if counts => "it counts towards the programme's rule.".into(),
        None if !valid => "it did not pass every check.".into(),
        None => "the programme's rule does not count it (not a letter of endorsement).".into(),
        Some(i) if i.reason == IgnoredReason::NotConfirmed => {
            "it does not count: no trusted team confirms its writer.".into()
        }
        Some(i) => format!("it does not count: {}.", ignored_reason(i.reason)),
    }
}

/// Who confirms a letter's writer, or why nobody you trust does, for the participant.
pub fn letter_confirmation(confirmations: &[ConfirmationReport]) -> String {
    match finding(confirmations) {
        Finding::Confirmed(v) => describe(&ConfirmedBy::from_view(v)),
        Finding::Pending(r) => format!("confirmation not yet checked: {}", r.reason),
        Finding::ByUntrustedTeams(teams) => format!(
            "not confirmed by a team you trust (confirmed by {}; trust it with --trust DID if you do)",
            teams
                .iter()
                .map(|v| format!("{} ({})", v.team_name.as_deref().unwrap_or("a team"), v.team))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Finding::NotConfirmed(Some(r)) => {
            format!("not confirmed by a team you trust: {}", r.reason)
        }
        Finding::NotConfirmed(None) => {
            "not confirmed by a team you trust: the letter carries no team confirmation".into()
        }
    }
}

/// "your co-mentor, confirmed by Open Masters DC until 2027-06-30".
pub fn describe(c: &ConfirmedBy) -> String {
    let team = c.team_name.as_deref().unwrap_or(&c.team);
    let until = c.until.get(..10).unwrap_or(&c.until);
    match c.role {
        ConfirmedRole::CoMentor => format!("your co-mentor, confirmed by {team} until {until}"),
        ConfirmedRole::Participant => format!("a participant, confirmed by {team} until {until}"),
    }
}

/// Why a letter does not count, for the participant.
pub fn ignored_reason(r: IgnoredReason) -> &'static str {
    match r {
        IgnoredReason::NotVerified => "it did not pass every check",
        IgnoredReason::AboutSomeoneElse => "it is about someone else",
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
    fn one_peer_letter_needs_a_mentor() {
        let o = evaluate(&[], "did:h", RuleParams::default());
        assert_eq!(
            summary(&o),
            "Not complete: you have 0 mentor letters and 0 peer letters; you still need 1 letter from a mentor and 1 more letter from someone who has not endorsed you yet (a mentor or a peer)."
        );
    }
}
