//! One store check, run against both backends: SQLite (two handles on one
//! file) and PostgreSQL (two pools on one scratch database, as two replicas
//! would have). A test file declares `mod pg_support;` and
//! `#[macro_use] mod backends;`, then lists its checks (each an
//! `async fn(Arc<Store>, Arc<Store>)`) in `on_both_backends!("file"; …)`.
#![allow(dead_code)]

use std::sync::Arc;

use om_verifier::store::{Store, StoreOptions};

/// Two handles on one SQLite file in `dir`.
pub async fn sqlite_pair(dir: &tempfile::TempDir) -> (Arc<Store>, Arc<Store>) {
    let path = dir.path().join("shares.sqlite");
    let a = Store::open(&path).unwrap();
    let b = Store::open(&path).unwrap();
    (Arc::new(a), Arc::new(b))
}

/// Two pools on the PostgreSQL database at `url`.
pub async fn postgres_pair(url: &str) -> (Arc<Store>, Arc<Store>) {
    let o = StoreOptions::default();
    let a = Store::connect(url, &o).await.unwrap();
    let b = Store::connect(url, &o).await.unwrap();
    (Arc::new(a), Arc::new(b))
}

/// A `sqlite` and a `postgres` test for each check; the PostgreSQL one is
/// skipped (or fails under `CI=true`) without a test server.
macro_rules! on_both_backends {
    ($file:literal; $($check:ident),* $(,)?) => {
        $(
            mod $check {
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    let dir = tempfile::tempdir().unwrap();
                    let (a, b) = crate::backends::sqlite_pair(&dir).await;
                    super::$check(a, b).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    let Some(db) = crate::pg_support::ScratchDb::new(concat!($file, "::", stringify!($check), "::postgres")).await else {
                        return;
                    };
                    let (a, b) = crate::backends::postgres_pair(&db.url).await;
                    super::$check(a, b).await;
                }
            }
        )*
    };
}
