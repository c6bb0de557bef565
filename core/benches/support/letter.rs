//! A signed Open Badges 3.0 letter for the benchmarks and `verify_cost`
//! (included by both with `#[path]`, so they measure the same document), and
//! what both assert of a presentation's report.

use chrono::{Duration, Utc};
use om_core::keys::KeyPair;
use om_core::letter::{LetterDraft, LetterFormat, Profile, Role};
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use serde_json::Value;

/// A letter from `endorser` about `holder`, signed with `suite`.
pub fn letter(
    di: &DataIntegrity,
    endorser: &KeyPair,
    role: Role,
    holder: &str,
    suite: Cryptosuite,
) -> Value {
    let d = LetterDraft {
        id: om_core::letter::new_credential_id(),
        endorser: Profile {
            id: endorser.controller().into(),
            name: "Maria Mentor".into(),
            url: Some("https://maria.example".into()),
            ..Default::default()
        },
        role,
        subject_id: holder.into(),
        subject_name: "Ana Lima".into(),
        text: "Ana facilitated twelve learning circles and mentored three newcomers. ".repeat(8),
        format: LetterFormat::Ob3,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: Some(Utc::now() + Duration::days(365)),
        status: None,
    };
    di.sign(
        &d.to_credential().unwrap(),
        endorser,
        &ProofOptions::assertion(suite),
    )
    .unwrap()
}

/// Every letter and the holder proof hold, and the rule's only objection is
/// that no trusted team confirms the writers.
pub fn every_check_holds_but_confirmation(r: &om_core::report::PresentationReport) -> bool {
    use om_core::report::{CheckKind, Outcome};
    r.credentials.iter().all(|c| c.is_valid())
        && r.checks
            .iter()
            .filter(|c| c.kind != CheckKind::ProgrammeRule)
            .all(|c| matches!(c.outcome, Outcome::Pass | Outcome::Skipped))
        && r.rule
            .as_ref()
            .is_some_and(|o| o.status == om_core::rule::RuleStatus::Unconfirmed)
}
