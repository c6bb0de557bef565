//! The Open Masters letter profile (see `specs/letter-profile.md`): letters of
//! endorsement as Open Badges 3.0 `EndorsementCredential`s or plain VC 2.0
//! credentials, and the Open Badges `OpenBadgeCredential` for an achievement.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3, UNDEFINED_TERMS_V2};
use crate::credential::format_date;
use crate::jsonld::{vocab, CheckedCredential, Item, Node, Refusal};
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
    /// Signed credentials about this person that travel with what they sign
    /// (Open Badges `Profile.endorsement`): the team confirmations of
    /// [`crate::confirmation`], copied unchanged. Open Badges letters only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endorsement: Vec<Value>,
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
        if format == LetterFormat::Ob3 && !self.endorsement.is_empty() {
            p.insert("endorsement".into(), Value::Array(self.endorsement.clone()));
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
        if self.format == LetterFormat::Vc && !self.endorser.endorsement.is_empty() {
            return Err(Error::Malformed(
                "a plain VC 2.0 letter cannot carry a team's confirmation (Open Badges Profile.endorsement): write an Open Badges letter".into(),
            ));
        }
        let mut subject = Map::new();
        subject.insert("id".into(), self.subject_id.clone().into());
        if self.format == LetterFormat::Ob3 {
            subject.insert("type".into(), json!(["EndorsementSubject"]));
        }
        subject.insert("name".into(), self.subject_name.clone().into());
        subject.insert("endorsementComment".into(), self.text.clone().into());
        subject.insert(ROLE_PROPERTY.into(), self.role.as_str().into());
        crate::letter_display::add_copies(&mut subject, self.role.as_str(), &self.text);
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
    /// Reads a credential after checking it strictly; `None` if it is refused
    /// or is a letter of endorsement that breaks the profile.
    pub fn from_credential(c: &Value) -> Option<Self> {
        let checked = crate::jsonld::check_credential(c).ok()?;
        Self::from_checked(&checked).ok()
    }

    /// Reads a checked credential. A letter of endorsement must have exactly
    /// the profile's shape (one subject with an id, a name, the text and a
    /// role of `mentor` or `peer`; one issuer name at most): anything else is
    /// refused with its JSON path. Badges and other credentials are shown
    /// as far as they follow the profile.
    pub fn from_checked(c: &CheckedCredential) -> Result<Self, Refusal> {
        let node = c.node();
        let kind = if node.has_type(vocab::OB_ENDORSEMENT_CREDENTIAL)
            || node.has_type(vocab::OM_PLAIN_LETTER)
        {
            CredentialKind::Endorsement
        } else if node.has_type(vocab::OB_BADGE_CREDENTIAL) {
            CredentialKind::Badge
        } else {
            CredentialKind::Other
        };
        let strict = kind == CredentialKind::Endorsement;
        // Letters are read strictly; other credentials leniently (the first
        // string value), which still shows only signed words.
        let text_of = |n: &Node, iri: &str| -> Result<Option<String>, Refusal> {
            if strict {
                Ok(n.one_str(iri)?.map(str::to_string))
            } else {
                Ok(n.values(iri)
                    .iter()
                    .find_map(Item::as_str)
                    .map(str::to_string))
            }
        };
        let subject = if strict {
            Some(
                node.one_node(vocab::VC_SUBJECT)?
                    .ok_or_else(|| Refusal::new("$.credentialSubject", "must be an object"))?,
            )
        } else {
            node.values(vocab::VC_SUBJECT)
                .iter()
                .find_map(Item::as_node)
        };
        let subject_id = match subject {
            Some(s) => s.id.clone(),
            None => node
                .values(vocab::VC_SUBJECT)
                .iter()
                .find_map(Item::id)
                .map(str::to_string),
        };
        let issuer_node = node.one(vocab::VC_ISSUER)?.and_then(Item::as_node);
        let issuer_name = match issuer_node {
            Some(i) => text_of(i, vocab::SCHEMA_NAME)?,
            None => None,
        };
        let achievement = match subject {
            Some(s) if kind == CredentialKind::Badge => s
                .values(vocab::OB_ACHIEVEMENT)
                .iter()
                .find_map(Item::as_node),
            _ => None,
        };
        let mut role = None;
        let text = match (kind, subject) {
            (CredentialKind::Endorsement, Some(s)) => {
                if subject_id.is_none() {
                    return Err(Refusal::new(&s.path, "the endorsed person has no id"));
                }
                if let Some(r) = s.one_str(vocab::OM_ENDORSER_ROLE)? {
                    role = Some(r.parse().map_err(|_| {
                        Refusal::new(
                            &s.path,
                            format!("the role {r:?} is neither mentor nor peer"),
                        )
                    })?);
                }
                let text = match s.one_str(vocab::OB_ENDORSEMENT_COMMENT)? {
                    Some(t) => Some(t.to_string()),
                    None => s
                        .one_str(&format!("{}endorsementComment", vocab::UNDEFINED_TERM))?
                        .map(str::to_string),
                };
                crate::letter_display::check_copies(s, role.map(Role::as_str), text.as_deref())?;
                text
            }
            (CredentialKind::Badge, _) => match achievement {
                Some(a) => text_of(a, vocab::SCHEMA_DESCRIPTION)?,
                None => None,
            },
            _ => text_of(node, vocab::SCHEMA_DESCRIPTION)?,
        };
        Ok(Self {
            kind,
            id: c.id().map(str::to_string),
            title: text_of(node, vocab::SCHEMA_NAME)?,
            issuer_id: c.issuer().to_string(),
            issuer_name,
            role,
            subject_id,
            subject_name: match subject {
                Some(s) => text_of(s, vocab::SCHEMA_NAME)?,
                None => None,
            },
            text,
            achievement: match achievement {
                Some(a) => text_of(a, vocab::SCHEMA_NAME)?,
                None => None,
            },
            valid_from: node.one_str(vocab::VC_VALID_FROM)?.map(str::to_string),
            valid_until: node.one_str(vocab::VC_VALID_UNTIL)?.map(str::to_string),
        })
    }
}
