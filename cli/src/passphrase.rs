//! Where a passphrase comes from: `--passphrase-file`, then `OM_PASSPHRASE`,
//! then a prompt when a person is at the terminal. One rule for each source:
//! a file or variable that is given but empty is an error (never a silent
//! fallback to the next source), and without a terminal nobody is asked.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result};
use secrecy::{ExposeSecret, SecretString};

use crate::error::hinted;

/// Whether a prompt asks twice (for a new passphrase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Ask once (to unlock).
    Once,
    /// Ask twice (to choose a new one).
    Twice,
}

/// Reads the passphrase needed to `purpose` (e.g. "sign the letter").
pub fn read(file: Option<&Path>, confirm: Confirm, purpose: &str) -> Result<SecretString> {
    if let Some(path) = file {
        return Ok(om_identity::passphrase_from_file(path)?);
    }
    if let Some(p) = crate::env::passphrase() {
        if p.expose_secret().is_empty() {
            return Err(hinted(
                "OM_PASSPHRASE is set but empty",
                "set OM_PASSPHRASE to your passphrase, or unset it to be asked",
            ));
        }
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(hinted(
            format!("a passphrase is needed to {purpose}, and there is no terminal to ask for it"),
            "set the OM_PASSPHRASE environment variable, or use --passphrase-file FILE",
        ));
    }
    // Both entries are held zeroized from the moment they are read.
    let first = SecretString::from(
        rpassword::prompt_password(format!("Passphrase (to {purpose}): "))
            .context("cannot read the passphrase")?,
    );
    if first.expose_secret().is_empty() {
        return Err(hinted(
            "the passphrase is empty",
            "type a passphrase you will remember",
        ));
    }
    if confirm == Confirm::Twice {
        let again = zeroize::Zeroizing::new(
            rpassword::prompt_password("Passphrase again: ")
                .context("cannot read the passphrase")?,
        );
        if again.as_str() != first.expose_secret() {
            return Err(hinted(
                "the two passphrases differ",
                "run the command again and type the same passphrase twice",
            ));
        }
    }
    Ok(first)
}
