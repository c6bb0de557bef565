//! The PostgreSQL backend: one database shared by several replicas, through
//! a connection pool per replica.
//!
//! The rules are [`crate::store::rules`]'s; what must hold across replicas
//! is decided inside one transaction: expiry by the database's clock, the
//! per-holder cap under a transaction-scoped advisory lock on the holder,
//! the size cap against the `store_usage` row that triggers keep (its row
//! lock orders concurrent writers).

use std::str::FromStr;

use chrono::{DateTime, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::Host;
use tokio_postgres::{Config, NoTls};

mod exchanges;
pub mod migrations;
mod status_lists;

use super::{Deleted, NewShare, Quota, Refused, Share, StoreError, StoreOptions};
use crate::store::rules::{self, Expiring, Usage};

/// The first key of the per-holder advisory locks ("om" in ASCII).
const HOLDER_LOCK_CLASS: i32 = 0x6f6d;

/// Shares in PostgreSQL.
pub struct PgStore {
    pub(super) pool: Pool,
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

    /// Stores `new` unless the holder's cap or the size cap would be
    /// passed: the holder's creations are serialised by an advisory lock,
    /// and the usage row, updated by the insert's trigger, stays locked to
    /// commit, so concurrent writers (on any replica) are decided in turn.
    pub(crate) async fn create_share(
        &self,
        new: &NewShare,
        vp: &str,
        holder: Option<&str>,
        quota: Quota,
    ) -> Result<DateTime<Utc>, Refused> {
        let seconds = new.lifetime.num_seconds() as f64;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        if let Some(h) = holder {
            // Serialises this holder's creations on every replica until commit.
            let lock = tx
                .prepare_cached("SELECT pg_advisory_xact_lock($1, hashtext($2))")
                .await?;
            tx.execute(&lock, &[&HOLDER_LOCK_CLASS, &h]).await?;
            let count = tx
                .prepare_cached("SELECT count(*) FROM shares WHERE holder = $1 AND expires > now()")
                .await?;
            let live: i64 = tx.query_one(&count, &[&h]).await?.try_get(0)?;
            if !rules::holder_has_room(live, quota.per_holder) {
                return Err(Refused::HolderQuota(quota.per_holder));
            }
        }
        let insert = tx
            .prepare_cached(
                "INSERT INTO shares (id, vp, created, expires, delete_token_sha256, holder)
                 VALUES ($1, $2, now(), now() + make_interval(secs => $3), $4, $5)
                 RETURNING expires",
            )
            .await?;
        let row = tx
            .query_one(&insert, &[&new.id, &vp, &seconds, &new.token_hash, &holder])
            .await?;
        let expires: DateTime<Utc> = row.try_get(0)?;
        // The trigger has counted this share; its row lock is held to commit.
        if !rules::within_cap(usage(&tx).await?, quota.max_bytes) {
            return Err(Refused::Full);
        }
        tx.commit().await?;
        Ok(expires)
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

    /// Removes at most [`rules::PURGE_BATCH`] expired rows of `table`;
    /// concurrent purgers (other replicas) skip the rows one of them has
    /// locked.
    pub(crate) async fn purge_batch(&self, table: Expiring) -> Result<u64, StoreError> {
        let client = self.pool.get().await?;
        let t = table.table();
        let q = client
            .prepare_cached(&format!(
                "DELETE FROM {t} WHERE id IN (
                    SELECT id FROM {t} WHERE expires <= now()
                    LIMIT $1 FOR UPDATE SKIP LOCKED)"
            ))
            .await?;
        let batch = rules::PURGE_BATCH as i64;
        Ok(client.execute(&q, &[&batch]).await?)
    }

    /// What the store holds, as [`rules::Usage`].
    pub(crate) async fn usage(&self) -> Result<Usage, StoreError> {
        let client = self.pool.get().await?;
        usage(&client).await
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client.simple_query("SELECT 1").await?;
        Ok(())
    }

    /// Closes the pool: idle connections are dropped, new requests fail.
    pub fn close(&self) {
        self.pool.close();
    }

    /// Changes the expiry of a share or an exchange (tests).
    pub(in crate::store) async fn set_expires(
        &self,
        table: Expiring,
        id: &str,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        let sql = format!("UPDATE {} SET expires = $2 WHERE id = $1", table.table());
        client.execute(&sql, &[&id, &expires]).await?;
        Ok(())
    }
}

/// The usage row (see `migrations/postgres/0006_store_usage.sql`).
pub(super) async fn usage(
    client: &impl deadpool_postgres::GenericClient,
) -> Result<Usage, StoreError> {
    let q = client
        .prepare_cached("SELECT row_count, document_bytes FROM store_usage")
        .await?;
    let row = client.query_one(&q, &[]).await?;
    Ok(Usage {
        rows: row.try_get(0)?,
        document_bytes: row.try_get(1)?,
    })
}
