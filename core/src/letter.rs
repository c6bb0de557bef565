//! The Open Masters letter profile (see `specs/letter-profile.md`): letters of
//! endorsement as Open Badges 3.0 `EndorsementCredential`s or plain VC 2.0
//! credentials, and the Open Badges `OpenBadgeCredential` for an achievement.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3, UNDEFINED_TERMS_V2};
use crate::credential::{format_date, has_type, id_of, issuer_id, values};
use crate::Error;

/// The property that carries the endorser's role, inside the credential subject.
pub const ROLE_PROPERTY: &str = "endorserRole";
/// The `type` of a plain VC 2.0 letter.
pub const PLAIN_LETTER_TYPE: &str = "EndorsementLetter";

/// The role in which an endorser writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A mentor of the participant.
    Mentor,
    /// A fellow participant.
    Peer,
}

impl Role {
    /// `mentor` or `peer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mentor => "mentor",
            Self::Peer => "peer",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "mentor" => Ok(Self::Mentor),
            "peer" => Ok(Self::Peer),
            other => Err(Error::Malformed(format!(
                "role {other:?} is neither \"mentor\" nor \"peer\""
            ))),
        }
    }
}

/// How a letter is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LetterFormat {
    /// Open Badges 3.0 `EndorsementCredential` (the default).
    #[default]
    Ob3,
    /// A plain W3C VC 2.0 credential.
    Vc,
}

impl std::str::FromStr for LetterFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "ob3" => Ok(Self::Ob3),
            "vc" => Ok(Self::Vc),
            other => Err(Error::Malformed(format!(
                "format {other:?} is neither \"ob3\" nor \"vc\""
            ))),
        }
    }
}

/// An issuer's public profile (Open Badges `Profile`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The issuer's DID.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A sentence about the issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Picture URL (written as an Open Badges `Image` object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl Profile {
    fn to_json(&self, format: LetterFormat) -> Value {
        let mut p = Map::new();
        p.insert("id".into(), self.id.clone().into());
        if format == LetterFormat::Ob3 {
            p.insert("type".into(), json!(["Profile"]));
        }
        p.insert("name".into(), self.name.clone().into());
        for (k, v) in [
            ("url", &self.url),
            ("email", &self.email),
            ("description", &self.description),
        ] {
            if let Some(v) = v {
                p.insert(k.into(), v.clone().into());
            }
        }
        if let Some(img) = &self.image {
            p.insert("image".into(), json!({"id": img, "type": "Image"}));
        }
        Value::Object(p)
    }
}

/// A fresh `urn:uuid:` identifier.
pub fn new_credential_id() -> String {
    format!("urn:uuid:{}", uuid::Uuid::new_v4())
}

/// A letter of endorsement, before it is signed.
#[derive(Debug, Clone)]
pub struct LetterDraft {
    /// The credential id (`urn:uuid:…`).
    pub id: String,
    /// The endorser.
    pub endorser: Profile,
    /// The role the endorser writes in.
    pub role: Role,
    /// The participant's DID.
    pub subject_id: String,
    /// The participant's display name.
    pub subject_name: String,
    /// The letter (Markdown allowed).
    pub text: String,
    /// Encoding.
    pub format: LetterFormat,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity, if any.
    pub valid_until: Option<DateTime<Utc>>,
    /// A `credentialStatus` entry, if the endorser publishes a status list.
    pub status: Option<Value>,
}

impl LetterDraft {
    /// Checks the draft and returns the unsigned credential.
    pub fn to_credential(&self) -> Result<Value, Error> {
        if self.text.trim().is_empty() {
            return Err(Error::Malformed("the letter has no text".into()));
        }
        if self.subject_name.trim().is_empty() || self.endorser.name.trim().is_empty() {
            return Err(Error::Malformed(
                "both the endorser and the participant need a name".into(),
            ));
        }
        if !self.subject_id.starts_with("did:") {
            return Err(Error::Malformed(format!(
                "{:?} is not a DID",
                self.subject_id
            )));
        }
        if let Some(until) = self.valid_until {
            if until <= self.valid_from {
                return Err(Error::Malformed(
                    "validUntil must be after validFrom".into(),
                ));
            }
        }
        let mut subject = Map::new();
        subject.insert("id".into(), self.subject_id.clone().into());
        if self.format == LetterFormat::Ob3 {
            subject.insert("type".into(), json!(["EndorsementSubject"]));
        }
        subject.insert("name".into(), self.subject_name.clone().into());
        subject.insert("endorsementComment".into(), self.text.clone().into());
        subject.insert(ROLE_PROPERTY.into(), self.role.as_str().into());
        let (context, types) = match self.format {
            LetterFormat::Ob3 => (
                json!([CREDENTIALS_V2, OPEN_BADGES_V3, UNDEFINED_TERMS_V2]),
                json!(["VerifiableCredential", "EndorsementCredential"]),
            ),
            LetterFormat::Vc => (
                json!([CREDENTIALS_V2, UNDEFINED_TERMS_V2]),
                json!(["VerifiableCredential", PLAIN_LETTER_TYPE]),
            ),
        };
        let mut c = Map::new();
        c.insert("@context".into(), context);
        c.insert("id".into(), self.id.clone().into());
        c.insert("type".into(), types);
        c.insert(
            "name".into(),
            format!(
                "Open Masters letter of endorsement for {}",
                self.subject_name
            )
            .into(),
        );
        c.insert("issuer".into(), self.endorser.to_json(self.format));
        c.insert("validFrom".into(), format_date(&self.valid_from).into());
        if let Some(until) = &self.valid_until {
            c.insert("validUntil".into(), format_date(until).into());
        }
        c.insert("credentialSubject".into(), Value::Object(subject));
        if let Some(status) = &self.status {
            c.insert("credentialStatus".into(), status.clone());
        }
        Ok(Value::Object(c))
    }
}

/// An Open Badges 3.0 achievement credential, before it is signed.
#[derive(Debug, Clone)]
pub struct BadgeDraft {
    /// The credential id.
    pub id: String,
    /// The issuer.
    pub issuer: Profile,
    /// The earner's DID.
    pub subject_id: String,
    /// The earner's name, if it should be shown.
    pub subject_name: Option<String>,
    /// The achievement's id (a URL or URN).
    pub achievement_id: String,
    /// The achievement's name, e.g. "Open Masters".
    pub name: String,
    /// What it recognises.
    pub description: String,
    /// How it is earned.
    pub criteria: String,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity, if any.
    pub valid_until: Option<DateTime<Utc>>,
    /// A `credentialStatus` entry.
    pub status: Option<Value>,
}

impl BadgeDraft {
    /// Checks the draft and returns the unsigned `OpenBadgeCredential`.
    pub fn to_credential(&self) -> Result<Value, Error> {
        if self.name.trim().is_empty()
            || self.description.trim().is_empty()
            || self.criteria.trim().is_empty()
        {
            return Err(Error::Malformed(
                "a badge needs a name, a description and criteria".into(),
            ));
        }
        if !self.subject_id.starts_with("did:") {
            return Err(Error::Malformed(format!(
                "{:?} is not a DID",
                self.subject_id
            )));
        }
        let mut subject = json!({
            "id": self.subject_id,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": self.achievement_id,
                "type": ["Achievement"],
                "name": self.name,
                "description": self.description,
                "criteria": {"narrative": self.criteria}
            }
        });
        if let Some(n) = &self.subject_name {
            subject["name"] = n.clone().into();
        }
        let mut c = json!({
            "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
            "id": self.id,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": self.name,
            "issuer": self.issuer.to_json(LetterFormat::Ob3),
            "validFrom": format_date(&self.valid_from),
            "credentialSubject": subject
        });
        if let Some(until) = &self.valid_until {
            c["validUntil"] = format_date(until).into();
        }
        if let Some(status) = &self.status {
            c["credentialStatus"] = status.clone();
        }
        Ok(c)
    }
}

/// What kind of credential a [`LetterView`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CredentialKind {
    /// A letter of endorsement.
    Endorsement,
    /// An Open Badges achievement.
    Badge,
    /// Any other credential.
    Other,
}

/// What a credential says, for people: who, about whom, in what role, the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterView {
    /// Letter, badge or other.
    pub kind: CredentialKind,
    /// The credential id.
    pub id: Option<String>,
    /// The credential's name.
    pub title: Option<String>,
    /// The issuer (endorser) DID.
    pub issuer_id: String,
    /// The issuer's stated name.
    pub issuer_name: Option<String>,
    /// The stated role, for letters.
    pub role: Option<Role>,
    /// The subject's DID.
    pub subject_id: Option<String>,
    /// The subject's stated name.
    pub subject_name: Option<String>,
    /// The letter text, or the badge description.
    pub text: Option<String>,
    /// The achievement's name, for badges.
    pub achievement: Option<String>,
    /// `validFrom` as written.
    pub valid_from: Option<String>,
    /// `validUntil` as written.
    pub valid_until: Option<String>,
}

impl LetterView {
    /// Reads any VC 2.0 credential; `None` if it has no issuer.
    pub fn from_credential(c: &Value) -> Option<Self> {
        let issuer_id = issuer_id(c)?.to_string();
        let str_at = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        let subject = values(c.get("credentialSubject")).into_iter().next();
        let kind = if has_type(c, "EndorsementCredential") || has_type(c, PLAIN_LETTER_TYPE) {
            CredentialKind::Endorsement
        } else if has_type(c, "OpenBadgeCredential") || has_type(c, "AchievementCredential") {
            CredentialKind::Badge
        } else {
            CredentialKind::Other
        };
        let achievement = subject.and_then(|s| s.get("achievement"));
        let text = match kind {
            CredentialKind::Endorsement => {
                str_at(subject.and_then(|s| s.get("endorsementComment")))
            }
            CredentialKind::Badge => str_at(achievement.and_then(|a| a.get("description"))),
            CredentialKind::Other => str_at(c.get("description")),
        };
        Some(Self {
            kind,
            id: str_at(c.get("id")),
            title: str_at(c.get("name")),
            issuer_name: str_at(c.get("issuer").and_then(|i| i.get("name"))),
            issuer_id,
            role: subject
                .and_then(|s| s.get(ROLE_PROPERTY))
                .and_then(Value::as_str)
                .and_then(|r| r.parse().ok()),
            subject_id: id_of(subject).map(str::to_string),
            subject_name: str_at(subject.and_then(|s| s.get("name"))),
            text,
            achievement: str_at(achievement.and_then(|a| a.get("name"))),
            valid_from: str_at(c.get("validFrom")),
            valid_until: str_at(c.get("validUntil")),
        })
    }
}
