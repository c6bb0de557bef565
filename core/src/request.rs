//! A participant's signed request for a letter (`specs/exchanges.md`, "Asking
//! for a letter").
//!
//! The request is a credential the participant issues about themselves, of
//! type `EndorsementRequest`: their DID (issuer and subject), their name, the
//! role they ask the endorser to write in, the service to deliver the letter to,
//! and an expiry (`validUntil`). It is signed like any credential, so the
//! verifier that checks letters checks it: a changed field breaks the
//! signature, a key of someone else breaks the key binding, and a passed
//! `validUntil` makes it expired. It travels whole in a link's fragment, in
//! the inline codec of [`crate::share`]: `{service_url}/request#req=<payload>`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::contexts::{CREDENTIALS_V2, UNDEFINED_TERMS_V2};
use crate::credential::format_date;
use crate::jsonld::{vocab, CheckedCredential, Refusal};
use crate::letter::Role;

/// The request's type (an undefined term, as the letter's role is).
pub const REQUEST_TYPE: &str = "EndorsementRequest";
/// The fragment key of a request link.
pub const LINK_KEY: &str = "req=";

/// What a participant asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRequest {
    /// The request's id (`urn:uuid:…`).
    pub id: String,
    /// The participant's DID: the letter's subject.
    pub holder: String,
    /// The participant's name, as the letter should give it.
    pub name: String,
    /// The role the endorser is asked to write in.
    pub role: Role,
    /// The service (base URL) the letter is to be delivered through.
    pub deliver_to: String,
    /// When the request was made.
    pub valid_from: DateTime<Utc>,
    /// When it stops being honoured.
    pub valid_until: DateTime<Utc>,
}

fn term(name: &str) -> String {
    format!("{}{name}", vocab::UNDEFINED_TERM)
}

impl LetterRequest {
    /// The unsigned request credential (the participant signs it with
    /// `assertionMethod`, as an issuer).
    pub fn to_credential(&self) -> Value {
        json!({
            "@context": [CREDENTIALS_V2, UNDEFINED_TERMS_V2],
            "id": self.id,
            "type": ["VerifiableCredential", REQUEST_TYPE],
            "issuer": self.holder,
            "validFrom": format_date(&self.valid_from),
            "validUntil": format_date(&self.valid_until),
            "credentialSubject": {
                "id": self.holder,
                "name": self.name,
                "requestedRole": self.role.as_str(),
                "deliverTo": self.deliver_to,
            }
        })
    }

    /// Reads a strictly checked request: every field from the signed tree,
    /// exactly one of each, with the issuer the subject. The signature and
    /// the dates are the verifier's to check.
    pub fn from_checked(c: &CheckedCredential) -> Result<Self, Refusal> {
        let node = c.node();
        if !node.has_type(&term(REQUEST_TYPE)) {
            return Err(Refusal::new("$.type", "not an EndorsementRequest"));
        }
        let subject = node
            .one_node(vocab::VC_SUBJECT)?
            .ok_or_else(|| Refusal::new("$.credentialSubject", "must be one object"))?;
        let holder = subject
            .id
            .clone()
            .ok_or_else(|| Refusal::new("$.credentialSubject.id", "missing"))?;
        if holder != c.issuer() {
            return Err(Refusal::new(
                "$.credentialSubject.id",
                format!(
                    "the request is about {holder} but made by {}: a request must be made by the participant",
                    c.issuer()
                ),
            ));
        }
        let text = |iri: &str, path: &str| -> Result<String, Refusal> {
            subject
                .one_str(iri)?
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Refusal::new(path, "missing"))
        };
        let name = text(vocab::SCHEMA_NAME, "$.credentialSubject.name")?;
        let role = text(&term("requestedRole"), "$.credentialSubject.requestedRole")?;
        let role: Role = role.parse().map_err(|_| {
            Refusal::new(
                "$.credentialSubject.requestedRole",
                format!("{role:?} is neither mentor nor peer"),
            )
        })?;
        let deliver_to = text(&term("deliverTo"), "$.credentialSubject.deliverTo")?;
        if !(deliver_to.starts_with("https://") || deliver_to.starts_with("http://")) {
            return Err(Refusal::new(
                "$.credentialSubject.deliverTo",
                "not an http(s) URL",
            ));
        }
        let date = |iri: &str, path: &str| -> Result<DateTime<Utc>, Refusal> {
            node.one_str(iri)?
                .and_then(crate::credential::parse_date)
                .ok_or_else(|| Refusal::new(path, "missing or not a date"))
        };
        Ok(Self {
            id: c.id().unwrap_or_default().to_string(),
            holder,
            name,
            role,
            deliver_to: deliver_to.trim_end_matches('/').to_string(),
            valid_from: date(vocab::VC_VALID_FROM, "$.validFrom")?,
            valid_until: date(vocab::VC_VALID_UNTIL, "$.validUntil")?,
        })
    }
}

/// The link carrying a signed request: `{service_url}/request#req=<payload>`.
pub fn request_link(service_url: &str, signed: &Value) -> String {
    format!(
        "{}/request#{LINK_KEY}{}",
        service_url.trim_end_matches('/'),
        crate::share::encode(signed)
    )
}

/// The signed request a link carries (the text after `req=`), as JSON bytes.
pub fn payload_of_link(link: &str) -> Option<&str> {
    link.trim()
        .rsplit_once(LINK_KEY)
        .map(|(_, p)| p.split('&').next().unwrap_or(p))
}
