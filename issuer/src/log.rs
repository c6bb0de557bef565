//! The issue log: every credential signed, in `issuer.sqlite` in the home
//! folder (SQLite, WAL journal, one transaction per change).
//!
//! A record, and its status list index, are committed *before* the credential
//! is signed and written, so that a crash never loses a record of something
//! handed out and an index is never given to two credentials.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

/// The file name of the log in the home folder.
pub const LOG_FILE: &str = "issuer.sqlite";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS credentials (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    subject_did   TEXT NOT NULL,
    subject_name  TEXT,
    role          TEXT,
    issued_at     TEXT NOT NULL,
    status_index  INTEGER UNIQUE,
    revoked       INTEGER NOT NULL DEFAULT 0,
    file          TEXT
);
PRAGMA user_version = 1;
";

/// The log, open.
#[derive(Debug)]
pub struct IssueLog {
    conn: Connection,
}

/// What is known of a credential before it is signed.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The credential id.
    pub id: String,
    /// `letter` or `badge`.
    pub kind: &'static str,
    /// The subject's DID.
    pub subject_did: String,
    /// The subject's name.
    pub subject_name: Option<String>,
    /// `mentor` / `peer` for letters.
    pub role: Option<String>,
    /// When it is issued (RFC 3339).
    pub issued_at: String,
}

/// One logged credential.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// The credential id.
    pub id: String,
    /// `letter` or `badge`.
    pub kind: String,
    /// The subject's DID.
    pub subject_did: String,
    /// The subject's name.
    pub subject_name: Option<String>,
    /// The stated role.
    pub role: Option<String>,
    /// When it was issued.
    pub issued_at: String,
    /// Its index in the status list, if it has one.
    pub status_index: Option<usize>,
    /// Whether it was revoked.
    pub revoked: bool,
    /// Where it was written, if to a file.
    pub file: Option<String>,
}

/// What `revoke` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// Marked revoked now.
    Revoked(usize),
    /// It was already revoked.
    AlreadyRevoked(usize),
    /// It has no status list entry: it cannot be revoked.
    NoStatus,
    /// No such credential in the log.
    NotFound,
}

impl IssueLog {
    /// Opens (creating if needed) the log in `home`.
    pub fn open(home: &Path) -> Result<Self> {
        om_core::low_level::fsutil::create_private_dir(home)?;
        let path = home.join(LOG_FILE);
        let conn = Connection::open(&path)
            .with_context(|| format!("cannot open the issue log {}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            anyhow::bail!("the issue log {} cannot use WAL mode", path.display());
        }
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
        conn.execute_batch(SCHEMA)
            .with_context(|| format!("cannot set up the issue log {}", path.display()))?;
        Ok(Self { conn })
    }

    /// Records a credential about to be signed and, when `with_index`, gives it
    /// a random free status list index, in one committed transaction.
    pub fn reserve(&mut self, rec: &NewRecord, with_index: bool) -> Result<Option<usize>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let index = if with_index {
            let used = |i: usize| -> bool {
                tx.query_row(
                    "SELECT 1 FROM credentials WHERE status_index = ?1",
                    [i as i64],
                    |_| Ok(()),
                )
                .optional()
                .map(|found| found.is_some())
                .unwrap_or(true)
            };
            Some(om_core::status::random_free_index(
                om_core::status::MIN_LIST_BITS,
                &used,
            )?)
        } else {
            None
        };
        tx.execute(
            "INSERT INTO credentials (id, kind, subject_did, subject_name, role, issued_at, status_index, revoked)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)",
            params![
                rec.id,
                rec.kind,
                rec.subject_did,
                rec.subject_name,
                rec.role,
                rec.issued_at,
                index.map(|i| i as i64)
            ],
        )
        .context("cannot record the credential in the issue log")?;
        tx.commit()?;
        Ok(index)
    }

    /// Notes where a credential was written.
    pub fn set_file(&self, id: &str, file: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE credentials SET file = ?2 WHERE id = ?1",
            params![id, file],
        )?;
        Ok(())
    }

    /// Marks a credential revoked.
    pub fn revoke(&mut self, id: &str) -> Result<Revocation> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(Option<i64>, bool)> = tx
            .query_row(
                "SELECT status_index, revoked FROM credentials WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let outcome = match row {
            None => Revocation::NotFound,
            Some((None, _)) => Revocation::NoStatus,
            Some((Some(i), true)) => Revocation::AlreadyRevoked(i as usize),
            Some((Some(i), false)) => {
                tx.execute("UPDATE credentials SET revoked = 1 WHERE id = ?1", [id])?;
                Revocation::Revoked(i as usize)
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// The status indices of every revoked credential.
    pub fn revoked_indices(&self) -> Result<Vec<usize>> {
        let mut stmt = self.conn.prepare(
            "SELECT status_index FROM credentials WHERE revoked = 1 AND status_index IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        Ok(rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|i| i as usize)
            .collect())
    }

    /// Every record, oldest first.
    pub fn all(&self) -> Result<Vec<Record>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, subject_did, subject_name, role, issued_at, status_index, revoked, file
             FROM credentials ORDER BY issued_at, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Record {
                id: r.get(0)?,
                kind: r.get(1)?,
                subject_did: r.get(2)?,
                subject_name: r.get(3)?,
                role: r.get(4)?,
                issued_at: r.get(5)?,
                status_index: r.get::<_, Option<i64>>(6)?.map(|i| i as usize),
                revoked: r.get(7)?,
                file: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str) -> NewRecord {
        NewRecord {
            id: id.into(),
            kind: "letter",
            subject_did: "did:key:z6Mkx".into(),
            subject_name: Some("Bo".into()),
            role: Some("peer".into()),
            issued_at: "2025-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn reserve_revoke_list() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = IssueLog::open(dir.path()).unwrap();
        let a = log.reserve(&rec("urn:a"), true).unwrap().unwrap();
        let b = log.reserve(&rec("urn:b"), true).unwrap().unwrap();
        assert_ne!(a, b);
        assert!(a < om_core::status::MIN_LIST_BITS);
        assert_eq!(log.reserve(&rec("urn:c"), false).unwrap(), None);
        assert!(log.reserve(&rec("urn:a"), true).is_err(), "ids are unique");
        assert_eq!(log.revoke("urn:a").unwrap(), Revocation::Revoked(a));
        assert_eq!(log.revoke("urn:a").unwrap(), Revocation::AlreadyRevoked(a));
        assert_eq!(log.revoke("urn:c").unwrap(), Revocation::NoStatus);
        assert_eq!(log.revoke("urn:zzz").unwrap(), Revocation::NotFound);
        assert_eq!(log.revoked_indices().unwrap(), vec![a]);
        log.set_file("urn:b", "/tmp/b.json").unwrap();
        drop(log);
        let log = IssueLog::open(dir.path()).unwrap();
        let all = log.all().unwrap();
        assert_eq!(all.len(), 3);
        assert!(all.iter().any(|r| r.file.as_deref() == Some("/tmp/b.json")));
    }
}
