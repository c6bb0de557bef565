//! Full verification of credentials and presentations: contexts, proof, key
//! binding, dates, revocation status, holder binding and the programme rule,
//! each recorded as a [`Check`] in a report.
//!
//! `Err` is returned only when the input cannot be processed at all (not JSON
//! of the data model, an unknown context, no proof): a request error. A
//! credential that was processed and found wanting is an `Ok` report whose
//! verdict says so.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::contexts::check_document_contexts;
use crate::credential::{has_type, holder_id, issuer_id, parse_date, subject_ids, values};
use crate::did::{did_of, Resolver, VerificationMethod};
use crate::letter::{CredentialKind, LetterView};
use crate::proof::{DataIntegrity, ProofExpectations, ProofPurpose, ProofVerdict};
use crate::report::{Check, CheckKind, CredentialReport, Outcome, PresentationReport};
use crate::rule::{evaluate, MentorPolicy, RuleLetter, RuleParams};
use crate::status::{Bitstring, StatusEntry};
use crate::Error;

/// Where status list credentials come from (an HTTP fetch in the apps, a map in tests).
pub trait StatusSource: Send + Sync {
    /// The status list credential published at `url`, or why it could not be had.
    fn fetch(&self, url: &str) -> Result<Value, String>;
}

/// Settings of a verification.
pub struct Verifier<'a> {
    /// The Data Integrity engine (shared caches).
    pub di: &'a DataIntegrity,
    /// Resolves verification methods.
    pub resolver: &'a dyn Resolver,
    /// Fetches status lists; `None` leaves revocation status unknown.
    pub status: Option<&'a dyn StatusSource>,
    /// The time at which dates are judged.
    pub now: DateTime<Utc>,
    /// Programme-rule thresholds.
    pub rule: RuleParams,
    /// Who counts as a mentor.
    pub mentors: MentorPolicy,
}

/// A presentation verifier's requirements.
#[derive(Debug, Clone, Default)]
pub struct PresentationOptions {
    /// The challenge the holder must have signed.
    pub challenge: Option<String>,
    /// The domain the holder must have signed for.
    pub domain: Option<String>,
    /// Whether to evaluate the programme rule (and include it in the verdict).
    pub apply_rule: bool,
}

fn check_key_binding(method: &VerificationMethod, expected: &str, who: &str) -> Check {
    if method.controller == expected && did_of(&method.id) == expected {
        Check::pass(
            CheckKind::KeyBinding,
            format!("signed with a key of the {who}, {expected}"),
        )
    } else {
        Check::fail(
            CheckKind::KeyBinding,
            format!(
                "signed with a key of {}, but the {who} is {expected}: the signer is not the {who}",
                method.controller
            ),
        )
    }
}

fn proof_checks(verdict: ProofVerdict, expected_controller: &str, who: &str) -> Vec<Check> {
    match verdict {
        ProofVerdict::Valid(p) => vec![
            Check::pass(
                CheckKind::Proof,
                format!("the {} signature is valid", p.suite),
            ),
            check_key_binding(&p.method, expected_controller, who),
        ],
        ProofVerdict::Invalid(reason) => vec![
            Check::fail(CheckKind::Proof, reason),
            Check::skipped(CheckKind::KeyBinding, "no valid signature to attribute"),
        ],
        ProofVerdict::Unresolved(reason) => vec![
            Check::unknown(
                CheckKind::Proof,
                format!("the signing key could not be found: {reason}"),
            ),
            Check::skipped(CheckKind::KeyBinding, "no valid signature to attribute"),
        ],
    }
}

fn model_error(what: &str) -> Error {
    Error::Malformed(what.to_string())
}

impl Verifier<'_> {
    /// A verifier with default rule settings, judging dates at `now`, with no status source.
    pub fn new<'a>(
        di: &'a DataIntegrity,
        resolver: &'a dyn Resolver,
        now: DateTime<Utc>,
    ) -> Verifier<'a> {
        Verifier {
            di,
            resolver,
            status: None,
            now,
            rule: RuleParams::default(),
            mentors: MentorPolicy::StatedRole,
        }
    }

    fn validity_check(&self, c: &Value) -> Check {
        let mut notes = Vec::new();
        for (field, must_be_past) in [("validFrom", true), ("validUntil", false)] {
            let Some(v) = c.get(field) else { continue };
            let Some(date) = v.as_str().and_then(parse_date) else {
                return Check::fail(
                    CheckKind::ValidityPeriod,
                    format!("{field} is not a date-time: {v}"),
                );
            };
            if must_be_past && date > self.now {
                return Check::fail(
                    CheckKind::ValidityPeriod,
                    format!("not valid yet: valid from {date}"),
                );
            }
            if !must_be_past && date < self.now {
                return Check::fail(CheckKind::ValidityPeriod, format!("expired on {date}"));
            }
            notes.push(format!(
                "{} {}",
                if must_be_past {
                    "valid from"
                } else {
                    "valid until"
                },
                date.format("%Y-%m-%d")
            ));
        }
        if notes.is_empty() {
            Check::pass(CheckKind::ValidityPeriod, "no validity period is set")
        } else {
            Check::pass(CheckKind::ValidityPeriod, notes.join(", "))
        }
    }

    /// Checks the revocation status of a credential issued by `issuer`.
    fn status_check(&self, c: &Value, issuer: &str) -> Check {
        let entries = values(c.get("credentialStatus"));
        if entries.is_empty() {
            return Check::skipped(
                CheckKind::Status,
                "the issuer publishes no revocation list for it",
            );
        }
        let mut passes = Vec::new();
        for e in entries {
            let entry = match StatusEntry::parse(e) {
                Ok(e) => e,
                Err(err) => return Check::unknown(CheckKind::Status, err.to_string()),
            };
            if entry.purpose != "revocation" && entry.purpose != "suspension" {
                return Check::unknown(
                    CheckKind::Status,
                    format!(
                        "status purpose {:?} is not supported (only revocation and suspension)",
                        entry.purpose
                    ),
                );
            }
            match self.status_bit(&entry, issuer) {
                Err(reason) => {
                    return Check::unknown(
                        CheckKind::Status,
                        format!(
                        "revocation status unknown: {reason} (it is NOT confirmed as not revoked)"
                    ),
                    )
                }
                Ok(true) => {
                    let what = if entry.purpose == "suspension" {
                        "suspended"
                    } else {
                        "revoked"
                    };
                    return Check::fail(CheckKind::Status, format!("{what} by its issuer"));
                }
                Ok(false) => passes.push(format!(
                    "not {}",
                    if entry.purpose == "suspension" {
                        "suspended"
                    } else {
                        "revoked"
                    }
                )),
            }
        }
        Check::pass(
            CheckKind::Status,
            format!(
                "{} (checked against the issuer's status list)",
                passes.join(", ")
            ),
        )
    }

    /// The status bit, after verifying the status list credential itself.
    fn status_bit(&self, entry: &StatusEntry, issuer: &str) -> Result<bool, String> {
        let source = self.status.ok_or("the status list was not consulted")?;
        let list = source.fetch(&entry.list_url)?;
        if !has_type(&list, "BitstringStatusListCredential") {
            return Err("the status list is not a BitstringStatusListCredential".into());
        }
        if list
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| id != entry.list_url)
        {
            return Err("the status list's id does not match its URL".into());
        }
        check_document_contexts(&list).map_err(|e| e.to_string())?;
        let list_issuer = issuer_id(&list).ok_or("the status list has no issuer")?;
        if list_issuer != issuer {
            return Err(format!(
                "the status list is issued by {list_issuer}, not by the letter's issuer"
            ));
        }
        let expect = ProofExpectations {
            purpose: ProofPurpose::AssertionMethod,
            challenge: None,
            domain: None,
            now: self.now,
        };
        let verdict = self
            .di
            .verify(&list, self.resolver, &expect)
            .map_err(|e| e.to_string())?;
        for check in proof_checks(verdict, list_issuer, "issuer") {
            if check.outcome != Outcome::Pass {
                return Err(format!(
                    "the status list's own proof does not hold: {}",
                    check.message
                ));
            }
        }
        let validity = self.validity_check(&list);
        if validity.outcome != Outcome::Pass {
            return Err(format!(
                "the status list is not current: {}",
                validity.message
            ));
        }
        let subject = values(list.get("credentialSubject"))
            .into_iter()
            .next()
            .ok_or("the status list has no subject")?;
        let purpose = subject
            .get("statusPurpose")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if purpose != entry.purpose {
            return Err(format!(
                "the list is for {purpose:?}, the entry for {:?}",
                entry.purpose
            ));
        }
        let encoded = subject
            .get("encodedList")
            .and_then(Value::as_str)
            .ok_or("the status list has no encodedList")?;
        let bits = Bitstring::decode(encoded).map_err(|e| e.to_string())?;
        if bits.len() < crate::status::MIN_LIST_BITS {
            return Err(format!(
                "the status list has {} entries, fewer than the {} the standard requires for privacy",
                bits.len(),
                crate::status::MIN_LIST_BITS
            ));
        }
        bits.get(entry.index)
            .ok_or_else(|| format!("index {} is outside the list", entry.index))
    }

    /// Verifies one credential.
    pub fn verify_credential(&self, c: &Value) -> Result<CredentialReport, Error> {
        if !c.is_object() {
            return Err(model_error("a credential must be a JSON object"));
        }
        let contexts = check_document_contexts(c)?;
        if !has_type(c, "VerifiableCredential") {
            return Err(model_error(
                "the \"type\" must include \"VerifiableCredential\"",
            ));
        }
        let issuer = issuer_id(c)
            .ok_or_else(|| model_error("the credential has no issuer id"))?
            .to_string();
        if subject_ids(c).is_empty() && c.get("credentialSubject").is_none() {
            return Err(model_error("the credential has no credentialSubject"));
        }
        let mut checks = vec![Check::pass(
            CheckKind::Context,
            format!(
                "a VC 2.0 credential using {} known context(s)",
                contexts.len()
            ),
        )];
        let expect = ProofExpectations {
            purpose: ProofPurpose::AssertionMethod,
            challenge: None,
            domain: None,
            now: self.now,
        };
        let verdict = self.di.verify(c, self.resolver, &expect)?;
        checks.extend(proof_checks(verdict, &issuer, "issuer"));
        checks.push(self.validity_check(c));
        checks.push(self.status_check(c, &issuer));
        let letter = LetterView::from_credential(c);
        if let Some(l) = &letter {
            if l.kind == CredentialKind::Endorsement {
                checks.push(if l.subject_id.as_deref() == Some(issuer.as_str()) {
                    Check::fail(
                        CheckKind::Endorsement,
                        "self-issued: the endorser and the endorsed person are the same",
                    )
                } else {
                    Check::pass(
                        CheckKind::Endorsement,
                        "written by someone other than its subject",
                    )
                });
            }
        }
        Ok(CredentialReport {
            id: c.get("id").and_then(Value::as_str).map(str::to_string),
            issuer,
            checks,
            letter,
        })
    }

    /// Verifies a presentation, each of its credentials, and (when asked) the rule.
    pub fn verify_presentation(
        &self,
        p: &Value,
        options: &PresentationOptions,
    ) -> Result<PresentationReport, Error> {
        if !p.is_object() {
            return Err(model_error("a presentation must be a JSON object"));
        }
        check_document_contexts(p)?;
        if !has_type(p, "VerifiablePresentation") {
            return Err(model_error(
                "the \"type\" must include \"VerifiablePresentation\"",
            ));
        }
        let holder = holder_id(p).map(str::to_string);
        let creds = values(p.get("verifiableCredential"));
        let mut reports = Vec::with_capacity(creds.len());
        for c in &creds {
            let mut r = self.verify_credential(c)?;
            let subjects = subject_ids(c);
            r.checks.push(match &holder {
                Some(h) if subjects.iter().any(|s| s == h) => {
                    Check::pass(CheckKind::HolderBinding, "about the presentation's holder")
                }
                Some(h) => Check::fail(
                    CheckKind::HolderBinding,
                    format!("about {}, not about the holder {h}", subjects.join(", ")),
                ),
                None => Check::fail(CheckKind::HolderBinding, "the presentation names no holder"),
            });
            reports.push(r);
        }
        let mut checks = Vec::new();
        match &holder {
            None => checks.push(Check::fail(
                CheckKind::KeyBinding,
                "the presentation names no holder",
            )),
            Some(h) => {
                let expect = ProofExpectations {
                    purpose: ProofPurpose::Authentication,
                    challenge: options.challenge.clone(),
                    domain: options.domain.clone(),
                    now: self.now,
                };
                let verdict = self.di.verify(p, self.resolver, &expect)?;
                checks.extend(proof_checks(verdict, h, "holder"));
            }
        }
        let rule = if options.apply_rule {
            let letters_with = |counts: &dyn Fn(&CredentialReport) -> bool| -> Vec<RuleLetter> {
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
                        })
                    })
                    .collect()
            };
            let holder_did = holder.as_deref().unwrap_or_default();
            let outcome = evaluate(
                &letters_with(&|r| r.is_valid()),
                holder_did,
                self.rule,
                &self.mentors,
            );
            checks.push(if outcome.complete {
                Check::pass(CheckKind::ProgrammeRule, outcome.statement.clone())
            } else {
                // If the letters that could not be fully checked (say, behind an
                // unreachable status list) would complete the set, the answer is
                // "cannot tell yet", not "not complete".
                let hopeful = letters_with(&|r| r.verdict() != crate::report::Verdict::Invalid);
                if evaluate(&hopeful, holder_did, self.rule, &self.mentors).complete {
                    Check::unknown(
                        CheckKind::ProgrammeRule,
                        format!(
                            "Cannot tell yet: some letters could not be fully checked; if they hold, the set is complete. ({})",
                            outcome.statement
                        ),
                    )
                } else {
                    Check::fail(CheckKind::ProgrammeRule, outcome.statement.clone())
                }
            });
            Some(outcome)
        } else {
            None
        };
        Ok(PresentationReport {
            holder,
            checks,
            credentials: reports,
            rule,
        })
    }
}
