//! Team confirmations: a team that runs a cohort confirms, with a credential it
//! signs, that a DID is a participant of its cohort or a co-mentor of a given
//! participant (see `specs/programme-rule.md` §7).
//!
//! A confirmation is an Open Badges 3.0 `EndorsementCredential` issued by the
//! team about the writer's DID (the `Profile.endorsement` of Open Badges), and
//! the writer carries it in `issuer.endorsement` of the letters they sign. It
//! is read and verified on its own, from the exact JSON the letter carries,
//! against the team's key, so the words read are the words the team signed.
//! This module builds confirmations and reads them; whether one counts for a
//! letter is decided in [`crate::verify`] and recorded as a
//! [`ConfirmationReport`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3, UNDEFINED_TERMS_V2};
use crate::credential::{format_date, parse_date};
use crate::jsonld::{vocab, CheckedCredential, Refusal};
use crate::letter::Profile;
use crate::Error;

/// The JSON term that names what the team confirms (`participant` or `coMentor`).
pub const ROLE_TERM: &str = "confirmedRole";
/// The JSON term that names the participant a co-mentor mentors (a DID).
pub const MENTOR_OF_TERM: &str = "mentorOf";
/// At most this many confirmations of one letter are examined; the rest are
/// reported as not examined, so a letter cannot make a verifier do unbounded work.
pub const MAX_PER_LETTER: usize = 4;

/// The teams a verifier trusts to confirm who writers are: their DIDs.
///
/// Empty by default: a verifier that trusts no team counts no letter, and says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TrustedTeams(std::collections::BTreeSet<String>);

impl TrustedTeams {
    /// The teams with these DIDs.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(dids: I) -> Self {
        Self(dids.into_iter().map(Into::into).collect())
    }

    /// Whether the team with this DID is trusted.
    pub fn contains(&self, did: &str) -> bool {
        self.0.contains(did)
    }

    /// True when no team is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The trusted DIDs, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Adds a team.
    pub fn insert(&mut self, did: impl Into<String>) {
        self.0.insert(did.into());
    }
}

/// What a team confirms about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConfirmedRole {
    /// A participant of the team's cohort (their letters count as peer letters).
    Participant,
    /// A co-mentor of one named participant.
    CoMentor,
}

impl ConfirmedRole {
    /// `participant` or `coMentor`, as written in the credential.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Participant => "participant",
            Self::CoMentor => "coMentor",
        }
    }
}

impl std::str::FromStr for ConfirmedRole {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "participant" => Ok(Self::Participant),
            "coMentor" => Ok(Self::CoMentor),
            other => Err(Error::Malformed(format!(
                "confirmed role {other:?} is neither \"participant\" nor \"coMentor\""
            ))),
        }
    }
}

/// A confirmation before the team signs it.
#[derive(Debug, Clone)]
pub struct ConfirmationDraft {
    /// The credential id (`urn:uuid:…`).
    pub id: String,
    /// The team.
    pub team: Profile,
    /// The confirmed person's DID.
    pub subject_id: String,
    /// The confirmed person's name.
    pub subject_name: String,
    /// What is confirmed.
    pub role: ConfirmedRole,
    /// For a co-mentor: the participant's DID and name.
    pub mentor_of: Option<(String, String)>,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity (required: a confirmation is bounded in time).
    pub valid_until: DateTime<Utc>,
    /// The `credentialStatus` entry through which the team can withdraw it.
    pub status: Option<Value>,
}

impl ConfirmationDraft {
    /// The sentence a person reads in the confirmation (`endorsementComment`).
    pub fn sentence(&self) -> String {
        match (&self.role, &self.mentor_of) {
            (ConfirmedRole::CoMentor, Some((_, name))) => format!(
                "{} is a co-mentor of {} in the Open Masters, confirmed by {}.",
                self.subject_name, name, self.team.name
            ),
            _ => format!(
                "{} is a participant of the Open Masters cohort run by {}.",
                self.subject_name, self.team.name
            ),
        }
    }

    /// Checks the draft and returns the unsigned credential.
    pub fn to_credential(&self) -> Result<Value, Error> {
        if !self.subject_id.starts_with("did:") {
            return Err(Error::Malformed(format!(
                "{:?} is not a DID",
                self.subject_id
            )));
        }
        if self.subject_id == self.team.id {
            return Err(Error::Malformed("a team cannot confirm itself".to_string()));
        }
        if self.subject_name.trim().is_empty() || self.team.name.trim().is_empty() {
            return Err(Error::Malformed(
                "both the team and the confirmed person need a name".into(),
            ));
        }
        match (self.role, &self.mentor_of) {
            (ConfirmedRole::CoMentor, None) => {
                return Err(Error::Malformed(
                    "a co-mentor is confirmed for one participant: name them".into(),
                ))
            }
            (ConfirmedRole::CoMentor, Some((did, _))) if !did.starts_with("did:") => {
                return Err(Error::Malformed(format!("{did:?} is not a DID")))
            }
            (ConfirmedRole::CoMentor, Some((did, _))) if *did == self.subject_id => {
                return Err(Error::Malformed(
                    "nobody is their own co-mentor".to_string(),
                ))
            }
            (ConfirmedRole::Participant, Some(_)) => {
                return Err(Error::Malformed(
                    "a participant is confirmed without a participant to mentor".into(),
                ))
            }
            _ => {}
        }
        if self.valid_until <= self.valid_from {
            return Err(Error::Malformed(
                "validUntil must be after validFrom".into(),
            ));
        }
        let mut subject = Map::new();
        subject.insert("id".into(), self.subject_id.clone().into());
        subject.insert("type".into(), json!(["EndorsementSubject"]));
        subject.insert("name".into(), self.subject_name.clone().into());
        subject.insert("endorsementComment".into(), self.sentence().into());
        subject.insert(ROLE_TERM.into(), self.role.as_str().into());
        if let Some((did, _)) = &self.mentor_of {
            subject.insert(MENTOR_OF_TERM.into(), did.clone().into());
        }
        let mut c = Map::new();
        c.insert(
            "@context".into(),
            json!([CREDENTIALS_V2, OPEN_BADGES_V3, UNDEFINED_TERMS_V2]),
        );
        c.insert("id".into(), self.id.clone().into());
        c.insert(
            "type".into(),
            json!(["VerifiableCredential", "EndorsementCredential"]),
        );
        c.insert(
            "name".into(),
            match self.role {
                ConfirmedRole::CoMentor => "Open Masters co-mentor confirmation",
                ConfirmedRole::Participant => "Open Masters participant confirmation",
            }
            .into(),
        );
        let mut team = Map::new();
        team.insert("id".into(), self.team.id.clone().into());
        team.insert("type".into(), json!(["Profile"]));
        team.insert("name".into(), self.team.name.clone().into());
        if let Some(url) = &self.team.url {
            team.insert("url".into(), url.clone().into());
        }
        c.insert("issuer".into(), Value::Object(team));
        c.insert("validFrom".into(), format_date(&self.valid_from).into());
        c.insert("validUntil".into(), format_date(&self.valid_until).into());
        c.insert("credentialSubject".into(), Value::Object(subject));
        if let Some(status) = &self.status {
            c.insert("credentialStatus".into(), status.clone());
        }
        Ok(Value::Object(c))
    }
}

/// The IRI `confirmedRole` expands to (through the undefined-terms context).
pub fn role_iri() -> String {
    format!("{}{ROLE_TERM}", vocab::UNDEFINED_TERM)
}

/// The IRI `mentorOf` expands to (through the undefined-terms context).
pub fn mentor_of_iri() -> String {
    format!("{}{MENTOR_OF_TERM}", vocab::UNDEFINED_TERM)
}

/// What a confirmation says, read strictly from the team's signed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmationView {
    /// The confirmation's id.
    pub id: Option<String>,
    /// The team's DID (the issuer).
    pub team: String,
    /// The team's stated name.
    pub team_name: Option<String>,
    /// The confirmed person's DID.
    pub subject: String,
    /// The confirmed person's stated name.
    pub subject_name: Option<String>,
    /// What is confirmed.
    pub role: ConfirmedRole,
    /// For a co-mentor: the participant's DID.
    pub mentor_of: Option<String>,
    /// `validFrom`.
    pub valid_from: DateTime<Utc>,
    /// `validUntil`.
    pub valid_until: DateTime<Utc>,
    /// Whether it carries a `credentialStatus` entry (can be withdrawn).
    pub withdrawable: bool,
}

impl ConfirmationView {
    /// Reads a checked credential as a confirmation, or says why it is not one
    /// (with the JSON path, relative to the confirmation itself).
    pub fn from_checked(c: &CheckedCredential) -> Result<Self, Refusal> {
        let node = c.node();
        if !node.has_type(vocab::OB_ENDORSEMENT_CREDENTIAL) {
            return Err(Refusal::new(
                "$.type",
                "not an EndorsementCredential: not a team confirmation",
            ));
        }
        let subject = node
            .one_node(vocab::VC_SUBJECT)?
            .ok_or_else(|| Refusal::new("$.credentialSubject", "must be an object"))?;
        let subject_id = subject
            .id
            .clone()
            .ok_or_else(|| Refusal::new(&subject.path, "the confirmed person has no id"))?;
        let role = subject
            .one_str(&role_iri())?
            .ok_or_else(|| {
                Refusal::new(
                    &subject.path,
                    "no confirmedRole: not an Open Masters team confirmation",
                )
            })?
            .parse::<ConfirmedRole>()
            .map_err(|e| Refusal::new(&subject.path, e.to_string()))?;
        let mentor_of = subject.one_str(&mentor_of_iri())?.map(str::to_string);
        match (role, &mentor_of) {
            (ConfirmedRole::CoMentor, None) => {
                return Err(Refusal::new(
                    &subject.path,
                    "a co-mentor confirmation must name the participant (mentorOf)",
                ))
            }
            (ConfirmedRole::Participant, Some(_)) => {
                return Err(Refusal::new(
                    &subject.path,
                    "a participant confirmation names no participant to mentor",
                ))
            }
            _ => {}
        }
        let date = |iri: &str, field: &str| -> Result<DateTime<Utc>, Refusal> {
            let at = format!("$.{field}");
            let v = node
                .one_str(iri)?
                .ok_or_else(|| Refusal::new(&at, "a confirmation must be bounded in time"))?;
            parse_date(v).ok_or_else(|| Refusal::new(&at, format!("not a date-time: {v:?}")))
        };
        let valid_from = date(vocab::VC_VALID_FROM, "validFrom")?;
        let valid_until = date(vocab::VC_VALID_UNTIL, "validUntil")?;
        let team_name = match node.one(vocab::VC_ISSUER)?.and_then(|i| i.as_node()) {
            Some(i) => i.one_str(vocab::SCHEMA_NAME)?.map(str::to_string),
            None => None,
        };
        Ok(Self {
            id: c.id().map(str::to_string),
            team: c.issuer().to_string(),
            team_name,
            subject: subject_id,
            subject_name: subject.one_str(vocab::SCHEMA_NAME)?.map(str::to_string),
            role,
            mentor_of,
            valid_from,
            valid_until,
            withdrawable: !node.values(vocab::VC_STATUS).is_empty(),
        })
    }
}

/// Whether a confirmation counts for the letter that carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    /// It holds: a trusted team's signature, about this writer (and, for a
    /// co-mentor, this participant), in force when the letter was written, not
    /// withdrawn.
    Holds,
    /// Nothing failed, but something could not be checked (the team's status
    /// list or key out of reach).
    Undetermined,
    /// It does not count; `reason` says why.
    DoesNotCount,
}

/// The verifier's finding on one confirmation carried in a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmationReport {
    /// Where it is in the letter (`$.issuer.endorsement[0]`).
    pub path: String,
    /// What it says, when it could be read as a confirmation.
    pub view: Option<ConfirmationView>,
    /// Whether its team is one this verifier trusts.
    pub trusted: bool,
    /// Whether the team's signature (and the team's key) was checked and holds.
    pub signed: bool,
    /// Whether it counts.
    pub standing: Standing,
    /// Why, in neutral words.
    pub reason: String,
}

impl ConfirmationReport {
    /// A report on something that is not a readable confirmation.
    pub fn unreadable(path: String, reason: impl Into<String>) -> Self {
        Self {
            path,
            view: None,
            trusted: false,
            signed: false,
            standing: Standing::DoesNotCount,
            reason: reason.into(),
        }
    }
}

/// The confirmations a letter carries: the raw JSON of each value of
/// `issuer.endorsement`, with its path. Only letters read strictly reach here,
/// so this JSON is part of what the letter's writer signed; each value is then
/// read and verified on its own as the team's document.
pub fn carried(letter: &Value) -> Vec<(String, &Value)> {
    match letter.pointer("/issuer/endorsement") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("$.issuer.endorsement[{i}]"), v))
            .collect(),
        Some(v) => vec![("$.issuer.endorsement".to_string(), v)],
        None => vec![],
    }
}

/// What a trusted team confirms for a letter, as the rule uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmedBy {
    /// The team's DID.
    pub team: String,
    /// The team's stated name.
    pub team_name: Option<String>,
    /// What the team confirms.
    pub role: ConfirmedRole,
    /// The end of the confirmation's validity (`validUntil` as written).
    pub until: String,
}

impl ConfirmedBy {
    /// From a confirmation that holds.
    pub fn from_view(v: &ConfirmationView) -> Self {
        Self {
            team: v.team.clone(),
            team_name: v.team_name.clone(),
            role: v.role,
            until: format_date(&v.valid_until),
        }
    }
}

/// What a letter's confirmations come to, for people: decided once here,
/// worded by each front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding<'a> {
    /// A confirmation holds (the first one that does).
    Confirmed(&'a ConfirmationView),
    /// None holds, but one could not be fully checked yet.
    Pending(&'a ConfirmationReport),
    /// None holds; these teams, which the verifier does not trust, signed one
    /// about this writer (for this participant).
    ByUntrustedTeams(Vec<&'a ConfirmationView>),
    /// None holds: the first one's reason, or none is carried at all.
    NotConfirmed(Option<&'a ConfirmationReport>),
}

/// The [`Finding`] over a letter's confirmation reports.
pub fn finding(reports: &[ConfirmationReport]) -> Finding<'_> {
    if let Some(v) = reports
        .iter()
        .filter(|r| r.standing == Standing::Holds)
        .find_map(|r| r.view.as_ref())
    {
        return Finding::Confirmed(v);
    }
    if let Some(r) = reports
        .iter()
        .find(|r| r.standing == Standing::Undetermined)
    {
        return Finding::Pending(r);
    }
    let untrusted: Vec<&ConfirmationView> = reports
        .iter()
        .filter(|r| !r.trusted && r.signed)
        .filter_map(|r| r.view.as_ref())
        .collect();
    if !untrusted.is_empty() {
        return Finding::ByUntrustedTeams(untrusted);
    }
    Finding::NotConfirmed(reports.first())
}

/// The best confirmation among a letter's reports that are accepted by
/// `accept` (co-mentor before participant).
pub fn best(
    reports: &[ConfirmationReport],
    accept: impl Fn(&ConfirmationReport) -> bool,
) -> Option<ConfirmedBy> {
    let mut found: Vec<&ConfirmationView> = reports
        .iter()
        .filter(|r| accept(r))
        .filter_map(|r| r.view.as_ref())
        .collect();
    found.sort_by_key(|v| match v.role {
        ConfirmedRole::CoMentor => 0,
        ConfirmedRole::Participant => 1,
    });
    found.first().map(|v| ConfirmedBy::from_view(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn draft(role: ConfirmedRole, mentor_of: Option<(&str, &str)>) -> ConfirmationDraft {
        let now = Utc::now();
        ConfirmationDraft {
            id: "urn:uuid:1".into(),
            team: Profile {
                id: "did:key:team".into(),
                name: "Open Masters DC".into(),
                ..Default::default()
            },
            subject_id: "did:key:maria".into(),
            subject_name: "Maria Okafor".into(),
            role,
            mentor_of: mentor_of.map(|(d, n)| (d.to_string(), n.to_string())),
            valid_from: now,
            valid_until: now + Duration::days(30),
            status: None,
        }
    }

    #[test]
    fn a_co_mentor_must_name_a_participant_and_a_participant_none() {
        assert!(draft(ConfirmedRole::CoMentor, None)
            .to_credential()
            .is_err());
        assert!(
            draft(ConfirmedRole::Participant, Some(("did:key:ana", "Ana")))
                .to_credential()
                .is_err()
        );
        assert!(draft(ConfirmedRole::CoMentor, Some(("did:key:maria", "M")))
            .to_credential()
            .is_err());
        let c = draft(ConfirmedRole::CoMentor, Some(("did:key:ana", "Ana Lima")))
            .to_credential()
            .unwrap();
        assert_eq!(c["credentialSubject"]["mentorOf"], "did:key:ana");
        assert_eq!(c["credentialSubject"]["confirmedRole"], "coMentor");
        assert!(c["credentialSubject"]["endorsementComment"]
            .as_str()
            .unwrap()
            .contains("co-mentor of Ana Lima"));
    }

    #[test]
    fn a_confirmation_reads_back_as_written() {
        let c = draft(ConfirmedRole::CoMentor, Some(("did:key:ana", "Ana Lima")))
            .to_credential()
            .unwrap();
        let checked = crate::jsonld::check_credential(&c).unwrap();
        let v = ConfirmationView::from_checked(&checked).unwrap();
        assert_eq!(v.team, "did:key:team");
        assert_eq!(v.team_name.as_deref(), Some("Open Masters DC"));
        assert_eq!(v.subject, "did:key:maria");
        assert_eq!(v.role, ConfirmedRole::CoMentor);
        assert_eq!(v.mentor_of.as_deref(), Some("did:key:ana"));
        assert!(!v.withdrawable);
    }

    #[test]
    fn no_validity_period_is_refused() {
        let mut c = draft(ConfirmedRole::Participant, None)
            .to_credential()
            .unwrap();
        c.as_object_mut().unwrap().remove("validUntil");
        let checked = crate::jsonld::check_credential(&c).unwrap();
        let e = ConfirmationView::from_checked(&checked).unwrap_err();
        assert_eq!(e.path, "$.validUntil");
    }
}
