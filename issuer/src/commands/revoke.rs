//! `revoke` and `status-list`: the W3C Bitstring Status List of what was revoked.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Utc;
use om_core::proof::Cryptosuite;
use om_core::status::{status_list_credential, Bitstring, MIN_LIST_BITS};
use serde_json::Value;

use crate::cli::{RevokeArgs, StatusListArgs};
use crate::context::{Home, Signer};
use crate::log::{IssueLog, Revocation};
use om_cli::output::write_output;
use om_cli::{hinted, Status};

fn status_url(home: &Home) -> Result<String> {
    home.load()?.status_list_url.ok_or_else(|| {
        hinted(
            "your profile has no status list URL, so nothing you sign can be revoked",
            "set one with: om-issuer profile --status-url https://your.site/status.json \
             (it applies to what you sign from then on)",
        )
    })
}

/// The credential id named by `target`: an id, or a file (JSON, PNG, SVG) holding the credential.
fn target_id(target: &str) -> Result<String> {
    let path = Path::new(target);
    if !path.is_file() {
        if target.contains(':') {
            return Ok(target.to_string());
        }
        return Err(hinted(
            format!("{target:?} is neither a credential id nor a file"),
            "give the id (urn:uuid:..., see om-issuer list) or the signed file",
        ));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {target}"))?;
    let json = match om_core::baked::detect(&bytes) {
        Some(_) => om_core::baked::extract(&bytes).with_context(|| format!("reading {target}"))?,
        None => String::from_utf8(bytes).with_context(|| format!("{target} is not text"))?,
    };
    let v: Value = serde_json::from_str(&json)
        .with_context(|| format!("{target} is not a credential (JSON)"))?;
    v.get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .with_context(|| format!("{target} has no credential id"))
}

/// Marks a credential revoked and writes (and, with `--publish`, uploads)
/// the new status list.
pub fn revoke(home: &Home, a: RevokeArgs) -> Result<Status> {
    let url = status_url(home)?;
    let id = target_id(&a.target)?;
    let signer = home.unlock()?;
    let mut log = home.log()?;
    match log.revoke(&id)? {
        Revocation::NotFound => {
            return Err(hinted(
                format!("{id} is not in your issue log"),
                "om-issuer list shows what you signed from this home folder",
            ))
        }
        Revocation::NoStatus => {
            return Err(hinted(
                format!("{id} was signed without a status list entry, so it cannot be revoked"),
                "only what is signed while the profile has a status list URL can be revoked",
            ))
        }
        Revocation::AlreadyRevoked(i) => {
            eprintln!("{id} was already revoked (index {i}); writing the status list again.")
        }
        Revocation::Revoked(i) => eprintln!("Revoked {id} (status list index {i})."),
    }
    let bytes = write_list(
        home,
        &signer,
        &log,
        &url,
        a.out,
        a.suite.into(),
        a.valid_days,
        a.publish.is_some(),
    )?;
    match a.publish {
        Some(service_url) => super::publish::publish(&service_url, &url, &bytes),
        None => Ok(Status::Holds),
    }
}

/// `status-list`: signs and writes (and, with `--publish`, uploads) the current list.
pub fn status_list(home: &Home, a: StatusListArgs) -> Result<Status> {
    let url = status_url(home)?;
    let signer = home.unlock()?;
    let log = home.log()?;
    let bytes = write_list(
        home,
        &signer,
        &log,
        &url,
        a.out,
        a.suite.into(),
        a.valid_days,
        a.publish.is_some(),
    )?;
    match a.publish {
        Some(service_url) => super::publish::publish(&service_url, &url, &bytes),
        None => Ok(Status::Holds),
    }
}

/// Signs the current list, writes it, and returns its bytes. Its
/// `validFrom` has milliseconds, so that two lists signed within one second
/// are still ordered (a service refuses a list that is not strictly newer).
#[allow(clippy::too_many_arguments)]
fn write_list(
    home: &Home,
    signer: &Signer,
    log: &IssueLog,
    url: &str,
    out: Option<PathBuf>,
    suite: Cryptosuite,
    valid_days: Option<u32>,
    publishing: bool,
) -> Result<Vec<u8>> {
    let revoked = log.revoked_indices()?;
    let mut bits = Bitstring::new(MIN_LIST_BITS);
    for &i in &revoked {
        bits.set(i, true)?;
    }
    let now = Utc::now();
    let valid_until = valid_days.map(|d| now + chrono::Duration::days(i64::from(d)));
    let mut unsigned =
        status_list_credential(url, &signer.identity.public.did, &bits, now, valid_until);
    unsigned["validFrom"] = now
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        .into();
    let bytes = signer.sign_checked(&unsigned, suite)?;
    let path = out.unwrap_or_else(|| home.default_status_list_path());
    if path.as_os_str() == "-" {
        write_output(None, &bytes)?;
        return Ok(bytes);
    }
    write_output(Some(&path), &bytes)?;
    eprintln!(
        "Wrote the status list ({} revoked) to {}",
        revoked.len(),
        path.display()
    );
    if !publishing {
        eprintln!("Publish it at {url} (replace the file there) so that verifiers see the change.");
    }
    Ok(bytes)
}
