//! The programme rule assessed once, from verification reports: complete, not
//! complete, or cannot tell yet. Every front end (the wallet's `check`, the
//! verifier's CLI, API and pages) takes its verdict from here.

use crate::confirmation::{self, Standing};
use crate::letter::CredentialKind;
use crate::report::{Check, CheckKind, CredentialReport, Verdict};
use crate::rule::{evaluate, RuleLetter, RuleOutcome, RuleParams, RuleStatus};

/// The letters among `reports`, each counted as verified when `counts` says
/// so; `hopeful` also takes confirmations that could not be fully checked.
fn letters_of(
    reports: &[CredentialReport],
    counts: impl Fn(&CredentialReport) -> bool,
    hopeful: bool,
) -> Vec<RuleLetter> {
    reports
        .iter()
        .filter_map(|r| {
            let l = r
                .letter
                .as_ref()
                .filter(|l| l.kind == CredentialKind::Endorsement)?;
            Some(RuleLetter {
                id: r.id.clone().unwrap_or_default(),
                endorser: r.issuer.clone(),
                endorser_name: l.issuer_name.clone(),
                role: l.role,
                subject: l.subject_id.clone(),
                verified: counts(r),
                confirmed: confirmation::best(&r.confirmations, |c| {
                    c.standing == Standing::Holds
                        || (hopeful && c.standing == Standing::Undetermined)
                }),
            })
        })
        .collect()
}

/// Assesses the rule for `holder` over the reports of their credentials.
///
/// Only letters whose verdict is valid count, and only with a confirmation
/// that holds (see [`crate::confirmation`]). When they do not complete the
/// set, the rule is evaluated a second time also counting the letters and the
/// confirmations that could not be fully checked (verdict undetermined,
/// typically an unreachable status list): if that would complete the set, the
/// status is [`RuleStatus::CannotTellYet`], so an outage never looks like a
/// failed candidate.
pub fn assess(reports: &[CredentialReport], holder: &str, params: RuleParams) -> RuleOutcome {
    let mut outcome = evaluate(
        &letters_of(reports, CredentialReport::is_valid, false),
        holder,
        params,
    );
    if !outcome.complete {
        let hopeful = letters_of(reports, |r| r.verdict() != Verdict::Invalid, true);
        if evaluate(&hopeful, holder, params).complete {
            outcome.status = RuleStatus::CannotTellYet;
        }
    }
    outcome
}

/// The outcome once the presentation's own proof is known: when the holder's
/// signature or key binding does not hold, nothing is complete (nor "could be"),
/// whatever the letters say.
pub fn require_holder_proof(mut outcome: RuleOutcome, holder_proven: bool) -> RuleOutcome {
    if !holder_proven && outcome.status != RuleStatus::NotComplete {
        outcome.status = RuleStatus::HolderNotProven;
        outcome.complete = false;
    }
    outcome
}

/// The `programmeRule` check of a presentation report: passes when complete,
/// unknown when it cannot tell yet, fails otherwise. Its message states the
/// facts in neutral words; front ends write their own sentences from the outcome.
pub fn rule_check(outcome: &RuleOutcome) -> Check {
    let counted = format!(
        "{} counted endorser(s), {} of them mentor(s); {} needed, {} of them mentor(s)",
        outcome.endorsers.len(),
        outcome.mentors,
        outcome.params.min_endorsers,
        outcome.params.min_mentors
    );
    match outcome.status {
        RuleStatus::Complete => Check::pass(CheckKind::ProgrammeRule, format!("Complete: {counted}.")),
        RuleStatus::NotComplete => {
            Check::fail(CheckKind::ProgrammeRule, format!("Not complete: {counted}."))
        }
        RuleStatus::CannotTellYet => Check::unknown(
            CheckKind::ProgrammeRule,
            format!(
                "Cannot tell yet: some letters or confirmations could not be fully checked; if they hold, the set is complete ({counted})."
            ),
        ),
        RuleStatus::Unconfirmed => Check::fail(
            CheckKind::ProgrammeRule,
            format!(
                "Not confirmed: the letters meet the rule only on their writers' own word; no team this verifier trusts confirms enough of the writers ({counted})."
            ),
        ),
        RuleStatus::HolderNotProven => Check::fail(
            CheckKind::ProgrammeRule,
            format!(
                "Not complete: the presentation's holder proof does not hold, so nothing shows that these letters are the presenter's ({counted})."
            ),
        ),
    }
}
