//! Exchanges in the SQLite backend (one connection behind a mutex: each
//! operation below is atomic).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{parse_ts, ts, used_bytes, SqliteStore};
use crate::store::exchanges::{
    CreatedExchange, Exchange, ExchangeKind, Failed, NewExchange, Secrets, Taken,
};
use crate::store::{Deleted, Quota, Refused, StoreError};

/// Version 4: the exchanges table.
pub(in crate::store) fn migrate_exchanges(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS exchanges (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            complete INTEGER NOT NULL DEFAULT 0,
            challenge TEXT NOT NULL,
            token_sha256 TEXT NOT NULL,
            owner TEXT,
            subject TEXT,
            payload TEXT,
            result TEXT,
            created TEXT NOT NULL,
            expires TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS exchanges_expires ON exchanges (expires);
        CREATE INDEX IF NOT EXISTS exchanges_owner ON exchanges (owner);
        CREATE UNIQUE INDEX IF NOT EXISTS exchanges_token ON exchanges (token_sha256);",
    )
}

const COLUMNS: &str = "id, kind, challenge, subject, complete, result, expires, failures";

fn row_to_exchange(r: &rusqlite::Row<'_>) -> rusqlite::Result<Exchange> {
    let kind: String = r.get(1)?;
    Ok(Exchange {
        id: r.get(0)?,
        kind: ExchangeKind::from_name(&kind).unwrap_or(ExchangeKind::Check),
        challenge: r.get(2)?,
        subject: r.get(3)?,
        complete: r.get::<_, i64>(4)? != 0,
        result: r.get(5)?,
        expires: parse_ts(&r.get::<_, String>(6)?),
        failures: u32::try_from(r.get::<_, i64>(7)?).unwrap_or(u32::MAX),
    })
}

impl SqliteStore {
    pub(in crate::store) fn create_exchange(
        &self,
        secrets: Secrets,
        new: &NewExchange,
        quota: Quota,
    ) -> Result<CreatedExchange, Refused> {
        let created = Utc::now();
        let expires = created + new.lifetime;
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if let Some(owner) = &new.owner {
            let live: i64 = tx.query_row(
                "SELECT COUNT(*) FROM exchanges WHERE owner = ?1 AND expires > ?2 AND complete = 0",
                params![owner, ts(&created)],
                |r| r.get(0),
            )?;
            if usize::try_from(live).unwrap_or(usize::MAX) >= quota.per_holder {
                return Err(Refused::HolderQuota(quota.per_holder));
            }
        }
        let needed = new.payload.as_ref().map_or(0, String::len) as u64 + 8192;
        if used_bytes(&tx)?.saturating_add(needed) > quota.max_bytes {
            return Err(Refused::Full);
        }
        tx.execute(
            "INSERT INTO exchanges (id, kind, challenge, token_sha256, owner, subject, payload, created, expires)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                secrets.id,
                new.kind.name(),
                secrets.challenge,
                secrets.token_hash,
                new.owner,
                new.subject,
                new.payload,
                ts(&created),
                ts(&expires)
            ],
        )?;
        tx.commit()?;
        Ok(secrets.created(expires))
    }

    pub(in crate::store) fn exchange(&self, id: &str) -> Result<Option<Exchange>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM exchanges WHERE id = ?1 AND expires > ?2"),
                params![id, ts(&Utc::now())],
                row_to_exchange,
            )
            .optional()?)
    }

    pub(in crate::store) fn exchange_by_token(
        &self,
        hash: &str,
    ) -> Result<Option<Exchange>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM exchanges WHERE token_sha256 = ?1 AND expires > ?2"
                ),
                params![hash, ts(&Utc::now())],
                row_to_exchange,
            )
            .optional()?)
    }

    pub(in crate::store) fn take_delivery(
        &self,
        id: &str,
        challenge: &str,
    ) -> Result<Taken, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
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
    }

    pub(in crate::store) fn finish_check(
        &self,
        id: &str,
        challenge: &str,
        result: &str,
    ) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "UPDATE exchanges SET complete = 1, result = ?3 WHERE id = ?1 AND kind = 'check'
             AND complete = 0 AND challenge = ?2 AND expires > ?4",
            params![id, challenge, result, ts(&Utc::now())],
        )?;
        Ok(n == 1)
    }

    pub(in crate::store) fn fail_answer(
        &self,
        id: &str,
        challenge: &str,
        max: u32,
        closing: Option<&str>,
    ) -> Result<Failed, StoreError> {
        // One statement: the count, and at the bound the closing, together.
        let row: Option<(i64, i64)> = self
            .conn()
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
        Ok(match row {
            None => Failed::Gone,
            Some((n, complete)) => {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                if complete != 0 {
                    Failed::Closed(n)
                } else {
                    Failed::Open(n)
                }
            }
        })
    }

    pub(in crate::store) fn withdraw_exchange(
        &self,
        id: &str,
        hash: &str,
    ) -> Result<Deleted, StoreError> {
        let conn = self.conn();
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
    }

    pub(in crate::store) fn set_exchange_expires(
        &self,
        id: &str,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE exchanges SET expires = ?2 WHERE id = ?1",
            params![id, ts(&expires)],
        )?;
        Ok(())
    }
}
