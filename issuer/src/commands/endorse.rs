//! `endorse`: sign one letter of endorsement.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::Utc;
use om_core::letter::{new_credential_id, LetterDraft, Role};

use crate::cli::EndorseArgs;
use crate::context::{absolute, Home};
use crate::log::NewRecord;
use crate::util::parse_valid_until;
use om_cli::hinted;
use om_cli::output::write_output;

const EDITOR_TEMPLATE: &str = "\
#: Write your letter below. Lines starting with \"#:\" are left out.
#: Markdown is allowed. Save and close the editor to sign; leave it empty to cancel.
";

/// Signs one letter.
pub fn run(home: &Home, a: EndorseArgs) -> Result<()> {
    let identity = home.load()?;
    let request = a
        .request
        .as_deref()
        .map(super::deliver::read_request)
        .transpose()?;
    let (to, name, role) = match &request {
        Some(r) => {
            let role = match a.role {
                Some(asked) if Role::from(asked) != r.role => {
                    return Err(hinted(
                        format!(
                            "the participant asked for a letter as their {}, not as {}",
                            r.role,
                            Role::from(asked)
                        ),
                        "leave out --role, or ask the participant for a new request",
                    ))
                }
                _ => r.role,
            };
            (r.holder.clone(), r.name.clone(), role)
        }
        None => (
            a.to.clone().unwrap_or_default().trim().to_string(),
            a.name.clone().unwrap_or_default(),
            a.role.map(Role::from).unwrap_or(Role::Peer),
        ),
    };
    let deliver_to = a
        .deliver
        .clone()
        .or_else(|| request.as_ref().map(|r| r.deliver_to.clone()));
    check_recipient(&to, &identity.did)?;
    let valid_until = a
        .valid_until
        .as_deref()
        .map(parse_valid_until)
        .transpose()?;
    let text = read_letter(a.letter.as_deref())?;
    let mut endorser = identity.profile.clone();
    endorser.endorsement = if matches!(a.format, crate::cli::FormatArg::Ob3) {
        super::confirmations::for_letter(home, &to)?
    } else {
        vec![]
    };
    let confirmed = endorser.endorsement.len();
    let draft = LetterDraft {
        id: new_credential_id(),
        endorser,
        role,
        subject_id: to.clone(),
        subject_name: name.trim().to_string(),
        text,
        format: a.format.into(),
        valid_from: Utc::now(),
        valid_until,
        status: None,
    };
    draft.to_credential()?; // refuse a bad draft before asking for the passphrase
    let signer = home.unlock()?;
    let mut log = home.log()?;
    let record = NewRecord {
        id: draft.id.clone(),
        kind: "letter",
        subject_did: to,
        subject_name: Some(draft.subject_name.clone()),
        role: Some(role.to_string()),
        issued_at: om_core::credential::format_date(&draft.valid_from),
    };
    let signed = signer.issue(&mut log, &record, a.suite.into(), |status| {
        let mut d = draft.clone();
        d.status = status;
        Ok(d.to_credential()?)
    })?;
    a.suite.warn_where_unverifiable();
    if confirmed == 0 {
        eprintln!(
            "note: no team confirmation travels with this letter, so verifiers show it but do not count it towards the Open Masters; ask the team that runs the cohort to confirm you, then keep the file it gives you with `om-issuer confirmations add FILE`"
        );
    } else {
        eprintln!("Carries {confirmed} team confirmation(s) of who you are to the participant.");
    }
    if let Some(service_url) = &deliver_to {
        if let Some(p) = &a.out {
            write_output(Some(p.as_path()), &signed.bytes)?;
            log.set_file(&signed.id, &absolute(p))?;
        }
        eprintln!(
            "Signed the letter for {} ({role}); id {}",
            draft.subject_name, signed.id
        );
        return super::deliver::deliver(
            home,
            service_url,
            &signed.bytes,
            a.deliver_days,
            super::deliver::QrOutputs {
                png: a.png.as_deref(),
                svg: a.svg.as_deref(),
            },
        );
    }
    write_output(a.out.as_deref(), &signed.bytes)?;
    if let Some(p) = &a.out {
        log.set_file(&signed.id, &absolute(p))?;
        eprintln!(
            "Signed the letter for {} ({role}) and wrote it to {}",
            draft.subject_name,
            p.display()
        );
        eprintln!("Id: {}", signed.id);
        if let Some(i) = signed.status_index {
            eprintln!("Revocable: yes (status list index {i})");
        }
    }
    Ok(())
}

/// Refuses recipients that are not DIDs, and letters to oneself.
pub fn check_recipient(to: &str, own_did: &str) -> Result<()> {
    if !to.starts_with("did:") || to.len() < 8 {
        return Err(hinted(
            format!("{to:?} is not a DID"),
            "ask the participant for their DID (om-wallet whoami shows it); it starts with did:key: or did:web:",
        ));
    }
    if to == own_did {
        return Err(hinted(
            "you cannot endorse yourself",
            "--to must be the participant's DID, not yours",
        ));
    }
    Ok(())
}

/// The letter text: from a file, `-` (stdin), piped stdin, or `$EDITOR`.
pub fn read_letter(path: Option<&Path>) -> Result<String> {
    let text = match path {
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => std::fs::read_to_string(p).map_err(|e| {
            hinted(
                format!("cannot read the letter file {}: {e}", p.display()),
                "check the file name, or leave out --letter to type the letter in your editor",
            )
        })?,
        None if !std::io::stdin().is_terminal() => read_stdin()?,
        None => edit()?,
    };
    if text.trim().is_empty() {
        return Err(hinted(
            "the letter is empty",
            "write the letter in a file and pass it with --letter FILE",
        ));
    }
    Ok(text.trim_end().to_string())
}

fn read_stdin() -> Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("cannot read the letter from standard input")?;
    Ok(s)
}

/// Opens `$VISUAL`/`$EDITOR` on a temporary file and returns what was written.
fn edit() -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| {
            if cfg!(windows) {
                "notepad".into()
            } else {
                "vi".into()
            }
        });
    let file = tempfile::Builder::new()
        .prefix("om-letter-")
        .suffix(".md")
        .tempfile()?;
    std::fs::write(file.path(), EDITOR_TEMPLATE)?;
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(file.path())
        .status()
        .map_err(|e| {
            hinted(
                format!("cannot start the editor {editor:?}: {e}"),
                "set EDITOR to your editor (for example EDITOR=nano), or use --letter FILE",
            )
        })?;
    if !status.success() {
        anyhow::bail!("the editor {editor:?} failed ({status}); nothing was signed");
    }
    let text = std::fs::read_to_string(file.path())?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with("#:"))
        .collect::<Vec<_>>()
        .join("\n"))
}
