//! `import`, `list`, `show`, `remove`, `export`.

use anyhow::{Context, Result};
use om_cli::Status;
use serde_json::{json, Value};

use om_core::letter::LetterView;
use om_core::report::{CheckKind, Outcome};

use super::{day, emit};
use crate::import::{import_one, read_source, ImportOutcome};
use crate::store::{short_id, CredentialRow};
use crate::wallet::Wallet;

fn who(name: Option<&str>, role: Option<&str>) -> String {
    let name = name.unwrap_or("(no name)");
    match role {
        Some(r) => format!("{name} ({r})"),
        None => name.to_string(),
    }
}

/// `import`.
pub fn import(w: &mut Wallet, sources: &[String], json_lines: bool) -> Result<Status> {
    let holder = w.holder()?.did;
    let mut tally = Tally::default();
    let mut unreadable = 0usize;
    for source in sources {
        let bytes = match read_source(source) {
            Ok(b) => b,
            Err(e) => {
                // Not a verdict on a credential: nothing could be read (exit 2).
                unreadable += 1;
                if json_lines {
                    println!(
                        "{}",
                        json!({"result": "unreadable", "source": source, "reason": format!("{e:#}")})
                    );
                } else {
                    println!("? could not read {source}: {e:#}");
                }
                continue;
            }
        };
        let found = match crate::extract::credentials_in(&bytes) {
            Ok(f) => f,
            Err(e) => {
                tally.refused += 1;
                if json_lines {
                    println!(
                        "{}",
                        json!({"result": "refused", "source": source, "reason": format!("{e:#}")})
                    );
                } else {
                    println!("✗ refused {source}: {e:#}");
                }
                continue;
            }
        };
        import_found(w, &holder, source, found, json_lines, &mut tally)?;
    }
    if !json_lines {
        tally.print();
    }
    if unreadable > 0 {
        eprintln!("hint: check the path or address, and that you may read it");
    }
    Ok(if unreadable > 0 {
        Status::CouldNotCheck
    } else if tally.refused > 0 {
        Status::Negative
    } else {
        Status::Holds
    })
}

/// How many credentials an import (or a delivery) stored, found stored, or refused.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) imported: usize,
    pub(crate) duplicates: usize,
    pub(crate) refused: usize,
}

impl Tally {
    /// The summary line (standard error).
    pub(crate) fn print(&self) {
        eprintln!(
            "{} imported, {} already there, {} refused",
            self.imported, self.duplicates, self.refused
        );
    }
}

/// Verifies and stores the credentials found in `source`, printing one line each.
pub(crate) fn import_found(
    w: &mut Wallet,
    holder: &str,
    source: &str,
    found: Vec<crate::extract::Found>,
    json_lines: bool,
    tally: &mut Tally,
) -> Result<()> {
    for f in found {
        let outcome = import_one(w, holder, f)?;
        if json_lines {
            let mut v = serde_json::to_value(&outcome)?;
            v["source"] = source.into();
            println!("{v}");
        }
        match &outcome {
            ImportOutcome::Imported {
                id,
                kind,
                issuer_name,
                role,
                warnings,
            } => {
                tally.imported += 1;
                if !json_lines {
                    println!(
                        "✓ imported {} {kind} from {}",
                        short_id(id),
                        who(issuer_name.as_deref(), role.as_deref())
                    );
                    for warn in warnings {
                        println!("  ? warning: {warn}");
                    }
                }
            }
            ImportOutcome::Duplicate { id } => {
                tally.duplicates += 1;
                if !json_lines {
                    println!(
                        "= already in your wallet: {} ({id}), not stored twice",
                        short_id(id)
                    );
                }
            }
            ImportOutcome::Refused { id, reason } => {
                tally.refused += 1;
                if !json_lines {
                    println!(
                        "✗ refused {}: {reason}",
                        id.as_deref()
                            .map(short_id)
                            .unwrap_or_else(|| source.to_string())
                    );
                }
            }
        }
    }
    Ok(())
}

/// The status of a stored credential: offline (dates) or with a full check.
fn status_of(w: &Wallet, row: &CredentialRow, json_text: Option<&str>) -> String {
    if let Some(text) = json_text {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return "invalid".into();
        };
        return match w.verify(&v, true) {
            Err(_) => "invalid".into(),
            Ok(r) => {
                if let Some(c) = r.checks.iter().find(|c| c.outcome == Outcome::Fail) {
                    match c.kind {
                        CheckKind::Status if c.message.contains("suspended") => "suspended".into(),
                        CheckKind::Status => "revoked".into(),
                        CheckKind::ValidityPeriod if c.message.contains("expired") => {
                            "expired".into()
                        }
                        CheckKind::ValidityPeriod => "not yet valid".into(),
                        _ => "invalid".into(),
                    }
                } else if r.checks.iter().any(|c| c.outcome == Outcome::Unknown) {
                    "unknown".into()
                } else {
                    "valid".into()
                }
            }
        };
    }
    let now = chrono::Utc::now();
    let parse = |s: &Option<String>| s.as_deref().and_then(om_core::credential::parse_date);
    if parse(&row.valid_until).is_some_and(|d| d < now) {
        "expired".into()
    } else if parse(&row.valid_from).is_some_and(|d| d > now) {
        "not yet valid".into()
    } else {
        "valid".into()
    }
}

/// Prints rows as an aligned table.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count())))
            .collect();
        println!("{}", parts.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r.clone());
    }
}

/// `list`.
pub fn list(w: &mut Wallet, as_json: bool, check_status: bool) -> Result<Status> {
    let items: Vec<(CredentialRow, Option<String>)> = if check_status {
        w.store()?
            .all()?
            .into_iter()
            .map(|s| (s.row, Some(s.json)))
            .collect()
    } else {
        w.store()?.list()?.into_iter().map(|r| (r, None)).collect()
    };
    let mut out = Vec::new();
    for (row, text) in &items {
        let status = status_of(w, row, text.as_deref());
        out.push((row, status));
    }
    if as_json {
        let v: Vec<Value> = out
            .iter()
            .map(|(row, status)| {
                let mut v = serde_json::to_value(row).unwrap_or_default();
                v["status"] = status.clone().into();
                v
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(Status::Holds);
    }
    if out.is_empty() {
        println!("Your wallet is empty. Import a letter with: om-wallet import FILE");
        return Ok(Status::Holds);
    }
    let rows: Vec<Vec<String>> = out
        .iter()
        .map(|(r, status)| {
            vec![
                r.short_id(),
                r.kind.clone(),
                who(r.issuer_name.as_deref(), r.role.as_deref()),
                day(r.valid_from.as_deref()),
                status.clone(),
            ]
        })
        .collect();
    table(&["ID", "TYPE", "FROM", "DATE", "STATUS"], &rows);
    if !check_status {
        println!("(revocation is not checked offline: add --check-status to ask the endorsers)");
    }
    Ok(Status::Holds)
}

fn mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✓",
        Outcome::Fail => "✗",
        Outcome::Unknown => "?",
        Outcome::Skipped => "–",
    }
}

/// `show`.
pub fn show(w: &mut Wallet, id: &str, as_json: bool) -> Result<Status> {
    let holder = w.holder()?.did;
    let stored = w.store()?.get(id)?;
    let value: Value =
        serde_json::from_str(&stored.json).context("the stored credential is damaged")?;
    let report = w.verify(&value, true);
    if as_json {
        let v = match &report {
            Ok(r) => r.to_vc_api(),
            Err(e) => json!({"verified": false, "errors": [{"message": e.to_string()}]}),
        };
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(Status::Holds);
    }
    let view = LetterView::from_credential(&value);
    let r = &stored.row;
    let heading = match r.kind.as_str() {
        "letter" => "Letter of endorsement",
        "badge" => "Open Badge",
        _ => "Credential",
    };
    println!("{heading}  {}", r.id);
    println!(
        "From:    {}  {}",
        who(r.issuer_name.as_deref(), r.role.as_deref()),
        r.issuer
    );
    if let Some(v) = &view {
        println!(
            "About:   {}  {}",
            v.subject_name.as_deref().unwrap_or("(no name)"),
            v.subject_id.as_deref().unwrap_or("")
        );
    }
    print!("Date:    {}", day(r.valid_from.as_deref()));
    if r.valid_until.is_some() {
        print!("  (valid until {})", day(r.valid_until.as_deref()));
    }
    println!();
    if let Some(v) = &view {
        if let Some(t) = v.achievement.as_ref().or(v.title.as_ref()) {
            println!("Title:   {t}");
        }
        if let Some(text) = &v.text {
            println!();
            for line in text.lines() {
                println!("    {line}");
            }
        }
    }
    println!();
    println!("Checks:");
    match report {
        Ok(rep) => {
            for c in &rep.checks {
                println!("  {} {}: {}", mark(c.outcome), c.kind.label(), c.message);
            }
        }
        Err(e) => println!("  ✗ Format: {e}"),
    }
    let about_me = om_core::credential::subject_ids(&value).contains(&holder);
    println!(
        "  {} Holder: {}",
        if about_me { "✓" } else { "✗" },
        if about_me {
            "about you"
        } else {
            "not about you"
        }
    );
    Ok(Status::Holds)
}

/// `remove`.
pub fn remove(w: &mut Wallet, id: &str) -> Result<Status> {
    let stored = w.store()?.get(id)?;
    w.store()?.remove(&stored.row.id)?;
    println!(
        "removed {} ({} from {})",
        stored.row.id,
        stored.row.kind,
        who(
            stored.row.issuer_name.as_deref(),
            stored.row.role.as_deref()
        )
    );
    Ok(Status::Holds)
}

/// `export`.
pub fn export(
    w: &mut Wallet,
    id: Option<&str>,
    all: bool,
    out: Option<&std::path::Path>,
) -> Result<Status> {
    let text = if all {
        let items = w.store()?.all()?;
        let parts: Vec<&str> = items.iter().map(|s| s.json.as_str()).collect();
        format!("[{}]", parts.join(","))
    } else {
        let id = id.unwrap_or_default();
        w.store()?.get(id)?.json
    };
    match out {
        Some(_) => emit(out, &text)?,
        None => {
            use std::io::Write;
            let mut o = std::io::stdout().lock();
            o.write_all(text.as_bytes())?;
            o.flush()?;
        }
    }
    Ok(Status::Holds)
}
