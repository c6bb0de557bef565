//! The programme rule's outcome in words for a third party such as an employer
//! ("the letters shown include …; still needed: …"). The verdict comes from
//! [`om_core::assessment`]; only the wording is the verifier's, in one place so
//! it can be translated.

use om_core::confirmation::{finding, ConfirmationReport, ConfirmedBy, ConfirmedRole, Finding};
use om_core::rule::{IgnoredReason, RuleOutcome, RuleStatus};

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn have(o: &RuleOutcome) -> String {
    format!(
        "{} and {}",
        plural(o.mentors, "mentor letter", "mentor letters"),
        plural(o.peers, "peer letter", "peer letters")
    )
}

/// What is still needed, in the third person (empty when complete).
pub fn missing(o: &RuleOutcome) -> Vec<String> {
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
            "1 more letter from someone who has not endorsed them yet (a mentor or a peer)"
                .to_string()
        } else {
            format!("{n} more letters from {n} more people (a mentor or a peer)")
        });
    }
    out
}

/// One sentence for the employer.
pub fn statement(o: &RuleOutcome) -> String {
    match o.status {
        RuleStatus::Complete => format!(
            "Complete: letters from {} different people, {}, each writer confirmed by a team this verifier trusts.",
            o.endorsers.len(),
            have(o)
        ),
        RuleStatus::Unconfirmed => format!(
            "Not confirmed: the letters would meet the rule only on their writers' own word; no team this verifier trusts confirms enough of the writers as a co-mentor or a participant (confirmed: {}).",
            have(o)
        ),
        RuleStatus::HolderNotProven => "Not complete: the presentation's own signature (the holder's proof) does not hold, so nothing shows that these letters belong to the person presenting them.".to_string(),
        RuleStatus::NotComplete => format!(
            "Not complete: the letters shown include {}; still needed: {}.",
            have(o),
            missing(o).join(" and ")
        ),
        RuleStatus::CannotTellYet => format!(
            "Cannot tell yet: some letters could not be fully checked; if they hold, the set is complete. Confirmed so far: {}.",
            have(o)
        ),
    }
}

/// "Maria Okafor is Ana Lima's co-mentor, confirmed by Open Masters DC, until
/// 2027-06-30": who confirms a counted writer, for the employer.
pub fn confirmed_line(writer: &str, holder: &str, c: &ConfirmedBy) -> String {
    let team = c.team_name.as_deref().unwrap_or(&c.team);
    let until = c.until.get(..10).unwrap_or(&c.until);
    match c.role {
        ConfirmedRole::CoMentor => {
            format!("{writer} is {holder}'s co-mentor, confirmed by {team}, until {until}")
        }
        ConfirmedRole::Participant => {
            format!("{writer} is a participant, confirmed by {team}, until {until}")
        }
    }
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
