//! SQLite's migrations (the list: [`crate::store::schema::SQLITE`]), each a
//! `.sql` file applied in an immediate transaction with its record in the
//! versions table, so that two processes opening one file at once apply
//! each version once.
//!
//! Databases made before this table existed are adopted first: their
//! version was kept in `PRAGMA user_version` (versions 1 to 5, the same
//! numbers), or, older still, not at all (a `shares` table, with or without
//! its `holder` column: version 1 once `legacy_holder.sql` has added it).
//! `PRAGMA user_version` still mirrors the newest version applied, so that
//! an older om-verifier refuses a database it does not know.

use chrono::Utc;
use rusqlite::{params, Connection};

use super::immediate;
use crate::store::schema::{self, SQLITE};
use crate::store::StoreError;

/// Adds the `holder` column to a shares table from before versioning.
const LEGACY_HOLDER: &str = include_str!("../migrations/sqlite/legacy_holder.sql");

/// Applies the missing migrations; returns the versions applied.
pub(super) fn migrate(conn: &mut Connection) -> Result<Vec<i32>, StoreError> {
    let known = schema::latest(SQLITE);
    let tx = immediate(conn)?;
    let fresh = !table_exists(&tx, schema::VERSIONS_TABLE)?;
    tx.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {} (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )",
        schema::VERSIONS_TABLE
    ))?;
    if fresh {
        adopt(&tx, known)?;
    }
    tx.commit()?;

    let mut applied = Vec::new();
    for m in SQLITE {
        let tx = immediate(conn)?;
        if let Some(newer) = newest(&tx)?.filter(|v| *v > known) {
            return Err(StoreError::Open(schema::newer(newer, known)));
        }
        if is_applied(&tx, m.version)? {
            continue;
        }
        tx.execute_batch(m.sql)
            .map_err(|e| StoreError::Open(format!("migration {} ({}): {e}", m.version, m.name)))?;
        record(&tx, m.version)?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
        applied.push(m.version);
    }
    if let Some(newer) = newest(conn)?.filter(|v| *v > known) {
        return Err(StoreError::Open(schema::newer(newer, known)));
    }
    Ok(applied)
}

/// Records the versions a database from before the versions table already
/// has (see the module documentation).
fn adopt(conn: &Connection, known: i32) -> Result<(), StoreError> {
    let user_version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if user_version > known {
        return Err(StoreError::Open(schema::newer(user_version, known)));
    }
    let reached = if user_version > 0 {
        user_version
    } else if table_exists(conn, "shares")? {
        let has_holder = conn
            .prepare("SELECT 1 FROM pragma_table_info('shares') WHERE name = 'holder'")?
            .exists([])?;
        if !has_holder {
            conn.execute_batch(LEGACY_HOLDER)?;
        }
        1
    } else {
        0
    };
    for m in SQLITE.iter().filter(|m| m.version <= reached) {
        record(conn, m.version)?;
    }
    Ok(())
}

fn table_exists(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
        .exists(params![name])
}

fn newest(conn: &Connection) -> rusqlite::Result<Option<i32>> {
    conn.query_row(
        &format!("SELECT max(version) FROM {}", schema::VERSIONS_TABLE),
        [],
        |r| r.get(0),
    )
}

fn is_applied(conn: &Connection, version: i32) -> rusqlite::Result<bool> {
    conn.prepare(&format!(
        "SELECT 1 FROM {} WHERE version = ?1",
        schema::VERSIONS_TABLE
    ))?
    .exists(params![version])
}

fn record(conn: &Connection, version: i32) -> rusqlite::Result<()> {
    let name = SQLITE
        .iter()
        .find(|m| m.version == version)
        .map_or("", |m| m.name);
    conn.execute(
        &format!(
            "INSERT INTO {} (version, name, applied_at) VALUES (?1, ?2, ?3)",
            schema::VERSIONS_TABLE
        ),
        params![version, name, super::ts(&Utc::now())],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions(conn: &Connection) -> Vec<i32> {
        conn.prepare("SELECT version FROM om_schema_migrations ORDER BY version")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn all() -> Vec<i32> {
        SQLITE.iter().map(|m| m.version).collect()
    }

    #[test]
    fn a_new_database_gets_every_version_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), all());
        assert_eq!(versions(&conn), all());
        assert!(migrate(&mut conn).unwrap().is_empty());
        let uv: i32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(uv, schema::latest(SQLITE));
    }

    #[test]
    fn databases_from_before_versioning_are_adopted() {
        // The first schema (no holder), then the one that added it.
        for holder in ["", ", holder TEXT"] {
            let mut conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(&format!(
                "CREATE TABLE shares (id TEXT PRIMARY KEY, vp TEXT NOT NULL, created TEXT NOT NULL, expires TEXT NOT NULL, delete_token_sha256 TEXT NOT NULL{holder});
                 INSERT INTO shares (id, vp, created, expires, delete_token_sha256) VALUES ('old', '{{}}', '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'x');"
            ))
            .unwrap();
            assert_eq!(migrate(&mut conn).unwrap(), all()[1..].to_vec());
            let (rows, bytes): (i64, i64) = conn
                .query_row(
                    "SELECT row_count, document_bytes FROM store_usage",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!((rows, bytes), (1, 2), "the old share is counted");
        }
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let e = migrate(&mut conn).unwrap_err();
        assert!(e.to_string().contains("newer"), "{e}");
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO om_schema_migrations VALUES (99, 'future', 'now')",
            [],
        )
        .unwrap();
        let e = migrate(&mut conn).unwrap_err();
        assert!(e.to_string().contains("newer"), "{e}");
    }
}
