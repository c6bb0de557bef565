//! Hosted status lists in the PostgreSQL backend: the decision is
//! [`crate::store::status_lists`]'s, taken inside a transaction holding an
//! advisory lock that every status-list write takes, on every replica.

use super::PgStore;
use crate::store::status_lists::{
    check_quota, decide, from_us, replaced, Existing, Filed, ListRefused, StatusList, StatusQuota,
};
use crate::store::StoreError;

/// The advisory lock held by every status-list write on PostgreSQL ("om-stat").
const STATUS_LOCK: i64 = 0x006f_6d2d_7374_6174;

impl PgStore {
    pub(in crate::store) async fn put_status_list(
        &self,
        did: &str,
        name: &str,
        body: &str,
        sha256: &str,
        valid_from_us: i64,
        quota: StatusQuota,
    ) -> Result<Filed, ListRefused> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // Every status-list write, on every replica, in one order.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&STATUS_LOCK])
            .await?;
        let existing = tx
            .query_opt(
                "SELECT body_sha256, valid_from_us, octet_length(body)::bigint FROM status_lists WHERE did = $1 AND name = $2",
                &[&did, &name],
            )
            .await?
            .map(|r| -> Result<_, tokio_postgres::Error> {
                Ok((
                    Existing {
                        sha256: r.try_get(0)?,
                        valid_from_us: r.try_get(1)?,
                    },
                    r.try_get::<_, i64>(2)?,
                ))
            })
            .transpose()?;
        if let Some(done) = decide(existing.as_ref().map(|e| &e.0), sha256, valid_from_us)? {
            return Ok(done);
        }
        let row = tx
            .query_one(
                "SELECT (SELECT count(*) FROM status_lists WHERE did = $1),
                        (SELECT coalesce(sum(octet_length(body)), 0)::bigint FROM status_lists)",
                &[&did],
            )
            .await?;
        let (count, bytes): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        let old = existing.as_ref().map_or(0, |e| e.1);
        check_quota(existing.is_some(), count, bytes - old, body.len(), quota)?;
        let filed = if existing.is_some() {
            let n = tx
                .execute(
                    "UPDATE status_lists SET body = $3, body_sha256 = $4, valid_from_us = $5, updated = now()
                     WHERE did = $1 AND name = $2 AND valid_from_us < $5",
                    &[&did, &name, &body, &sha256, &valid_from_us],
                )
                .await?;
            replaced(n, valid_from_us)?
        } else {
            tx.execute(
                "INSERT INTO status_lists (did, name, body, body_sha256, valid_from_us, updated) VALUES ($1, $2, $3, $4, $5, now())",
                &[&did, &name, &body, &sha256, &valid_from_us],
            )
            .await?;
            Filed::Created
        };
        tx.commit().await?;
        Ok(filed)
    }

    pub(in crate::store) async fn status_list(
        &self,
        did: &str,
        name: &str,
    ) -> Result<Option<StatusList>, StoreError> {
        let client = self.pool.get().await?;
        let q = client
            .prepare_cached(
                "SELECT body, valid_from_us, updated FROM status_lists WHERE did = $1 AND name = $2",
            )
            .await?;
        let Some(row) = client.query_opt(&q, &[&did, &name]).await? else {
            return Ok(None);
        };
        Ok(Some(StatusList {
            body: row.try_get(0)?,
            valid_from: from_us(row.try_get(1)?),
            updated: row.try_get(2)?,
        }))
    }
}
