//! Where the passphrase comes from: `--passphrase-file`, then `OM_PASSPHRASE`,
//! then a prompt when a person is at the terminal.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result};
use om_core::identity::PassphraseSource;
use secrecy::{ExposeSecret, SecretString};

use crate::hint::hinted;

/// Reads the passphrase. `confirm` asks twice when prompting (for a new identity).
pub fn obtain(file: Option<&Path>, confirm: bool) -> Result<SecretString> {
    if let Some(path) = file {
        let p = PassphraseSource::File(path.to_path_buf())
            .read()
            .with_context(|| format!("cannot read the passphrase file {}", path.display()))?;
        return p.ok_or_else(|| anyhow::anyhow!("{} holds no passphrase", path.display()));
    }
    if let Some(p) = PassphraseSource::Env.read()? {
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
            "a passphrase is needed, and there is no terminal to ask for it",
            "set the OM_PASSPHRASE environment variable, or use --passphrase-file FILE",
        ));
    }
    // Both entries are held zeroized from the moment they are read.
    let first = SecretString::from(
        rpassword::prompt_password("Passphrase: ").context("cannot read the passphrase")?,
    );
    if first.expose_secret().is_empty() {
        anyhow::bail!("the passphrase is empty");
    }
    if confirm {
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
