//! `om-verifier serve --demo`: a ready example so a newcomer sees the whole
//! journey at once. A demo team (trusted by this demo service only) confirms a
//! demo mentor as the participant's co-mentor and a demo peer as a participant;
//! both endorse the demo participant, whose presentation is stored as a share
//! link; the terminal shows the link and its QR code. Every key is fresh and
//! held only in memory.

use chrono::{Duration, Utc};
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole};
use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};

use crate::store::Store;

const MENTOR_LETTER: &str = "I have mentored **Ana Lima** through her Open Masters for a year.\n\n\
She designed and facilitated twelve learning circles at the public library, wrote clear \
session notes that other facilitators now reuse, and learned to ask the questions that \
let a group find its own answers. I endorse her without reservation.";

const PEER_LETTER: &str = "Ana and I co-facilitated a learning circle on data literacy. \
She prepared carefully, listened well and made newcomers feel at home. \
I would gladly learn alongside her again.";

/// The demo's team: a fresh key that the demo service trusts.
pub struct DemoTeam {
    key: KeyPair,
}

impl DemoTeam {
    /// The team's name, as its confirmations state it.
    pub const NAME: &'static str = "Open Masters Demo Team";

    /// A team with a fresh key.
    pub fn generate() -> Self {
        Self {
            key: KeyPair::generate(),
        }
    }

    /// The team's DID (to trust).
    pub fn did(&self) -> String {
        self.key.controller().to_string()
    }

    /// The team's signed confirmation of `who` (named `name`): as a co-mentor
    /// of `participant` for a mentor, as a participant for a peer. No status
    /// list: valid for 365 days, so it counts only while in force.
    fn confirm(
        &self,
        di: &DataIntegrity,
        who: &str,
        name: &str,
        role: Role,
        participant: (&str, &str),
    ) -> anyhow::Result<serde_json::Value> {
        let now = Utc::now();
        let (role, mentor_of) = match role {
            Role::Mentor => (
                ConfirmedRole::CoMentor,
                Some((participant.0.to_string(), participant.1.to_string())),
            ),
            Role::Peer => (ConfirmedRole::Participant, None),
        };
        let draft = ConfirmationDraft {
            id: new_credential_id(),
            team: Profile {
                id: self.did(),
                name: Self::NAME.into(),
                ..Default::default()
            },
            subject_id: who.into(),
            subject_name: name.into(),
            role,
            mentor_of,
            valid_from: now - Duration::days(30),
            valid_until: now + Duration::days(365),
            status: None,
        };
        Ok(di.sign(
            &draft.to_credential()?,
            &self.key,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )?)
    }
}

/// A presentation by a fresh participant, "Ana Lima", of one OB 3.0 letter per
/// `(endorser name, role, text)`, each endorser with a fresh key; all signed
/// with `eddsa-rdfc-2022`, the presentation for `domain` when given. With a
/// `team`, each letter carries the team's confirmation of its writer.
pub fn sample_presentation(
    endorsers: &[(&str, Role, &str)],
    team: Option<&DemoTeam>,
    domain: Option<String>,
) -> anyhow::Result<serde_json::Value> {
    let di = DataIntegrity::new();
    let ana = KeyPair::generate();
    let mut letters = Vec::with_capacity(endorsers.len());
    for (name, role, text) in endorsers {
        let who = KeyPair::generate();
        let endorsement = match team {
            Some(t) => vec![t.confirm(
                &di,
                who.controller(),
                name,
                *role,
                (ana.controller(), "Ana Lima"),
            )?],
            None => vec![],
        };
        let draft = LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: who.controller().into(),
                name: (*name).into(),
                endorsement,
                ..Default::default()
            },
            role: *role,
            subject_id: ana.controller().into(),
            subject_name: "Ana Lima".into(),
            text: (*text).into(),
            format: LetterFormat::Ob3,
            valid_from: Utc::now() - Duration::days(2),
            valid_until: None,
            status: None,
        };
        letters.push(di.sign(
            &draft.to_credential()?,
            &who,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )?);
    }
    Ok(sign_presentation(
        &di,
        &ana,
        letters,
        &ProofOptions::authentication(Cryptosuite::EddsaRdfc2022, None, domain),
    )?)
}

/// Creates the demo share and returns its link.
pub async fn seed(
    store: &Store,
    team: &DemoTeam,
    public_url: &str,
    lifetime: Duration,
) -> anyhow::Result<String> {
    let base = public_url.trim_end_matches('/');
    let vp = sample_presentation(
        &[
            ("Maria Okafor (demo mentor)", Role::Mentor, MENTOR_LETTER),
            ("Pat Nguyen (demo peer)", Role::Peer, PEER_LETTER),
        ],
        Some(team),
        Some(base.to_string()),
    )?;
    let share = store.create(&serde_json::to_string(&vp)?, lifetime).await?;
    Ok(format!("{base}/s/{}", share.id))
}

/// The link as a QR code for the terminal, with a short explanation.
pub fn banner(link: &str) -> String {
    let qr = om_cli::qr::terminal(link).unwrap_or_default();
    format!(
        "\nDemo: Maria (mentor) and Pat (peer) endorsed Ana; the demo team confirms Maria as Ana's co-mentor\n\
         and Pat as a participant (this demo service trusts that team); Ana's wallet shared this presentation.\n\
         Scan the QR code or open the link — the page says whether Ana completed the Open Masters.\n\n\
         {qr}\n  {link}\n\n(Demo keys live only in this process. Stop with Ctrl-C.)\n"
    )
}
