//! The share store's test suite, run against both backends: SQLite (two
//! handles on one file) and PostgreSQL (two pools on one database, as two
//! replicas would have). Every check takes two handles `a` and `b`.

mod pg_support;
#[macro_use]
mod backends;

use std::sync::Arc;

use chrono::{Duration, Utc};
use om_verifier::store::exchanges::{ExchangeKind, Failed, NewExchange, Taken};
use om_verifier::store::{Deleted, Quota, Refused, Store, StoreError, StoreOptions};

fn day() -> Duration {
    Duration::days(1)
}

/// Create on one handle; read, refuse a wrong token, withdraw on the other.
async fn create_get_delete_expire(a: Arc<Store>, b: Arc<Store>) {
    let c = a.create("{\"a\": 1}", day()).await.unwrap();
    assert!(c.id.len() >= 22);
    assert!(c.expires > Utc::now() + Duration::hours(23));
    let got = b
        .get(&c.id)
        .await
        .unwrap()
        .expect("visible on the other handle");
    assert_eq!(got.vp, "{\"a\": 1}");
    assert_eq!(got.expires.timestamp(), c.expires.timestamp());
    assert_eq!(b.delete(&c.id, "nope").await.unwrap(), Deleted::Forbidden);
    assert_eq!(
        b.delete(&c.id, &c.delete_token).await.unwrap(),
        Deleted::Deleted
    );
    assert!(
        a.get(&c.id).await.unwrap().is_none(),
        "withdrawn everywhere"
    );
    assert_eq!(
        a.delete(&c.id, &c.delete_token).await.unwrap(),
        Deleted::NotFound
    );
    assert!(b.get("no-such-share").await.unwrap().is_none());
    // An expired share is gone for both, and cannot be withdrawn.
    let d = a.create("{}", day()).await.unwrap();
    a.set_expires(&d.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    assert!(b.get(&d.id).await.unwrap().is_none());
    assert_eq!(
        b.delete(&d.id, &d.delete_token).await.unwrap(),
        Deleted::NotFound
    );
    a.purge_expired().await.unwrap();
    assert_eq!(b.purge_expired().await.unwrap(), 0, "purged already");
    a.ping().await.unwrap();
}

/// The per-holder cap counts live shares only, on any handle.
async fn holder_quota(a: Arc<Store>, b: Arc<Store>) {
    let q = Quota {
        per_holder: 2,
        max_bytes: u64::MAX,
    };
    a.create_for("{}", Some("did:key:a"), day(), q)
        .await
        .unwrap();
    let second = b
        .create_for("{}", Some("did:key:a"), day(), q)
        .await
        .unwrap();
    for s in [&a, &b] {
        assert!(matches!(
            s.create_for("{}", Some("did:key:a"), day(), q).await,
            Err(Refused::HolderQuota(2))
        ));
    }
    // Another holder has its own count; expired shares do not count.
    b.create_for("{}", Some("did:key:b"), day(), q)
        .await
        .unwrap();
    a.set_expires(&second.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    b.create_for("{}", Some("did:key:a"), day(), q)
        .await
        .unwrap();
}

/// 10 KB shares until refused: never past the cap, and room again once
/// shares are withdrawn.
async fn size_cap(a: Arc<Store>, b: Arc<Store>) {
    let start = a.used_bytes().await.unwrap();
    let q = Quota {
        per_holder: usize::MAX,
        max_bytes: start + 200 * 1024,
    };
    let big = "x".repeat(10_000);
    let mut stored = Vec::new();
    loop {
        let s = if stored.len() % 2 == 0 { &a } else { &b };
        match s.create_for(&big, None, day(), q).await {
            Ok(c) => stored.push(c),
            Err(Refused::Full) => break,
            Err(e) => panic!("{e}"),
        }
        assert!(stored.len() < 100);
    }
    assert!(stored.len() >= 10, "{}", stored.len());
    assert!(a.used_bytes().await.unwrap() <= q.max_bytes);
    assert!(b.used_bytes().await.unwrap() <= q.max_bytes);
    for c in &stored[..3] {
        assert_eq!(
            b.delete(&c.id, &c.delete_token).await.unwrap(),
            Deleted::Deleted
        );
    }
    a.create_for(&big, None, day(), q).await.unwrap();
}

/// Many creations for one holder at once, spread over both handles: exactly
/// the cap is stored.
async fn concurrent_holder_cap(a: Arc<Store>, b: Arc<Store>) {
    let q = Quota {
        per_holder: 5,
        max_bytes: u64::MAX,
    };
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let s = if i % 2 == 0 { a.clone() } else { b.clone() };
            tokio::spawn(async move { s.create_for("{}", Some("did:key:race"), day(), q).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(Refused::HolderQuota(5)) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(ok, 5);
}

/// Creations racing for the last room: the cap holds.
async fn concurrent_size_cap(a: Arc<Store>, b: Arc<Store>) {
    let start = a.used_bytes().await.unwrap();
    let q = Quota {
        per_holder: usize::MAX,
        max_bytes: start + 120 * 1024,
    };
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let s = if i % 2 == 0 { a.clone() } else { b.clone() };
            tokio::spawn(async move { s.create_for(&"y".repeat(10_000), None, day(), q).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(Refused::Full) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert!((5..24).contains(&ok), "{ok}");
    assert!(a.used_bytes().await.unwrap() <= q.max_bytes);
}

/// Both handles purge at once: every expired share is removed once, live
/// ones stay, and the size count goes back down.
async fn concurrent_purge(a: Arc<Store>, b: Arc<Store>) {
    let live = a.create("{\"live\": true}", day()).await.unwrap();
    let before = a.used_bytes().await.unwrap();
    let past = Utc::now() - Duration::seconds(1);
    for _ in 0..60 {
        let c = b.create(&"z".repeat(2_000), day()).await.unwrap();
        a.set_expires(&c.id, past).await.unwrap();
    }
    let (x, y) = tokio::join!(
        {
            let a = a.clone();
            tokio::spawn(async move { a.purge_expired().await })
        },
        {
            let b = b.clone();
            tokio::spawn(async move { b.purge_expired().await })
        }
    );
    let purged = x.unwrap().unwrap() + y.unwrap().unwrap();
    // Both backends purge only here (reads never do), each row once.
    assert_eq!(purged, 60);
    assert_eq!(a.purge_expired().await.unwrap(), 0);
    assert!(b.get(&live.id).await.unwrap().is_some());
    assert_eq!(a.used_bytes().await.unwrap(), before);
}

/// One accounting and one purge on both backends: the size counted is the
/// documents plus a fixed overhead per row, for shares, exchanges and status
/// lists alike; reads never purge; a write refused as full purges expired
/// rows once and is tried again.
async fn same_accounting_and_purge(a: Arc<Store>, b: Arc<Store>) {
    use om_verifier::store::rules::ROW_OVERHEAD;
    use om_verifier::store::StatusQuota;
    assert_eq!(
        a.used_bytes().await.unwrap(),
        0,
        "an empty store counts nothing"
    );
    let share = a.create(&"s".repeat(1000), day()).await.unwrap();
    assert_eq!(b.used_bytes().await.unwrap(), 1000 + ROW_OVERHEAD);
    let letter = b
        .create_exchange(
            delivery("did:key:mentor", &"l".repeat(500)),
            Quota::unlimited(),
        )
        .await
        .unwrap();
    a.put_status_list(
        "did:key:z6MkA",
        "main",
        &"b".repeat(300),
        Utc::now(),
        StatusQuota::unlimited(),
    )
    .await
    .unwrap();
    let full = 1800 + 3 * ROW_OVERHEAD;
    assert_eq!(a.used_bytes().await.unwrap(), full);
    // A released letter no longer counts; a check's outcome does.
    assert!(matches!(
        a.take_delivery(&letter.id, &letter.challenge)
            .await
            .unwrap(),
        Taken::Letter(_)
    ));
    assert_eq!(b.used_bytes().await.unwrap(), full - 500);

    // Expired, unread: still counted until purged, whatever is read.
    a.set_expires(&share.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    assert!(b.get(&share.id).await.unwrap().is_none());
    assert_eq!(
        b.delete(&share.id, &share.delete_token).await.unwrap(),
        Deleted::NotFound
    );
    assert_eq!(
        a.used_bytes().await.unwrap(),
        full - 500,
        "reads never purge"
    );

    // Full: the expired share is purged once, and the write goes in.
    let used = a.used_bytes().await.unwrap();
    let q = Quota {
        per_holder: usize::MAX,
        max_bytes: used + 100,
    };
    let again = b
        .create_for(&"t".repeat(1000), None, day(), q)
        .await
        .unwrap();
    assert_eq!(
        a.used_bytes().await.unwrap(),
        used,
        "the expired share's room"
    );
    assert_eq!(a.purge_expired().await.unwrap(), 0, "purged by the write");
    // Nothing expired to purge: refused, and nothing changed.
    assert!(matches!(
        a.create_for("{}", None, day(), q).await,
        Err(Refused::Full)
    ));
    assert!(a.get(&again.id).await.unwrap().is_some());
    assert_eq!(b.used_bytes().await.unwrap(), used);
}

fn delivery(owner: &str, letter: &str) -> NewExchange {
    NewExchange {
        kind: ExchangeKind::Delivery,
        owner: Some(owner.to_string()),
        subject: Some("did:key:subject".into()),
        payload: Some(letter.to_string()),
        lifetime: day(),
    }
}

/// A delivery's letter is released once, for its challenge only, and is
/// erased when released; withdrawal needs the token; expiry ends it.
async fn delivery_lifecycle(a: Arc<Store>, b: Arc<Store>) {
    let q = Quota::unlimited();
    let c = a
        .create_exchange(delivery("did:key:mentor", "{\"letter\": 1}"), q)
        .await
        .unwrap();
    let x = b.exchange(&c.id).await.unwrap().expect("visible on b");
    assert_eq!(x.kind, ExchangeKind::Delivery);
    assert_eq!(x.challenge, c.challenge);
    assert!(!x.complete);
    // Forgery: an answer signed for another challenge takes nothing.
    assert_eq!(b.take_delivery(&c.id, "other").await.unwrap(), Taken::Gone);
    assert_eq!(
        b.take_delivery(&c.id, &c.challenge).await.unwrap(),
        Taken::Letter("{\"letter\": 1}".into())
    );
    // Replay: the same answer again, on either handle.
    for s in [&a, &b] {
        assert_eq!(
            s.take_delivery(&c.id, &c.challenge).await.unwrap(),
            Taken::Gone
        );
    }
    assert!(a.exchange(&c.id).await.unwrap().unwrap().complete);
    // A used delivery cannot be withdrawn.
    assert_eq!(
        a.withdraw_exchange(&c.id, &c.token).await.unwrap(),
        Deleted::NotFound
    );

    let d = a
        .create_exchange(delivery("did:key:mentor", "{}"), q)
        .await
        .unwrap();
    assert_eq!(
        b.withdraw_exchange(&d.id, "not-the-token").await.unwrap(),
        Deleted::Forbidden
    );
    assert_eq!(
        b.withdraw_exchange(&d.id, &d.token).await.unwrap(),
        Deleted::Deleted
    );
    assert!(a.exchange(&d.id).await.unwrap().is_none());
    assert_eq!(
        a.take_delivery(&d.id, &d.challenge).await.unwrap(),
        Taken::Gone
    );

    let e = a
        .create_exchange(delivery("did:key:mentor", "{}"), q)
        .await
        .unwrap();
    a.set_exchange_expires(&e.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    assert!(b.exchange(&e.id).await.unwrap().is_none());
    assert_eq!(
        b.take_delivery(&e.id, &e.challenge).await.unwrap(),
        Taken::Gone
    );
    assert!(a.purge_expired().await.unwrap() >= 1);
}

/// Many answers at once on two handles: exactly one receives the letter,
/// and exactly one records a check's outcome.
async fn concurrent_answers(a: Arc<Store>, b: Arc<Store>) {
    let c = a
        .create_exchange(delivery("did:key:mentor", "{}"), Quota::unlimited())
        .await
        .unwrap();
    let check = b
        .create_exchange(
            NewExchange {
                kind: ExchangeKind::EmployerAsks,
                owner: None,
                subject: None,
                payload: None,
                lifetime: day(),
            },
            Quota::unlimited(),
        )
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..16 {
        let s = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (id, ch) = (c.id.clone(), c.challenge.clone());
        let (cid, cch) = (check.id.clone(), check.challenge.clone());
        tasks.push(tokio::spawn(async move {
            let took = s.take_delivery(&id, &ch).await.unwrap() != Taken::Gone;
            let recorded = s
                .finish_check(&cid, &cch, &format!("{{\"n\": {i}}}"))
                .await
                .unwrap();
            (took, recorded)
        }));
    }
    let mut took = 0;
    let mut recorded = 0;
    for t in tasks {
        let (a, b) = t.await.unwrap();
        took += usize::from(a);
        recorded += usize::from(b);
    }
    assert_eq!(took, 1, "the letter was released once");
    assert_eq!(recorded, 1, "the check was answered once");
    let x = a.exchange_by_token(&check.token).await.unwrap().unwrap();
    assert!(x.complete && x.result.is_some());
    assert!(a
        .exchange_by_token("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await
        .unwrap()
        .is_none());
}

/// Refused answers are counted on every handle, each in one statement: 24
/// at once against a bound of 10 close the exchange exactly once, on the
/// 10th; a delivery closed this way holds its letter no more, a check holds
/// the closing result; an open one still takes its real answer.
async fn refused_answers_are_bounded(a: Arc<Store>, b: Arc<Store>) {
    let c = a
        .create_exchange(
            delivery("did:key:mentor", "{\"letter\": 1}"),
            Quota::unlimited(),
        )
        .await
        .unwrap();
    let check = b
        .create_exchange(
            NewExchange {
                kind: ExchangeKind::EmployerAsks,
                owner: None,
                subject: None,
                payload: None,
                lifetime: day(),
            },
            Quota::unlimited(),
        )
        .await
        .unwrap();
    // Another challenge counts nothing.
    assert_eq!(
        a.fail_answer(&c.id, "other", 10, None).await.unwrap(),
        Failed::Gone
    );
    let mut tasks = Vec::new();
    for i in 0..24 {
        let s = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (id, ch) = (c.id.clone(), c.challenge.clone());
        let (cid, cch) = (check.id.clone(), check.challenge.clone());
        tasks.push(tokio::spawn(async move {
            (
                s.fail_answer(&id, &ch, 10, None).await.unwrap(),
                s.fail_answer(&cid, &cch, 10, Some("{\"closed\": true}"))
                    .await
                    .unwrap(),
            )
        }));
    }
    let mut outcomes = Vec::new();
    for t in tasks {
        let (d, k) = t.await.unwrap();
        outcomes.push(d);
        outcomes.push(k);
    }
    for which in [0, 1] {
        let mine: Vec<_> = outcomes.iter().skip(which).step_by(2).collect();
        assert_eq!(
            mine.iter().filter(|o| matches!(o, Failed::Open(_))).count(),
            9
        );
        assert_eq!(
            mine.iter().filter(|o| ***o == Failed::Closed(10)).count(),
            1
        );
        assert_eq!(mine.iter().filter(|o| ***o == Failed::Gone).count(), 14);
    }
    let x = b.exchange(&c.id).await.unwrap().unwrap();
    assert!(x.complete && x.failures == 10);
    assert_eq!(
        a.take_delivery(&c.id, &c.challenge).await.unwrap(),
        Taken::Gone,
        "closed: the letter is erased"
    );
    let x = a.exchange_by_token(&check.token).await.unwrap().unwrap();
    assert_eq!(x.result.as_deref(), Some("{\"closed\": true}"));
    assert!(!b
        .finish_check(&check.id, &check.challenge, "{}")
        .await
        .unwrap());

    // Below the bound the exchange stays open and its real answer is taken.
    let d = a
        .create_exchange(
            delivery("did:key:mentor", "{\"letter\": 2}"),
            Quota::unlimited(),
        )
        .await
        .unwrap();
    assert_eq!(
        b.fail_answer(&d.id, &d.challenge, 10, None).await.unwrap(),
        Failed::Open(1)
    );
    assert_eq!(a.exchange(&d.id).await.unwrap().unwrap().failures, 1);
    assert_eq!(
        a.take_delivery(&d.id, &d.challenge).await.unwrap(),
        Taken::Letter("{\"letter\": 2}".into())
    );
}

/// Letters waiting per issuer are capped on every handle.
async fn issuer_cap(a: Arc<Store>, b: Arc<Store>) {
    let q = Quota {
        per_holder: 2,
        max_bytes: u64::MAX,
    };
    a.create_exchange(delivery("did:key:m", "{}"), q)
        .await
        .unwrap();
    b.create_exchange(delivery("did:key:m", "{}"), q)
        .await
        .unwrap();
    for s in [&a, &b] {
        assert!(matches!(
            s.create_exchange(delivery("did:key:m", "{}"), q).await,
            Err(Refused::HolderQuota(2))
        ));
    }
    b.create_exchange(delivery("did:key:other", "{}"), q)
        .await
        .unwrap();
}

on_both_backends!(
    "store";
    create_get_delete_expire,
    holder_quota,
    size_cap,
    concurrent_holder_cap,
    concurrent_size_cap,
    concurrent_purge,
    same_accounting_and_purge,
    delivery_lifecycle,
    concurrent_answers,
    refused_answers_are_bounded,
    issuer_cap,
);

/// Replicas starting at once on an empty database: every one starts, and
/// each migration is applied once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_migrations_when_replicas_start_at_once() {
    let Some(db) =
        pg_support::ScratchDb::new("store::postgres_migrations_when_replicas_start_at_once").await
    else {
        return;
    };
    let starts: Vec<_> = (0..6)
        .map(|_| {
            let url = db.url.clone();
            tokio::spawn(async move { Store::connect(&url, &StoreOptions::default()).await })
        })
        .collect();
    for s in starts {
        s.await.unwrap().unwrap();
    }
    let (client, conn) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let rows = client
        .query(
            "SELECT version FROM om_schema_migrations ORDER BY version",
            &[],
        )
        .await
        .unwrap();
    let versions: Vec<i32> = rows.iter().map(|r| r.get(0)).collect();
    let known: Vec<i32> = om_verifier::store::schema::POSTGRES
        .iter()
        .map(|m| m.version)
        .collect();
    assert_eq!(versions, known);
    // A database from a newer om-verifier is refused, not used.
    client
        .execute(
            "INSERT INTO om_schema_migrations (version, name) VALUES (999, 'future')",
            &[],
        )
        .await
        .unwrap();
    let err = Store::connect(&db.url, &StoreOptions::default())
        .await
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Open(_)), "{err}");
    assert!(err.to_string().contains("newer"), "{err}");
}

/// SQLite files opened by several processes at once migrate once too.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_opens_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shares.sqlite");
    let opens: Vec<_> = (0..6)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || Store::open(&p).map(|_| ()))
        })
        .collect();
    for o in opens {
        o.join().unwrap().unwrap();
    }
}

/// An unreachable server is a clear error at start, quickly.
#[tokio::test]
async fn an_unreachable_postgres_is_refused_at_start() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let options = StoreOptions {
        connect_timeout: std::time::Duration::from_secs(2),
        ..StoreOptions::default()
    };
    let started = std::time::Instant::now();
    let err = Store::connect(
        &format!("postgres://om:secret@127.0.0.1:{port}/om"),
        &options,
    )
    .await
    .err()
    .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let text = err.to_string();
    assert!(text.contains(&format!("127.0.0.1:{port}/om")), "{text}");
    assert!(
        !text.contains("secret"),
        "the password is not shown: {text}"
    );
}

/// A SQLite database made by the previous om-verifier (schema version 5 in
/// `PRAGMA user_version`, migrations partly in Rust; the statements below
/// are that code's, verbatim) opens with this one: its rows are kept and
/// counted, its versions recorded in the versions table, and version 6 added.
#[tokio::test]
async fn a_sqlite_database_from_the_previous_version_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        // Version 1 (migrate_v1).
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS shares (
            id TEXT PRIMARY KEY,
            vp TEXT NOT NULL,
            created TEXT NOT NULL,
            expires TEXT NOT NULL,
            delete_token_sha256 TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS shares_expires ON shares (expires);",
        )
        .unwrap();
        conn.execute_batch("ALTER TABLE shares ADD COLUMN holder TEXT")
            .unwrap();
        conn.execute_batch("CREATE INDEX IF NOT EXISTS shares_holder ON shares (holder)")
            .unwrap();
        // Version 3.
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS status_lists (
    did TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    valid_from_us INTEGER NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (did, name)
);",
        )
        .unwrap();
        // Version 4 (migrate_exchanges).
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
        .unwrap();
        // Version 5.
        conn.execute_batch("ALTER TABLE exchanges ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;")
            .unwrap();
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.execute_batch(
            "INSERT INTO shares (id, vp, created, expires, delete_token_sha256, holder)
                VALUES ('oldshare', '{\"old\": true}', '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'x', 'did:key:h');
             INSERT INTO exchanges (id, kind, challenge, token_sha256, payload, created, expires)
                VALUES ('oldexchange', 'delivery', 'ch', 'tk', 'letter', '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z');
             INSERT INTO status_lists VALUES ('did:key:z6MkA', 'main', 'list', 'sha', 1, '2020-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.get("oldshare").await.unwrap().unwrap().vp,
        "{\"old\": true}"
    );
    assert_eq!(
        store.take_delivery("oldexchange", "ch").await.unwrap(),
        Taken::Letter("letter".into())
    );
    let list = store.status_list("did:key:z6MkA", "main").await.unwrap();
    assert_eq!(list.unwrap().body, "list");
    let overhead = om_verifier::store::rules::ROW_OVERHEAD;
    assert_eq!(
        store.used_bytes().await.unwrap(),
        "{\"old\": true}".len() as u64 + "list".len() as u64 + 3 * overhead
    );
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let versions: Vec<i32> = conn
        .prepare("SELECT version FROM om_schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let known: Vec<i32> = om_verifier::store::schema::SQLITE
        .iter()
        .map(|m| m.version)
        .collect();
    assert_eq!(versions, known);
    drop(conn);
    // Opening again applies nothing twice.
    Store::open(&path).unwrap();
}
