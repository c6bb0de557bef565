//! Share links in an embedded SQLite database (WAL).

use std::path::Path;
use std::sync::Mutex;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

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

/// Why a share was not stored.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// The holder has as many live shares as allowed.
    #[error("this holder already has {0} live shares")]
    HolderQuota(usize),
    /// The store has reached its size cap.
    #[error("the share store is full")]
    Full,
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
}

/// What one holder and the whole store may hold.
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    /// Live shares per holder.
    pub per_holder: usize,
    /// Bytes the database's pages in use may take.
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

/// A short, non-reversible tag of a share id, fit for logs (the id itself is
/// a bearer link and is never logged).
pub fn short_hash(id: &str) -> String {
    token_hash(id)[..8].to_string()
}

/// The share store.
pub struct Store {
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

fn random_b64(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn ts(d: &DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS shares (
    id TEXT PRIMARY KEY,
    vp TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL,
    delete_token_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shares_expires ON shares (expires);
";

/// WAL files are truncated to this after checkpoints.
const WAL_SIZE_LIMIT: i64 = 4 * 1024 * 1024;

impl Store {
    /// Opens (creating on first start) the database at `path`, in WAL mode.
    /// The file and its WAL/SHM files are owner-only (0600).
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        restrict_permissions(path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
        let conn = Connection::open(path)
            .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Self::init(conn)
    }

    /// A store in memory (tests).
    pub fn in_memory() -> anyhow::Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> anyhow::Result<Self> {
        conn.execute_batch(SCHEMA)?;
        let has_holder = conn
            .prepare("SELECT 1 FROM pragma_table_info('shares') WHERE name = 'holder'")?
            .exists([])?;
        if !has_holder {
            conn.execute_batch("ALTER TABLE shares ADD COLUMN holder TEXT")?;
        }
        conn.execute_batch("CREATE INDEX IF NOT EXISTS shares_holder ON shares (holder)")?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stores a presentation for `lifetime` (no quota).
    pub fn create(&self, vp: &str, lifetime: chrono::Duration) -> anyhow::Result<CreatedShare> {
        Ok(self.create_for(vp, None, lifetime, Quota::unlimited())?)
    }

    /// Bytes of the database's pages in use (free pages left by deleted
    /// shares are reused and not counted).
    pub fn used_bytes(&self) -> Result<u64, rusqlite::Error> {
        used_bytes(&self.conn())
    }

    /// Stores `holder`'s presentation for `lifetime` unless the holder's
    /// quota or the store's size cap would be passed. The check and the
    /// insert are one transaction: concurrent requests cannot both slip in.
    pub fn create_for(
        &self,
        vp: &str,
        holder: Option<&str>,
        lifetime: chrono::Duration,
        quota: Quota,
    ) -> Result<CreatedShare, Refused> {
        let id = random_b64(18);
        let delete_token = random_b64(32);
        let created = Utc::now();
        let expires = created + lifetime;
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
            params![id, vp, ts(&created), ts(&expires), token_hash(&delete_token), holder],
        )?;
        tx.commit()?;
        Ok(CreatedShare {
            id,
            expires,
            delete_token,
        })
    }

    /// A live share (expired ones are purged on the way).
    pub fn get(&self, id: &str) -> anyhow::Result<Option<Share>> {
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

    /// Deletes a share if `token` is its delete token.
    pub fn delete(&self, id: &str, token: &str) -> anyhow::Result<Deleted> {
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
        if stored != token_hash(token) {
            return Ok(Deleted::Forbidden);
        }
        conn.execute("DELETE FROM shares WHERE id = ?1", params![id])?;
        Ok(Deleted::Deleted)
    }

    /// Removes expired shares; returns how many.
    pub fn purge_expired(&self) -> anyhow::Result<usize> {
        Ok(self.conn().execute(
            "DELETE FROM shares WHERE expires <= ?1",
            params![ts(&Utc::now())],
        )?)
    }

    /// Changes a share's expiry (tests).
    #[doc(hidden)]
    pub fn set_expires(&self, id: &str, expires: DateTime<Utc>) -> anyhow::Result<()> {
        self.conn().execute(
            "UPDATE shares SET expires = ?2 WHERE id = ?1",
            params![id, ts(&expires)],
        )?;
        Ok(())
    }
}

fn used_bytes(conn: &Connection) -> Result<u64, rusqlite::Error> {
    let pragma = |name: &str| conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0));
    let pages = pragma("page_count")? - pragma("freelist_count")?;
    Ok(u64::try_from(pages.max(0) * pragma("page_size")?).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_get_delete_expire() {
        let s = Store::in_memory().unwrap();
        let c = s.create("{\"a\": 1}", chrono::Duration::days(1)).unwrap();
        assert!(c.id.len() >= 22);
        assert_eq!(s.get(&c.id).unwrap().unwrap().vp, "{\"a\": 1}");
        assert_eq!(s.delete(&c.id, "nope").unwrap(), Deleted::Forbidden);
        assert_eq!(s.delete(&c.id, &c.delete_token).unwrap(), Deleted::Deleted);
        assert!(s.get(&c.id).unwrap().is_none());
        assert_eq!(s.delete(&c.id, &c.delete_token).unwrap(), Deleted::NotFound);
        let d = s.create("{}", chrono::Duration::days(1)).unwrap();
        s.set_expires(&d.id, Utc::now() - chrono::Duration::seconds(1))
            .unwrap();
        assert!(s.get(&d.id).unwrap().is_none());
        assert_eq!(s.purge_expired().unwrap(), 0, "purged on access already");
    }

    #[test]
    fn holder_quota_and_size_cap() {
        let s = Store::in_memory().unwrap();
        let q = Quota {
            per_holder: 2,
            max_bytes: 200 * 1024,
        };
        let day = chrono::Duration::days(1);
        s.create_for("{}", Some("did:key:a"), day, q).unwrap();
        let second = s.create_for("{}", Some("did:key:a"), day, q).unwrap();
        assert!(matches!(
            s.create_for("{}", Some("did:key:a"), day, q),
            Err(Refused::HolderQuota(2))
        ));
        // Expired shares do not count.
        s.set_expires(&second.id, Utc::now() - chrono::Duration::seconds(1))
            .unwrap();
        s.create_for("{}", Some("did:key:a"), day, q).unwrap();
        // The size cap: 10 KB shares until refused, never past the cap.
        let big = "x".repeat(10_000);
        let mut stored = 0;
        loop {
            match s.create_for(&big, None, day, q) {
                Ok(_) => stored += 1,
                Err(Refused::Full) => break,
                Err(e) => panic!("{e}"),
            }
            assert!(stored < 100);
        }
        assert!(stored >= 10, "{stored}");
        assert!(s.used_bytes().unwrap() <= q.max_bytes);
    }

    #[test]
    fn short_hash_hides_the_id() {
        let h = short_hash("abcdefghijklmnopqrstuvwx");
        assert_eq!(h.len(), 8);
        assert!(!"abcdefghijklmnopqrstuvwx".contains(&h));
    }
}
