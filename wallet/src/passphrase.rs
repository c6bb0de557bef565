//! Where the passphrase comes from: `--passphrase-file`, then `OM_PASSPHRASE`,
//! then an interactive prompt (only on a terminal).

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use secrecy::{ExposeSecret, SecretString};

use om_core::identity::PassphraseSource;

use crate::error::UserError;

/// Reads the passphrase. `confirm` asks twice at a prompt (for a new identity).
pub fn get(file: Option<&Path>, confirm: bool, purpose: &str) -> Result<SecretString> {
    if let Some(f) = file {
        if let Some(p) = PassphraseSource::File(f.to_path_buf()).read()? {
            return Ok(p);
        }
    }
    if let Some(p) = PassphraseSource::Env.read()? {
        if !p.expose_secret().is_empty() {
            return Ok(p);
        }
    }
    if !std::io::stdin().is_terminal() {
        return Err(UserError::new(
            format!("a passphrase is needed to {purpose}, and there is no terminal to ask for it"),
            "give it with --passphrase-file FILE or the environment variable OM_PASSPHRASE",
        )
        .into());
    }
    // Both entries are held zeroized from the moment they are read.
    let first = SecretString::from(rpassword::prompt_password(format!(
        "Passphrase (to {purpose}): "
    ))?);
    if first.expose_secret().is_empty() {
        return Err(UserError::new(
            "the passphrase is empty",
            "type a passphrase you will remember",
        )
        .into());
    }
    if confirm {
        let again = zeroize::Zeroizing::new(rpassword::prompt_password("Passphrase again: ")?);
        if again.as_str() != first.expose_secret() {
            return Err(
                UserError::new("the two passphrases differ", "run the command again").into(),
            );
        }
    }
    Ok(first)
}
