//! `batch`: one letter or badge per CSV row, with the key unlocked once.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use om_core::letter::{new_credential_id, BadgeDraft, LetterDraft, Role};
use om_core::low_level::fsutil::{write_atomic, Visibility};

use crate::cli::{BatchArgs, KindArg};
use crate::context::{absolute, Home, Signer};
use crate::log::{IssueLog, NewRecord};
use crate::util::{parse_valid_until, slug};
use om_cli::{hinted, Status};

/// One data row of the CSV.
struct Row {
    /// The line it starts on (the header is line 1).
    line: u64,
    /// Column name (lowercase) → value (trimmed).
    fields: HashMap<String, String>,
}

impl Row {
    fn get(&self, col: &str) -> Option<&str> {
        self.fields
            .get(col)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn need(&self, col: &str) -> Result<&str> {
        self.get(col)
            .with_context(|| format!("the \"{col}\" column is empty"))
    }
}

/// A row that failed: its line number and why.
type Failure = (u64, String);

/// The default output folder: `<csv stem>-signed` next to the CSV.
fn default_out_dir(csv: &Path) -> PathBuf {
    let stem = csv
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "batch".into());
    csv.with_file_name(format!("{stem}-signed"))
}

/// Reads the CSV: the rows, and the rows that could not even be read.
fn read_csv(path: &Path, required: &[&str]) -> Result<(Vec<Row>, Vec<Failure>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| {
            hinted(
                format!("cannot read the CSV file {}: {e}", path.display()),
                "check the file name",
            )
        })?;
    let headers: Vec<String> = rdr
        .headers()
        .with_context(|| format!("cannot read the header row of {}", path.display()))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(hinted(
            format!(
                "{} has no column {} (its header row is: {})",
                path.display(),
                missing.join(", "),
                headers.join(",")
            ),
            format!(
                "the first row must name the columns: {}",
                required.join(",")
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.len() > headers.len() {
                    bad.push((
                        line,
                        format!(
                            "{} values for {} columns (a comma inside a value needs \"quotes\")",
                            r.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                let fields = headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect();
                rows.push(Row { line, fields });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                bad.push((line, format!("unreadable: {e}")));
            }
        }
    }
    Ok((rows, bad))
}

/// Signs every row.
/// Rows that could not be signed are refused: the exit status is then 1.
pub fn run(home: &Home, a: BatchArgs) -> Result<Status> {
    home.load()?; // a missing identity is reported before the CSV is read
    let required: &[&str] = match (a.kind, a.role) {
        (KindArg::Letter, None) => &["did", "name", "role", "letter"],
        (KindArg::Letter, Some(_)) => &["did", "name", "letter"],
        (KindArg::Badge, _) => &["did", "achievement", "description", "criteria"],
    };
    let (rows, mut failed) = read_csv(&a.csv, required)?;
    if rows.is_empty() && failed.is_empty() {
        return Err(hinted(
            format!("{} has no rows under its header", a.csv.display()),
            "add one row per participant",
        ));
    }
    let total = rows.len() + failed.len();
    let out_dir = a.out_dir.clone().unwrap_or_else(|| default_out_dir(&a.csv));
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create the folder {}", out_dir.display()))?;
    let signer = home.unlock()?;
    let mut log = home.log()?;

    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(rows.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} [{elapsed}, {eta} left]")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut written = 0usize;
    for row in &rows {
        bar.set_message(row.get("name").unwrap_or("").to_string());
        match sign_row(&signer, &mut log, home, &a, row, &out_dir) {
            Ok(_) => written += 1,
            Err(e) => failed.push((row.line, format!("{e:#}"))),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    failed.sort_by_key(|(line, _)| *line);

    eprintln!("{written} written to {}", out_dir.display());
    if written > 0 {
        a.suite.warn_where_unverifiable();
    }
    if failed.is_empty() {
        return Ok(Status::Holds);
    }
    eprintln!("{} failed:", failed.len());
    for (line, reason) in &failed {
        eprintln!("  line {line}: {reason}");
    }
    eprintln!(
        "om-issuer: {} of {} rows were refused (see the lines above)",
        failed.len(),
        total
    );
    eprintln!("hint: fix those rows and run batch again with a CSV holding only them");
    Ok(Status::Negative)
}

fn sign_row(
    signer: &Signer,
    log: &mut IssueLog,
    home: &Home,
    a: &BatchArgs,
    row: &Row,
    out_dir: &Path,
) -> Result<PathBuf> {
    let to = row.need("did")?.to_string();
    super::endorse::check_recipient(&to, &signer.identity.public.did)?;
    let valid_until = row.get("valid_until").map(parse_valid_until).transpose()?;
    let profile = signer.identity.public.profile.clone();
    let now = Utc::now();
    let id = new_credential_id();
    let (signed, name) = match a.kind {
        KindArg::Letter => {
            let role: Role = match (row.get("role"), a.role) {
                (Some(r), _) => r.parse()?,
                (None, Some(r)) => r.into(),
                (None, None) => anyhow::bail!("the \"role\" column is empty"),
            };
            let name = row.need("name")?.to_string();
            let mut endorser = profile;
            if matches!(a.format, crate::cli::FormatArg::Ob3) {
                endorser.endorsement = super::confirmations::for_letter(home, &to)?;
            }
            let draft = LetterDraft {
                id: id.clone(),
                endorser,
                role,
                subject_id: to.clone(),
                subject_name: name.clone(),
                text: row.need("letter")?.to_string(),
                format: a.format.into(),
                valid_from: now,
                valid_until,
                status: None,
            };
            let record = NewRecord {
                id,
                kind: "letter",
                subject_did: to,
                subject_name: Some(name.clone()),
                role: Some(role.to_string()),
                issued_at: om_core::credential::format_date(&now),
            };
            let signed = signer.issue(log, &record, a.suite.into(), |status| {
                let mut d = draft.clone();
                d.status = status;
                Ok(d.to_credential()?)
            })?;
            (signed, name)
        }
        KindArg::Badge => {
            let achievement = row.need("achievement")?.to_string();
            let name = row.get("name").map(str::to_string);
            let draft = BadgeDraft {
                id: id.clone(),
                issuer: profile,
                subject_id: to.clone(),
                subject_name: name.clone(),
                achievement_id: row
                    .get("achievement_id")
                    .map(str::to_string)
                    .unwrap_or_else(|| super::badge::default_achievement_id(&achievement)),
                name: achievement,
                description: row.need("description")?.to_string(),
                criteria: row.need("criteria")?.to_string(),
                valid_from: now,
                valid_until,
                status: None,
            };
            let record = NewRecord {
                id,
                kind: "badge",
                subject_did: to,
                subject_name: name.clone(),
                role: None,
                issued_at: om_core::credential::format_date(&now),
            };
            let signed = signer.issue(log, &record, a.suite.into(), |status| {
                let mut d = draft.clone();
                d.status = status;
                Ok(d.to_credential()?)
            })?;
            (signed, name.unwrap_or_default())
        }
    };
    let path = out_dir.join(format!("{:04}-{}.json", row.line, slug(&name)));
    write_atomic(&path, &signed.bytes, Visibility::Shared)
        .with_context(|| format!("cannot write {}", path.display()))?;
    log.set_file(&signed.id, &absolute(&path))?;
    Ok(path)
}
