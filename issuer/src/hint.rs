//! Errors that carry a hint for the person at the keyboard, and hints for the
//! errors of `om-core`.

use std::fmt;

/// An error with a suggestion of what to do about it.
#[derive(Debug)]
pub struct Hinted {
    /// What went wrong.
    pub message: String,
    /// What to try next.
    pub hint: String,
}

impl fmt::Display for Hinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Hinted {}

/// An `anyhow` error with a hint.
pub fn hinted(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Hinted {
        message: message.into(),
        hint: hint.into(),
    })
}

/// The hint to print under an error, if one is known.
pub fn hint_for(err: &anyhow::Error) -> Option<String> {
    for cause in err.chain() {
        if let Some(h) = cause.downcast_ref::<Hinted>() {
            return Some(h.hint.clone());
        }
        if let Some(e) = cause.downcast_ref::<om_core::Error>() {
            return Some(match e {
                om_core::Error::WrongPassphrase => {
                    "check the passphrase (OM_PASSPHRASE, --passphrase-file, or what you typed); \
                     it is the one chosen at `om-issuer init`"
                        .into()
                }
                om_core::Error::Identity(m) if m.contains("run `init` first") => {
                    "create your identity with: om-issuer init --name \"Your Name\"".into()
                }
                om_core::Error::Identity(m) if m.contains("already exists") => {
                    "add --force to replace it (the old key and everything it signed stop being yours)"
                        .into()
                }
                om_core::Error::Io { .. } => "check that the file or folder exists and that you may read and write it".into(),
                om_core::Error::Malformed(_) => "check the values given on the command line or in the file".into(),
                _ => continue,
            });
        }
    }
    None
}
