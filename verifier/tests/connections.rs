//! Connections a stranger cannot hoard (`om-verifier serve` on loopback): the
//! cap per client address, the header timeout and the idle timeout.
#![cfg(target_os = "linux")] // 127.0.0.2 is a local address on Linux's loopback

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::spawn_server_with;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// The first half of a request head (no blank line ever follows).
const HALF_HEAD: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: verifier.test\r\nX-Slow: ";

fn addr_of(base: &str) -> SocketAddr {
    base.trim_start_matches("http://").parse().unwrap()
}

/// A connection to `server` from the local address `from`.
async fn connect_from(from: &str, server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(format!("{from}:0").parse().unwrap())?;
    socket.connect(server).await
}

/// How long until the server closes `conn` (EOF or reset), or None if it is
/// still open after `within`.
async fn closed_within(conn: &mut TcpStream, within: Duration) -> Option<Duration> {
    let start = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at((start + within).into(), conn.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(start.elapsed()),
            // An answer (say, 408): keep reading until the close.
            Ok(Ok(_)) => {}
        }
    }
}

/// GET /healthz from the local address `from` on a new client; its status
/// and how long it took.
async fn healthz_from(from: &str, base: &str) -> (u16, Duration) {
    let client = reqwest::Client::builder()
        .local_address(from.parse::<std::net::IpAddr>().unwrap())
        .timeout(Duration::from_secs(3))
        .build()
        .unwrap();
    let start = Instant::now();
    let r = client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("/healthz from {from} did not answer within 3 s: {e}"));
    (r.status().as_u16(), start.elapsed())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_over_its_cap_is_closed_at_once_and_others_are_served() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server_with(
        &dir.path().join("shares.sqlite"),
        &[
            "--max-connections-per-ip",
            "8",
            "--header-timeout-secs",
            "60",
        ],
        false,
    )
    .await;
    let server = addr_of(&base);
    // The readiness probe's connection is given back.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mut conns = Vec::new();
    for _ in 0..40 {
        let mut c = connect_from("127.0.0.1", server).await.unwrap();
        // The server may have closed it already (then writing fails).
        let _ = c.write_all(HALF_HEAD).await;
        conns.push(c);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut closed = 0;
    let mut open = 0;
    for c in &mut conns {
        match closed_within(c, Duration::from_millis(100)).await {
            Some(_) => closed += 1,
            None => open += 1,
        }
    }
    assert_eq!(open, 8, "the cap keeps 8 open ({closed} closed)");
    assert_eq!(closed, 32);

    // The same address gets no more; another address is served at once.
    let mut more = connect_from("127.0.0.1", server).await.unwrap();
    let _ = more
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: verifier.test\r\n\r\n")
        .await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(3), more.read_to_end(&mut answer)).await;
    assert!(
        answer.is_empty(),
        "an over-cap connection is closed without an answer: {}",
        String::from_utf8_lossy(&answer)
    );
    let (status, took) = healthz_from("127.0.0.2", &base).await;
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(3), "{took:?}");

    // Closing the held connections gives the address its slots back.
    drop(conns);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, _) = healthz_from("127.0.0.1", &base).await;
    assert_eq!(status, 200);
    child.kill().unwrap();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server_with(
        &dir.path().join("shares.sqlite"),
        &["--header-timeout-secs", "1", "--idle-timeout-secs", "60"],
        false,
    )
    .await;
    let server = addr_of(&base);

    let mut slow = connect_from("127.0.0.1", server).await.unwrap();
    slow.write_all(HALF_HEAD).await.unwrap();
    let sent = Instant::now();
    // Trickling bytes does not reset the clock.
    let mut trickle = connect_from("127.0.0.1", server).await.unwrap();
    trickle.write_all(HALF_HEAD).await.unwrap();
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = trickle.write_all(b"a").await;
    }
    closed_within(&mut slow, Duration::from_secs(5))
        .await
        .expect("the half-sent request is still open after 5 s");
    let took = sent.elapsed();
    assert!(
        took >= Duration::from_millis(900),
        "closed too early: {took:?}"
    );
    assert!(took < Duration::from_secs(3), "closed too late: {took:?}");
    assert!(
        closed_within(&mut trickle, Duration::from_secs(3))
            .await
            .is_some(),
        "a trickled head is still open"
    );

    // A complete head in time is answered.
    let (status, _) = healthz_from("127.0.0.1", &base).await;
    assert_eq!(status, 200);
    child.kill().unwrap();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server_with(
        &dir.path().join("shares.sqlite"),
        &["--header-timeout-secs", "60", "--idle-timeout-secs", "1"],
        false,
    )
    .await;
    let server = addr_of(&base);

    let mut conn = connect_from("127.0.0.1", server).await.unwrap();
    let request = b"GET /healthz HTTP/1.1\r\nHost: verifier.test\r\n\r\n";
    // Two requests on one connection: it is kept alive, and a quick second
    // request is answered.
    for _ in 0..2 {
        conn.write_all(request).await.unwrap();
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        while !complete_answer(&answer) {
            let n = tokio::time::timeout(Duration::from_secs(3), conn.read(&mut buf))
                .await
                .expect("an answer within 3 s")
                .unwrap();
            assert!(n > 0, "closed before answering");
            answer.extend_from_slice(&buf[..n]);
        }
        assert!(answer.starts_with(b"HTTP/1.1 200"));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let took = closed_within(&mut conn, Duration::from_secs(5))
        .await
        .expect("the idle connection is still open after 5 s");
    // 300 ms of the idle second have passed already.
    assert!(
        took >= Duration::from_millis(500),
        "closed too early: {took:?}"
    );
    child.kill().unwrap();
    let _ = child.wait();
}

/// Whether `answer` holds a whole response head and its Content-Length body.
fn complete_answer(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some(end) = text.find("\r\n\r\n") else {
        return false;
    };
    let length = text[..end]
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    answer.len() >= end + 4 + length
}
