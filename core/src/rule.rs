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

/// Why a letter did not count. Front ends word it for their reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum IgnoredReason {
    /// The letter did not pass every check.
    NotVerified,
    /// The letter is about someone other than the holder.
    AboutSomeoneElse,
    /// The letter is self-issued: nobody can endorse themselves.
    SelfIssued,
    /// Another letter from the same endorser already counts.
    SameEndorser,
}

/// A letter that did not count, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ignored {
    /// The credential id.
    pub id: String,
    /// Why.
    pub reason: IgnoredReason,
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

/// The rule's answer over a set of letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RuleStatus {
    /// The letters that passed every check complete the Open Masters.
    Complete,
    /// They do not, and letters that could not be fully checked would not change that.
    NotComplete,
    /// They do not, but letters that could not be fully checked (say, behind an
    /// unreachable status list) would complete the set if they hold.
    CannotTellYet,
}

/// What is still needed (both zero when complete).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Needed {
    /// Letters needed from mentors not yet counted.
    pub mentors: usize,
    /// Further letters needed from anyone (mentor or peer) not yet counted.
    pub others: usize,
}

/// The rule's outcome: structured, so each front end writes its own sentences
/// (the participant's "you still need …", the employer's "still needed: …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleOutcome {
    /// Complete, not complete, or cannot tell yet.
    pub status: RuleStatus,
    /// Whether the letters that passed every check complete the Open Masters
    /// (`status == Complete`).
    pub complete: bool,
    /// The thresholds used.
    pub params: RuleParams,
    /// Endorsers who count.
    pub endorsers: Vec<CountedEndorser>,
    /// Letters that do not count, and why.
    pub ignored: Vec<Ignored>,
    /// Counted endorsers who are mentors.
    pub mentors: usize,
    /// Counted endorsers who are peers.
    pub peers: usize,
    /// What is missing.
    pub needed: Needed,
}

/// Evaluates the rule for `holder` over `letters`, counting only verified ones.
/// The status is [`RuleStatus::Complete`] or [`RuleStatus::NotComplete`]; see
/// [`crate::assessment`] for the outcome over verification reports, which can
/// also be [`RuleStatus::CannotTellYet`].
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
            Some(IgnoredReason::NotVerified)
        } else if l.subject.as_deref() != Some(holder) {
            Some(IgnoredReason::AboutSomeoneElse)
        } else if l.endorser == holder {
            Some(IgnoredReason::SelfIssued)
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
                    reason: IgnoredReason::SameEndorser,
                });
            }
            e.mentor = mentor;
            e.letters.push(l.id.clone());
        } else {
            ignored.push(Ignored {
                id: l.id.clone(),
                reason: IgnoredReason::SameEndorser,
            });
        }
    }
    let endorsers: Vec<CountedEndorser> = by_endorser.into_values().collect();
    let mentors = endorsers.iter().filter(|e| e.mentor).count();
    let peers = endorsers.len() - mentors;
    let need_mentors = params.min_mentors.saturating_sub(mentors);
    let need_total = params
        .min_endorsers
        .saturating_sub(endorsers.len())
        .max(need_mentors);
    let needed = Needed {
        mentors: need_mentors,
        others: need_total - need_mentors,
    };
    let complete = needed == Needed::default();
    RuleOutcome {
        status: if complete {
            RuleStatus::Complete
        } else {
            RuleStatus::NotComplete
        },
        complete,
        params,
        endorsers,
        ignored,
        mentors,
        peers,
        needed,
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
        assert_eq!(o.status, RuleStatus::Complete);
        assert_eq!(o.needed, Needed::default());
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
        assert_eq!(o.status, RuleStatus::NotComplete);
        assert_eq!((o.mentors, o.peers), (0, 1));
        assert_eq!(
            o.needed,
            Needed {
                mentors: 1,
                others: 0
            }
        );
        let o = eval(&[letter("1", "did:m", Role::Mentor)]);
        assert!(!o.complete);
        assert_eq!(
            o.needed,
            Needed {
                mentors: 0,
                others: 1
            }
        );
    }

    #[test]
    fn two_peers_and_no_mentor() {
        let o = eval(&[
            letter("1", "did:p", Role::Peer),
            letter("2", "did:q", Role::Peer),
        ]);
        assert!(!o.complete);
        assert_eq!(
            o.needed,
            Needed {
                mentors: 1,
                others: 0
            }
        );
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
                reason: IgnoredReason::SameEndorser
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
        assert_eq!(o.ignored[0].reason, IgnoredReason::SelfIssued);
    }

    #[test]
    fn letter_about_someone_else_does_not_count() {
        let mut other = letter("2", "did:p", Role::Peer);
        other.subject = Some("did:key:someone-else".into());
        let o = eval(&[letter("1", "did:m", Role::Mentor), other]);
        assert!(!o.complete);
        assert_eq!(o.ignored[0].reason, IgnoredReason::AboutSomeoneElse);
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
        assert_eq!(
            o.needed,
            Needed {
                mentors: 1,
                others: 0
            }
        );
    }
}
