//! Exchanges in the SQLite backend (one connection behind a mutex: each
//! operation below is atomic).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{immediate, parse_ts, ts, usage, SqliteStore};
use crate::store::exchanges::{Exchange, ExchangeKind, Failed, NewExchange, Secrets, Taken};
use crate::store::rules;
use crate::store::{Deleted, Quota, Refused, StoreError};

const COLUMNS: &str = "id, kind, challenge, subject, complete, result, expires, failures";

fn row_to_exchange(r: &rusqlite::Row<'_>) -> rusqlite::Result<Exchange> {
    let kind: String = r.get(1)?;
    Ok(Exchange {
        id: r.get(0)?,
        kind: ExchangeKind::from_name(&kind).unwrap_or(ExchangeKind::EmployerAsks),
        challenge: r.get(2)?,
        subject: r.get(3)?,
        complete: r.get::<_, i64>(4)? != 0,
        result: r.get(5)?,
        expires: parse_ts(&r.get::<_, String>(6)?),
        failures: u32::try_from(r.get::<_, i64>(7)?).unwrap_or(u32::MAX),
    })
}

impl SqliteStore {
    pub(in crate::store) async fn create_exchange(
        &self,
        secrets: &Secrets,
        new: &NewExchange,
        quota: Quota,
    ) -> Result<DateTime<Utc>, Refused> {
        let (id, challenge, hash) = (
            secrets.id.clone(),
            secrets.challenge.clone(),
            secrets.token_hash.clone(),
        );
        let new = new.clone();
        self.run(move |conn| {
            let created = Utc::now();
            let expires = created + new.lifetime;
            let tx = immediate(conn)?;
            if let Some(owner) = &new.owner {
                let live: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM exchanges WHERE owner = ?1 AND expires > ?2 AND complete = 0",
                    params![owner, ts(&created)],
                    |r| r.get(0),
                )?;
                if !rules::holder_has_room(live, quota.per_holder) {
                    return Err(Refused::HolderQuota(quota.per_holder));
                }
            }
            tx.execute(
                "INSERT INTO exchanges (id, kind, challenge, token_sha256, owner, subject, payload, created, expires)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    new.kind.name(),
                    challenge,
                    hash,
                    new.owner,
                    new.subject,
                    new.payload,
                    ts(&created),
                    ts(&expires)
                ],
            )?;
            // The trigger has counted this exchange: the usage decides.
            if !rules::within_cap(usage(&tx)?, quota.max_bytes) {
                return Err(Refused::Full);
            }
            tx.commit()?;
            Ok(expires)
        })
        .await
    }

    pub(in crate::store) async fn exchange(
        &self,
        id: &str,
    ) -> Result<Option<Exchange>, StoreError> {
        self.exchange_where("id", id).await
    }

    pub(in crate::store) async fn exchange_by_token(
        &self,
        hash: &str,
    ) -> Result<Option<Exchange>, StoreError> {
        self.exchange_where("token_sha256", hash).await
    }

    /// The live exchange whose `column` (a constant) is `value`.
    async fn exchange_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> Result<Option<Exchange>, StoreError> {
        let value = value.to_owned();
        self.run(move |conn| {
            Ok(conn
                .query_row(
                    &format!(
                        "SELECT {COLUMNS} FROM exchanges WHERE {column} = ?1 AND expires > ?2"
                    ),
                    params![value, ts(&Utc::now())],
                    row_to_exchange,
                )
                .optional()?)
        })
        .await
    }

    pub(in crate::store) async fn take_delivery(
        &self,
        id: &str,
        challenge: &str,
    ) -> Result<Taken, StoreError> {
        let (id, challenge) = (id.to_owned(), challenge.to_owned());
        self.run(move |conn| {
            let tx = immediate(conn)?;
            let letter: Option<Option<String>> = tx
                .query_row(
                    "SELECT payload FROM exchanges WHERE id = ?1 AND kind = 'delivery'
                     AND complete = 0 AND challenge = ?2 AND expires > ?3",
                    params![id, challenge, ts(&Utc::now())],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(Some(letter)) = letter else {
                return Ok(Taken::Gone);
            };
            tx.execute(
                "UPDATE exchanges SET complete = 1, payload = NULL WHERE id = ?1",
                params![id],
            )?;
            tx.commit()?;
            Ok(Taken::Letter(letter))
        })
        .await
    }

    pub(in crate::store) async fn finish_check(
        &self,
        id: &str,
        challenge: &str,
        result: &str,
    ) -> Result<bool, StoreError> {
        let (id, challenge, result) = (id.to_owned(), challenge.to_owned(), result.to_owned());
        self.run(move |conn| {
            let n = conn.execute(
                "UPDATE exchanges SET complete = 1, result = ?3 WHERE id = ?1 AND kind = 'check'
                 AND complete = 0 AND challenge = ?2 AND expires > ?4",
                params![id, challenge, result, ts(&Utc::now())],
            )?;
            Ok(n == 1)
        })
        .await
    }

    pub(in crate::store) async fn fail_answer(
        &self,
        id: &str,
        challenge: &str,
        max: u32,
        closing: Option<&str>,
    ) -> Result<Failed, StoreError> {
        let (id, challenge) = (id.to_owned(), challenge.to_owned());
        let closing = closing.map(str::to_owned);
        self.run(move |conn| {
            // One statement: the count, and at the bound the closing, together.
            let row: Option<(i64, i64)> = conn
                .query_row(
                    "UPDATE exchanges SET failures = failures + 1,
                        complete = CASE WHEN failures + 1 >= ?3 THEN 1 ELSE 0 END,
                        payload = CASE WHEN failures + 1 >= ?3 THEN NULL ELSE payload END,
                        result = CASE WHEN failures + 1 >= ?3 THEN ?4 ELSE result END
                     WHERE id = ?1 AND complete = 0 AND challenge = ?2 AND expires > ?5
                     RETURNING failures, complete",
                    params![id, challenge, i64::from(max), closing, ts(&Utc::now())],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            Ok(rules::failed(row.map(|(n, c)| (n, c != 0))))
        })
        .await
    }

    pub(in crate::store) async fn withdraw_exchange(
        &self,
        id: &str,
        hash: &str,
    ) -> Result<Deleted, StoreError> {
        let (id, hash) = (id.to_owned(), hash.to_owned());
        self.run(move |conn| {
            let stored: Option<String> = conn
                .query_row(
                    "SELECT token_sha256 FROM exchanges WHERE id = ?1 AND kind = 'delivery'
                     AND complete = 0 AND expires > ?2",
                    params![id, ts(&Utc::now())],
                    |r| r.get(0),
                )
                .optional()?;
            match stored {
                None => Ok(Deleted::NotFound),
                Some(s) if s != hash => Ok(Deleted::Forbidden),
                Some(_) => {
                    conn.execute("DELETE FROM exchanges WHERE id = ?1", params![id])?;
                    Ok(Deleted::Deleted)
                }
            }
        })
        .await
    }
}
