//! The environment variables the tools read, each parsed in one place.

use std::ffi::OsString;

use secrecy::SecretString;

/// `OM_HOME`: the home folder, when set and not empty.
pub fn home() -> Option<OsString> {
    std::env::var_os("OM_HOME").filter(|d| !d.is_empty())
}

/// `OM_PASSPHRASE`: `None` when unset; `Some` (possibly empty) when set.
pub fn passphrase() -> Option<SecretString> {
    std::env::var("OM_PASSPHRASE").ok().map(SecretString::from)
}

/// Whether a flag-like value means "yes": anything but empty, `0`, `false`,
/// `no`, `off`, `n` or `f` (case-insensitive), as clap reads boolean variables.
pub fn truthy(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no" | "off" | "n" | "f"
    )
}

/// `OM_ALLOW_LOCAL_FETCH`: whether status lists and did:web documents may be
/// fetched over http and from loopback or private addresses (tests, local setups).
pub fn allow_local_fetch() -> bool {
    std::env::var("OM_ALLOW_LOCAL_FETCH").is_ok_and(|v| truthy(&v))
}

/// The default fetch policy, with `OM_ALLOW_LOCAL_FETCH` applied.
pub fn fetch_policy() -> om_core::fetch::FetchPolicy {
    om_core::fetch::FetchPolicy {
        allow_local: allow_local_fetch(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::truthy;

    #[test]
    fn flag_values() {
        for yes in ["1", "true", "TRUE", "yes", "on"] {
            assert!(truthy(yes), "{yes}");
        }
        for no in ["", "0", "false", "False", "no", "off", "n"] {
            assert!(!truthy(no), "{no:?}");
        }
    }
}
