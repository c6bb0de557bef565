//! Test letters and identities, made in-process with om-core: keys and DIDs, the test team
//! and its confirmations, signed letters (with the writer's role and name) and presentations
//! (with a challenge and a domain).

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole, TrustedTeams};
use om_core::letter::new_credential_id;
use om_core::presentation::sign_presentation;
use om_core::{Cryptosuite, DataIntegrity, KeyPair, LetterDraft, LetterFormat, Profile, Role};
use serde_json::Value;

/// The name the test team signs its confirmations with.
pub const TEAM_NAME: &str = "Open Masters Test Team";

/// The team of the tests' cohort: one key per test process.
pub fn team() -> &'static KeyPair {
    static TEAM: OnceLock<KeyPair> = OnceLock::new();
    TEAM.get_or_init(KeyPair::generate)
}

/// The test team, as a verifier trusts it.
pub fn trusted_team() -> TrustedTeams {
    TrustedTeams::new([team().controller()])
}

/// The DID of `key`.
pub fn did(key: &KeyPair) -> String {
    key.controller().to_string()
}

/// Signs `unsigned` as an assertion of `key` with `suite`.
pub fn sign(di: &DataIntegrity, unsigned: &Value, key: &KeyPair, suite: Cryptosuite) -> Value {
    di.sign(unsigned, key, &om_core::ProofOptions::assertion(suite))
        .unwrap()
}

/// The team's confirmation of `who` (valid from 30 days ago for a year): as a co-mentor of
/// the participant (`participant`, `participant_name`) for a mentor letter, as a participant
/// for a peer letter.
pub fn confirmation(
    di: &DataIntegrity,
    who: &KeyPair,
    role: Role,
    participant: &str,
    participant_name: &str,
) -> Value {
    let (role, mentor_of) = match role {
        Role::Mentor => (
            ConfirmedRole::CoMentor,
            Some((participant.to_string(), participant_name.to_string())),
        ),
        Role::Peer => (ConfirmedRole::Participant, None),
    };
    let draft = ConfirmationDraft {
        id: new_credential_id(),
        team: Profile {
            id: team().controller().into(),
            name: TEAM_NAME.into(),
            ..Profile::default()
        },
        subject_id: who.controller().into(),
        subject_name: "A writer".into(),
        role,
        mentor_of,
        valid_from: Utc::now() - Duration::days(30),
        valid_until: Utc::now() + Duration::days(335),
        status: None,
    };
    sign(
        di,
        &draft.to_credential().unwrap(),
        team(),
        Cryptosuite::EddsaRdfc2022,
    )
}

/// A cohort: the holder (a participant), a mentor, two peers and someone unrelated, each
/// with a fresh key.
pub struct People {
    /// The signer of everything.
    pub di: DataIntegrity,
    /// The participant the letters are about, who presents them.
    pub holder: KeyPair,
    /// A mentor.
    pub mentor: KeyPair,
    /// A peer.
    pub peer: KeyPair,
    /// A second peer.
    pub peer2: KeyPair,
    /// Someone outside the cohort.
    pub other: KeyPair,
}

impl Default for People {
    fn default() -> Self {
        Self::new()
    }
}

impl People {
    /// A cohort with fresh keys.
    pub fn new() -> Self {
        Self {
            di: DataIntegrity::new(),
            holder: KeyPair::generate(),
            mentor: KeyPair::generate(),
            peer: KeyPair::generate(),
            peer2: KeyPair::generate(),
            other: KeyPair::generate(),
        }
    }

    /// The DID of `k`.
    pub fn did(k: &KeyPair) -> String {
        did(k)
    }
}

/// A letter to sign: who writes it, in which role, about whom, when valid, and whether it
/// carries the test team's confirmation of its writer.
pub struct LetterSpec<'a> {
    /// The writer's key.
    pub endorser: &'a KeyPair,
    /// The writer's name.
    pub name: &'a str,
    /// The writer's role.
    pub role: Role,
    /// The participant's DID.
    pub subject: String,
    /// The participant's name (default "Ana Lima").
    pub subject_name: &'a str,
    /// Valid from (default: two days ago).
    pub valid_from: DateTime<Utc>,
    /// Valid until (default: no end).
    pub valid_until: Option<DateTime<Utc>>,
    /// A `credentialStatus` entry (default: none).
    pub status: Option<Value>,
    /// The letter's words (default: Markdown with a script and a `javascript:` link).
    pub text: &'a str,
    /// Whether the letter carries the test team's confirmation of its writer (default: yes).
    pub confirmed: bool,
    /// The participant's name in a mentor's confirmation (default "Ana Lima").
    pub confirmed_name: &'a str,
    /// The cryptosuite of the letter's proof (default eddsa-rdfc-2022).
    pub suite: Cryptosuite,
}

impl<'a> LetterSpec<'a> {
    /// A letter by `endorser` (named `name`, in `role`) about `subject`, with the defaults.
    pub fn new(endorser: &'a KeyPair, name: &'a str, role: Role, subject: &KeyPair) -> Self {
        Self::about(endorser, name, role, subject.controller())
    }

    /// A letter by `endorser` (named `name`, in `role`) about the DID `subject`, with the
    /// defaults.
    pub fn about(endorser: &'a KeyPair, name: &'a str, role: Role, subject: &str) -> Self {
        Self {
            endorser,
            name,
            role,
            subject: subject.to_string(),
            subject_name: "Ana Lima",
            valid_from: Utc::now() - Duration::days(2),
            valid_until: None,
            status: None,
            confirmed: true,
            confirmed_name: "Ana Lima",
            suite: Cryptosuite::EddsaRdfc2022,
            text: "Ana ran our **reading circle** for a year, and kept it going when attendance dropped.\n\n<script>alert(1)</script>\n\nSee [my note](javascript:alert(1)) and [the circle's site](https://example.org).",
        }
    }

    /// The signed letter (Open Badges 3.0).
    pub fn sign(&self, di: &DataIntegrity) -> Value {
        let draft = LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: self.endorser.controller().to_string(),
                name: self.name.into(),
                endorsement: if self.confirmed {
                    vec![confirmation(
                        di,
                        self.endorser,
                        self.role,
                        &self.subject,
                        self.confirmed_name,
                    )]
                } else {
                    vec![]
                },
                ..Profile::default()
            },
            role: self.role,
            subject_id: self.subject.clone(),
            subject_name: self.subject_name.into(),
            text: self.text.into(),
            format: LetterFormat::Ob3,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            status: self.status.clone(),
        };
        sign(
            di,
            &draft.to_credential().unwrap(),
            self.endorser,
            self.suite,
        )
    }
}

/// A letter by `endorser` (named `name`, in `role`) about the cohort's holder.
pub fn letter(p: &People, endorser: &KeyPair, name: &str, role: Role) -> Value {
    LetterSpec::new(endorser, name, role, &p.holder).sign(&p.di)
}

/// The holder's presentation of `letters`, bound to `challenge` and `domain` when given.
pub fn presentation(
    di: &DataIntegrity,
    holder: &KeyPair,
    letters: Vec<Value>,
    challenge: Option<&str>,
    domain: Option<&str>,
) -> Value {
    sign_presentation(
        di,
        holder,
        letters,
        &om_core::ProofOptions::authentication(
            Cryptosuite::EddsaRdfc2022,
            challenge.map(str::to_string),
            domain.map(str::to_string),
        ),
    )
    .unwrap()
}

/// The cohort holder's presentation of `letters`.
pub fn vp(p: &People, letters: Vec<Value>, challenge: Option<&str>, domain: Option<&str>) -> Value {
    presentation(&p.di, &p.holder, letters, challenge, domain)
}

/// The mentor + peer presentation (complete).
pub fn complete_vp(p: &People) -> Value {
    vp(
        p,
        vec![
            letter(p, &p.mentor, "Maria Mentor", Role::Mentor),
            letter(p, &p.peer, "Paulo Peer", Role::Peer),
        ],
        None,
        None,
    )
}
