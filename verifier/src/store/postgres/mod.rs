//! The PostgreSQL backend: one database shared by several replicas, through
//! a connection pool per replica.
//!
//! What must hold across replicas is decided inside the database: expiry by
//! the database's clock, the per-holder cap under a transaction-scoped
//! advisory lock on the holder, the size cap against the `share_usage` row
//! that a trigger keeps (its row lock orders concurrent inserts).

use std::str::FromStr;

use chrono::{DateTime, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::Host;
use tokio_postgres::{Config, NoTls};

use super::StoreOptions;
mod exchanges;
pub mod migrations;

use super::{CreatedShare, Deleted, NewShare, Quota, Refused, Share, StoreError};

/// The first key of the per-holder advisory locks ("om" in ASCII).
const HOLDER_LOCK_CLASS: i32 = 0x6f6d;

/// Most expired shares removed by one purge statement (short transactions;
/// concurrent purgers skip each other's rows).
const PURGE_BATCH: u64 = 500;

/// Shares in PostgreSQL.
pub struct PgStore {
    pub(super) pool: Pool,
}

/// What one insert attempt did.
enum Attempt {
    Stored(DateTime<Utc>),
    HolderQuota,
    Full,
}

/// `host:port/dbname` of a configuration, without user or password (for logs).
pub fn describe(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or("postgres");
    format!("{host}:{port}/{db}")
}

/// Parses a `postgres://` URL (or key=value string), with the defaults the
/// service needs: a connect timeout, an application name, and a statement
/// timeout (a stuck statement becomes a 503, not a hung request).
pub fn config(url: &str, options: &StoreOptions) -> Result<Config, StoreError> {
    let mut config = Config::from_str(url)
        .map_err(|e| StoreError::Open(format!("not a PostgreSQL URL: {e}")))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(options.connect_timeout);
    }
    if config.get_application_name().is_none() {
        config.application_name("om-verifier");
    }
    if config.get_options().is_none() {
        config.options("-c statement_timeout=10000");
    }
    Ok(config)
}

impl PgStore {
    /// Connects to the database at `url`, applies the missing migrations
    /// (under an advisory lock) and opens a pool of `options.pool_size`.
    pub async fn connect(url: &str, options: &StoreOptions) -> Result<Self, StoreError> {
        let config = config(url, options)?;
        let target = describe(&config);
        let opening = |e: &dyn std::fmt::Display| StoreError::Open(format!("{target}: {e}"));
        let (mut client, connection) = config.connect(NoTls).await.map_err(|e| opening(&e))?;
        let driver = tokio::spawn(connection);
        let applied = migrations::migrate(&mut client)
            .await
            .map_err(|e| opening(&e));
        drop(client);
        let _ = driver.await;
        let applied = applied?;
        tracing::info!(database = %target, migrations_applied = applied.len(), "PostgreSQL share store ready");
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let wait = Some(options.connect_timeout);
        let pool = Pool::builder(manager)
            .max_size(options.pool_size.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(wait)
            .create_timeout(wait)
            .recycle_timeout(wait)
            .build()
            .map_err(|e| opening(&e))?;
        Ok(Self { pool })
    }

    /// Stores `new` unless the holder's cap or the size cap would be passed.
    /// A full store is purged of expired shares once before refusing.
    pub(crate) async fn create_for(
        &self,
        new: NewShare,
        vp: &str,
        holder: Option<&str>,
        quota: Quota,
    ) -> Result<CreatedShare, Refused> {
        for retry in [false, true] {
            match self.try_create(&new, vp, holder, quota).await? {
                Attempt::Stored(expires) => return Ok(new.created(expires)),
                Attempt::HolderQuota => return Err(Refused::HolderQuota(quota.per_holder)),
                Attempt::Full if !retry && self.purge_expired().await? > 0 => {}
                Attempt::Full => break,
            }
        }
        Err(Refused::Full)
    }

    async fn try_create(
        &self,
        new: &NewShare,
        vp: &str,
        holder: Option<&str>,
        quota: Quota,
    ) -> Result<Attempt, StoreError> {
        let per_holder = i64::try_from(quota.per_holder).unwrap_or(i64::MAX);
        let max_bytes = i64::try_from(quota.max_bytes).unwrap_or(i64::MAX);
        let seconds = new.lifetime.num_seconds() as f64;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        if let Some(h) = holder {
            // Serialises this holder's creations on every replica until commit.
            let lock = tx
                .prepare_cached("SELECT pg_advisory_xact_lock($1, hashtext($2))")
                .await?;
            tx.execute(&lock, &[&HOLDER_LOCK_CLASS, &h]).await?;
        }
        let insert = tx
            .prepare_cached(
                "INSERT INTO shares (id, vp, created, expires, delete_token_sha256, holder)
                 SELECT $1, $2, now(), now() + make_interval(secs => $3), $4, $5
                 WHERE $5::text IS NULL
                    OR (SELECT count(*) FROM shares WHERE holder = $5 AND expires > now()) < $6
                 RETURNING expires",
            )
            .await?;
        let rows = tx
            .query(
                &insert,
                &[
                    &new.id,
                    &vp,
                    &seconds,
                    &new.token_hash,
                    &holder,
                    &per_holder,
                ],
            )
            .await?;
        let Some(row) = rows.first() else {
            tx.rollback().await?;
            return Ok(Attempt::HolderQuota);
        };
        let expires: DateTime<Utc> = row.try_get(0)?;
        // The trigger has added this share; its row lock is held to commit.
        let usage = tx.prepare_cached("SELECT bytes FROM share_usage").await?;
        let used: i64 = tx.query_one(&usage, &[]).await?.try_get(0)?;
        if used > max_bytes {
            tx.rollback().await?;
            return Ok(Attempt::Full);
        }
        tx.commit().await?;
        Ok(Attempt::Stored(expires))
    }

    /// A live share.
    pub async fn get(&self, id: &str) -> Result<Option<Share>, StoreError> {
        let client = self.pool.get().await?;
        let q = client
            .prepare_cached(
                "SELECT id, vp, created, expires FROM shares WHERE id = $1 AND expires > now()",
            )
            .await?;
        let Some(row) = client.query_opt(&q, &[&id]).await? else {
            return Ok(None);
        };
        Ok(Some(Share {
            id: row.try_get(0)?,
            vp: row.try_get(1)?,
            created: row.try_get(2)?,
            expires: row.try_get(3)?,
        }))
    }

    /// Deletes a live share if `token_hash` is its delete token's hash.
    pub async fn delete(&self, id: &str, token_hash: &str) -> Result<Deleted, StoreError> {
        let client = self.pool.get().await?;
        let find = client
            .prepare_cached(
                "SELECT delete_token_sha256 FROM shares WHERE id = $1 AND expires > now()",
            )
            .await?;
        let Some(row) = client.query_opt(&find, &[&id]).await? else {
            return Ok(Deleted::NotFound);
        };
        let stored: String = row.try_get(0)?;
        // Both sides are hashes: comparing them leaks nothing about the token.
        if stored != token_hash {
            return Ok(Deleted::Forbidden);
        }
        let delete = client
            .prepare_cached("DELETE FROM shares WHERE id = $1 AND delete_token_sha256 = $2")
            .await?;
        Ok(match client.execute(&delete, &[&id, &token_hash]).await? {
            0 => Deleted::NotFound, // withdrawn meanwhile (another replica)
            _ => Deleted::Deleted,
        })
    }

    /// Removes expired shares in batches; concurrent purgers (other
    /// replicas) skip the rows one of them has locked.
    pub async fn purge_expired(&self) -> Result<usize, StoreError> {
        let client = self.pool.get().await?;
        let q = client
            .prepare_cached(
                "DELETE FROM shares WHERE id IN (
                    SELECT id FROM shares WHERE expires <= now()
                    LIMIT $1 FOR UPDATE SKIP LOCKED)",
            )
            .await?;
        let batch = PURGE_BATCH as i64;
        let mut total = 0u64;
        loop {
            let n = client.execute(&q, &[&batch]).await?;
            total += n;
            if n < PURGE_BATCH {
                break;
            }
        }
        let q = client
            .prepare_cached(
                "DELETE FROM exchanges WHERE id IN (
                    SELECT id FROM exchanges WHERE expires <= now()
                    LIMIT $1 FOR UPDATE SKIP LOCKED)",
            )
            .await?;
        loop {
            let n = client.execute(&q, &[&batch]).await?;
            total += n;
            if n < PURGE_BATCH {
                return Ok(usize::try_from(total).unwrap_or(usize::MAX));
            }
        }
    }

    /// Bytes the shares count against the size cap.
    pub async fn used_bytes(&self) -> Result<u64, StoreError> {
        let client = self.pool.get().await?;
        let row = client
            .query_one("SELECT bytes FROM share_usage", &[])
            .await?;
        Ok(u64::try_from(row.try_get::<_, i64>(0)?).unwrap_or(0))
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client.simple_query("SELECT 1").await?;
        Ok(())
    }

    /// The connection pool (the status lists' queries).
    pub(crate) fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Closes the pool: idle connections are dropped, new requests fail.
    pub fn close(&self) {
        self.pool.close();
    }

    /// Changes a share's expiry (tests).
    pub async fn set_expires(&self, id: &str, expires: DateTime<Utc>) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client
            .execute(
                "UPDATE shares SET expires = $2 WHERE id = $1",
                &[&id, &expires],
            )
            .await?;
        Ok(())
    }
}
