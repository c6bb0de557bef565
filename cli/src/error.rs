//! Errors for the person at the keyboard: a message, then a hint of what to do.
//! Hints for `om-core`'s errors are chosen by variant, never by wording.

use std::fmt;

/// Which tool is speaking (hints name the tool's own commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `om-issuer`.
    Issuer,
    /// `om-wallet`.
    Wallet,
    /// `om-verifier`.
    Verifier,
}

impl Tool {
    /// The binary's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Issuer => "om-issuer",
            Self::Wallet => "om-wallet",
            Self::Verifier => "om-verifier",
        }
    }

    /// The tool that makes identities in its place (the verifier has none).
    #[cfg(feature = "identity")]
    fn identity_tool(self) -> &'static str {
        match self {
            Self::Wallet => "om-wallet",
            Self::Issuer | Self::Verifier => "om-issuer",
        }
    }

    /// The command that shows the identity.
    #[cfg(feature = "identity")]
    fn show_identity(self) -> &'static str {
        match self {
            Self::Wallet => "om-wallet did",
            Self::Issuer | Self::Verifier => "om-issuer whoami",
        }
    }
}

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

impl Hinted {
    /// A new error with its hint.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// An `anyhow` error with a hint.
pub fn hinted(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Hinted::new(message, hint))
}

/// The hint for one of `om-core`'s errors, by variant.
pub fn core_hint(e: &om_core::Error, _tool: Tool) -> Option<String> {
    use om_core::Error as E;
    Some(match e {
        E::Malformed(_) => "check the values given on the command line or in the file".into(),
        _ => return None,
    })
}

/// The hint for a file or folder that could not be written or created.
const FILE_HINT: &str = "check that the file or folder exists and that you may read and write it";

/// The hint for one of `om-identity`'s errors, by variant.
#[cfg(feature = "identity")]
pub fn identity_hint(e: &om_identity::Error, tool: Tool) -> Option<String> {
    use om_identity::Error as E;
    let init = tool.identity_tool();
    Some(match e {
        E::WrongPassphrase => "check the passphrase (OM_PASSPHRASE, --passphrase-file, or what you typed); it is the one chosen at `om-issuer init` or `om-wallet init`".into(),
        E::NoIdentity { .. } => format!("create your identity with: {init} init --name \"Your Name\" (or choose another folder with --home)"),
        E::IdentityExists { .. } => format!("it is already set up, and om-issuer and om-wallet both use it (`{}` shows it); add --force only to replace it: the old key and everything it signed stop being yours", tool.show_identity()),
        E::EmptyPassphrase => "choose a passphrase that is not empty".into(),
        E::NoPassphraseInFile { .. } => "write the passphrase on the first line of the file".into(),
        E::DamagedIdentity { .. } => "restore the home folder from a backup (om-wallet restore), or make a new identity with init --force".into(),
        E::Io { .. } | E::File(_) => FILE_HINT.into(),
        E::Core(e) => return core_hint(e, tool),
        _ => return None,
    })
}

/// The hint to print under an error: a [`Hinted`] error's own, else one for an
/// `om-core` (or, with the feature `identity`, `om-identity`) error, else what
/// `extra` knows for the tool's own error types.
pub fn hint_for(
    err: &anyhow::Error,
    tool: Tool,
    extra: impl Fn(&(dyn std::error::Error + 'static)) -> Option<String>,
) -> Option<String> {
    err.chain().find_map(|cause| {
        if let Some(h) = cause.downcast_ref::<Hinted>() {
            return Some(h.hint.clone());
        }
        if let Some(e) = cause.downcast_ref::<om_core::Error>() {
            return core_hint(e, tool);
        }
        if cause
            .downcast_ref::<om_core::low_level::fsutil::FileError>()
            .is_some()
        {
            return Some(FILE_HINT.into());
        }
        #[cfg(feature = "identity")]
        if let Some(e) = cause.downcast_ref::<om_identity::Error>() {
            return identity_hint(e, tool);
        }
        extra(cause)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_follow_the_variant_not_the_wording() {
        let e = anyhow::Error::new(om_core::Error::Malformed("x".into())).context("cannot sign");
        let h = hint_for(&e, Tool::Wallet, |_| None).unwrap();
        assert!(h.contains("command line"), "{h}");
        let e = anyhow::Error::new(om_core::low_level::fsutil::FileError {
            path: "/x/letter.json".into(),
            source: std::io::ErrorKind::PermissionDenied.into(),
        })
        .context("cannot save the letter");
        let h = hint_for(&e, Tool::Wallet, |_| None).unwrap();
        assert!(h.contains("may read and write"), "{h}");
        let e = hinted("boom", "try again");
        assert_eq!(hint_for(&e, Tool::Verifier, |_| None).unwrap(), "try again");
    }

    #[cfg(feature = "identity")]
    #[test]
    fn identity_hints_name_the_tool() {
        let e = anyhow::Error::new(om_identity::Error::NoIdentity { home: "/x".into() })
            .context("cannot sign");
        let h = hint_for(&e, Tool::Wallet, |_| None).unwrap();
        assert!(h.contains("om-wallet init"), "{h}");
        let h = hint_for(&e, Tool::Issuer, |_| None).unwrap();
        assert!(h.contains("om-issuer init"), "{h}");
        let e = anyhow::Error::new(om_identity::Error::Core(om_core::Error::Malformed(
            "x".into(),
        )));
        let h = hint_for(&e, Tool::Issuer, |_| None).unwrap();
        assert!(h.contains("command line"), "{h}");
    }
}
