//! `backup` and `restore`.

use std::path::Path;

use anyhow::{Context, Result};
use om_cli::Status;
use serde_json::Value;

use om_core::low_level::fsutil::{write_atomic, Visibility};

use crate::backup::{Bundle, BundledCredential};
use crate::store::NewCredential;
use crate::wallet::Wallet;
use om_cli::passphrase::{read, Confirm};
use om_cli::Hinted;

/// `backup`.
pub fn backup(w: &mut Wallet, file: &Path) -> Result<Status> {
    let me = w.holder()?;
    let pass = read(w.passphrase_file(), Confirm::Once, "encrypt the backup")?;
    // Make sure the passphrase is the identity's: a backup is restored with it.
    w.identities().unlock(&pass)?;
    let creds: Vec<BundledCredential> = w
        .store()?
        .all()?
        .into_iter()
        .map(|s| BundledCredential {
            json: s.json,
            imported_at: s.row.imported_at,
        })
        .collect();
    let n = creds.len();
    let sealed = Bundle::collect(w.home(), creds)?.seal(&pass)?;
    write_atomic(file, &sealed, Visibility::Private)?;
    println!(
        "Backup of {} ({}) and {n} credential(s) written to {}, encrypted with your passphrase.",
        me.profile.name,
        me.did,
        file.display()
    );
    Ok(Status::Holds)
}

/// `restore`.
pub fn restore(w: &mut Wallet, file: &Path, force: bool) -> Result<Status> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let pass = read(w.passphrase_file(), Confirm::Once, "open the backup")?;
    let (bundle, me) = Bundle::open(&bytes, &pass)?;
    let ids = w.identities();
    if ids.exists() {
        let current = ids.load().ok();
        let same = current.as_ref().is_some_and(|c| c.did == me.did);
        if !same && !force {
            return Err(Hinted::new(
                format!(
                    "{} already holds an identity{}; restoring would replace it",
                    w.home().display(),
                    current.map(|c| format!(" ({})", c.did)).unwrap_or_default()
                ),
                "restore into another home (--home DIR), or add --force to replace it (its key is then lost)",
            )
            .into());
        }
    }
    let creds: Vec<NewCredential> = bundle
        .credentials
        .iter()
        .map(|c| {
            let v: Value = serde_json::from_str(&c.json).unwrap_or(Value::Null);
            NewCredential::from_text(c.json.clone(), &v)
        })
        .collect();
    om_core::low_level::fsutil::create_private_dir(w.home())?;
    write_atomic(
        &w.home().join("identity.key.age"),
        &bundle.key_bytes()?,
        Visibility::Private,
    )?;
    write_atomic(
        &w.home().join("identity.json"),
        bundle.identity_json.as_bytes(),
        Visibility::Private,
    )?;
    let added = w.store()?.insert_many(&creds)?;
    println!(
        "Restored {} ({}) and {added} credential(s) ({} already there) into {}.",
        me.profile.name,
        me.did,
        creds.len() - added,
        w.home().display()
    );
    Ok(Status::Holds)
}
