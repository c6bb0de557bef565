//! The hosted status lists' store, on both backends (SQLite: two handles on
//! one file; PostgreSQL: two pools on one database, as two replicas): a list
//! is replaced only by a strictly newer one, never rolled back, and uploads
//! racing end in one order with no lost update.

mod pg_support;
#[macro_use]
mod backends;

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use om_verifier::store::{Filed, ListRefused, StatusQuota, Store};

const DID: &str = "did:key:z6MkA";

fn t(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(seconds)
}

fn body(n: i64) -> String {
    format!("{{\"list\": {n}}}")
}

/// Newer replaces; the same bytes are unchanged; older or equally old is
/// refused (the forgery stopped: replaying an old list to un-revoke).
async fn newer_replaces_older_is_refused(a: Arc<Store>, b: Arc<Store>) {
    let q = StatusQuota::unlimited();
    assert!(b.status_list(DID, "main").await.unwrap().is_none());
    assert_eq!(
        a.put_status_list(DID, "main", &body(1), t(1), q)
            .await
            .unwrap(),
        Filed::Created
    );
    assert_eq!(
        b.put_status_list(DID, "main", &body(1), t(1), q)
            .await
            .unwrap(),
        Filed::Unchanged,
        "the very same bytes again"
    );
    assert_eq!(
        b.put_status_list(DID, "main", &body(2), t(2), q)
            .await
            .unwrap(),
        Filed::Replaced
    );
    let stored = a.status_list(DID, "main").await.unwrap().unwrap();
    assert_eq!(stored.body, body(2), "bytes exactly as filed");
    assert_eq!(stored.valid_from, t(2));
    // Rollback: an older list (the one before the revocation), or another
    // list claiming the same time, is refused on either handle.
    for (n, when) in [(1, t(1)), (3, t(2)), (4, t(-100))] {
        for s in [&a, &b] {
            let e = s
                .put_status_list(DID, "main", &body(n), when, q)
                .await
                .unwrap_err();
            assert!(matches!(e, ListRefused::Rollback { .. }), "{e}");
            assert!(e
                .to_string()
                .contains("older than the stored list: rollback refused"));
        }
    }
    assert_eq!(
        a.status_list(DID, "main").await.unwrap().unwrap().body,
        body(2)
    );
    // Another name, another DID: their own lists.
    assert_eq!(
        a.put_status_list(DID, "other", &body(0), t(0), q)
            .await
            .unwrap(),
        Filed::Created
    );
    assert_eq!(
        a.put_status_list("did:key:z6MkB", "main", &body(0), t(0), q)
            .await
            .unwrap(),
        Filed::Created
    );
    assert_eq!(
        a.status_list(DID, "main").await.unwrap().unwrap().body,
        body(2)
    );
    assert!(a.status_list(DID, "nul\0").await.unwrap().is_none());
}

/// Lists per DID, and the bytes of all lists, are capped (a stranger with
/// many keys cannot fill the disk; one key cannot make unbounded lists).
async fn quotas(a: Arc<Store>, b: Arc<Store>) {
    let q = StatusQuota {
        per_did: 2,
        max_bytes: 1000,
    };
    a.put_status_list(DID, "one", &body(1), t(1), q)
        .await
        .unwrap();
    b.put_status_list(DID, "two", &body(1), t(1), q)
        .await
        .unwrap();
    assert!(matches!(
        a.put_status_list(DID, "three", &body(1), t(1), q).await,
        Err(ListRefused::PerDid(2))
    ));
    // Replacing is not a new list.
    b.put_status_list(DID, "two", &body(2), t(2), q)
        .await
        .unwrap();
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(990));
    assert!(matches!(
        a.put_status_list("did:key:z6MkB", "main", &big, t(1), q)
            .await,
        Err(ListRefused::Full)
    ));
}

/// Many newer lists uploaded at once on two handles: every upload is either
/// filed or refused as a rollback, the newest one always wins (no lost
/// update), and of two different lists with the same time exactly one is filed.
async fn concurrent_uploads(a: Arc<Store>, b: Arc<Store>) {
    let q = StatusQuota::unlimited();
    a.put_status_list(DID, "race", &body(0), t(0), q)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for n in 1..=20i64 {
        let s = if n % 2 == 0 { a.clone() } else { b.clone() };
        // Interleaved times so that newer and older ones cross.
        let when = if n % 3 == 0 { t(n + 40) } else { t(n) };
        tasks.push(tokio::spawn(async move {
            (
                when,
                s.put_status_list(DID, "race", &body(n), when, q).await,
            )
        }));
    }
    let mut newest = t(0);
    let mut filed = 0;
    for task in tasks {
        let (when, outcome) = task.await.unwrap();
        match outcome {
            Ok(Filed::Replaced) => filed += 1,
            Err(ListRefused::Rollback { .. }) => {}
            other => panic!("unexpected outcome: {other:?}"),
        }
        newest = newest.max(when);
    }
    assert!(filed >= 1);
    let stored = b.status_list(DID, "race").await.unwrap().unwrap();
    assert_eq!(stored.valid_from, newest, "the newest list is the one kept");
    // Two different lists with the same, newer time: exactly one is filed.
    let when = newest + Duration::seconds(1);
    let (x, y) = tokio::join!(
        {
            let a = a.clone();
            tokio::spawn(async move { a.put_status_list(DID, "race", "{\"x\": 1}", when, q).await })
        },
        {
            let b = b.clone();
            tokio::spawn(async move { b.put_status_list(DID, "race", "{\"y\": 1}", when, q).await })
        }
    );
    let outcomes = [x.unwrap(), y.unwrap()];
    let ok = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(ok, 1, "{outcomes:?}");
    let kept = a.status_list(DID, "race").await.unwrap().unwrap().body;
    let winner = if outcomes[0].is_ok() {
        "{\"x\": 1}"
    } else {
        "{\"y\": 1}"
    };
    assert_eq!(kept, winner);
}

on_both_backends!(
    "status_store";
    newer_replaces_older_is_refused,
    quotas,
    concurrent_uploads,
);
