//! PostgreSQL for the tests: a scratch database per test on the server that
//! `OM_TEST_POSTGRES_URL` names (`.ci/postgres.sh` starts one). Without it
//! the PostgreSQL tests say they were skipped, except with `CI=true`, where
//! they fail. [`ScratchDb`] for async tests, [`BlockingScratchDb`] for the others.

use std::sync::atomic::{AtomicU32, Ordering};

use tokio_postgres::NoTls;

/// The variable naming the test server.
pub const ENV: &str = "OM_TEST_POSTGRES_URL";

/// A database made for one test, dropped afterwards.
pub struct ScratchDb {
    /// Its URL.
    pub url: String,
    base: String,
    name: String,
}

/// `url` with its database name replaced by `db`.
pub fn with_database(url: &str, db: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let after_scheme = main.find("://").map_or(0, |i| i + 3);
    let authority_end = main[after_scheme..]
        .find('/')
        .map_or(main.len(), |i| after_scheme + i);
    let mut out = format!("{}/{db}", &main[..authority_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// The test server's URL, or `None` (with a notice) when it is not set.
/// Panics when it is not set and `CI=true`.
pub fn server_url(test: &str) -> Option<String> {
    match std::env::var(ENV) {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("{test}: {ENV} is not set, and CI=true: the PostgreSQL tests must run in CI (see .ci/postgres.sh)");
            }
            eprintln!("SKIPPED {test}: set {ENV}=postgres://… to run it against PostgreSQL (bash .ci/postgres.sh start ENV_FILE starts a server)");
            None
        }
    }
}

async fn admin(base: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(base, NoTls)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {ENV}: {e}"));
    tokio::spawn(conn);
    client
}

impl ScratchDb {
    /// A fresh, empty database for `test`, or `None` when skipped.
    pub async fn new(test: &str) -> Option<Self> {
        static N: AtomicU32 = AtomicU32::new(0);
        let base = server_url(test)?;
        let name = format!(
            "om_test_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            rand_suffix()
        );
        admin(&base)
            .await
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("CREATE DATABASE: {e}"));
        Some(Self {
            url: with_database(&base, &name),
            base,
            name,
        })
    }

    /// Drops the database now, with every connection to it (what an
    /// outage looks like to the replicas).
    pub async fn drop_now(&self) {
        admin(&self.base)
            .await
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .await
            .unwrap_or_else(|e| panic!("DROP DATABASE: {e}"));
    }
}

fn rand_suffix() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .elapsed()
            .map_or(0, |d| d.as_nanos() as u64),
    );
    (h.finish() % 1_000_000) as u32
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        let (base, name) = (self.base.clone(), self.name.clone());
        // A runtime of its own: the test's may be shutting down.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                if let Ok((client, conn)) = tokio_postgres::connect(&base, NoTls).await {
                    tokio::spawn(conn);
                    let _ = client
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                }
            });
        })
        .join();
    }
}

/// A [`ScratchDb`] for tests without a runtime of their own (the end-to-end tests).
pub struct BlockingScratchDb {
    /// Its URL.
    pub url: String,
    db: ScratchDb,
    rt: tokio::runtime::Runtime,
}

impl BlockingScratchDb {
    /// A fresh, empty database for `test`, or `None` when skipped (see [`server_url`]).
    pub fn new(test: &str) -> Option<Self> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let db = rt.block_on(ScratchDb::new(test))?;
        Some(Self {
            url: db.url.clone(),
            db,
            rt,
        })
    }

    /// Runs `sql` in this database; returns its rows as `psql -At` prints them (one line
    /// a row, columns separated by `|`, NULL as nothing).
    pub fn query(&self, sql: &str) -> String {
        self.rt.block_on(async {
            let (client, conn) = tokio_postgres::connect(&self.db.url, NoTls)
                .await
                .unwrap_or_else(|e| panic!("cannot connect to the scratch database: {e}"));
            tokio::spawn(conn);
            let mut out = String::new();
            for msg in client
                .simple_query(sql)
                .await
                .unwrap_or_else(|e| panic!("{sql:?}: {e}"))
            {
                if let tokio_postgres::SimpleQueryMessage::Row(row) = msg {
                    let cols: Vec<&str> = (0..row.len())
                        .map(|i| row.get(i).unwrap_or_default())
                        .collect();
                    out.push_str(&cols.join("|"));
                    out.push('\n');
                }
            }
            out
        })
    }
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://om@127.0.0.1:5432/postgres", "x"),
        "postgres://om@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgresql://u:p@h/db?sslmode=disable", "x"),
        "postgresql://u:p@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h:1", "x"), "postgres://h:1/x");
}
