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

/// The share store.
pub struct Store {
    conn: Mutex<Connection>,
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

impl Store {
    /// Opens (creating on first start) the database at `path`, in WAL mode.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let conn = Connection::open(path)
            .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
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
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stores a presentation for `lifetime`.
    pub fn create(&self, vp: &str, lifetime: chrono::Duration) -> anyhow::Result<CreatedShare> {
        let id = random_b64(18);
        let delete_token = random_b64(32);
        let created = Utc::now();
        let expires = created + lifetime;
        self.conn().execute(
            "INSERT INTO shares (id, vp, created, expires, delete_token_sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, vp, ts(&created), ts(&expires), token_hash(&delete_token)],
        )?;
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
}
