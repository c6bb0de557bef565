//! Versioned PostgreSQL migrations, applied at start under an advisory lock
//! so that replicas starting at the same time apply each one exactly once.

use tokio_postgres::Client;

use super::StoreError;

/// One schema change.
pub struct Migration {
    /// Its version (1, 2, …; applied in this order).
    pub version: i32,
    /// A short name (the SQL file's).
    pub name: &'static str,
    /// The SQL, run in one transaction with the version's record.
    pub sql: &'static str,
}

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "shares",
        sql: include_str!("../migrations/postgres/0001_shares.sql"),
    },
    Migration {
        version: 2,
        name: "share_usage",
        sql: include_str!("../migrations/postgres/0002_share_usage.sql"),
    },
    Migration {
        version: 3,
        name: "status_lists",
        sql: include_str!("../migrations/postgres/0003_status_lists.sql"),
    },
    Migration {
        version: 4,
        name: "exchanges",
        sql: include_str!("../migrations/postgres/0004_exchanges.sql"),
    },
    Migration {
        version: 5,
        name: "exchange_failures",
        sql: include_str!("../migrations/postgres/0005_exchange_failures.sql"),
    },
];

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
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS om_schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )",
        )
        .await?;
    let done: Vec<i32> = client
        .query("SELECT version FROM om_schema_migrations", &[])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let known = MIGRATIONS.last().map_or(0, |m| m.version);
    if let Some(newer) = done.iter().copied().filter(|v| *v > known).max() {
        return Err(StoreError::Open(format!(
            "the database's schema version {newer} is newer than this om-verifier knows ({known}); upgrade om-verifier"
        )));
    }
    let mut applied = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
        let tx = client.transaction().await?;
        tx.batch_execute(m.sql)
            .await
            .map_err(|e| StoreError::Open(format!("migration {} ({}): {e}", m.version, m.name)))?;
        tx.execute(
            "INSERT INTO om_schema_migrations (version, name) VALUES ($1, $2)",
            &[&m.version, &m.name],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
        applied.push(m.version);
    }
    Ok(applied)
}
