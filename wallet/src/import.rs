//! Importing: read an input (file, URL or standard input), find its
//! credentials, verify each with core, check it is about this holder, and only
//! then store it.

use std::io::Read;
use std::time::Duration;

use anyhow::{Context, Result};
use om_cli::output::printable;
use om_cli::service::ServiceClient;
use om_cli::Tool;
use serde::Serialize;

use om_core::credential::subject_ids;
use om_core::report::{CheckKind, Outcome as CheckOutcome};

use crate::extract::Found;
use crate::store::{Inserted, NewCredential, Store};
use crate::wallet::Wallet;

/// The largest input read.
pub const MAX_INPUT: u64 = 16 * 1024 * 1024;

/// What a download asks for: credentials as JSON, or baked badges.
const ACCEPT: &str =
    "application/vc+ld+json, application/ld+json, application/json, image/png, image/svg+xml";

/// What happened to one credential.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "result", rename_all = "camelCase")]
pub enum ImportOutcome {
    /// Verified and stored (the transaction committed).
    Imported {
        /// The credential id.
        id: String,
        /// Letter, badge or other.
        kind: String,
        /// Endorser name.
        issuer_name: Option<String>,
        /// Mentor or peer.
        role: Option<String>,
        /// Checks that could not be made (e.g. revocation status unknown).
        warnings: Vec<String>,
    },
    /// Already in the wallet: not stored twice.
    Duplicate {
        /// The stored id.
        id: String,
    },
    /// Refused: nothing stored.
    Refused {
        /// The credential id, if it has one.
        id: Option<String>,
        /// Why.
        reason: String,
    },
}

/// Reads an input: a file path, an `http(s)://` URL, or `-` for standard input.
pub fn read_source(source: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if source == "-" {
        std::io::stdin()
            .take(MAX_INPUT)
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else if source.starts_with("https://") || source.starts_with("http://") {
        bytes = ServiceClient::downloads(Tool::Wallet, Duration::from_secs(20), MAX_INPUT)
            .get_bytes(source, ACCEPT)
            .with_context(|| format!("downloading {}", printable(source)))?;
    } else {
        bytes = std::fs::read(source).with_context(|| format!("reading {source}"))?;
    }
    Ok(bytes)
}

/// Verifies one credential and stores it if it holds and is about `holder`.
pub fn import_one(wallet: &mut Wallet, holder: &str, found: Found) -> Result<ImportOutcome> {
    let new = NewCredential::from_text(found.text, &found.value);
    let id_given = found
        .value
        .get("id")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    if let Some(existing) = store_of(wallet)?.find_duplicate("\u{0}", &new.sha256)? {
        return Ok(ImportOutcome::Duplicate { id: existing });
    }
    let refused = |reason: String| ImportOutcome::Refused {
        id: id_given.clone(),
        reason,
    };
    let report = match wallet.verify(&found.value, true) {
        Ok(r) => r,
        Err(e) => return Ok(refused(format!("it cannot be read as a credential: {e}"))),
    };
    if let Some(c) = report
        .checks
        .iter()
        .find(|c| c.outcome == CheckOutcome::Fail)
    {
        return Ok(refused(format!("{}: {}", c.kind.label(), c.message)));
    }
    if let Some(c) = report
        .checks
        .iter()
        .find(|c| c.outcome == CheckOutcome::Unknown && c.kind != CheckKind::Status)
    {
        return Ok(refused(format!(
            "{} could not be checked: {}",
            c.kind.label(),
            c.message
        )));
    }
    let subjects = subject_ids(&found.value);
    if !subjects.iter().any(|s| s == holder) {
        return Ok(refused(format!(
            "it is about {}, not about you ({holder})",
            if subjects.is_empty() {
                "nobody named".to_string()
            } else {
                subjects.join(", ")
            }
        )));
    }
    let warnings = report
        .checks
        .iter()
        .filter(|c| c.outcome == CheckOutcome::Unknown)
        .map(|c| format!("{}: {}", c.kind.label(), c.message))
        .collect();
    Ok(match store_of(wallet)?.insert(&new)? {
        Inserted::New => ImportOutcome::Imported {
            id: new.id,
            kind: new.kind,
            issuer_name: new.issuer_name,
            role: new.role,
            warnings,
        },
        Inserted::Duplicate(id) => ImportOutcome::Duplicate { id },
    })
}

fn store_of(wallet: &mut Wallet) -> Result<&mut Store> {
    wallet.store()
}
