//! `confirmations add | list`: the team confirmations a writer keeps, and the
//! ones that travel with a letter (Open Badges `Profile.endorsement`).

use std::path::Path;

use anyhow::{Context, Result};
use chrono::Utc;
use om_core::confirmation::{ConfirmationView, ConfirmedRole};
use om_core::did::DidKeyResolver;
use om_core::low_level::fsutil::{write_atomic, Visibility};
use om_core::proof::DataIntegrity;
use om_core::report::{CheckKind, Outcome};
use om_core::verify::Verifier;
use serde_json::Value;

use crate::context::Home;
use om_cli::hinted;

const FILE: &str = "confirmations.json";

/// The confirmations kept in `home` (none when the file does not exist).
pub fn kept(home: &Home) -> Result<Vec<Value>> {
    let path = home.dir.join(FILE);
    match std::fs::read(&path) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes).with_context(|| format!("{} is damaged", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(vec![]),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// What a kept confirmation says (it was checked when it was added).
fn view(c: &Value) -> Option<ConfirmationView> {
    let checked = om_core::check_credential(c).ok()?;
    ConfirmationView::from_checked(&checked).ok()
}

/// The kept confirmations that belong in a letter about `subject`, signed
/// now: in force, and a participant confirmation or a co-mentor confirmation
/// for that participant.
pub fn for_letter(home: &Home, subject: &str) -> Result<Vec<Value>> {
    let now = Utc::now();
    Ok(kept(home)?
        .into_iter()
        .filter(|c| {
            view(c).is_some_and(|v| {
                v.valid_from <= now
                    && now <= v.valid_until
                    && match v.role {
                        ConfirmedRole::Participant => true,
                        ConfirmedRole::CoMentor => v.mentor_of.as_deref() == Some(subject),
                    }
            })
        })
        .collect())
}

/// One line about a confirmation, for people.
pub fn describe(v: &ConfirmationView) -> String {
    let team = v.team_name.as_deref().unwrap_or(&v.team);
    match (&v.role, &v.mentor_of) {
        (ConfirmedRole::CoMentor, Some(p)) => format!(
            "co-mentor of {p}, confirmed by {team}, until {}",
            v.valid_until.format("%Y-%m-%d")
        ),
        _ => format!(
            "participant, confirmed by {team}, until {}",
            v.valid_until.format("%Y-%m-%d")
        ),
    }
}

/// Checks a confirmation file and keeps it.
pub fn add(home: &Home, file: &Path) -> Result<()> {
    let me = home.load()?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let c: Value = om_core::parse_json(&bytes)
        .map_err(|e| anyhow::anyhow!("{} is not JSON: {e}", file.display()))?;
    let checked = om_core::check_credential(&c)
        .map_err(|r| anyhow::anyhow!("{} is refused: {r}", file.display()))?;
    let v = ConfirmationView::from_checked(&checked).map_err(|r| {
        hinted(
            format!("{} is not a team confirmation: {r}", file.display()),
            "ask your team's organiser for the file `om-issuer team confirm` wrote",
        )
    })?;
    if v.subject != me.did {
        return Err(hinted(
            format!(
                "this confirmation is about {}, not about you ({})",
                v.subject, me.did
            ),
            "a confirmation only counts in the letters of the person it names",
        ));
    }
    let di = DataIntegrity::new();
    let report = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_credential(&c)
        .context("the confirmation could not be checked")?;
    for check in &report.checks {
        let signature = matches!(check.kind, CheckKind::Proof | CheckKind::KeyBinding);
        match check.outcome {
            Outcome::Fail => {
                if check.kind == CheckKind::ValidityPeriod && Utc::now() > v.valid_until {
                    return Err(hinted(
                        format!(
                            "this confirmation expired on {}",
                            v.valid_until.format("%Y-%m-%d")
                        ),
                        "ask your team's organiser for a new one",
                    ));
                }
                return Err(anyhow::anyhow!(
                    "the confirmation does not hold: {}: {}",
                    check.kind.label(),
                    check.message
                ));
            }
            Outcome::Unknown if signature => eprintln!(
                "note: the team's key could not be checked here ({}); verifiers will check it",
                check.message
            ),
            _ => {}
        }
    }
    let mut all = kept(home)?;
    let id = c.get("id").cloned();
    all.retain(|k| id.is_none() || k.get("id") != id.as_ref());
    all.push(c);
    let path = home.dir.join(FILE);
    write_atomic(
        &path,
        &serde_json::to_vec_pretty(&all)?,
        Visibility::Private,
    )?;
    println!("Kept: {}", describe(&v));
    println!(
        "Your letters from now on carry it{}.",
        match v.role {
            ConfirmedRole::CoMentor => " when they are about that participant",
            ConfirmedRole::Participant => "",
        }
    );
    Ok(())
}

/// Lists the kept confirmations.
pub fn list(home: &Home, json: bool) -> Result<()> {
    let all = kept(home)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    if all.is_empty() {
        println!(
            "No confirmations kept. Your team's organiser signs one with `om-issuer team confirm`;"
        );
        println!("add it with `om-issuer confirmations add FILE`.");
        return Ok(());
    }
    let now = Utc::now();
    for c in &all {
        match view(c) {
            Some(v) => println!(
                "{}{}",
                describe(&v),
                if now > v.valid_until {
                    " (expired)"
                } else {
                    ""
                }
            ),
            None => println!("(unreadable entry)"),
        }
    }
    Ok(())
}
