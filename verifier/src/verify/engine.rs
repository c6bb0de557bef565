//! The verification engine shared by the server and the CLI: one
//! `DataIntegrity` (JSON-LD caches), one `HttpFetcher` (status lists, did:web),
//! the programme-rule settings and the teams trusted to confirm writers.

use std::ops::Deref;
use std::time::Instant;

use chrono::Utc;
use om_core::confirmation::TrustedTeams;
use om_core::credential::has_type;
use om_core::fetch::{FetchPolicy, HttpFetcher};
use om_core::proof::DataIntegrity;
use om_core::report::{CredentialReport, Outcome, PresentationReport, Verdict};
use om_core::rule::RuleParams;
use om_core::verify::{PresentationOptions, Verifier};
use serde_json::Value;

use crate::verify::outbound::{RequestFetcher, DEFAULT_FETCHES_PER_REQUEST};

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
    /// The teams trusted to confirm who writers are (none: no letter counts).
    pub teams: TrustedTeams,
    /// How many distinct documents one verification may have fetched.
    pub fetches_per_request: usize,
    /// Hosts whose public links (the Learner Credential Wallet's VerifierPlus
    /// links) are read; see [`crate::verify::shared_links`].
    pub shared_link_hosts: Vec<String>,
}

impl Engine {
    /// An engine with the given fetch policy, rule and trusted teams.
    pub fn new(policy: FetchPolicy, rule: RuleParams, teams: TrustedTeams) -> Self {
        Self {
            di: DataIntegrity::new(),
            fetcher: HttpFetcher::new(policy),
            rule,
            teams,
            fetches_per_request: DEFAULT_FETCHES_PER_REQUEST,
            shared_link_hosts: crate::verify::shared_links::DEFAULT_HOSTS
                .iter()
                .map(|h| h.to_string())
                .collect(),
        }
    }

    /// The same engine reading public links from these hosts only.
    pub fn with_shared_link_hosts(mut self, hosts: Vec<String>) -> Self {
        self.shared_link_hosts = hosts;
        self
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
                        Value::String(crate::page::rule_text::statement(rule)),
                    );
                    // What the verdict rests on: the teams trusted to confirm writers.
                    obj.insert(
                        "trustedTeams".into(),
                        self.teams.iter().map(|t| Value::String(t.into())).collect(),
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
            teams: self.engine.teams.clone(),
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

    /// Fetches what a shared public link stands for (see
    /// [`crate::verify::shared_links`]) and verifies it, under this request's fetch
    /// budget and deadline. `Err` carries the sentence for the person who
    /// pasted the link.
    pub fn verify_shared_link(
        &self,
        link: &str,
        options: &PresentationOptions,
    ) -> Result<AnyReport, String> {
        let url = crate::verify::shared_links::document_url(link, &self.engine.shared_link_hosts)
            .map_err(|e| e.to_string())?;
        let f = self.fetcher();
        let fetched = f.shared_document(&url)?;
        let doc = crate::verify::shared_links::shared_document(fetched);
        self.verify_any(&doc, options).map_err(|e| e.to_string())
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
    let holder = r.presented_subject()?;
    r.credentials
        .iter()
        .filter_map(|c| c.letter.as_ref())
        .filter(|l| l.subject_id.as_deref() == Some(holder))
        .find_map(|l| l.subject_name.clone())
}
