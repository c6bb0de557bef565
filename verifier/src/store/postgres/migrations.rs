//! PostgreSQL's migrations (the list: [`crate::store::schema::POSTGRES`]),
//! applied at start under an advisory lock so that replicas starting at the
//! same time apply each one exactly once.

use tokio_postgres::Client;

use super::StoreError;
use crate::store::schema::{self, Migration};

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = schema::POSTGRES;

/// The advisory lock key held while migrating ("om-migr" in ASCII).
const MIGRATION_LOCK: i64 = 0x006f_6d2d_6d69_6772;

/// Applies the missing migrations on `client` (a connection of its own: the
/// session-level lock goes with it if the process dies). Returns the
/// versions it applied.
pub async fn migrate(client: &mut Client) -> Result<Vec<i32>, StoreError> {
    // Waiting for another replica's migration is not a slow statement.
    client.batch_execute("SET statement_timeout = 0").await?;
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    let applied = apply_missing(client).await;
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .await;
    let applied = applied?;
    unlocked?;
    Ok(applied)
}

async fn apply_missing(client: &mut Client) -> Result<Vec<i32>, StoreError> {
    client
        .batch_execute(&format!(
            "CREATE TABLE IF NOT EXISTS {} (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )",
            schema::VERSIONS_TABLE
        ))
        .await?;
    let done: Vec<i32> = client
        .query(
            &format!("SELECT version FROM {}", schema::VERSIONS_TABLE),
            &[],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let known = schema::latest(MIGRATIONS);
    if let Some(newer) = done.iter().copied().filter(|v| *v > known).max() {
        return Err(StoreError::Open(schema::newer(newer, known)));
    }
    let mut applied = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
        let tx = client.transaction().await?;
        tx.batch_execute(m.sql)
            .await
            .map_err(|e| StoreError::Open(format!("migration {} ({}): {e}", m.version, m.name)))?;
        tx.execute(
            &format!(
                "INSERT INTO {} (version, name) VALUES ($1, $2)",
                schema::VERSIONS_TABLE
            ),
            &[&m.version, &m.name],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
        applied.push(m.version);
    }
    Ok(applied)
}
