//! Full verification of credentials and presentations: strict reading,
//! proof, key binding, dates, revocation status, holder binding and the
//! programme rule, each recorded as a [`Check`] in a report.
//!
//! Every document is first read strictly ([`crate::jsonld`]): one that cannot
//! be read exactly as it was signed is an invalid report naming the JSON path,
//! and nothing else is read from it. Everything the checks look at comes from
//! the checked (expanded) document, by IRI.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::assessment;
use crate::confirmation::{self, ConfirmationReport, ConfirmationView, Standing, TrustedTeams};
use crate::credential::parse_date;
use crate::did::{did_of, Resolver, VerificationMethod};
use crate::jsonld::{self, vocab, CheckedCredential, Item, Node, Refusal};
use crate::letter::{CredentialKind, LetterView};
use crate::proof::{
    DataIntegrity, MemberVerdict, ProofExpectations, ProofPurpose, ProofVerdict, SetMember,
};
use crate::report::{Check, CheckKind, CredentialReport, Outcome, PresentationReport};
use crate::rule::RuleParams;
use crate::status::{self, StatusEntry};
use crate::Error;

/// Where status list credentials come from (an HTTP fetch in the apps, a map in tests).
pub trait StatusSource: Send + Sync {
    /// The status list credential published at `url`, or why it could not be had.
    fn fetch(&self, url: &str) -> Result<Value, String>;
}

/// Why a status bit could not be read.
enum StatusProblem {
    /// Out of reach or out of date: revocation is unknown.
    Unknown(String),
    /// What was served cannot be the issuer's list as signed: the strict reader
    /// refuses it, its signature does not hold, or its bits do not decode.
    Forged(String),
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
    /// The teams trusted to confirm who writers are (co-mentor, participant).
    pub teams: TrustedTeams,
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

/// The signature and signer checks of a credential's proofs: one proof, or a
/// proof set. A set holds only when every proof of a suite this verifier
/// supports holds and at least one does; each valid proof must be made with a
/// key of `expected_controller` (a set is not a way to add a co-signer). A
/// proof of an unsupported type or cryptosuite is not checked and supports
/// nothing: it is named, with its JSON path, in the signature check's message,
/// and a set of such proofs only is refused. Failures carry the proof's path.
fn proof_set_checks(members: Vec<SetMember>, expected_controller: &str, who: &str) -> Vec<Check> {
    if let [one] = members.as_slice() {
        if let MemberVerdict::Checked(verdict) = &one.verdict {
            return proof_checks(verdict.clone(), expected_controller, who);
        }
    }
    let no_signer = || Check::skipped(CheckKind::KeyBinding, "no valid signature to attribute");
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    let mut unresolved = Vec::new();
    let mut unsupported = Vec::new();
    for m in members {
        match m.verdict {
            MemberVerdict::Checked(ProofVerdict::Valid(p)) => valid.push((m.path, p)),
            MemberVerdict::Checked(ProofVerdict::Invalid(r)) => {
                invalid.push(format!("{}: {r}", m.path))
            }
            MemberVerdict::Checked(ProofVerdict::Unresolved(r)) => unresolved.push(format!(
                "{}: the signing key could not be found: {r}",
                m.path
            )),
            MemberVerdict::Unsupported(r) => {
                unsupported.push(format!("{}: not checked: {r}", m.path))
            }
        }
    }
    let not_checked = if unsupported.is_empty() {
        String::new()
    } else {
        format!(" (not counted: {})", unsupported.join("; "))
    };
    if !invalid.is_empty() {
        return vec![
            Check::fail(
                CheckKind::Proof,
                format!(
                    "a proof of the set does not hold: {}{not_checked}",
                    invalid.join("; ")
                ),
            ),
            no_signer(),
        ];
    }
    if valid.is_empty() && unresolved.is_empty() {
        return vec![
            Check::fail(
                CheckKind::Proof,
                format!(
                    "no proof of a type this verifier checks: {}",
                    unsupported.join("; ")
                ),
            ),
            no_signer(),
        ];
    }
    if !unresolved.is_empty() {
        return vec![
            Check::unknown(
                CheckKind::Proof,
                format!("{}{not_checked}", unresolved.join("; ")),
            ),
            no_signer(),
        ];
    }
    let suites: Vec<String> = valid
        .iter()
        .map(|(path, p)| format!("{path} ({})", p.suite))
        .collect();
    let proof = Check::pass(
        CheckKind::Proof,
        format!(
            "every signature of the proof set is valid: {}{not_checked}",
            suites.join(", ")
        ),
    );
    let strangers: Vec<String> = valid
        .iter()
        .filter_map(|(path, p)| {
            let binding = check_key_binding(&p.method, expected_controller, who);
            (binding.outcome != Outcome::Pass).then(|| format!("{path}: {}", binding.message))
        })
        .collect();
    let signer = if strangers.is_empty() {
        Check::pass(
            CheckKind::KeyBinding,
            format!("every proof is signed with a key of the {who}, {expected_controller}"),
        )
    } else {
        Check::fail(CheckKind::KeyBinding, strangers.join("; "))
    };
    vec![proof, signer]
}

/// The report on a credential the strict reader refused: invalid, with the
/// JSON path, and nothing else read from it.
fn refused_report(refusal: &Refusal) -> CredentialReport {
    CredentialReport::refused(&format!("refused: {refusal}"))
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
            teams: TrustedTeams::default(),
        }
    }

    /// `validFrom` / `validUntil` of a checked credential, judged at `now`.
    fn validity_check(&self, c: &Node) -> Check {
        let mut notes = Vec::new();
        for (iri, field, must_be_past) in [
            (vocab::VC_VALID_FROM, "validFrom", true),
            (vocab::VC_VALID_UNTIL, "validUntil", false),
        ] {
            let v = match c.one_str(iri) {
                Ok(None) => continue,
                Ok(Some(v)) => v,
                Err(refusal) => {
                    return Check::fail(CheckKind::ValidityPeriod, format!("refused: {refusal}"))
                }
            };
            let Some(date) = parse_date(v) else {
                return Check::fail(
                    CheckKind::ValidityPeriod,
                    format!("{field} is not a date-time: {v:?}"),
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
    fn status_check(&self, c: &Node, issuer: &str) -> Check {
        let entries = c.values(vocab::VC_STATUS);
        if entries.is_empty() {
            return Check::skipped(
                CheckKind::Status,
                "the issuer publishes no revocation list for it",
            );
        }
        let mut passes = Vec::new();
        for e in entries {
            let entry = match StatusEntry::from_item(e) {
                Ok(e) => e,
                Err(refusal) => {
                    return Check::fail(CheckKind::Status, format!("refused: {refusal}"))
                }
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
            let what = if entry.purpose == "suspension" {
                "suspended"
            } else {
                "revoked"
            };
            match self.status_bit(&entry, issuer) {
                Err(StatusProblem::Unknown(reason)) => {
                    return Check::unknown(
                        CheckKind::Status,
                        format!(
                            "revocation status unknown: {reason} (it is NOT confirmed as not revoked)"
                        ),
                    )
                }
                Err(StatusProblem::Forged(reason)) => {
                    return Check::fail(
                        CheckKind::Status,
                        format!(
                            "the status list served for it is not the issuer's: {reason} (revocation cannot be ruled out)"
                        ),
                    )
                }
                Ok(true) => return Check::fail(CheckKind::Status, format!("{what} by its issuer")),
                Ok(false) => passes.push(format!("not {what}")),
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

    /// The status bit, after checking the status list credential strictly and
    /// verifying its proof.
    fn status_bit(&self, entry: &StatusEntry, issuer: &str) -> Result<bool, StatusProblem> {
        let source = self.status.ok_or(StatusProblem::Unknown(
            "the status list was not consulted".into(),
        ))?;
        let list = source
            .fetch(&entry.list_url)
            .map_err(StatusProblem::Unknown)?;
        let list = jsonld::check_credential(&list)
            .map_err(|r| StatusProblem::Forged(format!("the status list is refused: {r}")))?;
        self.read_status_list(&list, entry, issuer)
    }

    /// The bit of a strictly read status list, after its issuer, proof, dates and shape.
    fn read_status_list(
        &self,
        list: &CheckedCredential,
        entry: &StatusEntry,
        issuer: &str,
    ) -> Result<bool, StatusProblem> {
        use StatusProblem::{Forged, Unknown};
        let node = list.node();
        if !node.has_type(vocab::STATUS_LIST_CREDENTIAL) {
            return Err(Unknown(
                "the status list is not a BitstringStatusListCredential".into(),
            ));
        }
        if list.id() != Some(entry.list_url.as_str()) {
            return Err(Unknown(
                "the status list's id does not match its URL".into(),
            ));
        }
        if list.issuer() != issuer {
            return Err(Unknown(format!(
                "the status list is issued by {}, not by the letter's issuer",
                list.issuer()
            )));
        }
        let expect = ProofExpectations {
            purpose: ProofPurpose::AssertionMethod,
            challenge: None,
            domain: None,
            now: self.now,
        };
        let verdict = self
            .di
            .verify_checked(list.doc(), self.resolver, &expect)
            .map_err(|e| Unknown(e.to_string()))?;
        for check in proof_checks(verdict, list.issuer(), "issuer") {
            let why = format!(
                "the status list's own proof does not hold: {}",
                check.message
            );
            match check.outcome {
                Outcome::Pass => {}
                Outcome::Fail => return Err(Forged(why)),
                Outcome::Unknown | Outcome::Skipped => return Err(Unknown(why)),
            }
        }
        let validity = self.validity_check(node);
        if validity.outcome != Outcome::Pass {
            return Err(Unknown(format!(
                "the status list is not current: {}",
                validity.message
            )));
        }
        let bits = status::read_list(node, &entry.purpose).map_err(|e| Forged(e.to_string()))?;
        if bits.len() < crate::status::MIN_LIST_BITS {
            return Err(Forged(format!(
                "the status list has {} entries, fewer than the {} the standard requires for privacy",
                bits.len(),
                crate::status::MIN_LIST_BITS
            )));
        }
        bits.get(entry.index)
            .ok_or_else(|| Forged(format!("index {} is outside the list", entry.index)))
    }

    /// Verifies one credential: read strictly first; a refused credential is
    /// an invalid report naming the JSON path, with nothing else read from it.
    pub fn verify_credential(&self, c: &Value) -> Result<CredentialReport, Error> {
        Ok(match jsonld::check_credential(c) {
            Ok(checked) => self.verify_checked(&checked),
            Err(refusal) => refused_report(&refusal),
        })
    }

    /// Verifies a strictly checked credential.
    pub fn verify_checked(&self, c: &CheckedCredential) -> CredentialReport {
        let issuer = c.issuer().to_string();
        let mut checks = vec![Check::pass(
            CheckKind::Context,
            "a VC 2.0 credential that reads exactly as it was signed (bundled contexts only)",
        )];
        let expect = ProofExpectations {
            purpose: ProofPurpose::AssertionMethod,
            challenge: None,
            domain: None,
            now: self.now,
        };
        let proof = match self.di.verify_set(c.doc(), self.resolver, &expect) {
            Ok(members) => proof_set_checks(members, &issuer, "issuer"),
            Err(e) => vec![
                Check::fail(CheckKind::Proof, e.to_string()),
                Check::skipped(CheckKind::KeyBinding, "no valid signature to attribute"),
            ],
        };
        let signed = proof.iter().all(|c| c.outcome == Outcome::Pass);
        checks.extend(proof);
        checks.push(self.validity_check(c.node()));
        // A status list is fetched only for a credential whose signature and
        // signer hold: nobody can make this verifier fetch for a forgery.
        checks.push(if signed {
            self.status_check(c.node(), &issuer)
        } else {
            Check::skipped(
                CheckKind::Status,
                "not consulted: the signature does not hold",
            )
        });
        let letter = match LetterView::from_checked(c) {
            Ok(l) => Some(l),
            Err(refusal) => {
                checks.push(Check::fail(
                    CheckKind::Context,
                    format!("not a letter of this profile: {refusal}"),
                ));
                None
            }
        };
        let mut confirmations = Vec::new();
        if let Some(l) = &letter {
            // Confirmations are examined only in a letter whose own signature
            // and signer hold: a forgery cannot make this verifier fetch a
            // team's key or status list.
            if l.kind == CredentialKind::Endorsement && signed {
                confirmations = self.confirmations(c, l);
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
        CredentialReport {
            id: c.id().map(str::to_string),
            issuer,
            checks,
            letter,
            confirmations,
        }
    }

    /// The findings on the team confirmations a letter carries.
    fn confirmations(
        &self,
        letter: &CheckedCredential,
        view: &LetterView,
    ) -> Vec<ConfirmationReport> {
        let carried = confirmation::carried(letter.json());
        // Read only what the letter signed as Open Badges `endorsement`: the
        // JSON key must mean that term, value for value.
        let signed_as_endorsement = letter
            .node()
            .one(vocab::VC_ISSUER)
            .ok()
            .flatten()
            .and_then(Item::as_node)
            .map_or(0, |issuer| issuer.values(vocab::OB_ENDORSEMENT).len());
        if carried.len() != signed_as_endorsement {
            return vec![ConfirmationReport::unreadable(
                "$.issuer.endorsement".into(),
                "not read: in this letter \"endorsement\" is not the Open Badges term (an Open Badges letter carries confirmations)",
            )];
        }
        carried
            .into_iter()
            .enumerate()
            .map(|(i, (path, json))| {
                if i >= confirmation::MAX_PER_LETTER {
                    return ConfirmationReport::unreadable(
                        path,
                        format!(
                            "not examined: at most {} confirmations of one letter are examined",
                            confirmation::MAX_PER_LETTER
                        ),
                    );
                }
                self.confirmation(path, json, letter.issuer(), view)
            })
            .collect()
    }

    /// Judges one confirmation carried in a letter by `writer`: read on its
    /// own (what the team signed), then the team's signature and key, then
    /// what it is about, its dates against the letter's, and its status.
    fn confirmation(
        &self,
        path: String,
        json: &Value,
        writer: &str,
        letter: &LetterView,
    ) -> ConfirmationReport {
        let at = |r: &Refusal| format!("{path}{}", r.path.trim_start_matches('$'));
        let checked = match jsonld::check_credential(json) {
            Ok(c) => c,
            Err(r) => {
                return ConfirmationReport::unreadable(at(&r), format!("refused: {}", r.reason))
            }
        };
        let view = match ConfirmationView::from_checked(&checked) {
            Ok(v) => v,
            Err(r) => {
                return ConfirmationReport::unreadable(
                    at(&r),
                    format!("not a team confirmation: {}", r.reason),
                )
            }
        };
        let trusted = self.teams.contains(&view.team);
        let report_as = |signed: bool, standing, reason: String| ConfirmationReport {
            path: path.clone(),
            view: Some(view.clone()),
            trusted,
            signed,
            standing,
            reason,
        };
        let no = |reason: String| report_as(false, Standing::DoesNotCount, reason);
        // Bound first: about whom, and for whom.
        if view.subject != writer {
            return no(format!(
                "it is about {}, not about this letter's writer {writer}",
                view.subject
            ));
        }
        if let Some(p) = &view.mentor_of {
            if letter.subject_id.as_deref() != Some(p.as_str()) {
                return no(format!(
                    "it confirms a co-mentor of {p}, not of this letter's subject"
                ));
            }
        }
        // The team's signature, with the team's own key.
        let expect = ProofExpectations {
            purpose: ProofPurpose::AssertionMethod,
            challenge: None,
            domain: None,
            now: self.now,
        };
        let signature = match self
            .di
            .verify_checked(checked.doc(), self.resolver, &expect)
        {
            Ok(verdict) => proof_checks(verdict, &view.team, "team")
                .into_iter()
                .find(|c| c.outcome != Outcome::Pass),
            Err(e) => Some(Check::fail(CheckKind::Proof, e.to_string())),
        };
        match (signature, trusted) {
            (Some(c), _) if c.outcome == Outcome::Fail => {
                return no(format!("the team's signature does not hold: {}", c.message))
            }
            (Some(c), false) => {
                return no(format!(
                    "from a team this verifier does not trust (and its signature could not be checked: {})",
                    c.message
                ))
            }
            (Some(c), true) => {
                return report_as(
                    false,
                    Standing::Undetermined,
                    format!("the team's signature could not be checked: {}", c.message),
                )
            }
            (None, false) => {
                return report_as(
                    true,
                    Standing::DoesNotCount,
                    "signed by a team this verifier does not trust".into(),
                )
            }
            (None, true) => {}
        }
        let report = |standing, reason: String| report_as(true, standing, reason);
        let no = |reason: String| report(Standing::DoesNotCount, reason);
        // Dates: in force when the letter was written (its validFrom, which its
        // writer chose), and never before it began.
        if view.valid_from > self.now {
            return no(format!(
                "not in force yet: from {}",
                view.valid_from.format("%Y-%m-%d")
            ));
        }
        let written = letter
            .valid_from
            .as_deref()
            .and_then(parse_date)
            .unwrap_or(self.now);
        if written < view.valid_from || written > view.valid_until {
            return no(format!(
                "the letter is dated {}, outside the confirmation's period {} to {}",
                written.format("%Y-%m-%d"),
                view.valid_from.format("%Y-%m-%d"),
                view.valid_until.format("%Y-%m-%d")
            ));
        }
        if !view.withdrawable && self.now > view.valid_until {
            return no(format!(
                "expired on {} and cannot be withdrawn (no status list): it counts only while in force",
                view.valid_until.format("%Y-%m-%d")
            ));
        }
        // Withdrawal: the team's status list, as for a letter.
        if view.withdrawable {
            let status = self.status_check(checked.node(), &view.team);
            match status.outcome {
                Outcome::Pass | Outcome::Skipped => {}
                Outcome::Fail => {
                    return no(format!(
                        "withdrawn or unreadable status: {}",
                        status.message
                    ))
                }
                Outcome::Unknown => {
                    return report(
                        Standing::Undetermined,
                        format!(
                            "whether the team withdrew it is unknown: {}",
                            status.message
                        ),
                    )
                }
            }
        }
        report(
            Standing::Holds,
            "confirmed by a team this verifier trusts".into(),
        )
    }

    /// Verifies a presentation, each of its credentials, and (when asked) the rule.
    pub fn verify_presentation(
        &self,
        p: &Value,
        options: &PresentationOptions,
    ) -> Result<PresentationReport, Error> {
        let checked = match jsonld::check_presentation(p) {
            Ok(c) => c,
            Err(refusal) => {
                return Ok(PresentationReport {
                    holder: None,
                    checks: vec![Check::fail(
                        CheckKind::Context,
                        format!("refused: {refusal}"),
                    )],
                    credentials: vec![],
                    rule: None,
                    unsigned: false,
                })
            }
        };
        let holder = checked.holder.clone();
        // A presentation with no proof at all (a file, or the Learner
        // Credential Wallet's "Send") is a bundle of letters: each is checked,
        // and the rule is assessed for the person they are about, but nothing
        // binds them to whoever sent them, so it is never complete.
        let unsigned = p.get("proof").is_none();
        let mut reports = Vec::with_capacity(checked.credentials.len());
        for c in &checked.credentials {
            let c = match c {
                Ok(c) => c,
                Err(refusal) => {
                    reports.push(refused_report(refusal));
                    continue;
                }
            };
            let mut r = self.verify_checked(c);
            let subjects: Vec<&str> = c
                .node()
                .values(vocab::VC_SUBJECT)
                .iter()
                .filter_map(Item::id)
                .collect();
            r.checks.push(match &holder {
                _ if unsigned => Check::skipped(
                    CheckKind::HolderBinding,
                    "bound to no one: the presentation is not signed, so nothing shows whose letters these are",
                ),
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
            _ if unsigned => checks.extend([
                Check::skipped(
                    CheckKind::Proof,
                    "the presentation is not signed: nothing shows that these letters belong to the person who sent them",
                ),
                Check::skipped(CheckKind::KeyBinding, "no signature to attribute"),
            ]),
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
                match self
                    .di
                    .verify_presentation_checked(&checked, self.resolver, &expect)
                {
                    Ok(verdict) => checks.extend(proof_checks(verdict, h, "holder")),
                    Err(e) => checks.extend([
                        Check::fail(CheckKind::Proof, e.to_string()),
                        Check::skipped(CheckKind::KeyBinding, "no valid signature to attribute"),
                    ]),
                }
            }
        }
        let rule = if options.apply_rule {
            let about = match (&holder, unsigned) {
                (None, true) => crate::report::common_subject(&reports).map(str::to_string),
                _ => None,
            };
            let holder_did = holder.as_deref().or(about.as_deref()).unwrap_or_default();
            let holder_proven =
                !checks.is_empty() && checks.iter().all(|c| c.outcome == Outcome::Pass);
            let outcome = assessment::require_holder_proof(
                assessment::assess(&reports, holder_did, self.rule),
                holder_proven,
            );
            checks.push(assessment::rule_check(&outcome));
            Some(outcome)
        } else {
            None
        };
        Ok(PresentationReport {
            holder,
            checks,
            credentials: reports,
            rule,
            unsigned,
        })
    }
}
