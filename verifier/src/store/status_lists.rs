//! Hosted status lists: one signed Bitstring Status List credential per
//! (issuer DID, list name), stored exactly as uploaded.
//!
//! The store knows nothing of signatures (the HTTP layer,
//! [`crate::status_lists::hosting`], verifies a list before filing it); what it
//! guarantees is the ordering: a list is only replaced by one whose
//! `validFrom` is strictly later, and the comparison and the replacement are
//! one transaction (SQLite: an immediate transaction; PostgreSQL: a
//! transaction holding an advisory lock taken by every status-list write, on
//! every replica), so two uploads racing end in exactly one order and none is
//! lost. Nothing here edits or deletes a list.

use chrono::{DateTime, SecondsFormat, Utc};

use super::{token_hash, Store, StoreError};

/// A hosted status list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    /// The signed list credential, byte for byte as uploaded.
    pub body: String,
    /// Its `validFrom`.
    pub valid_from: DateTime<Utc>,
    /// When it was filed.
    pub updated: DateTime<Utc>,
}

/// What the hosted lists may take.
#[derive(Debug, Clone, Copy)]
pub struct StatusQuota {
    /// Lists one DID may have.
    pub per_did: usize,
    /// Bytes all hosted lists may take together.
    pub max_bytes: u64,
}

impl StatusQuota {
    /// No limits (tests).
    pub fn unlimited() -> Self {
        Self {
            per_did: usize::MAX,
            max_bytes: u64::MAX,
        }
    }
}

/// What filing a list did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    /// The first list under this DID and name.
    Created,
    /// It replaced an older list.
    Replaced,
    /// The very same bytes were already filed: nothing changed.
    Unchanged,
}

/// Why a list was not filed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ListRefused {
    /// The stored list is as new or newer: filing this one would roll back.
    #[error(
        "older than the stored list: rollback refused (the stored list is valid from {stored})"
    )]
    Rollback {
        /// The stored list's `validFrom`.
        stored: DateTime<Utc>,
    },
    /// The DID already has as many lists as allowed.
    #[error("this DID already has {0} status lists")]
    PerDid(usize),
    /// The hosted lists have reached their size cap.
    #[error("the status list store is full")]
    Full,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ListRefused {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<tokio_postgres::Error> for ListRefused {
    fn from(e: tokio_postgres::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<deadpool_postgres::PoolError> for ListRefused {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        Self::Store(e.into())
    }
}

/// What the database holds for one (DID, name) before a write.
pub(in crate::store) struct Existing {
    /// The stored body's SHA-256.
    pub(in crate::store) sha256: String,
    /// The stored list's `validFrom` (microseconds since 1970).
    pub(in crate::store) valid_from_us: i64,
}

/// The decision for a write, given what is stored: `Ok(None)` to write,
/// `Ok(Some(Unchanged))` when the bytes are the same, else the refusal.
pub(in crate::store) fn decide(
    existing: Option<&Existing>,
    sha256: &str,
    valid_from_us: i64,
) -> Result<Option<Filed>, ListRefused> {
    match existing {
        None => Ok(None),
        Some(e) if e.sha256 == sha256 => Ok(Some(Filed::Unchanged)),
        Some(e) if e.valid_from_us >= valid_from_us => Err(ListRefused::Rollback {
            stored: from_us(e.valid_from_us),
        }),
        Some(_) => Ok(None),
    }
}

pub(in crate::store) fn from_us(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}

pub(in crate::store) fn ts(d: &DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl Store {
    /// Files `body` (an already verified list credential whose `validFrom`
    /// is `valid_from`) under `did` and `name`: created when there is none,
    /// replacing the stored list only when `valid_from` is strictly later,
    /// unchanged when the very same bytes are stored. The comparison and the
    /// write are one transaction on both backends.
    pub async fn put_status_list(
        &self,
        did: &str,
        name: &str,
        body: &str,
        valid_from: DateTime<Utc>,
        quota: StatusQuota,
    ) -> Result<Filed, ListRefused> {
        let sha256 = token_hash(body);
        let valid_from_us = valid_from.timestamp_micros();
        dispatch!(self, s => s.put_status_list(did, name, body, &sha256, valid_from_us, quota))
    }

    /// The list filed under `did` and `name`, if any.
    pub async fn status_list(
        &self,
        did: &str,
        name: &str,
    ) -> Result<Option<StatusList>, StoreError> {
        // PostgreSQL text cannot hold NUL; no filed DID or name has one.
        if did.contains('\0') || name.contains('\0') {
            return Ok(None);
        }
        dispatch!(self, s => s.status_list(did, name))
    }
}

/// The conditional update's outcome: it wrote one row, or (never while the
/// transaction holds its lock) it found a list at least as new.
pub(in crate::store) fn replaced(rows: u64, valid_from_us: i64) -> Result<Filed, ListRefused> {
    match rows {
        0 => Err(ListRefused::Rollback {
            stored: from_us(valid_from_us),
        }),
        _ => Ok(Filed::Replaced),
    }
}

/// The per-DID cap (for a new list) and the size cap (`others`: the bytes
/// of every other hosted list).
pub(in crate::store) fn check_quota(
    replacing: bool,
    count: i64,
    others: i64,
    len: usize,
    quota: StatusQuota,
) -> Result<(), ListRefused> {
    if !replacing && usize::try_from(count).unwrap_or(usize::MAX) >= quota.per_did {
        return Err(ListRefused::PerDid(quota.per_did));
    }
    let total = u64::try_from(others.max(0))
        .unwrap_or(0)
        .saturating_add(len as u64);
    if total > quota.max_bytes {
        return Err(ListRefused::Full);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_strictly_newer_list_is_written() {
        let stored = Existing {
            sha256: "aa".into(),
            valid_from_us: 100,
        };
        assert_eq!(decide(None, "bb", 1).unwrap(), None);
        assert_eq!(
            decide(Some(&stored), "aa", 100).unwrap(),
            Some(Filed::Unchanged)
        );
        assert_eq!(decide(Some(&stored), "bb", 101).unwrap(), None);
        for older in [100, 99] {
            assert!(matches!(
                decide(Some(&stored), "bb", older),
                Err(ListRefused::Rollback { .. })
            ));
        }
    }

    #[test]
    fn quotas() {
        let q = StatusQuota {
            per_did: 2,
            max_bytes: 100,
        };
        assert!(check_quota(false, 1, 0, 10, q).is_ok());
        assert!(matches!(
            check_quota(false, 2, 0, 10, q),
            Err(ListRefused::PerDid(2))
        ));
        assert!(
            check_quota(true, 2, 0, 10, q).is_ok(),
            "a replacement is no new list"
        );
        assert!(matches!(
            check_quota(true, 2, 95, 10, q),
            Err(ListRefused::Full)
        ));
    }
}
