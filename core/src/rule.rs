//! The Open Masters programme rule (see `specs/programme-rule.md`).
//!
//! A participant has completed the Open Masters when they hold letters of
//! endorsement from at least `min_endorsers` different people (default 2), at
//! least `min_mentors` of them mentors (default 1). Only letters that passed
//! every check count, and only when a team the verifier trusts confirms who
//! their writer is (a co-mentor of the participant, or a participant: see
//! [`crate::confirmation`]); letters about someone else, self-issued letters
//! and further letters from an endorser already counted do not add anything.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::confirmation::{ConfirmedBy, ConfirmedRole};
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
    /// What a trusted team confirms about its writer for this letter, if anything.
    pub confirmed: Option<ConfirmedBy>,
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
    /// No team the verifier trusts confirms its writer (as a co-mentor of the
    /// participant, or as a participant).
    NotConfirmed,
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
    /// Whether they count as a mentor (a letter stating "mentor" whose writer a
    /// trusted team confirms as a co-mentor of the participant).
    pub mentor: bool,
    /// Who confirms them, and as what.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<ConfirmedBy>,
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
    /// They do not, but letters or confirmations that could not be fully
    /// checked (say, behind an unreachable status list) would complete the set
    /// if they hold.
    CannotTellYet,
    /// The verified letters would meet the rule only if their writers were
    /// taken at their own word: no team the verifier trusts confirms enough of
    /// them. Never "complete".
    Unconfirmed,
    /// The letters would complete the set, but the presentation's own proof
    /// (the holder's signature and key) does not hold: nobody has shown that
    /// the person presenting them is their subject. Never "complete".
    HolderNotProven,
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
    /// Complete, not complete, cannot tell yet, unconfirmed or holder not proven.
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

/// Evaluates the rule for `holder` over `letters`, counting only verified
/// letters whose writer a trusted team confirms. The status is
/// [`RuleStatus::Complete`], [`RuleStatus::Unconfirmed`] (the verified letters
/// would complete the set on their writers' own word only) or
/// [`RuleStatus::NotComplete`]; see [`crate::assessment`] for the outcome over
/// verification reports, which can also be [`RuleStatus::CannotTellYet`].
pub fn evaluate(letters: &[RuleLetter], holder: &str, params: RuleParams) -> RuleOutcome {
    let mut outcome = count(letters, holder, params, false);
    if !outcome.complete && count(letters, holder, params, true).complete {
        outcome.status = RuleStatus::Unconfirmed;
    }
    outcome
}

/// One pass of the rule. With `stated`, every verified letter is taken at its
/// writer's word (the stated role decides who is a mentor): used only to tell
/// [`RuleStatus::Unconfirmed`] from [`RuleStatus::NotComplete`].
fn count(letters: &[RuleLetter], holder: &str, params: RuleParams, stated: bool) -> RuleOutcome {
    let mut ignored = Vec::new();
    let mut by_endorser: BTreeMap<&str, CountedEndorser> = BTreeMap::new();
    for l in letters {
        let reason = if !l.verified {
            Some(IgnoredReason::NotVerified)
        } else if l.subject.as_deref() != Some(holder) {
            Some(IgnoredReason::AboutSomeoneElse)
        } else if l.endorser == holder {
            Some(IgnoredReason::SelfIssued)
        } else if !stated && l.confirmed.is_none() {
            Some(IgnoredReason::NotConfirmed)
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
        let co_mentor = l
            .confirmed
            .as_ref()
            .is_some_and(|c| c.role == ConfirmedRole::CoMentor);
        let mentor = l.role == Some(Role::Mentor) && (stated || co_mentor);
        let e = by_endorser
            .entry(&l.endorser)
            .or_insert_with(|| CountedEndorser {
                did: l.endorser.clone(),
                name: l.endorser_name.clone(),
                mentor,
                confirmed_by: None,
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
            e.confirmed_by = l.confirmed.clone();
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

    fn confirmed(role: ConfirmedRole) -> Option<ConfirmedBy> {
        Some(ConfirmedBy {
            team: "did:key:team".into(),
            team_name: Some("Open Masters DC".into()),
            role,
            until: "2099-01-01T00:00:00Z".into(),
        })
    }

    /// A verified letter whose writer a trusted team confirms: a mentor letter's
    /// writer as a co-mentor of the holder, a peer letter's as a participant.
    fn letter(id: &str, endorser: &str, role: Role) -> RuleLetter {
        RuleLetter {
            id: id.into(),
            endorser: endorser.into(),
            endorser_name: None,
            role: Some(role),
            subject: Some(HOLDER.into()),
            verified: true,
            confirmed: confirmed(match role {
                Role::Mentor => ConfirmedRole::CoMentor,
                Role::Peer => ConfirmedRole::Participant,
            }),
        }
    }

    fn unconfirmed(id: &str, endorser: &str, role: Role) -> RuleLetter {
        RuleLetter {
            confirmed: None,
            ..letter(id, endorser, role)
        }
    }

    fn eval(letters: &[RuleLetter]) -> RuleOutcome {
        evaluate(letters, HOLDER, RuleParams::default())
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
    fn two_sock_puppets_are_never_complete() {
        // Two fresh key pairs calling themselves mentor and peer.
        let o = eval(&[
            unconfirmed("1", "did:m", Role::Mentor),
            unconfirmed("2", "did:p", Role::Peer),
        ]);
        assert!(!o.complete);
        assert_eq!(o.status, RuleStatus::Unconfirmed);
        assert!(o.endorsers.is_empty(), "{o:?}");
        assert!(o
            .ignored
            .iter()
            .all(|i| i.reason == IgnoredReason::NotConfirmed));
    }

    #[test]
    fn a_participant_confirmation_does_not_make_a_mentor() {
        // Stated mentor, but the team confirms only a participant: a peer letter.
        let mut m = letter("1", "did:m", Role::Mentor);
        m.confirmed = confirmed(ConfirmedRole::Participant);
        let o = eval(&[m, letter("2", "did:p", Role::Peer)]);
        assert!(!o.complete);
        assert_eq!((o.mentors, o.peers), (0, 2));
        assert_eq!(o.status, RuleStatus::Unconfirmed);
    }

    #[test]
    fn a_co_mentor_writing_as_a_peer_counts_as_a_peer() {
        let mut p = letter("2", "did:p", Role::Peer);
        p.confirmed = confirmed(ConfirmedRole::CoMentor);
        let o = eval(&[letter("1", "did:m", Role::Mentor), p]);
        assert!(o.complete);
        assert_eq!((o.mentors, o.peers), (1, 1));
    }

    #[test]
    fn one_confirmed_writer_and_one_unconfirmed_is_not_complete() {
        let o = eval(&[
            letter("1", "did:m", Role::Mentor),
            unconfirmed("2", "did:p", Role::Peer),
        ]);
        assert_eq!(o.status, RuleStatus::Unconfirmed);
        assert_eq!(o.endorsers.len(), 1);
        assert_eq!(
            o.endorsers[0].confirmed_by,
            confirmed(ConfirmedRole::CoMentor)
        );
        assert_eq!(
            o.ignored,
            vec![Ignored {
                id: "2".into(),
                reason: IgnoredReason::NotConfirmed
            }]
        );
    }

    #[test]
    fn unconfirmed_is_told_apart_from_not_complete() {
        let o = eval(&[unconfirmed("1", "did:p", Role::Peer)]);
        assert_eq!(o.status, RuleStatus::NotComplete);
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
        let o = evaluate(&letters, HOLDER, p);
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
