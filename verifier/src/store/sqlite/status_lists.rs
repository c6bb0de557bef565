//! Hosted status lists in the SQLite backend: the decision is
//! [`crate::store::status_lists`]'s, taken inside an immediate transaction.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};

use super::{immediate, parse_ts, SqliteStore};
use crate::store::status_lists::{
    check_quota, decide, from_us, replaced, ts, Existing, Filed, ListRefused, StatusList,
    StatusQuota,
};
use crate::store::StoreError;

impl SqliteStore {
    pub(in crate::store) async fn put_status_list(
        &self,
        did: &str,
        name: &str,
        body: &str,
        sha256: &str,
        valid_from_us: i64,
        quota: StatusQuota,
    ) -> Result<Filed, ListRefused> {
        let (did, name, body, sha256) = (
            did.to_owned(),
            name.to_owned(),
            body.to_owned(),
            sha256.to_owned(),
        );
        self.run(move |conn| {
            let tx = immediate(conn)?;
            let existing = tx
                .query_row(
                    "SELECT body_sha256, valid_from_us, length(CAST(body AS BLOB)) FROM status_lists WHERE did = ?1 AND name = ?2",
                    params![did, name],
                    |r| Ok((Existing { sha256: r.get(0)?, valid_from_us: r.get(1)? }, r.get::<_, i64>(2)?)),
                )
                .optional()?;
            if let Some(done) = decide(existing.as_ref().map(|e| &e.0), &sha256, valid_from_us)? {
                return Ok(done);
            }
            let (count, bytes): (i64, i64) = tx.query_row(
                "SELECT (SELECT COUNT(*) FROM status_lists WHERE did = ?1), (SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM status_lists)",
                params![did],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let old = existing.as_ref().map_or(0, |e| e.1);
            check_quota(existing.is_some(), count, bytes - old, body.len(), quota)?;
            let now = ts(&Utc::now());
            let filed = if existing.is_some() {
                let n = tx.execute(
                    "UPDATE status_lists SET body = ?3, body_sha256 = ?4, valid_from_us = ?5, updated = ?6
                     WHERE did = ?1 AND name = ?2 AND valid_from_us < ?5",
                    params![did, name, body, sha256, valid_from_us, now],
                )?;
                replaced(n as u64, valid_from_us)?
            } else {
                tx.execute(
                    "INSERT INTO status_lists (did, name, body, body_sha256, valid_from_us, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![did, name, body, sha256, valid_from_us, now],
                )?;
                Filed::Created
            };
            tx.commit()?;
            Ok(filed)
        })
        .await
    }

    pub(in crate::store) async fn status_list(
        &self,
        did: &str,
        name: &str,
    ) -> Result<Option<StatusList>, StoreError> {
        let (did, name) = (did.to_owned(), name.to_owned());
        self.run(move |conn| {
            let row = conn
                .query_row(
                    "SELECT body, valid_from_us, updated FROM status_lists WHERE did = ?1 AND name = ?2",
                    params![did, name],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)),
                )
                .optional()?;
            Ok(row.map(|(body, us, updated)| StatusList {
                body,
                valid_from: from_us(us),
                updated: parse_ts(&updated),
            }))
        })
        .await
    }
}
