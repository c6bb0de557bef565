//! Graceful shutdown of `om-verifier serve`: on SIGTERM a request in flight
//! (here, one whose body is still arriving) is answered in full, then the
//! process exits 0.
#![cfg(unix)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_om-verifier");

#[test]
fn sigterm_finishes_the_request_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("body.json");
    let made = Command::new(BIN)
        .args(["bench-fixture", "--out", fixture.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(made.status.success());
    let body = std::fs::read(&fixture).unwrap();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", &addr, "--db"])
        .arg(dir.path().join("shares.sqlite"))
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut conn = loop {
        if let Ok(c) = TcpStream::connect(&addr) {
            break c;
        }
        assert!(Instant::now() < deadline, "the verifier did not start");
        std::thread::sleep(Duration::from_millis(50));
    };

    let (first, rest) = body.split_at(body.len() / 2);
    write!(
        conn,
        "POST /presentations/verify HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    conn.write_all(first).unwrap();
    conn.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the process waits for the request in flight"
    );

    conn.write_all(rest).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = conn.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // The whole report arrived (the bench fixture's writers are confirmed by
    // no team this server trusts, so its verdict is "not confirmed").
    assert!(answer.contains("\"status\":\"unconfirmed\""), "{answer}");

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the process did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}
