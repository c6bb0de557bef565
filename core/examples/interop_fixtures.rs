//! Writes signed fixtures for the cross-implementation check in `interop/`
//! (Digital Bazaar's JavaScript `vc` + Data Integrity libraries verify them).
//!
//! ```text
//! cargo run -p om-core --example interop_fixtures -- /tmp/omfx
//! (cd interop && npm ci && node verify.mjs /tmp/omfx)
//! ```
//!
//! Every file is signed with a fresh `did:key`. `tampered-*` files are changed
//! after signing and must fail verification. `letter-ob3-rdfc-controls.json`
//! carries a tab and other control characters, which RDFC-1.0's canonical
//! N-Quads must escape (`\t`, `\b`, `\f`, `\u0001`, `\u007F`).
//! For each `eddsa-rdfc-2022` file, `canonical/<name>.{config,document}.nq` hold
//! om-core's canonical forms (`verify.mjs --debug` diffs them against its own).

use chrono::{Duration, SubsecRound, Utc};
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole};
use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, BadgeDraft, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: interop_fixtures <outdir>")?,
    );
    std::fs::create_dir_all(&out)?;
    let di = DataIntegrity::new();
    let (endorser, participant) = (KeyPair::generate(), KeyPair::generate());
    let now = Utc::now().trunc_subsecs(0);
    let letter = |format, text: &str| {
        LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: endorser.controller().into(),
                name: "Ada Endorser".into(),
                url: Some("https://ada.example/".into()),
                description: Some("Mentor at P2PU — « Open Masters »".into()),
                image: Some("https://ada.example/ada.png".into()),
                ..Profile::default()
            },
            role: Role::Peer,
            subject_id: participant.controller().into(),
            subject_name: "Zoë Participant".into(),
            text: text.into(),
            format,
            valid_from: now,
            valid_until: Some(now + Duration::days(365)),
            status: None,
        }
        .to_credential()
    };
    let badge = BadgeDraft {
        id: new_credential_id(),
        issuer: Profile {
            id: endorser.controller().into(),
            name: "P2PU".into(),
            ..Profile::default()
        },
        subject_id: participant.controller().into(),
        subject_name: Some("Zoë Participant".into()),
        achievement_id: "https://p2pu.example/achievements/open-masters".into(),
        name: "Open Masters".into(),
        description: "Completed the Open Masters programme.".into(),
        criteria: "Letters from two different people, at least one of them a mentor.".into(),
        valid_from: now,
        valid_until: None,
        status: None,
    }
    .to_credential()?;
    let assert = |suite| ProofOptions::assertion(suite);
    let rdfc = Cryptosuite::EddsaRdfc2022;
    let text = "# Letter\n\nZoë *reviewed* my work \"carefully\" \\ kindly.\r\n";
    let controls = "Tab:\there. Backspace:\u{8} form feed:\u{c} SOH:\u{1} DEL:\u{7f}.";
    let (ob3, vc) = (LetterFormat::Ob3, LetterFormat::Vc);
    let ob3_rdfc = di.sign(&letter(ob3, text)?, &endorser, &assert(rdfc))?;
    let ob3_jcs = di.sign(
        &letter(ob3, controls)?,
        &endorser,
        &assert(Cryptosuite::EddsaJcs2022),
    )?;
    let vc_rdfc = di.sign(&letter(vc, text)?, &endorser, &assert(rdfc))?;
    let controls_rdfc = di.sign(&letter(ob3, controls)?, &endorser, &assert(rdfc))?;
    let badge_rdfc = di.sign(&badge, &endorser, &assert(rdfc))?;
    let vp = sign_presentation(
        &di,
        &participant,
        vec![ob3_rdfc.clone()],
        &ProofOptions::authentication(
            rdfc,
            Some("interop-challenge".into()),
            Some("https://verifier.example".into()),
        ),
    )?;
    let mut tampered = ob3_rdfc.clone();
    tampered["credentialSubject"]["endorserRole"] = "mentor".into();
    // A team's confirmation of the writer as a participant, and letters that
    // carry it in issuer.endorsement (Open Badges Profile.endorsement).
    let team = KeyPair::generate();
    let confirmation = di.sign(
        &ConfirmationDraft {
            id: new_credential_id(),
            team: Profile {
                id: team.controller().into(),
                name: "Open Masters DC".into(),
                ..Profile::default()
            },
            subject_id: endorser.controller().into(),
            subject_name: "Ada Endorser".into(),
            role: ConfirmedRole::Participant,
            mentor_of: None,
            valid_from: now,
            valid_until: now + Duration::days(365),
            status: None,
        }
        .to_credential()?,
        &team,
        &assert(rdfc),
    )?;
    let confirmed = |text: &str| -> Result<Value, Box<dyn std::error::Error>> {
        let mut l = letter(ob3, text)?;
        l["issuer"]["endorsement"] = Value::Array(vec![confirmation.clone()]);
        Ok(l)
    };
    let confirmed_rdfc = di.sign(&confirmed(text)?, &endorser, &assert(rdfc))?;
    let confirmed_jcs = di.sign(
        &confirmed(text)?,
        &endorser,
        &assert(Cryptosuite::EddsaJcs2022),
    )?;
    let mut tampered_confirmed = confirmed_rdfc.clone();
    tampered_confirmed["issuer"]["endorsement"][0]["credentialSubject"]["confirmedRole"] =
        "coMentor".into();

    let files: [(&str, &Value); 11] = [
        ("confirmation-rdfc.json", &confirmation),
        ("letter-ob3-rdfc-confirmed.json", &confirmed_rdfc),
        ("letter-ob3-jcs-confirmed.json", &confirmed_jcs),
        (
            "tampered-letter-ob3-rdfc-confirmed.json",
            &tampered_confirmed,
        ),
        ("letter-ob3-rdfc.json", &ob3_rdfc),
        ("letter-ob3-rdfc-controls.json", &controls_rdfc),
        ("letter-ob3-jcs.json", &ob3_jcs),
        ("letter-vc-rdfc.json", &vc_rdfc),
        ("badge-rdfc.json", &badge_rdfc),
        ("presentation-rdfc.json", &vp),
        ("tampered-letter-ob3-rdfc.json", &tampered),
    ];
    std::fs::create_dir_all(out.join("canonical"))?;
    for (name, doc) in files {
        std::fs::write(out.join(name), serde_json::to_string_pretty(doc)? + "\n")?;
        println!("{}", out.join(name).display());
        if doc["proof"]["cryptosuite"] == rdfc.name() {
            let (mut unsecured, mut config) = (doc.clone(), doc["proof"].clone());
            unsecured
                .as_object_mut()
                .ok_or("not an object")?
                .remove("proof");
            config
                .as_object_mut()
                .ok_or("no proof")?
                .remove("proofValue");
            config["@context"] = doc["@context"].clone();
            let (c, d) = di.canonical_forms(rdfc, &config, &unsecured)?;
            let stem = out.join("canonical").join(name.trim_end_matches(".json"));
            std::fs::write(stem.with_extension("config.nq"), c)?;
            std::fs::write(stem.with_extension("document.nq"), d)?;
        }
    }
    Ok(())
}
