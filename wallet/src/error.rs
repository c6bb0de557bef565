//! Errors meant for people: a message and a hint of what to do.

/// An error with a hint, printed as `error: …` then `hint: …`.
#[derive(Debug)]
pub struct UserError {
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl UserError {
    /// A new error with its hint.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// The hint for an error, if one is known.
pub fn hint_for(err: &anyhow::Error) -> Option<String> {
    if let Some(u) = err.downcast_ref::<UserError>() {
        return Some(u.hint.clone());
    }
    if let Some(core) = err.downcast_ref::<om_core::Error>() {
        return match core {
            om_core::Error::WrongPassphrase => Some(
                "check the passphrase (--passphrase-file FILE or OM_PASSPHRASE); it is the one chosen at `om-wallet init` or `om-issuer init`".into(),
            ),
            om_core::Error::Identity(m) if m.contains("run `init`") => {
                Some("create your identity with: om-wallet init --name \"Your Name\"".into())
            }
            _ => None,
        };
    }
    if let Some(s) = err.downcast_ref::<crate::store::StoreError>() {
        return match s {
            crate::store::StoreError::NotFound(_) => {
                Some("see the ids with: om-wallet list".into())
            }
            crate::store::StoreError::Ambiguous { .. } => {
                Some("see the full ids with: om-wallet list --json".into())
            }
            _ => None,
        };
    }
    None
}
