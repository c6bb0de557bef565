//! `om-verifier serve --demo`: a ready example so a newcomer sees the whole
//! journey at once. A demo mentor and a demo peer (fresh keys, held only in
//! memory) endorse a demo participant, whose presentation is stored as a share
//! link; the terminal shows the link and its QR code.

use chrono::{Duration, Utc};
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

/// A presentation by a fresh participant, "Ana Lima", of one OB 3.0 letter per
/// `(endorser name, role, text)`, each endorser with a fresh key; all signed
/// with `eddsa-rdfc-2022`, the presentation for `domain` when given.
pub fn sample_presentation(
    endorsers: &[(&str, Role, &str)],
    domain: Option<String>,
) -> anyhow::Result<serde_json::Value> {
    let di = DataIntegrity::new();
    let ana = KeyPair::generate();
    let mut letters = Vec::with_capacity(endorsers.len());
    for (name, role, text) in endorsers {
        let who = KeyPair::generate();
        let draft = LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: who.controller().into(),
                name: (*name).into(),
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
pub async fn seed(store: &Store, public_url: &str, lifetime: Duration) -> anyhow::Result<String> {
    let base = public_url.trim_end_matches('/');
    let vp = sample_presentation(
        &[
            ("Maria Okafor (demo mentor)", Role::Mentor, MENTOR_LETTER),
            ("Pat Nguyen (demo peer)", Role::Peer, PEER_LETTER),
        ],
        Some(base.to_string()),
    )?;
    let share = store.create(&serde_json::to_string(&vp)?, lifetime).await?;
    Ok(format!("{base}/s/{}", share.id))
}

/// The link as a QR code for the terminal, with a short explanation.
pub fn banner(link: &str) -> String {
    let qr = om_cli::qr::terminal(link).unwrap_or_default();
    format!(
        "\nDemo: Maria (mentor) and Pat (peer) endorsed Ana; Ana's wallet shared this presentation.\n\
         Scan the QR code or open the link — the page says whether Ana completed the Open Masters.\n\n\
         {qr}\n  {link}\n\n(Demo keys live only in this process. Stop with Ctrl-C.)\n"
    )
}
