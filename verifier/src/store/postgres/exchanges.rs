//! Exchanges in the PostgreSQL backend: every change of state is one
//! conditional statement, decided by the database's clock, so replicas
//! cannot both release a letter or both record an answer.

use chrono::{DateTime, Utc};
use tokio_postgres::Row;

use super::{usage, PgStore};
use crate::store::exchanges::{Exchange, ExchangeKind, Failed, NewExchange, Secrets, Taken};
use crate::store::rules;
use crate::store::{Deleted, Quota, Refused, StoreError};

/// The first key of the per-owner advisory locks ("ox" in ASCII).
const OWNER_LOCK_CLASS: i32 = 0x6f78;

const COLUMNS: &str = "id, kind, challenge, subject, complete, result, expires, failures";

fn to_exchange(row: &Row) -> Result<Exchange, StoreError> {
    let kind: String = row.try_get(1)?;
    Ok(Exchange {
        id: row.try_get(0)?,
        kind: ExchangeKind::from_name(&kind).unwrap_or(ExchangeKind::EmployerAsks),
        challenge: row.try_get(2)?,
        subject: row.try_get(3)?,
        complete: row.try_get(4)?,
        result: row.try_get(5)?,
        expires: row.try_get(6)?,
        failures: u32::try_from(row.try_get::<_, i32>(7)?).unwrap_or(0),
    })
}

impl PgStore {
    pub(in crate::store) async fn create_exchange(
        &self,
        secrets: &Secrets,
        new: &NewExchange,
        quota: Quota,
    ) -> Result<DateTime<Utc>, Refused> {
        let seconds = new.lifetime.num_seconds() as f64;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        if let Some(owner) = &new.owner {
            tx.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))",
                &[&OWNER_LOCK_CLASS, owner],
            )
            .await?;
            let live: i64 = tx
                .query_one(
                    "SELECT count(*) FROM exchanges WHERE owner = $1 AND expires > now() AND NOT complete",
                    &[owner],
                )
                .await?
                .try_get(0)?;
            if !rules::holder_has_room(live, quota.per_holder) {
                return Err(Refused::HolderQuota(quota.per_holder));
            }
        }
        let row = tx
            .query_one(
                "INSERT INTO exchanges (id, kind, challenge, token_sha256, owner, subject, payload, expires)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))
                 RETURNING expires",
                &[
                    &secrets.id,
                    &new.kind.name(),
                    &secrets.challenge,
                    &secrets.token_hash,
                    &new.owner,
                    &new.subject,
                    &new.payload,
                    &seconds,
                ],
            )
            .await?;
        let expires: DateTime<Utc> = row.try_get(0)?;
        // The trigger has counted this exchange; its row lock is held to commit.
        if !rules::within_cap(usage(&tx).await?, quota.max_bytes) {
            return Err(Refused::Full);
        }
        tx.commit().await?;
        Ok(expires)
    }

    pub(in crate::store) async fn exchange(
        &self,
        id: &str,
    ) -> Result<Option<Exchange>, StoreError> {
        let client = self.pool.get().await?;
        let q = client
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM exchanges WHERE id = $1 AND expires > now()"
            ))
            .await?;
        client
            .query_opt(&q, &[&id])
            .await?
            .as_ref()
            .map(to_exchange)
            .transpose()
    }

    pub(in crate::store) async fn exchange_by_token(
        &self,
        hash: &str,
    ) -> Result<Option<Exchange>, StoreError> {
        let client = self.pool.get().await?;
        let q = client
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM exchanges WHERE token_sha256 = $1 AND expires > now()"
            ))
            .await?;
        client
            .query_opt(&q, &[&hash])
            .await?
            .as_ref()
            .map(to_exchange)
            .transpose()
    }

    pub(in crate::store) async fn take_delivery(
        &self,
        id: &str,
        challenge: &str,
    ) -> Result<Taken, StoreError> {
        let client = self.pool.get().await?;
        // The old row's letter is returned while the new row holds none.
        let q = client
            .prepare_cached(
                "WITH old AS (
                    SELECT id, payload FROM exchanges
                    WHERE id = $1 AND kind = 'delivery' AND NOT complete
                      AND challenge = $2 AND expires > now()
                    FOR UPDATE)
                 UPDATE exchanges e SET complete = true, payload = NULL
                 FROM old WHERE e.id = old.id AND NOT e.complete
                 RETURNING old.payload",
            )
            .await?;
        let row = client.query_opt(&q, &[&id, &challenge]).await?;
        Ok(match row.map(|r| r.try_get::<_, Option<String>>(0)) {
            Some(Ok(Some(letter))) => Taken::Letter(letter),
            Some(Err(e)) => return Err(e.into()),
            _ => Taken::Gone,
        })
    }

    pub(in crate::store) async fn finish_check(
        &self,
        id: &str,
        challenge: &str,
        result: &str,
    ) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
        let q = client
            .prepare_cached(
                "UPDATE exchanges SET complete = true, result = $3
                 WHERE id = $1 AND kind = 'check' AND NOT complete
                   AND challenge = $2 AND expires > now()",
            )
            .await?;
        Ok(client.execute(&q, &[&id, &challenge, &result]).await? == 1)
    }

    pub(in crate::store) async fn fail_answer(
        &self,
        id: &str,
        challenge: &str,
        max: u32,
        closing: Option<&str>,
    ) -> Result<Failed, StoreError> {
        let client = self.pool.get().await?;
        // One statement: the count, and at the bound the closing, together
        // (the row is locked by the UPDATE, so replicas count every answer).
        let q = client
            .prepare_cached(
                "UPDATE exchanges SET failures = failures + 1,
                    complete = (failures + 1 >= $3),
                    payload = CASE WHEN failures + 1 >= $3 THEN NULL ELSE payload END,
                    result = CASE WHEN failures + 1 >= $3 THEN $4 ELSE result END
                 WHERE id = $1 AND NOT complete AND challenge = $2 AND expires > now()
                 RETURNING failures, complete",
            )
            .await?;
        let max = i32::try_from(max).unwrap_or(i32::MAX);
        let row = client
            .query_opt(&q, &[&id, &challenge, &max, &closing])
            .await?;
        Ok(rules::failed(match row {
            None => None,
            Some(r) => Some((i64::from(r.try_get::<_, i32>(0)?), r.try_get::<_, bool>(1)?)),
        }))
    }

    pub(in crate::store) async fn withdraw_exchange(
        &self,
        id: &str,
        hash: &str,
    ) -> Result<Deleted, StoreError> {
        let client = self.pool.get().await?;
        let find = client
            .prepare_cached(
                "SELECT token_sha256 FROM exchanges WHERE id = $1 AND kind = 'delivery'
                 AND NOT complete AND expires > now()",
            )
            .await?;
        let Some(row) = client.query_opt(&find, &[&id]).await? else {
            return Ok(Deleted::NotFound);
        };
        let stored: String = row.try_get(0)?;
        if stored != hash {
            return Ok(Deleted::Forbidden);
        }
        let delete = client
            .prepare_cached(
                "DELETE FROM exchanges WHERE id = $1 AND token_sha256 = $2 AND NOT complete",
            )
            .await?;
        Ok(match client.execute(&delete, &[&id, &hash]).await? {
            0 => Deleted::NotFound,
            _ => Deleted::Deleted,
        })
    }
}
