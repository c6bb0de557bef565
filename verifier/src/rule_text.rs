//! The programme rule's outcome in words for a third party such as an employer
//! ("the letters shown include …; still needed: …"). The verdict comes from
//! [`om_core::assessment`]; only the wording is the verifier's, in one place so
//! it can be translated.

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
            "Complete: letters from {} different people, {}.",
            o.endorsers.len(),
            have(o)
        ),
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

/// Why a letter does not count, for the employer.
pub fn ignored_reason(r: IgnoredReason) -> &'static str {
    match r {
        IgnoredReason::NotVerified => "it did not pass every check",
        IgnoredReason::AboutSomeoneElse => "it is about someone other than the holder",
        IgnoredReason::SelfIssued => "it is self-issued: nobody can endorse themselves",
        IgnoredReason::SameEndorser => "another letter from the same endorser already counts",
        _ => "it does not count",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use om_core::rule::{evaluate, MentorPolicy, RuleParams};

    #[test]
    fn the_employer_reads_the_third_person() {
        let o = evaluate(
            &[],
            "did:h",
            RuleParams::default(),
            &MentorPolicy::StatedRole,
        );
        let s = statement(&o);
        assert!(s.contains("who has not endorsed them yet"), "{s}");
        assert!(!s.contains("you"), "{s}");
    }
}
