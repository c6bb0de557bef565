//! The Open Masters programme rule (see `specs/programme-rule.md`).
//!
//! A participant has completed the Open Masters when they hold letters of
//! endorsement from at least `min_endorsers` different people (default 2), at
//! least `min_mentors` of them mentors (default 1). Only letters that passed
//! every check count; letters about someone else, self-issued letters and
//! further letters from an endorser already counted do not add anything.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::letter::Role;

/// The thresholds of the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleParams {
    /// Distinct endorsers needed.
    pub min_endorsers: usize,
    /// Distinct mentors among them.
    pub min_mentors: usize,
}

impl Default for RuleParams {
    fn default() -> Self {
        Self {
            min_endorsers: 2,
            min_mentors: 1,
        }
    }
}

/// Who counts as a mentor.
#[derive(Debug, Clone, Default)]
pub enum MentorPolicy {
    /// The letter's own signed statement of the role.
    #[default]
    StatedRole,
    /// Exactly the endorsers on this list (DIDs), whatever their letters state.
    Trusted(HashSet<String>),
}

impl MentorPolicy {
    /// Whether a letter by `endorser` stating `role` counts as a mentor's.
    pub fn is_mentor(&self, endorser: &str, role: Option<Role>) -> bool {
        match self {
            Self::StatedRole => role == Some(Role::Mentor),
            Self::Trusted(list) => list.contains(endorser),
        }
    }
}

/// One letter offered to the rule.
#[derive(Debug, Clone)]
pub struct RuleLetter {
    /// The credential id (for the explanation).
    pub id: String,
    /// The endorser's DID.
    pub endorser: String,
    /// The endorser's stated name.
    pub endorser_name: Option<String>,
    /// The stated role.
    pub role: Option<Role>,
    /// The subject's DID.
    pub subject: Option<String>,
    /// Whether it passed every check.
    pub verified: bool,
}

/// Why a letter did not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ignored {
    /// The credential id.
    pub id: String,
    /// Why.
    pub reason: String,
}

/// An endorser who counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountedEndorser {
    /// Their DID.
    pub did: String,
    /// Their stated name.
    pub name: Option<String>,
    /// Whether they count as a mentor.
    pub mentor: bool,
    /// The one letter of theirs that counts (a mentor letter if they wrote one).
    pub letters: Vec<String>,
}

/// The rule's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleOutcome {
    /// Whether the set completes the Open Masters.
    pub complete: bool,
    /// The thresholds used.
    pub params: RuleParams,
    /// Endorsers who count.
    pub endorsers: Vec<CountedEndorser>,
    /// Letters that do not count, and why.
    pub ignored: Vec<Ignored>,
    /// What is missing, in plain words (empty when complete).
    pub missing: Vec<String>,
    /// One sentence for the participant ("you have …; you still need …").
    pub summary: String,
    /// The same for a third party such as an employer ("the letters shown include …").
    pub statement: String,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

const SAME_ENDORSER: &str = "another letter from the same endorser already counts";

/// Evaluates the rule for `holder` over `letters`.
pub fn evaluate(
    letters: &[RuleLetter],
    holder: &str,
    params: RuleParams,
    policy: &MentorPolicy,
) -> RuleOutcome {
    let mut ignored = Vec::new();
    let mut by_endorser: BTreeMap<&str, CountedEndorser> = BTreeMap::new();
    for l in letters {
        let reason = if !l.verified {
            Some("it did not pass every check".to_string())
        } else if l.subject.as_deref() != Some(holder) {
            Some("it is about someone else".to_string())
        } else if l.endorser == holder {
            Some("it is self-issued: nobody can endorse themselves".to_string())
        } else {
            None
        };
        if let Some(reason) = reason {
            ignored.push(Ignored {
                id: l.id.clone(),
                reason,
            });
            continue;
        }
        let mentor = policy.is_mentor(&l.endorser, l.role);
        let e = by_endorser
            .entry(&l.endorser)
            .or_insert_with(|| CountedEndorser {
                did: l.endorser.clone(),
                name: l.endorser_name.clone(),
                mentor,
                letters: vec![],
            });
        // One letter counts per endorser: a mentor's letter if they wrote one.
        if e.letters.is_empty() || (mentor && !e.mentor) {
            if let Some(previous) = e.letters.pop() {
                ignored.push(Ignored {
                    id: previous,
                    reason: SAME_ENDORSER.into(),
                });
            }
            e.mentor = mentor;
            e.letters.push(l.id.clone());
        } else {
            ignored.push(Ignored {
                id: l.id.clone(),
                reason: SAME_ENDORSER.into(),
            });
        }
    }
    let endorsers: Vec<CountedEndorser> = by_endorser.into_values().collect();
    let mentors = endorsers.iter().filter(|e| e.mentor).count();
    let peers = endorsers.len() - mentors;
    let mut missing = Vec::new();
    let need_mentors = params.min_mentors.saturating_sub(mentors);
    let need_total = params
        .min_endorsers
        .saturating_sub(endorsers.len())
        .max(need_mentors);
    if need_mentors > 0 {
        missing.push(format!(
            "{} from {}",
            plural(need_mentors, "letter", "letters"),
            if need_mentors == 1 {
                "a mentor".to_string()
            } else {
                format!("{need_mentors} different mentors")
            }
        ));
    }
    let need_others = need_total - need_mentors;
    if need_others > 0 {
        missing.push(format!(
            "{} from {} (a mentor or a peer)",
            plural(need_others, "more letter", "more letters"),
            if need_others == 1 {
                "someone who has not endorsed you yet".to_string()
            } else {
                format!("{need_others} more people")
            }
        ));
    }
    let complete = missing.is_empty();
    let have = format!(
        "{} and {}",
        plural(mentors, "mentor letter", "mentor letters"),
        plural(peers, "peer letter", "peer letters")
    );
    let (summary, statement) = if complete {
        let s = format!(
            "Complete: letters from {} different people, {have}.",
            endorsers.len()
        );
        (s.clone(), s)
    } else {
        let needed = missing.join(" and ");
        (
            format!("Not complete: you have {have}; you still need {needed}."),
            format!(
                "Not complete: the letters shown include {have}; still needed: {}.",
                needed.replace("endorsed you", "endorsed them")
            ),
        )
    };
    RuleOutcome {
        complete,
        params,
        endorsers,
        ignored,
        missing,
        summary,
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLDER: &str = "did:key:holder";

    fn letter(id: &str, endorser: &str, role: Role) -> RuleLetter {
        RuleLetter {
            id: id.into(),
            endorser: endorser.into(),
            endorser_name: None,
            role: Some(role),
            subject: Some(HOLDER.into()),
            verified: true,
        }
    }

    fn eval(letters: &[RuleLetter]) -> RuleOutcome {
        evaluate(
            letters,
            HOLDER,
            RuleParams::default(),
            &MentorPolicy::StatedRole,
        )
    }

    #[test]
    fn mentor_and_peer_complete_it() {
        let o = eval(&[
            letter("1", "did:m", Role::Mentor),
            letter("2", "did:p", Role::Peer),
        ]);
        assert!(o.complete, "{o:?}");
        assert!(o.missing.is_empty());
        assert!(o.summary.starts_with("Complete"), "{}", o.summary);
    }

    #[test]
    fn two_mentors_complete_it() {
        assert!(
            eval(&[
                letter("1", "did:m", Role::Mentor),
                letter("2", "did:n", Role::Mentor)
            ])
            .complete
        );
    }

    #[test]
    fn one_letter_is_not_enough() {
        let o = eval(&[letter("1", "did:p", Role::Peer)]);
        assert!(!o.complete);
        assert_eq!(o.summary, "Not complete: you have 0 mentor letters and 1 peer letter; you still need 1 letter from a mentor.");
        assert_eq!(
            o.statement,
            "Not complete: the letters shown include 0 mentor letters and 1 peer letter; still needed: 1 letter from a mentor."
        );
        let o = eval(&[letter("1", "did:m", Role::Mentor)]);
        assert!(!o.complete);
        assert!(
            o.summary
                .contains("1 more letter from someone who has not endorsed you yet"),
            "{}",
            o.summary
        );
    }

    #[test]
    fn two_peers_and_no_mentor() {
        let o = eval(&[
            letter("1", "did:p", Role::Peer),
            letter("2", "did:q", Role::Peer),
        ]);
        assert!(!o.complete);
        assert_eq!(o.missing, vec!["1 letter from a mentor"]);
    }

    #[test]
    fn two_letters_from_one_mentor_count_once() {
        let o = eval(&[
            letter("1", "did:m", Role::Mentor),
            letter("2", "did:m", Role::Mentor),
        ]);
        assert!(!o.complete);
        assert_eq!(o.endorsers.len(), 1);
        assert_eq!(o.ignored[0].id, "2");
    }

    #[test]
    fn an_ignored_second_letter_cannot_change_the_role_that_counts() {
        let o = eval(&[
            letter("1", "did:p", Role::Peer),
            letter("2", "did:p", Role::Mentor),
        ]);
        assert!(!o.complete);
        assert_eq!(o.endorsers.len(), 1);
        assert_eq!(
            o.endorsers[0].letters,
            vec!["2"],
            "the mentor letter is the one that counts"
        );
        assert_eq!(
            o.ignored,
            vec![Ignored {
                id: "1".into(),
                reason: SAME_ENDORSER.into()
            }]
        );
        let o = eval(&[
            letter("1", "did:m", Role::Mentor),
            letter("2", "did:m", Role::Peer),
            letter("3", "did:p", Role::Peer),
        ]);
        assert!(o.complete);
        assert_eq!(
            o.endorsers
                .iter()
                .find(|e| e.did == "did:m")
                .unwrap()
                .letters,
            vec!["1"]
        );
    }

    #[test]
    fn self_issued_letter_does_not_count() {
        let o = eval(&[
            letter("1", "did:m", Role::Mentor),
            letter("2", HOLDER, Role::Peer),
        ]);
        assert!(!o.complete);
        assert!(o.ignored[0].reason.contains("self-issued"));
    }

    #[test]
    fn letter_about_someone_else_does_not_count() {
        let mut other = letter("2", "did:p", Role::Peer);
        other.subject = Some("did:key:someone-else".into());
        let o = eval(&[letter("1", "did:m", Role::Mentor), other]);
        assert!(!o.complete);
        assert!(o.ignored[0].reason.contains("someone else"));
    }

    #[test]
    fn unverified_letters_do_not_count() {
        let mut bad = letter("2", "did:p", Role::Peer);
        bad.verified = false;
        assert!(!eval(&[letter("1", "did:m", Role::Mentor), bad]).complete);
    }

    #[test]
    fn trusted_list_decides_who_is_a_mentor() {
        let letters = [
            letter("1", "did:m", Role::Mentor),
            letter("2", "did:p", Role::Peer),
        ];
        let trusted = MentorPolicy::Trusted(["did:p".to_string()].into());
        let o = evaluate(&letters, HOLDER, RuleParams::default(), &trusted);
        assert!(o.complete);
        assert!(
            o.endorsers
                .iter()
                .find(|e| e.did == "did:p")
                .unwrap()
                .mentor
        );
        assert!(
            !o.endorsers
                .iter()
                .find(|e| e.did == "did:m")
                .unwrap()
                .mentor
        );
        let nobody = MentorPolicy::Trusted(HashSet::new());
        assert!(!evaluate(&letters, HOLDER, RuleParams::default(), &nobody).complete);
    }

    #[test]
    fn thresholds_are_parameters() {
        let letters = [
            letter("1", "did:m", Role::Mentor),
            letter("2", "did:p", Role::Peer),
        ];
        let p = RuleParams {
            min_endorsers: 3,
            min_mentors: 2,
        };
        let o = evaluate(&letters, HOLDER, p, &MentorPolicy::StatedRole);
        assert!(!o.complete);
        assert_eq!(o.missing, vec!["1 letter from a mentor"]);
    }
}
