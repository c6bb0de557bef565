//! The share store: one interface, two backends.
//!
//! * **SQLite** (the default): one embedded file, for a single instance.
//! * **PostgreSQL** (`--db postgres://…` or `DATABASE_URL`): one database
//!   shared by several replicas. Every rule that must hold across replicas
//!   (expiry, the per-holder cap, the store's size cap) is decided by the
//!   database, in one transaction, never by a replica's memory.
//!
//! Both backends apply their versioned schema migrations ([`schema`], one
//! `.sql` file per version and dialect) when opened, and follow the same
//! rules ([`rules`]: what counts toward the size cap, expiry, purging, the
//! per-holder cap), written once. Each operation below is written once too:
//! checks that need no database, then one call that `dispatch!` sends to
//! the backend in use, whose methods have the same names and shapes.

/// Calls the same method on whichever backend the store uses, and awaits it.
macro_rules! dispatch {
    ($self:ident, $s:ident => $call:expr) => {
        match &$self.inner {
            $crate::store::Inner::Sqlite($s) => $call.await,
            $crate::store::Inner::Postgres($s) => $call.await,
        }
    };
}

mod error;
pub mod exchanges;
pub mod postgres;
pub mod rules;
pub mod schema;
pub mod sqlite;
pub mod status_lists;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub use error::{Refused, StoreError};
pub use status_lists::{Filed, ListRefused, StatusList, StatusQuota};

/// A stored share.
#[derive(Debug, Clone)]
pub struct Share {
    /// The share id (144 random bits, base64url).
    pub id: String,
    /// The presentation, exactly as received.
    pub vp: String,
    /// When it was stored.
    pub created: DateTime<Utc>,
    /// When it expires.
    pub expires: DateTime<Utc>,
}

/// A share just created, with its delete token (returned once).
#[derive(Debug, Clone)]
pub struct CreatedShare {
    /// The share id.
    pub id: String,
    /// When it expires.
    pub expires: DateTime<Utc>,
    /// The delete token (256 random bits, base64url); only its SHA-256 is stored.
    pub delete_token: String,
}

/// What a delete request did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// The share is gone.
    Deleted,
    /// No such (live) share.
    NotFound,
    /// The token does not match.
    Forbidden,
}

/// What one holder and the whole store may hold.
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    /// Live shares per holder.
    pub per_holder: usize,
    /// Bytes the store may take, counted on both backends as
    /// [`rules`] says: every stored document (shares, exchanges, status
    /// lists) plus [`rules::ROW_OVERHEAD`] per row.
    pub max_bytes: u64,
}

impl Quota {
    /// No limits (the demo, tests).
    pub fn unlimited() -> Self {
        Self {
            per_holder: usize::MAX,
            max_bytes: u64::MAX,
        }
    }
}

/// How to reach the store; see [`Store::connect`].
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Most connections one replica keeps to PostgreSQL.
    pub pool_size: usize,
    /// How long to wait for a connection (connecting, or a free one in the
    /// pool) before the request is answered 503.
    pub connect_timeout: std::time::Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            pool_size: 16,
            connect_timeout: std::time::Duration::from_secs(5),
        }
    }
}

/// Which backend a store uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (or memory).
    Sqlite,
    /// A PostgreSQL database, possibly shared by several replicas.
    Postgres,
}

impl Backend {
    /// `"sqlite"` or `"postgres"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// True when `location` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// The share store (cheap to share between tasks; PostgreSQL connections
/// are pooled).
pub struct Store {
    inner: Inner,
}

enum Inner {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

impl Store {
    /// Opens the store at `location`: a `postgres://` (or `postgresql://`)
    /// URL, else the path of a SQLite file (a `sqlite:` prefix is allowed),
    /// created on first start. Migrations are applied before this returns.
    pub async fn connect(location: &str, options: &StoreOptions) -> Result<Self, StoreError> {
        if is_postgres_url(location) {
            return Ok(Self {
                inner: Inner::Postgres(postgres::PgStore::connect(location, options).await?),
            });
        }
        let path = location
            .strip_prefix("sqlite://")
            .or_else(|| location.strip_prefix("sqlite:"))
            .unwrap_or(location);
        Self::open(std::path::Path::new(path))
    }

    /// Opens (creating on first start) the SQLite database at `path`, in WAL
    /// mode. The file and its WAL/SHM files are owner-only (0600).
    pub fn open(path: &std::path::Path) -> Result<Self, StoreError> {
        Ok(Self {
            inner: Inner::Sqlite(sqlite::SqliteStore::open(path)?),
        })
    }

    /// A SQLite store in memory (tests, demos).
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            inner: Inner::Sqlite(sqlite::SqliteStore::in_memory()?),
        })
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        match &self.inner {
            Inner::Sqlite(_) => Backend::Sqlite,
            Inner::Postgres(_) => Backend::Postgres,
        }
    }

    /// Stores a presentation for `lifetime` (no quota).
    pub async fn create(
        &self,
        vp: &str,
        lifetime: chrono::Duration,
    ) -> Result<CreatedShare, StoreError> {
        self.create_for(vp, None, lifetime, Quota::unlimited())
            .await
            .map_err(|e| match e {
                Refused::Store(e) => e,
                other => StoreError::Failed(other.to_string()),
            })
    }

    /// Stores `holder`'s presentation for `lifetime` unless the holder's
    /// quota or the store's size cap would be passed. The check and the
    /// insert are one transaction: concurrent requests (on any replica)
    /// cannot both slip in.
    pub async fn create_for(
        &self,
        vp: &str,
        holder: Option<&str>,
        lifetime: chrono::Duration,
        quota: Quota,
    ) -> Result<CreatedShare, Refused> {
        let new = NewShare::generate(lifetime);
        // PostgreSQL text cannot hold NUL; a holder id never needs it.
        let holder = holder.map(|h| h.replace('\0', "\u{fffd}"));
        let holder = holder.as_deref();
        let expires = self
            .purging_when_full(|| async {
                dispatch!(self, s => s.create_share(&new, vp, holder, quota))
            })
            .await?;
        Ok(new.created(expires))
    }

    /// Runs `write`; when it is refused as full, purges expired rows and,
    /// if any were removed, runs it once more ([`rules`]: purge on write).
    async fn purging_when_full<T, F, Fut>(&self, write: F) -> Result<T, Refused>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, Refused>>,
    {
        match write().await {
            Err(Refused::Full) if self.purge_expired().await? > 0 => write().await,
            other => other,
        }
    }

    /// A live share (never an expired one).
    pub async fn get(&self, id: &str) -> Result<Option<Share>, StoreError> {
        if !plausible_id(id) {
            return Ok(None);
        }
        dispatch!(self, s => s.get(id))
    }

    /// Deletes a live share if `token` is its delete token.
    pub async fn delete(&self, id: &str, token: &str) -> Result<Deleted, StoreError> {
        if !plausible_id(id) {
            return Ok(Deleted::NotFound);
        }
        let hash = token_hash(token);
        dispatch!(self, s => s.delete(id, &hash))
    }

    /// Removes expired shares and exchanges, in batches of
    /// [`rules::PURGE_BATCH`]; returns how many. Several replicas may run
    /// this at the same time. The server runs it periodically, and a write
    /// refused as full runs it once before giving up.
    pub async fn purge_expired(&self) -> Result<usize, StoreError> {
        let mut total = 0u64;
        for table in rules::Expiring::ALL {
            loop {
                let n = dispatch!(self, s => s.purge_batch(table))?;
                total = total.saturating_add(n);
                if rules::purge_done(n) {
                    break;
                }
            }
        }
        Ok(usize::try_from(total).unwrap_or(usize::MAX))
    }

    /// Bytes counted against [`Quota::max_bytes`] ([`rules::Usage::counted`]).
    pub async fn used_bytes(&self) -> Result<u64, StoreError> {
        Ok(dispatch!(self, s => s.usage())?.counted())
    }

    /// Checks that the database answers (readiness).
    pub async fn ping(&self) -> Result<(), StoreError> {
        dispatch!(self, s => s.ping())
    }

    /// Closes the store's connections (after the last request).
    pub fn close(&self) {
        match &self.inner {
            Inner::Sqlite(s) => s.close(),
            Inner::Postgres(s) => s.close(),
        }
    }

    /// Changes a share's expiry (tests).
    #[doc(hidden)]
    pub async fn set_expires(&self, id: &str, expires: DateTime<Utc>) -> Result<(), StoreError> {
        dispatch!(self, s => s.set_expires(rules::Expiring::Shares, id, expires))
    }

    /// Changes an exchange's expiry (tests).
    #[doc(hidden)]
    pub async fn set_exchange_expires(
        &self,
        id: &str,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        dispatch!(self, s => s.set_expires(rules::Expiring::Exchanges, id, expires))
    }
}

/// A share about to be stored: fresh id and delete token.
pub(crate) struct NewShare {
    pub(crate) id: String,
    pub(crate) delete_token: String,
    pub(crate) token_hash: String,
    pub(crate) lifetime: chrono::Duration,
}

impl NewShare {
    fn generate(lifetime: chrono::Duration) -> Self {
        let delete_token = random_b64(32);
        Self {
            id: random_b64(18),
            token_hash: token_hash(&delete_token),
            delete_token,
            lifetime,
        }
    }

    pub(crate) fn created(self, expires: DateTime<Utc>) -> CreatedShare {
        CreatedShare {
            id: self.id,
            expires,
            delete_token: self.delete_token,
        }
    }
}

/// Could `id` be a share id (base64url, at most 64 characters)? Anything
/// else is answered "not found" without asking the database (PostgreSQL
/// refuses some strings outright, such as ones holding NUL).
fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A short, non-reversible tag of a share id, fit for logs (the id itself is
/// a bearer link and is never logged).
pub fn short_hash(id: &str) -> String {
    token_hash(id)[..8].to_string()
}

pub(crate) fn random_b64(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_hash_hides_the_id() {
        let h = short_hash("abcdefghijklmnopqrstuvwx");
        assert_eq!(h.len(), 8);
        assert!(!"abcdefghijklmnopqrstuvwx".contains(&h));
    }

    #[test]
    fn only_plausible_ids_reach_the_database() {
        assert!(plausible_id("AAAAAAAAAAAAAAAAAAAAAAAA"));
        assert!(plausible_id("a-b_c"));
        for bad in ["", "a\0b", "a/b", "a b", "é", &"a".repeat(65)] {
            assert!(!plausible_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn postgres_urls_are_told_from_paths() {
        assert!(is_postgres_url("postgres://u@127.0.0.1:5432/om"));
        assert!(is_postgres_url("postgresql://u@127.0.0.1/om"));
        assert!(!is_postgres_url("om-verifier.sqlite"));
        assert!(!is_postgres_url("/var/lib/om/postgres.sqlite"));
    }
}
