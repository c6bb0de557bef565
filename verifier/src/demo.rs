//! `om-verifier serve --demo`: a ready example so a newcomer sees the whole
//! journey at once. A demo mentor and a demo peer (fresh keys, held only in
//! memory) endorse a demo participant, whose presentation is stored as a share
//! link; the terminal shows the link and its QR code.

use chrono::{Duration, Utc};
use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use qrcode::render::unicode::Dense1x2;
use qrcode::QrCode;

use crate::store::Store;

const MENTOR_LETTER: &str = "I have mentored **Ana Lima** through her Open Masters for a year.\n\n\
She designed and facilitated twelve learning circles at the public library, wrote clear \
session notes that other facilitators now reuse, and learned to ask the questions that \
let a group find its own answers. I endorse her without reservation.";

const PEER_LETTER: &str = "Ana and I co-facilitated a learning circle on data literacy. \
She prepared carefully, listened well and made newcomers feel at home. \
I would gladly learn alongside her again.";

/// Creates the demo share and returns its link.
pub fn seed(store: &Store, public_url: &str, lifetime: Duration) -> anyhow::Result<String> {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let peer = KeyPair::generate();
    let ana = KeyPair::generate();
    let letter =
        |who: &KeyPair, name: &str, role: Role, text: &str| -> anyhow::Result<serde_json::Value> {
            let draft = LetterDraft {
                id: new_credential_id(),
                endorser: Profile {
                    id: who.controller().into(),
                    name: name.into(),
                    ..Default::default()
                },
                role,
                subject_id: ana.controller().into(),
                subject_name: "Ana Lima".into(),
                text: text.into(),
                format: LetterFormat::Ob3,
                valid_from: Utc::now() - Duration::days(2),
                valid_until: None,
                status: None,
            };
            Ok(di.sign(
                &draft.to_credential()?,
                who,
                &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
            )?)
        };
    let letters = vec![
        letter(
            &mentor,
            "Maria Okafor (demo mentor)",
            Role::Mentor,
            MENTOR_LETTER,
        )?,
        letter(&peer, "Pat Nguyen (demo peer)", Role::Peer, PEER_LETTER)?,
    ];
    let domain = public_url.trim_end_matches('/').to_string();
    let vp = sign_presentation(
        &di,
        &ana,
        letters,
        &ProofOptions::authentication(Cryptosuite::EddsaRdfc2022, None, Some(domain)),
    )?;
    let share = store.create(&serde_json::to_string(&vp)?, lifetime)?;
    Ok(format!(
        "{}/s/{}",
        public_url.trim_end_matches('/'),
        share.id
    ))
}

/// The link as a QR code for the terminal, with a short explanation.
pub fn banner(link: &str) -> String {
    let qr = QrCode::new(link.as_bytes())
        .map(|c| c.render::<Dense1x2>().quiet_zone(true).build())
        .unwrap_or_default();
    format!(
        "\nDemo: Maria (mentor) and Pat (peer) endorsed Ana; Ana's wallet shared this presentation.\n\
         Scan the QR code or open the link — the page says whether Ana completed the Open Masters.\n\n\
         {qr}\n  {link}\n\n(Demo keys live only in this process. Stop with Ctrl-C.)\n"
    )
}
