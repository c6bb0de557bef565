//! `share`, `unshare`, `shares`.

use std::path::Path;

use anyhow::Result;
use om_cli::Status;
use serde_json::{json, Value};

use om_core::assessment::assess;
use om_core::letter::CredentialKind;
use om_core::rule::RuleParams;

use super::check::{chosen_credentials, sign, trusted_teams};
use super::credentials::table;
use super::day;
use crate::cli::ShareArgs;
use crate::pdf::{DocumentLetter, LettersDocument};
use crate::rule_text;
use crate::share::{self as sh, ShareError};
use crate::store::ShareRow;
use crate::wallet::Wallet;
use om_cli::Hinted;

/// `share`.
pub fn share(w: &mut Wallet, args: &ShareArgs) -> Result<Status> {
    let base = sh::verifier_base(&args.verifier);
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(Hinted::new(
            format!("{:?} is not a web address", args.verifier),
            "give the verifier's address, e.g. --verifier https://verify.example.org",
        )
        .into());
    }
    let creds = chosen_credentials(w, &args.ids)?;
    let ids: Vec<String> = creds.iter().map(|(id, _)| id.clone()).collect();
    // The document's words are settled before anything is uploaded: only the
    // link is missing, so a bad --pdf never leaves a share behind.
    let document = match &args.pdf {
        Some(path) => {
            check_output(path)?;
            w.trust(trusted_teams(&args.trust)?);
            Some(letters_document(w, &creds)?)
        }
        None => None,
    };
    let vp = sign(
        w,
        creds.into_iter().map(|(_, v)| v).collect(),
        &args.suite,
        None,
        Some(base.clone()),
    )?;
    let (url, expires) = if args.inline {
        match sh::inline_url(&base, &vp) {
            Ok(url) => (url, None),
            Err(e @ ShareError::TooLong(_)) => {
                return Err(Hinted::new(
                    e.to_string(),
                    "use link mode (leave out --inline): the presentation is uploaded and the link is short, or share fewer letters",
                )
                .into())
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        let created = sh::upload(&base, &vp).map_err(|e| {
            Hinted::new(
                e.to_string(),
                format!("check the verifier address ({base}) and your connection, or try --inline"),
            )
        })?;
        let row = ShareRow {
            id: created.id.clone(),
            url: created.url.clone(),
            verifier: base.clone(),
            expires: created.expires.clone(),
            delete_token: created.delete_token.clone(),
            created: om_core::credential::format_date(&chrono::Utc::now()),
            credentials: ids.clone(),
        };
        w.store()?.insert_share(&row)?;
        (created.url, created.expires)
    };
    if let Some(p) = &args.png {
        om_cli::qr::write_png(&url, p)?;
    }
    if let Some(p) = &args.svg {
        om_cli::qr::write_svg(&url, p)?;
    }
    if let (Some(p), Some(mut doc)) = (&args.pdf, document) {
        doc.link_expires = expires.as_deref().map(|e| day(Some(e)));
        doc.link = url.clone();
        for text in crate::pdf::missing_glyphs(&doc)? {
            eprintln!(
                "warning: the PDF's font has no letters for {text:?}: they print as empty boxes"
            );
        }
        let bytes = crate::pdf::render(&doc, args.paper)?;
        om_core::low_level::fsutil::write_atomic(
            p,
            &bytes,
            om_core::low_level::fsutil::Visibility::Shared,
        )?;
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "url": url, "expires": expires, "mode": if args.inline { "inline" } else { "link" },
                "credentials": ids, "pdf": args.pdf
            }))?
        );
        return Ok(Status::Holds);
    }
    println!("{}", om_cli::qr::terminal(&url)?);
    println!("{url}");
    match &expires {
        Some(e) => println!(
            "This link works until {} (withdraw it earlier with: om-wallet unshare {url})",
            day(Some(e))
        ),
        None if args.inline => {
            println!("This link holds your letters itself: nothing was uploaded.")
        }
        None => {}
    }
    for (p, what) in [(&args.png, "PNG"), (&args.svg, "SVG")] {
        if let Some(p) = p {
            println!("QR code written to {} ({what})", p.display());
        }
    }
    if let Some(p) = &args.pdf {
        println!(
            "Letters written to {} (PDF, {:?}): print it or attach it; the QR code on its first page opens the live check.",
            p.display(),
            args.paper
        );
    }
    Ok(Status::Holds)
}

/// Refuses an output path whose folder does not exist or that names a folder,
/// before anything is signed or uploaded.
fn check_output(path: &Path) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Hinted::new(
            format!(
                "--pdf {}: the folder {} does not exist",
                path.display(),
                dir.display()
            ),
            "create the folder first, or give another file name",
        )
        .into());
    }
    if path.is_dir() {
        return Err(Hinted::new(
            format!("--pdf {} is a folder", path.display()),
            "give a file name, e.g. --pdf letters.pdf",
        )
        .into());
    }
    Ok(())
}

/// The document of the shared letters, as the wallet checks them now: each
/// letter verified again (revocation included) and the programme rule assessed
/// over these letters alone, with the teams the participant trusts. The link is
/// filled in once the share is made.
fn letters_document(w: &mut Wallet, creds: &[(String, Value)]) -> Result<LettersDocument> {
    let holder = w.holder()?;
    let mut reports = Vec::new();
    for (id, value) in creds {
        let mut report = w.verify(value, true).map_err(|e| {
            Hinted::new(
                format!("the letter {id} could not be checked: {e}"),
                "check your letters with: om-wallet check",
            )
        })?;
        report.id = Some(id.clone());
        reports.push(report);
    }
    let outcome = assess(&reports, &holder.did, RuleParams::default());
    let team_names: Vec<(String, String)> = reports
        .iter()
        .flat_map(|r| &r.confirmations)
        .filter_map(|c| c.view.as_ref())
        .filter_map(|v| Some((v.team.clone(), v.team_name.clone()?)))
        .collect();
    let letters = reports
        .iter()
        .map(|r| {
            let id = r.id.as_deref().unwrap_or_default();
            let view = r.letter.as_ref();
            let is_letter = view.is_some_and(|v| v.kind == CredentialKind::Endorsement);
            DocumentLetter {
                writer: view
                    .and_then(|v| v.issuer_name.clone())
                    .unwrap_or_else(|| "(no name given)".into()),
                writer_id: r.issuer.clone(),
                role: match view.and_then(|v| v.role) {
                    Some(role) => role.to_string(),
                    None if is_letter => "letter".into(),
                    None => "credential".into(),
                },
                date: day(view.and_then(|v| v.valid_from.as_deref())),
                subject: view
                    .and_then(|v| v.subject_name.clone())
                    .unwrap_or_else(|| holder.profile.name.clone()),
                text: view
                    .and_then(|v| v.text.clone())
                    .unwrap_or_else(|| "(no text)".into()),
                confirmation: if is_letter {
                    rule_text::letter_confirmation_for_reader(&r.confirmations)
                } else {
                    "none (not a letter of endorsement).".into()
                },
                standing: rule_text::standing_for_reader(&outcome, id, r.is_valid()),
            }
        })
        .collect();
    let participant = Some(holder.profile.name.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| {
            reports
                .iter()
                .find_map(|r| r.letter.as_ref()?.subject_name.clone())
        })
        .unwrap_or_else(|| holder.did.clone());
    Ok(LettersDocument {
        participant,
        holder: holder.did.clone(),
        link: String::new(),
        link_expires: None,
        checked_on: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        verdict: rule_text::summary_for_reader(&outcome),
        trusted: rule_text::trusted_for_reader(w.teams(), &team_names),
        letters,
    })
}

/// `unshare`.
pub fn unshare(w: &mut Wallet, id_or_url: &str) -> Result<Status> {
    let Some(s) = w.store()?.find_share(id_or_url)? else {
        return Err(Hinted::new(
            format!("no share link {id_or_url:?} in your wallet"),
            "see your links with: om-wallet shares",
        )
        .into());
    };
    sh::delete(&s.verifier, &s.id, &s.delete_token)?;
    w.store()?.remove_share(&s.id)?;
    println!("withdrawn: {}", s.url);
    Ok(Status::Holds)
}

/// `shares`.
pub fn shares(w: &mut Wallet, as_json: bool) -> Result<Status> {
    let now = chrono::Utc::now();
    let active: Vec<ShareRow> = w
        .store()?
        .shares()?
        .into_iter()
        .filter(|s| {
            !matches!(
                s.expires.as_deref().and_then(om_core::credential::parse_date),
                Some(d) if d <= now
            )
        })
        .collect();
    if as_json {
        println!("{}", serde_json::to_string_pretty(&active)?);
        return Ok(Status::Holds);
    }
    if active.is_empty() {
        println!("No active share link.");
        return Ok(Status::Holds);
    }
    let rows: Vec<Vec<String>> = active
        .iter()
        .map(|s| {
            vec![
                s.url.clone(),
                day(s.expires.as_deref()),
                s.credentials.len().to_string(),
            ]
        })
        .collect();
    table(&["LINK", "EXPIRES", "LETTERS"], &rows);
    Ok(Status::Holds)
}
