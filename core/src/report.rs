//! The verification report: every check with its outcome and a reason a person
//! can read. One type, rendered by the CLIs as text, by the service as JSON and
//! by the employer's page as HTML.

use serde::Serialize;

use crate::confirmation::ConfirmationReport;
use crate::letter::LetterView;
use crate::rule::RuleOutcome;

/// What a check looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CheckKind {
    /// The JSON-LD contexts and the data model.
    Context,
    /// The cryptographic proof.
    Proof,
    /// The proof's key belongs to the issuer (credential) or holder (presentation).
    KeyBinding,
    /// `validFrom` / `validUntil`.
    ValidityPeriod,
    /// Revocation through a Bitstring Status List.
    Status,
    /// The credential is about the presentation's holder.
    HolderBinding,
    /// The letter is an endorsement by someone other than its subject.
    Endorsement,
    /// The Open Masters programme rule.
    ProgrammeRule,
}

impl CheckKind {
    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Context => "Format",
            Self::Proof => "Signature",
            Self::KeyBinding => "Signer",
            Self::ValidityPeriod => "Dates",
            Self::Status => "Revocation",
            Self::HolderBinding => "Holder",
            Self::Endorsement => "Endorsement",
            Self::ProgrammeRule => "Open Masters rule",
        }
    }
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Checked, and it holds.
    Pass,
    /// Checked, and it does not hold.
    Fail,
    /// Could not be checked (a key or status list was out of reach).
    Unknown,
    /// Not applicable.
    Skipped,
}

/// One check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked.
    pub kind: CheckKind,
    /// The outcome.
    pub outcome: Outcome,
    /// Why, in plain words.
    pub message: String,
}

impl Check {
    /// A passed check.
    pub fn pass(kind: CheckKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            outcome: Outcome::Pass,
            message: message.into(),
        }
    }
    /// A failed check.
    pub fn fail(kind: CheckKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            outcome: Outcome::Fail,
            message: message.into(),
        }
    }
    /// A check that could not be made.
    pub fn unknown(kind: CheckKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            outcome: Outcome::Unknown,
            message: message.into(),
        }
    }
    /// A check that does not apply.
    pub fn skipped(kind: CheckKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            outcome: Outcome::Skipped,
            message: message.into(),
        }
    }
}

/// The overall verdict over a list of checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Every check passed (or did not apply).
    Valid,
    /// At least one check failed.
    Invalid,
    /// Nothing failed, but something could not be checked.
    Undetermined,
}

/// The verdict of a list of checks: any failure makes it invalid, any unknown
/// undetermined.
pub fn verdict_of(checks: &[Check]) -> Verdict {
    if checks.iter().any(|c| c.outcome == Outcome::Fail) {
        Verdict::Invalid
    } else if checks.iter().any(|c| c.outcome == Outcome::Unknown) {
        Verdict::Undetermined
    } else {
        Verdict::Valid
    }
}

/// The report on one credential.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialReport {
    /// The credential's `id`, if it has one.
    pub id: Option<String>,
    /// The issuer's id.
    pub issuer: String,
    /// The checks, in the order they were made.
    pub checks: Vec<Check>,
    /// What the credential says, if it is a letter or badge of this profile.
    pub letter: Option<LetterView>,
    /// The team confirmations the letter carries (`issuer.endorsement`), each
    /// with whether it counts. They never change the letter's own verdict:
    /// they decide whether the letter counts towards the programme rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmations: Vec<ConfirmationReport>,
}

impl CredentialReport {
    /// The report on a document refused before anything was read from it:
    /// invalid, with the reason, no issuer and no letter.
    pub fn refused(reason: &str) -> Self {
        Self {
            id: None,
            issuer: String::new(),
            checks: vec![
                Check::fail(CheckKind::Context, reason),
                Check::skipped(
                    CheckKind::Proof,
                    "not checked: a document that cannot be read exactly as signed is refused",
                ),
            ],
            letter: None,
            confirmations: vec![],
        }
    }

    /// The overall verdict.
    pub fn verdict(&self) -> Verdict {
        verdict_of(&self.checks)
    }

    /// True only when every check holds.
    pub fn is_valid(&self) -> bool {
        self.verdict() == Verdict::Valid
    }

    /// The first failed (or else unknown) check's message.
    pub fn first_problem(&self) -> Option<&Check> {
        self.checks
            .iter()
            .find(|c| c.outcome == Outcome::Fail)
            .or_else(|| self.checks.iter().find(|c| c.outcome == Outcome::Unknown))
    }

    /// The W3C VC-API shaped answer: `{verified, checks, warnings, errors}` plus details.
    pub fn to_vc_api(&self) -> serde_json::Value {
        vc_api_json(&self.checks, serde_json::to_value(self).unwrap_or_default())
    }
}

/// The report on a presentation: its own checks, each credential's report, and
/// the programme rule over the credentials.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresentationReport {
    /// The holder's DID.
    pub holder: Option<String>,
    /// The presentation's own checks (proof, key binding), and the rule.
    pub checks: Vec<Check>,
    /// One report per credential.
    pub credentials: Vec<CredentialReport>,
    /// The programme rule, when it was evaluated.
    pub rule: Option<RuleOutcome>,
    /// The presentation has no proof at all: a bundle of letters that nobody
    /// signed as theirs (a file, or a wallet's unsigned "Send"). Its rule is
    /// assessed for the person the letters are about, and never complete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsigned: bool,
}

impl PresentationReport {
    /// Whom the presentation is about: its holder, or, for an unsigned
    /// presentation that names no holder, the person every readable letter
    /// is about (when they are all about one).
    pub fn presented_subject(&self) -> Option<&str> {
        if let Some(h) = self.holder.as_deref() {
            return Some(h);
        }
        if !self.unsigned {
            return None;
        }
        common_subject(&self.credentials)
    }

    /// The overall verdict: the presentation's checks and every credential's.
    pub fn verdict(&self) -> Verdict {
        verdict_of(&self.all_checks())
    }

    /// The presentation's own checks followed by every credential's.
    fn all_checks(&self) -> Vec<Check> {
        let credential_checks = self.credentials.iter().flat_map(|c| c.checks.iter());
        self.checks
            .iter()
            .chain(credential_checks)
            .cloned()
            .collect()
    }

    /// True only when every check holds.
    pub fn is_valid(&self) -> bool {
        self.verdict() == Verdict::Valid
    }

    /// The W3C VC-API shaped answer.
    pub fn to_vc_api(&self) -> serde_json::Value {
        vc_api_json(
            &self.all_checks(),
            serde_json::to_value(self).unwrap_or_default(),
        )
    }
}

fn vc_api_json(checks: &[Check], details: serde_json::Value) -> serde_json::Value {
    let names = |o: Outcome| -> Vec<serde_json::Value> {
        checks
            .iter()
            .filter(|c| c.outcome == o)
            .map(|c| serde_json::json!({"check": c.kind, "message": c.message}))
            .collect()
    };
    let passed: Vec<_> = checks
        .iter()
        .filter(|c| c.outcome == Outcome::Pass)
        .map(|c| serde_json::to_value(c.kind).unwrap_or_default())
        .collect();
    serde_json::json!({
        "verified": verdict_of(checks) == Verdict::Valid,
        "verdict": verdict_of(checks),
        "checks": passed,
        "warnings": names(Outcome::Unknown),
        "errors": names(Outcome::Fail),
        "details": details,
    })
}

/// The one subject every readable letter is about, if there is exactly one.
pub(crate) fn common_subject(reports: &[CredentialReport]) -> Option<&str> {
    let mut subjects = reports
        .iter()
        .filter_map(|r| r.letter.as_ref()?.subject_id.as_deref());
    let first = subjects.next()?;
    subjects.all(|s| s == first).then_some(first)
}
