//! `badge`: sign one Open Badges 3.0 achievement credential, optionally baked
//! into an image.

use anyhow::{Context, Result};
use chrono::Utc;
use om_core::letter::{new_credential_id, BadgeDraft};
use om_core::low_level::fsutil::{write_atomic, Visibility};

use crate::cli::BadgeArgs;
use crate::context::{absolute, Home};
use crate::log::NewRecord;
use crate::util::{parse_valid_until, slug};
use om_cli::output::write_output;

/// The achievement id used when none is given: stable for one achievement name.
pub fn default_achievement_id(name: &str) -> String {
    format!("urn:om:achievement:{}", slug(name))
}

/// Signs one badge.
pub fn run(home: &Home, a: BadgeArgs) -> Result<()> {
    let identity = home.load()?;
    let to = a.to.trim().to_string();
    super::endorse::check_recipient(&to, &identity.did)?;
    let valid_until = a
        .valid_until
        .as_deref()
        .map(parse_valid_until)
        .transpose()?;
    let image = match &a.bake {
        Some(p) => Some(
            std::fs::read(p).with_context(|| format!("cannot read the image {}", p.display()))?,
        ),
        None => None,
    };
    if let Some(img) = &image {
        if om_core::baked::detect(img).is_none() {
            anyhow::bail!(
                "{} is neither a PNG nor an SVG image",
                a.bake.as_ref().expect("image read from it").display()
            );
        }
    }
    let draft = BadgeDraft {
        id: new_credential_id(),
        issuer: identity.profile.clone(),
        subject_id: to.clone(),
        subject_name: a.name.as_deref().map(str::trim).map(str::to_string),
        achievement_id: a
            .achievement_id
            .clone()
            .unwrap_or_else(|| default_achievement_id(&a.achievement)),
        name: a.achievement.trim().to_string(),
        description: a.description.trim().to_string(),
        criteria: a.criteria.trim().to_string(),
        valid_from: Utc::now(),
        valid_until,
        status: None,
    };
    draft.to_credential()?;
    let signer = home.unlock()?;
    let mut log = home.log()?;
    let record = NewRecord {
        id: draft.id.clone(),
        kind: "badge",
        subject_did: to,
        subject_name: draft.subject_name.clone(),
        role: None,
        issued_at: om_core::credential::format_date(&draft.valid_from),
    };
    let signed = signer.issue(&mut log, &record, a.suite.into(), |status| {
        let mut d = draft.clone();
        d.status = status;
        Ok(d.to_credential()?)
    })?;
    a.suite.warn_where_unverifiable();
    let mut file = None;
    if let (Some(img), Some(out)) = (&image, &a.baked_out) {
        let json = std::str::from_utf8(&signed.bytes).expect("serde_json writes UTF-8");
        let baked = om_core::baked::bake(img, json)?;
        write_atomic(out, &baked, Visibility::Shared)
            .with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!("Baked the badge into {}", out.display());
        file = Some(absolute(out));
    }
    if a.out.is_some() || image.is_none() {
        write_output(a.out.as_deref(), &signed.bytes)?;
    }
    if let Some(p) = &a.out {
        eprintln!("Wrote the badge to {}", p.display());
        file = Some(absolute(p));
    }
    if let Some(f) = file {
        log.set_file(&signed.id, &f)?;
    }
    eprintln!("Id: {}", signed.id);
    Ok(())
}
