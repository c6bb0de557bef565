//! The SQLite backend: one embedded file (WAL), for a single instance.
//!
//! Its rules are [`crate::store::rules`]'s; its schema versions are the
//! `.sql` files of [`crate::store::schema::SQLITE`], recorded in the same
//! versions table as PostgreSQL's. The connection lives behind a mutex and
//! is only used on the blocking pool ([`SqliteStore::run`]), never on the
//! async runtime's threads.

use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

mod exchanges;
mod migrations;
mod status_lists;

use super::{Deleted, NewShare, Quota, Refused, Share, StoreError};
use crate::store::rules::{self, Expiring, Usage};

/// Shares in one SQLite file; one connection behind a mutex.
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

/// Creates the database file owner-only (0600) before SQLite opens it, and
/// tightens an existing one and its WAL/SHM files (SQLite gives those the
/// database file's mode).
#[cfg(unix)]
fn restrict_permissions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let mut files = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        files.push(p.into());
    }
    for f in files {
        if f.exists() {
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

pub(super) fn ts(d: &DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn parse_ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

/// WAL files are truncated to this after checkpoints.
const WAL_SIZE_LIMIT: i64 = 4 * 1024 * 1024;

/// An immediate transaction: the write lock is taken at once, so the checks
/// and the write inside it see no concurrent writer.
fn immediate(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}

impl SqliteStore {
    /// Opens (creating on first start) the database at `path`, in WAL mode.
    /// The file and its WAL/SHM files are owner-only (0600).
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let opening =
            |e: &dyn std::fmt::Display| StoreError::Open(format!("{}: {e}", path.display()));
        restrict_permissions(path).map_err(|e| opening(&e))?;
        let conn = Connection::open(path).map_err(|e| opening(&e))?;
        let setup = || -> rusqlite::Result<()> {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.busy_timeout(std::time::Duration::from_secs(5))
        };
        setup().map_err(|e| opening(&e))?;
        Self::init(conn)
    }

    /// A store in memory (tests).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Self, StoreError> {
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `work` on the connection, on tokio's blocking pool (SQLite calls
    /// block: on the runtime's threads they would stall other requests).
    /// A panic in `work` is resumed here.
    pub(crate) async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        let job = tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().unwrap_or_else(|p| p.into_inner());
            work(&mut conn)
        });
        match job.await {
            Ok(result) => result,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => Err(StoreError::Failed(e.to_string()).into()),
        }
    }

    /// What the store holds, as [`rules::Usage`].
    pub(crate) async fn usage(&self) -> Result<Usage, StoreError> {
        self.run(|conn| Ok(usage(conn)?)).await
    }

    /// Stores `new` unless the holder's cap or the size cap would be
    /// passed; the checks and the insert are one immediate transaction.
    pub(crate) async fn create_share(
        &self,
        new: &NewShare,
        vp: &str,
        holder: Option<&str>,
        quota: Quota,
    ) -> Result<DateTime<Utc>, Refused> {
        let (id, hash, lifetime) = (new.id.clone(), new.token_hash.clone(), new.lifetime);
        let (vp, holder) = (vp.to_owned(), holder.map(str::to_owned));
        self.run(move |conn| {
            let created = Utc::now();
            let expires = created + lifetime;
            let tx = immediate(conn)?;
            if let Some(h) = &holder {
                let live: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM shares WHERE holder = ?1 AND expires > ?2",
                    params![h, ts(&created)],
                    |r| r.get(0),
                )?;
                if !rules::holder_has_room(live, quota.per_holder) {
                    return Err(Refused::HolderQuota(quota.per_holder));
                }
            }
            tx.execute(
                "INSERT INTO shares (id, vp, created, expires, delete_token_sha256, holder) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, vp, ts(&created), ts(&expires), hash, holder],
            )?;
            // The trigger has counted this share: the usage decides.
            if !rules::within_cap(usage(&tx)?, quota.max_bytes) {
                return Err(Refused::Full);
            }
            tx.commit()?;
            Ok(expires)
        })
        .await
    }

    /// A live share.
    pub(crate) async fn get(&self, id: &str) -> Result<Option<Share>, StoreError> {
        let id = id.to_owned();
        self.run(move |conn| {
            let row = conn
                .query_row(
                    "SELECT id, vp, created, expires FROM shares WHERE id = ?1 AND expires > ?2",
                    params![id, ts(&Utc::now())],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    },
                )
                .optional()?;
            Ok(row.map(|(id, vp, created, expires)| Share {
                id,
                vp,
                created: parse_ts(&created),
                expires: parse_ts(&expires),
            }))
        })
        .await
    }

    /// Deletes a live share if `token_hash` is its delete token's hash.
    pub(crate) async fn delete(&self, id: &str, token_hash: &str) -> Result<Deleted, StoreError> {
        let (id, token_hash) = (id.to_owned(), token_hash.to_owned());
        self.run(move |conn| {
            let stored: Option<String> = conn
                .query_row(
                    "SELECT delete_token_sha256 FROM shares WHERE id = ?1 AND expires > ?2",
                    params![id, ts(&Utc::now())],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(stored) = stored else {
                return Ok(Deleted::NotFound);
            };
            // Both sides are hashes: comparing them leaks nothing about the token.
            if stored != token_hash {
                return Ok(Deleted::Forbidden);
            }
            conn.execute("DELETE FROM shares WHERE id = ?1", params![id])?;
            Ok(Deleted::Deleted)
        })
        .await
    }

    /// Removes at most [`rules::PURGE_BATCH`] expired rows of `table`;
    /// returns how many.
    pub(crate) async fn purge_batch(&self, table: Expiring) -> Result<u64, StoreError> {
        self.run(move |conn| {
            let t = table.table();
            let n = conn.execute(
                &format!(
                    "DELETE FROM {t} WHERE id IN (SELECT id FROM {t} WHERE expires <= ?1 LIMIT ?2)"
                ),
                params![ts(&Utc::now()), rules::PURGE_BATCH as i64],
            )?;
            Ok(n as u64)
        })
        .await
    }

    /// Checks that the database answers.
    pub(crate) async fn ping(&self) -> Result<(), StoreError> {
        self.run(|conn| Ok(conn.query_row("SELECT 1", [], |_| Ok(()))?))
            .await
    }

    /// Does nothing: the connection closes when the last handle goes.
    pub(crate) fn close(&self) {}

    /// Changes the expiry of a share or an exchange (tests).
    pub(in crate::store) async fn set_expires(
        &self,
        table: Expiring,
        id: &str,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let id = id.to_owned();
        let sql = format!("UPDATE {} SET expires = ?2 WHERE id = ?1", table.table());
        self.run(move |conn| {
            conn.execute(&sql, params![id, ts(&expires)])?;
            Ok(())
        })
        .await
    }
}

/// The usage row (see `migrations/sqlite/0006_store_usage.sql`).
pub(super) fn usage(conn: &Connection) -> rusqlite::Result<Usage> {
    conn.query_row(
        "SELECT row_count, document_bytes FROM store_usage",
        [],
        |r| {
            Ok(Usage {
                rows: r.get(0)?,
                document_bytes: r.get(1)?,
            })
        },
    )
}
