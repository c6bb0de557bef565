//! The SQLite backend: one embedded file (WAL), for a single instance.
//! Schema versions are kept in `PRAGMA user_version`.

use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};

mod exchanges;

use super::{CreatedShare, Deleted, NewShare, Quota, Refused, Share, StoreError};

/// Shares in one SQLite file; one connection behind a mutex.
pub struct SqliteStore {
    conn: Mutex<Connection>,
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

/// Version 1: the shares table (databases made before versioning are at
/// version 0 and may lack the `holder` column, added here).
fn migrate_v1(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS shares (
            id TEXT PRIMARY KEY,
            vp TEXT NOT NULL,
            created TEXT NOT NULL,
            expires TEXT NOT NULL,
            delete_token_sha256 TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS shares_expires ON shares (expires);",
    )?;
    let has_holder = conn
        .prepare("SELECT 1 FROM pragma_table_info('shares') WHERE name = 'holder'")?
        .exists([])?;
    if !has_holder {
        conn.execute_batch("ALTER TABLE shares ADD COLUMN holder TEXT")?;
    }
    conn.execute_batch("CREATE INDEX IF NOT EXISTS shares_holder ON shares (holder)")
}

/// Version 2: nothing (PostgreSQL's version 2 keeps a usage row; SQLite
/// counts its pages). Kept so that both backends number their versions alike.
fn migrate_v2(_conn: &Connection) -> rusqlite::Result<()> {
    Ok(())
}

/// Version 3: the hosted status lists.
fn migrate_v3(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(include_str!("../migrations/sqlite/0003_status_lists.sql"))
}

/// Version 5: refused answers counted per exchange.
fn migrate_v5(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(include_str!(
        "../migrations/sqlite/0005_exchange_failures.sql"
    ))
}

/// The migrations, in order: version `i + 1` is `MIGRATIONS[i]`.
const MIGRATIONS: &[fn(&Connection) -> rusqlite::Result<()>] = &[
    migrate_v1,
    migrate_v2,
    migrate_v3,
    exchanges::migrate_exchanges,
    migrate_v5,
];

/// Applies the missing migrations, each in an immediate transaction (so two
/// processes opening one file at once apply each migration once).
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    for (i, step) in MIGRATIONS.iter().enumerate() {
        let version = i64::try_from(i + 1).unwrap_or(i64::MAX);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= version {
            continue;
        }
        step(&tx)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > MIGRATIONS.len() as i64 {
        return Err(StoreError::Open(format!(
            "the database's schema version {current} is newer than this om-verifier knows ({})",
            MIGRATIONS.len()
        )));
    }
    Ok(())
}

/// WAL files are truncated to this after checkpoints.
const WAL_SIZE_LIMIT: i64 = 4 * 1024 * 1024;

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
        migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    pub(crate) fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Bytes of the database's pages in use (free pages left by deleted
    /// shares are reused and not counted).
    pub fn used_bytes(&self) -> Result<u64, StoreError> {
        Ok(used_bytes(&self.conn())?)
    }

    /// Stores `new` unless the holder's quota or the size cap would be
    /// passed; the check and the insert are one immediate transaction.
    pub(crate) fn create_for(
        &self,
        new: NewShare,
        vp: &str,
        holder: Option<&str>,
        quota: Quota,
    ) -> Result<CreatedShare, Refused> {
        let created = Utc::now();
        let expires = created + new.lifetime;
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if let Some(h) = holder {
            let live: i64 = tx.query_row(
                "SELECT COUNT(*) FROM shares WHERE holder = ?1 AND expires > ?2",
                params![h, ts(&created)],
                |r| r.get(0),
            )?;
            if usize::try_from(live).unwrap_or(usize::MAX) >= quota.per_holder {
                return Err(Refused::HolderQuota(quota.per_holder));
            }
        }
        // The row, its index entries and a page of slack.
        let needed = vp.len() as u64 + 8192;
        if used_bytes(&tx)?.saturating_add(needed) > quota.max_bytes {
            return Err(Refused::Full);
        }
        tx.execute(
            "INSERT INTO shares (id, vp, created, expires, delete_token_sha256, holder) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![new.id, vp, ts(&created), ts(&expires), new.token_hash, holder],
        )?;
        tx.commit()?;
        Ok(new.created(expires))
    }

    /// A live share (expired ones are purged on the way).
    pub fn get(&self, id: &str) -> Result<Option<Share>, StoreError> {
        self.purge_expired()?;
        let conn = self.conn();
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
    }

    /// Deletes a share if `token_hash` is its delete token's hash.
    pub fn delete(&self, id: &str, token_hash: &str) -> Result<Deleted, StoreError> {
        self.purge_expired()?;
        let conn = self.conn();
        let stored: Option<String> = conn
            .query_row(
                "SELECT delete_token_sha256 FROM shares WHERE id = ?1",
                params![id],
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
    }

    /// Removes expired shares; returns how many.
    pub fn purge_expired(&self) -> Result<usize, StoreError> {
        let now = ts(&Utc::now());
        let conn = self.conn();
        let shares = conn.execute("DELETE FROM shares WHERE expires <= ?1", params![now])?;
        let exchanges = conn.execute("DELETE FROM exchanges WHERE expires <= ?1", params![now])?;
        Ok(shares + exchanges)
    }

    /// Checks that the database answers.
    pub fn ping(&self) -> Result<(), StoreError> {
        Ok(self.conn().query_row("SELECT 1", [], |_| Ok(()))?)
    }

    /// Changes a share's expiry (tests).
    pub fn set_expires(&self, id: &str, expires: DateTime<Utc>) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE shares SET expires = ?2 WHERE id = ?1",
            params![id, ts(&expires)],
        )?;
        Ok(())
    }
}

pub(super) fn used_bytes(conn: &Connection) -> Result<u64, rusqlite::Error> {
    let pragma = |name: &str| conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0));
    let pages = pragma("page_count")? - pragma("freelist_count")?;
    Ok(u64::try_from(pages.max(0) * pragma("page_size")?).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_from_before_versioning_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE shares (id TEXT PRIMARY KEY, vp TEXT NOT NULL, created TEXT NOT NULL, expires TEXT NOT NULL, delete_token_sha256 TEXT NOT NULL);
                 INSERT INTO shares VALUES ('old', '{}', '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'x');",
            )
            .unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.get("old").unwrap().unwrap().vp, "{}");
        let version: i64 = s
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        drop(s);
        // Opening again applies nothing twice.
        SqliteStore::open(&path).unwrap();
    }
}
