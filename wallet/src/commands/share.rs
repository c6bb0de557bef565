//! `share`, `unshare`, `shares`.

use anyhow::Result;
use om_cli::Status;
use serde_json::json;

use super::check::{chosen_credentials, sign};
use super::credentials::table;
use super::day;
use crate::cli::ShareArgs;
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
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "url": url, "expires": expires, "mode": if args.inline { "inline" } else { "link" },
                "credentials": ids
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
    Ok(Status::Holds)
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
