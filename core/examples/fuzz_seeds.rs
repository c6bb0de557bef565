//! Writes the seed corpus of the fuzz targets (`fuzz/corpus/<target>/`): real
//! letters, presentations, baked images, status lists and DID documents, each
//! signed with a fresh key.
//!
//! ```text
//! cargo run -p om-core --example fuzz_seeds -- fuzz/corpus
//! ```
//!
//! It (re)writes only its own `seed-*` files; minimised crash reproducers and
//! copies of the spec vectors in the corpus are kept.

use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{Duration, SubsecRound, Utc};
use om_core::did::{did_document, did_web};
use om_core::keys::KeyPair;
use om_core::letter::{new_credential_id, BadgeDraft, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) -> Result<()> {
    let d = dir.join(target);
    std::fs::create_dir_all(&d)?;
    let path = d.join(format!("seed-{name}"));
    std::fs::write(&path, bytes)?;
    println!("{} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

fn compact(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("JSON")
}

/// A 1×1 grey PNG, written by hand (IHDR, IDAT of a stored zlib block, IEND).
fn tiny_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::none());
    z.write_all(&[0, 0x80]).expect("memory");
    chunk(&mut out, b"IDAT", &z.finish().expect("memory"));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn main() -> Result<()> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: fuzz_seeds <corpus dir>")?,
    );
    let di = DataIntegrity::new();
    let (mentor, peer, holder) = (
        KeyPair::generate(),
        KeyPair::generate(),
        KeyPair::generate(),
    );
    let now = Utc::now().trunc_subsecs(0);
    let list_url = "https://mentor.example/status/1";
    let letter = |key: &KeyPair, name: &str, role, format, status: Option<Value>| {
        LetterDraft {
            id: new_credential_id(),
            endorser: Profile {
                id: key.controller().into(),
                name: name.into(),
                url: Some("https://endorser.example/".into()),
                ..Profile::default()
            },
            role,
            subject_id: holder.controller().into(),
            subject_name: "Zoë Participant".into(),
            text: "Zoë ran **twelve** study circles.\n\n<script>x</script>".into(),
            format,
            valid_from: now - Duration::days(1),
            valid_until: Some(now + Duration::days(365)),
            status,
        }
        .to_credential()
    };
    let assert = ProofOptions::assertion;
    let (rdfc, jcs) = (Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022);
    let m_rdfc = di.sign(
        &letter(
            &mentor,
            "Maria Mentor",
            Role::Mentor,
            LetterFormat::Ob3,
            Some(status_entry(list_url, 42)),
        )?,
        &mentor,
        &assert(rdfc),
    )?;
    let p_jcs = di.sign(
        &letter(&peer, "Pat Peer", Role::Peer, LetterFormat::Vc, None)?,
        &peer,
        &assert(jcs),
    )?;
    let badge = di.sign(
        &BadgeDraft {
            id: new_credential_id(),
            issuer: Profile {
                id: mentor.controller().into(),
                name: "P2PU".into(),
                ..Profile::default()
            },
            subject_id: holder.controller().into(),
            subject_name: Some("Zoë Participant".into()),
            achievement_id: "https://p2pu.example/achievements/open-masters".into(),
            name: "Open Masters".into(),
            description: "Completed the Open Masters programme.".into(),
            criteria: "Two letters, one of them from a mentor.".into(),
            valid_from: now,
            valid_until: None,
            status: None,
        }
        .to_credential()?,
        &mentor,
        &assert(jcs),
    )?;
    write(
        &out,
        "credential",
        "letter-ob3-rdfc.json",
        &compact(&m_rdfc),
    )?;
    write(&out, "credential", "letter-vc-jcs.json", &compact(&p_jcs))?;
    write(&out, "credential", "badge-jcs.json", &compact(&badge))?;

    let vp_pub = sign_presentation(
        &di,
        &holder,
        vec![m_rdfc.clone(), p_jcs.clone()],
        &ProofOptions::authentication(jcs, None, None),
    )?;
    let vp_challenge = sign_presentation(
        &di,
        &holder,
        vec![p_jcs.clone()],
        &ProofOptions::authentication(
            rdfc,
            Some("a-challenge".into()),
            Some("https://verifier.example".into()),
        ),
    )?;
    write(
        &out,
        "presentation",
        "two-letters-jcs.json",
        &compact(&vp_pub),
    )?;
    write(
        &out,
        "presentation",
        "challenge-rdfc.json",
        &compact(&vp_challenge),
    )?;

    // Inline share payloads, as the wallet makes them (`/v#vp=<payload>`).
    for (name, vp) in [
        ("two-letters-jcs", &vp_pub),
        ("challenge-rdfc", &vp_challenge),
    ] {
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&compact(vp))?;
        let payload = URL_SAFE_NO_PAD.encode(enc.finish()?);
        write(
            &out,
            "inline_payload",
            &format!("{name}.txt"),
            payload.as_bytes(),
        )?;
    }

    let credential_text = serde_json::to_string(&badge)?;
    let png = tiny_png();
    write(&out, "baked", "plain.png", &png)?;
    write(
        &out,
        "baked",
        "badge.png",
        &om_core::baked::bake(&png, &credential_text)?,
    )?;
    let svg = "<?xml version=\"1.0\"?>\n<!-- a > comment -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";
    write(&out, "baked", "plain.svg", svg.as_bytes())?;
    write(
        &out,
        "baked",
        "badge.svg",
        &om_core::baked::bake(svg.as_bytes(), &credential_text)?,
    )?;

    let mut bits = Bitstring::new(0);
    for i in [0, 42, 4242, 131_071] {
        bits.set(i, true)?;
    }
    write(
        &out,
        "status_list",
        "encoded-list.txt",
        bits.encode().as_bytes(),
    )?;
    let list = di.sign(
        &status_list_credential(list_url, mentor.controller(), &bits, now, None),
        &mentor,
        &assert(rdfc),
    )?;
    write(&out, "status_list", "list-credential.json", &compact(&list))?;
    write(
        &out,
        "status_list",
        "entry.json",
        &compact(&json!({"credentialStatus": [status_entry(list_url, 42)]})),
    )?;

    let did = did_web("mentor.example/people/maria")?;
    let doc = did_document(&did, &mentor.public_key());
    write(&out, "did_document", "did-web.json", &compact(&doc))?;
    let mut two = did_document(&did_web("p2pu.example")?, &peer.public_key());
    two["verificationMethod"]
        .as_array_mut()
        .ok_or("no methods")?
        .push(json!({
            "id": "#key-2",
            "type": "Multikey",
            "publicKeyMultibase": om_core::keys::public_key_multibase(&holder.public_key())
        }));
    write(&out, "did_document", "two-keys.json", &compact(&two))?;
    Ok(())
}
