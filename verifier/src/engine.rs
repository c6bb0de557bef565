//! The verification engine shared by the server and the CLI: one
//! `DataIntegrity` (JSON-LD caches), one `HttpFetcher` (status lists, did:web),
//! the programme-rule settings and the trusted-mentor list.

use std::collections::HashSet;
use std::ops::Deref;
use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use om_core::credential::has_type;
use om_core::fetch::{FetchPolicy, HttpFetcher};
use om_core::proof::DataIntegrity;
use om_core::report::{CredentialReport, Outcome, PresentationReport, Verdict};
use om_core::rule::{MentorPolicy, RuleParams};
use om_core::verify::{PresentationOptions, Verifier};
use serde_json::Value;

use crate::outbound::{RequestFetcher, DEFAULT_FETCHES_PER_REQUEST};

/// A verification report of either kind of document.
#[derive(Debug, Clone)]
pub enum AnyReport {
    /// A single credential (letter).
    Credential(CredentialReport),
    /// A presentation of credentials.
    Presentation(PresentationReport),
}

/// Verifies credentials and presentations with shared caches.
pub struct Engine {
    /// The Data Integrity engine (one, shared: it caches JSON-LD contexts).
    pub di: DataIntegrity,
    /// Fetches status lists and did:web documents.
    pub fetcher: HttpFetcher,
    /// Programme-rule thresholds.
    pub rule: RuleParams,
    /// Trusted mentors (`None`: the endorser's stated role counts).
    pub trusted: Option<HashSet<String>>,
    /// How many distinct documents one verification may have fetched.
    pub fetches_per_request: usize,
}

/// Reads a trusted-mentor file: one DID a line, `#` starts a comment.
pub fn read_trusted_mentors(path: &Path) -> anyhow::Result<HashSet<String>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(parse_trusted_mentors(&text))
}

/// Parses the text of a trusted-mentor file.
pub fn parse_trusted_mentors(text: &str) -> HashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

impl Engine {
    /// An engine with the given fetch policy, rule and trusted mentors.
    pub fn new(policy: FetchPolicy, rule: RuleParams, trusted: Option<HashSet<String>>) -> Self {
        Self {
            di: DataIntegrity::new(),
            fetcher: HttpFetcher::new(policy),
            rule,
            trusted,
            fetches_per_request: DEFAULT_FETCHES_PER_REQUEST,
        }
    }

    /// The same engine with another per-request fetch budget.
    pub fn with_fetches_per_request(mut self, n: usize) -> Self {
        self.fetches_per_request = n;
        self
    }

    /// The engine for one request that must end by `deadline`: no fetch is
    /// started after it.
    pub fn until(&self, deadline: Option<Instant>) -> Scoped<'_> {
        Scoped {
            engine: self,
            deadline,
        }
    }

    /// Who counts as a mentor.
    pub fn mentor_policy(&self) -> MentorPolicy {
        match &self.trusted {
            Some(t) => MentorPolicy::Trusted(t.clone()),
            None => MentorPolicy::StatedRole,
        }
    }

    /// Whether `did` is on the trusted-mentor list.
    pub fn is_trusted(&self, did: &str) -> bool {
        self.trusted.as_ref().is_some_and(|t| t.contains(did))
    }

    /// Verifies one credential (no deadline).
    pub fn verify_credential(&self, c: &Value) -> Result<CredentialReport, om_core::Error> {
        self.until(None).verify_credential(c)
    }

    /// Verifies a presentation (no deadline).
    pub fn verify_presentation(
        &self,
        p: &Value,
        options: &PresentationOptions,
    ) -> Result<PresentationReport, om_core::Error> {
        self.until(None).verify_presentation(p, options)
    }

    /// Verifies a presentation (when its type says so) or a credential (no deadline).
    pub fn verify_any(
        &self,
        doc: &Value,
        options: &PresentationOptions,
    ) -> Result<AnyReport, om_core::Error> {
        self.until(None).verify_any(doc, options)
    }

    /// The verdict of either kind of report.
    pub fn verdict(&self, r: &AnyReport) -> Verdict {
        match r {
            AnyReport::Credential(c) => c.verdict(),
            AnyReport::Presentation(p) => p.verdict(),
        }
    }

    /// The VC-API style JSON result (`verified`, `verdict`, `checks`,
    /// `warnings`, `errors`, `details`); for a presentation, `details.rule`
    /// also carries the employer's sentence (`statement`).
    pub fn vc_api(&self, r: &AnyReport) -> Value {
        match r {
            AnyReport::Credential(c) => c.to_vc_api(),
            AnyReport::Presentation(p) => {
                let mut v = p.to_vc_api();
                if let (Some(rule), Some(obj)) = (
                    &p.rule,
                    v.pointer_mut("/details/rule")
                        .and_then(Value::as_object_mut),
                ) {
                    obj.insert(
                        "statement".into(),
                        Value::String(crate::rule_text::statement(rule)),
                    );
                }
                v
            }
        }
    }
}

/// The engine for one request: each verification gets its own fetch budget
/// (see [`RequestFetcher`]) and no fetch starts after the deadline.
pub struct Scoped<'a> {
    engine: &'a Engine,
    deadline: Option<Instant>,
}

impl Deref for Scoped<'_> {
    type Target = Engine;
    fn deref(&self) -> &Engine {
        self.engine
    }
}

impl Scoped<'_> {
    fn fetcher(&self) -> RequestFetcher<'_> {
        RequestFetcher::new(
            &self.engine.fetcher,
            self.engine.fetches_per_request,
            self.deadline,
        )
    }

    fn verifier<'b>(&'b self, f: &'b RequestFetcher<'b>) -> Verifier<'b> {
        Verifier {
            di: &self.engine.di,
            resolver: f,
            status: Some(f),
            now: Utc::now(),
            rule: self.engine.rule,
            mentors: self.engine.mentor_policy(),
        }
    }

    /// Verifies one credential.
    pub fn verify_credential(&self, c: &Value) -> Result<CredentialReport, om_core::Error> {
        let f = self.fetcher();
        self.verifier(&f).verify_credential(c)
    }

    /// Verifies a presentation.
    pub fn verify_presentation(
        &self,
        p: &Value,
        options: &PresentationOptions,
    ) -> Result<PresentationReport, om_core::Error> {
        let f = self.fetcher();
        self.verifier(&f).verify_presentation(p, options)
    }

    /// Verifies a presentation (when its type says so) or a credential.
    pub fn verify_any(
        &self,
        doc: &Value,
        options: &PresentationOptions,
    ) -> Result<AnyReport, om_core::Error> {
        if has_type(doc, "VerifiablePresentation") {
            self.verify_presentation(doc, options)
                .map(AnyReport::Presentation)
        } else {
            self.verify_credential(doc).map(AnyReport::Credential)
        }
    }
}

/// The symbol of a check outcome: ✓ ✗ ? –.
pub fn symbol(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✓",
        Outcome::Fail => "✗",
        Outcome::Unknown => "?",
        Outcome::Skipped => "–",
    }
}

/// The holder's name as the letters about them state it.
pub fn holder_name(r: &PresentationReport) -> Option<String> {
    let holder = r.holder.as_deref()?;
    r.credentials
        .iter()
        .filter_map(|c| c.letter.as_ref())
        .filter(|l| l.subject_id.as_deref() == Some(holder))
        .find_map(|l| l.subject_name.clone())
}
