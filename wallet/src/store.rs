//! The wallet database: one SQLite file, `wallet.sqlite`, in the personal home.
//!
//! Every credential is kept as the exact text it was received as (never
//! re-serialized), next to a few parsed columns used for listing. The database
//! runs in WAL mode with `synchronous=FULL`, and every change is one
//! transaction: an import is reported only after its transaction committed, and
//! a crash at any moment leaves the previous or the next state, never a torn one.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use om_core::letter::{CredentialKind, LetterView};

/// The file name of the database inside the home folder.
pub const DB_FILE: &str = "wallet.sqlite";

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS credentials (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    title        TEXT,
    issuer       TEXT NOT NULL,
    issuer_name  TEXT,
    role         TEXT,
    subject      TEXT,
    valid_from   TEXT,
    valid_until  TEXT,
    imported_at  TEXT NOT NULL,
    sha256       TEXT NOT NULL UNIQUE,
    json         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS credentials_issuer ON credentials(issuer);
CREATE INDEX IF NOT EXISTS credentials_valid_from ON credentials(valid_from);
CREATE TABLE IF NOT EXISTS shares (
    id            TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    verifier      TEXT NOT NULL,
    expires       TEXT,
    delete_token  TEXT NOT NULL,
    created       TEXT NOT NULL,
    credentials   TEXT NOT NULL
);
"#;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("wallet database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The home folder could not be prepared.
    #[error("{0}")]
    Io(String),
    /// No credential matches the id given.
    #[error("no credential in your wallet matches {0:?}")]
    NotFound(String),
    /// Several credentials match an id prefix.
    #[error("{prefix:?} matches more than one credential ({count} at least): give more of the id")]
    Ambiguous {
        /// The prefix given.
        prefix: String,
        /// How many matched.
        count: usize,
    },
}

/// A credential about to be stored: its exact text and the columns parsed from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCredential {
    /// The credential's `id` (or `sha256:<hex>` when it has none).
    pub id: String,
    /// `letter`, `badge` or `other`.
    pub kind: String,
    /// The credential's `name`.
    pub title: Option<String>,
    /// The issuer's DID.
    pub issuer: String,
    /// The issuer's stated name.
    pub issuer_name: Option<String>,
    /// `mentor` or `peer`, for letters.
    pub role: Option<String>,
    /// The subject's DID.
    pub subject: Option<String>,
    /// `validFrom` as written.
    pub valid_from: Option<String>,
    /// `validUntil` as written.
    pub valid_until: Option<String>,
    /// SHA-256 of the exact text, in hex.
    pub sha256: String,
    /// The exact text received.
    pub json: String,
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `letter`, `badge` or `other`.
pub fn kind_name(kind: CredentialKind) -> &'static str {
    match kind {
        CredentialKind::Endorsement => "letter",
        CredentialKind::Badge => "badge",
        CredentialKind::Other => "other",
    }
}

impl NewCredential {
    /// Reads the columns out of a credential's exact text.
    pub fn from_text(json: String, parsed: &Value) -> Self {
        let sha256 = sha256_hex(json.as_bytes());
        let view = LetterView::from_credential(parsed);
        let id = parsed
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("sha256:{sha256}"));
        let (kind, title, issuer, issuer_name, role, subject, valid_from, valid_until) = match view
        {
            Some(v) => (
                kind_name(v.kind).to_string(),
                v.achievement.or(v.title),
                v.issuer_id,
                v.issuer_name,
                v.role.map(|r| r.as_str().to_string()),
                v.subject_id,
                v.valid_from,
                v.valid_until,
            ),
            None => (
                "other".into(),
                None,
                String::new(),
                None,
                None,
                None,
                None,
                None,
            ),
        };
        Self {
            id,
            kind,
            title,
            issuer,
            issuer_name,
            role,
            subject,
            valid_from,
            valid_until,
            sha256,
            json,
        }
    }
}

/// A stored credential's listing columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialRow {
    /// The credential id.
    pub id: String,
    /// `letter`, `badge` or `other`.
    pub kind: String,
    /// Its title (badge: the achievement).
    pub title: Option<String>,
    /// The issuer's DID.
    pub issuer: String,
    /// The issuer's stated name.
    pub issuer_name: Option<String>,
    /// `mentor` or `peer`.
    pub role: Option<String>,
    /// The subject's DID.
    pub subject: Option<String>,
    /// `validFrom`.
    pub valid_from: Option<String>,
    /// `validUntil`.
    pub valid_until: Option<String>,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// SHA-256 of the stored text.
    pub sha256: String,
}

impl CredentialRow {
    /// A short form of the id for tables: 8 characters of the UUID (or of the id).
    pub fn short_id(&self) -> String {
        short_id(&self.id)
    }
}

/// A short form of an id: the first 8 characters after `urn:uuid:` (or any scheme prefix).
pub fn short_id(id: &str) -> String {
    let rest = id
        .strip_prefix("urn:uuid:")
        .or_else(|| id.strip_prefix("sha256:"))
        .unwrap_or(id);
    rest.chars().take(8).collect()
}

/// A stored credential: its columns and its exact text.
#[derive(Debug, Clone)]
pub struct StoredCredential {
    /// The listing columns.
    pub row: CredentialRow,
    /// The exact text received.
    pub json: String,
}

/// What [`Store::insert`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Stored (the transaction committed).
    New,
    /// Already there (same id or same bytes): nothing written. Holds the stored id.
    Duplicate(String),
}

/// A share link made with `share`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRow {
    /// The verifier's share id.
    pub id: String,
    /// The public URL.
    pub url: String,
    /// The verifier base URL.
    pub verifier: String,
    /// When it expires (RFC 3339).
    pub expires: Option<String>,
    /// The token that withdraws it.
    #[serde(skip)]
    pub delete_token: String,
    /// When it was made.
    pub created: String,
    /// The credential ids shared.
    pub credentials: Vec<String>,
}

/// The wallet database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

const ROW_COLUMNS: &str =
    "id, kind, title, issuer, issuer_name, role, subject, valid_from, valid_until, imported_at, sha256";

fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<CredentialRow> {
    Ok(CredentialRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        issuer: r.get(3)?,
        issuer_name: r.get(4)?,
        role: r.get(5)?,
        subject: r.get(6)?,
        valid_from: r.get(7)?,
        valid_until: r.get(8)?,
        imported_at: r.get(9)?,
        sha256: r.get(10)?,
    })
}

fn now() -> String {
    om_core::credential::format_date(&chrono::Utc::now())
}

impl Store {
    /// Opens (creating if needed) the wallet of the home folder `home`.
    pub fn open_home(home: &Path) -> Result<Self, StoreError> {
        om_core::low_level::fsutil::create_private_dir(home)
            .map_err(|e| StoreError::Io(e.to_string()))?;
        Self::open(&home.join(DB_FILE))
    }

    /// Opens (creating if needed) the database file `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored id of a credential with this id or these exact bytes, if any.
    pub fn find_duplicate(&self, id: &str, sha256: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM credentials WHERE id = ?1 OR sha256 = ?2 LIMIT 1",
                params![id, sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a credential in one transaction; returns only after it committed.
    pub fn insert(&mut self, c: &NewCredential) -> Result<Inserted, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<String> = tx
            .query_row(
                "SELECT id FROM credentials WHERE id = ?1 OR sha256 = ?2 LIMIT 1",
                params![c.id, c.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(Inserted::Duplicate(id));
        }
        tx.execute(
            "INSERT INTO credentials (id, kind, title, issuer, issuer_name, role, subject, valid_from, valid_until, imported_at, sha256, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                c.id, c.kind, c.title, c.issuer, c.issuer_name, c.role, c.subject,
                c.valid_from, c.valid_until, now(), c.sha256, c.json
            ],
        )?;
        tx.commit()?;
        Ok(Inserted::New)
    }

    /// Stores many credentials in one transaction (restore, benchmarks); duplicates are skipped.
    /// Returns how many were new.
    pub fn insert_many(&mut self, creds: &[NewCredential]) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare(
                "INSERT OR IGNORE INTO credentials (id, kind, title, issuer, issuer_name, role, subject, valid_from, valid_until, imported_at, sha256, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let at = now();
            for c in creds {
                added += stmt.execute(params![
                    c.id,
                    c.kind,
                    c.title,
                    c.issuer,
                    c.issuer_name,
                    c.role,
                    c.subject,
                    c.valid_from,
                    c.valid_until,
                    at,
                    c.sha256,
                    c.json
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Every stored credential's columns, oldest import first.
    pub fn list(&self) -> Result<Vec<CredentialRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM credentials ORDER BY seq"
        ))?;
        let rows = stmt.query_map([], row_of)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many credentials are stored.
    pub fn count(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM credentials", [], |r| {
                r.get::<_, i64>(0)
            })? as usize)
    }

    /// Every stored credential with its text, oldest import first.
    pub fn all(&self) -> Result<Vec<StoredCredential>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS}, json FROM credentials ORDER BY seq"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredCredential {
                row: row_of(r)?,
                json: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The credential whose id is `id_or_prefix`, or starts with it (with or
    /// without `urn:uuid:`); an ambiguous prefix is an error.
    pub fn get(&self, id_or_prefix: &str) -> Result<StoredCredential, StoreError> {
        let p = id_or_prefix.trim();
        if p.is_empty() {
            return Err(StoreError::NotFound(p.to_string()));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS}, json FROM credentials
             WHERE id = ?1 OR substr(id, 1, length(?1)) = ?1
                OR substr(id, 1, length(?1) + 9) = 'urn:uuid:' || ?1
             ORDER BY (id = ?1) DESC, seq LIMIT 5"
        ))?;
        let found: Vec<StoredCredential> = stmt
            .query_map([p], |r| {
                Ok(StoredCredential {
                    row: row_of(r)?,
                    json: r.get(11)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let exact = found.first().is_some_and(|f| f.row.id == p);
        match found.len() {
            0 => Err(StoreError::NotFound(p.to_string())),
            1 => Ok(found.into_iter().next().expect("one")),
            _ if exact => Ok(found.into_iter().next().expect("exact")),
            count => Err(StoreError::Ambiguous {
                prefix: p.to_string(),
                count,
            }),
        }
    }

    /// Removes a credential (by exact id); true if it was there.
    pub fn remove(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM credentials WHERE id = ?1", [id])?
            > 0)
    }

    /// Records a share link.
    pub fn insert_share(&mut self, s: &ShareRow) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO shares (id, url, verifier, expires, delete_token, created, credentials)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                s.id,
                s.url,
                s.verifier,
                s.expires,
                s.delete_token,
                s.created,
                serde_json::to_string(&s.credentials).unwrap_or_else(|_| "[]".into())
            ],
        )?;
        Ok(())
    }

    /// Every recorded share, newest first.
    pub fn shares(&self) -> Result<Vec<ShareRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, verifier, expires, delete_token, created, credentials FROM shares ORDER BY created DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let creds: String = r.get(6)?;
            Ok(ShareRow {
                id: r.get(0)?,
                url: r.get(1)?,
                verifier: r.get(2)?,
                expires: r.get(3)?,
                delete_token: r.get(4)?,
                created: r.get(5)?,
                credentials: serde_json::from_str(&creds).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The share with this id or URL.
    pub fn find_share(&self, id_or_url: &str) -> Result<Option<ShareRow>, StoreError> {
        Ok(self.shares()?.into_iter().find(|s| {
            s.id == id_or_url
                || s.url == id_or_url
                || s.url.trim_end_matches('/') == id_or_url.trim_end_matches('/')
        }))
    }

    /// Forgets a share.
    pub fn remove_share(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM shares WHERE id = ?1", [id])?
            > 0)
    }

    /// `PRAGMA integrity_check`'s answer (`ok` when sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cred(id: &str) -> NewCredential {
        let v = json!({"@context": [om_core::contexts::CREDENTIALS_V2,
                om_core::contexts::OPEN_BADGES_V3, om_core::contexts::UNDEFINED_TERMS_V2],
            "id": id, "type": ["VerifiableCredential", "EndorsementCredential"],
            "issuer": {"id": "did:key:zIssuer", "type": ["Profile"], "name": "Ana"},
            "credentialSubject": {"id": "did:key:zMe", "type": ["EndorsementSubject"],
                "endorserRole": "mentor"}});
        NewCredential::from_text(serde_json::to_string(&v).unwrap(), &v)
    }

    #[test]
    fn insert_list_get_remove() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_home(dir.path()).unwrap();
        let a = cred("urn:uuid:aaaa1111-0000-0000-0000-000000000000");
        assert_eq!(s.insert(&a).unwrap(), Inserted::New);
        assert_eq!(s.insert(&a).unwrap(), Inserted::Duplicate(a.id.clone()));
        let b = cred("urn:uuid:aaaa2222-0000-0000-0000-000000000000");
        s.insert(&b).unwrap();
        let rows = s.list().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].kind, "letter");
        assert_eq!(rows[0].role.as_deref(), Some("mentor"));
        assert_eq!(rows[0].short_id(), "aaaa1111");
        assert!(matches!(s.get("aaaa"), Err(StoreError::Ambiguous { .. })));
        assert_eq!(s.get("aaaa2").unwrap().row.id, b.id);
        assert_eq!(s.get("aaaa2").unwrap().json, b.json);
        assert!(matches!(s.get("zz"), Err(StoreError::NotFound(_))));
        assert!(s.remove(&a.id).unwrap());
        assert_eq!(s.count().unwrap(), 1);
        assert_eq!(s.integrity_check().unwrap(), "ok");
    }
}
