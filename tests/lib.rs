//! Helpers for the end-to-end tests in `e2e/`: finding the binaries, running
//! them in temporary homes, serving files on loopback, starting the verifier.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The workspace's target folder.
fn target_dir() -> PathBuf {
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(t);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target")
}

/// The path of a workspace binary, built from the current source.
///
/// The first call in a test process runs `cargo build` for the three binaries
/// (quick when nothing changed), so a stale binary is never tested after a change.
pub fn bin(name: &str) -> PathBuf {
    static BUILT: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "--bins",
                "-p",
                "om-issuer",
                "-p",
                "om-wallet",
                "-p",
                "om-verifier",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the binaries failed");
    });
    target_dir().join("debug").join(name)
}

/// A person with a home folder and a passphrase.
pub struct Person {
    /// Their home (`OM_HOME`).
    pub home: tempfile::TempDir,
}

impl Default for Person {
    fn default() -> Self {
        Self::new()
    }
}

impl Person {
    /// A new person with an empty home.
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A command of `binary` run as this person.
    pub fn cmd(&self, binary: &str) -> Command {
        let mut c = Command::new(bin(binary));
        c.env("OM_HOME", self.home.path())
            .env("OM_PASSPHRASE", "correct horse battery staple")
            .env("OM_ALLOW_LOCAL_FETCH", "1")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        c
    }

    /// Runs `binary args`, asserting success; returns stdout.
    pub fn run(&self, binary: &str, args: &[&str]) -> String {
        let out = self.cmd(binary).args(args).output().expect("binary runs");
        assert_success(binary, args, &out);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// This person's DID, read from their identity file.
    pub fn did(&self) -> String {
        let text = std::fs::read_to_string(self.home.path().join("identity.json"))
            .expect("identity exists");
        let v: serde_json::Value = serde_json::from_str(&text).expect("identity.json is JSON");
        v["did"].as_str().expect("a DID").to_string()
    }

    /// A path inside the home.
    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }
}

/// Panics with both output streams unless the command succeeded.
pub fn assert_success(binary: &str, args: &[&str], out: &Output) {
    assert!(
        out.status.success(),
        "{binary} {args:?} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// Serves the files of a folder over plain HTTP on 127.0.0.1 (read on every
/// request, so republishing a file takes effect at once). Stops when dropped.
pub struct StaticServer {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    stop: Arc<AtomicBool>,
}

impl StaticServer {
    /// Starts serving `dir`.
    pub fn start(dir: &Path) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let (dir, flag) = (dir.to_path_buf(), stop.clone());
        std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => serve_one(stream, &dir),
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Self { base, stop }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve_one(mut stream: TcpStream, dir: &Path) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map(|n| n == 0).unwrap_or(true) || line == "\r\n" {
            break;
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .trim_start_matches('/');
    let file = dir.join(path.replace("..", ""));
    let (status, body) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b),
        Err(_) => ("404 Not Found", b"not found".to_vec()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

/// A running `om-verifier serve`, stopped (and reaped) when dropped.
pub struct VerifierProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    log: PathBuf,
}

impl VerifierProcess {
    /// Starts the verifier on a free loopback port with a database in `dir`.
    pub fn start(dir: &Path, extra: &[&str]) -> Self {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let log = dir.join("verifier.log");
        let db = dir.join("verifier.sqlite");
        let addr = format!("127.0.0.1:{port}");
        let mut args = vec![
            "serve",
            "--addr",
            &addr,
            "--db",
            db.to_str().expect("utf-8 path"),
            "--public-url",
            &base,
            "--allow-local-fetch",
            "--status-cache-seconds",
            "0",
        ];
        args.extend_from_slice(extra);
        let child = Command::new(bin("om-verifier"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).expect("log file"))
            .stderr(std::fs::File::create(dir.join("verifier.err")).expect("log file"))
            .spawn()
            .expect("om-verifier starts");
        let me = Self { child, base, log };
        me.wait_healthy();
        me
    }

    fn wait_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(r) = reqwest::blocking::get(format!("{}/healthz", self.base)) {
                if r.status().is_success() {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut log = String::new();
        let _ = std::fs::File::open(&self.log).and_then(|mut f| f.read_to_string(&mut log));
        panic!("om-verifier did not become healthy:\n{log}");
    }
}

impl Drop for VerifierProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GETs a URL on loopback; returns status and body.
pub fn get(url: &str) -> (u16, String) {
    let r = reqwest::blocking::get(url).unwrap_or_else(|e| panic!("GET {url}: {e}"));
    (r.status().as_u16(), r.text().unwrap_or_default())
}

/// The first `http://…` URL in `text` that contains `needle`.
pub fn find_url(text: &str, needle: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .find(|w| w.starts_with("http") && w.contains(needle))
        .map(|w| w.trim_end_matches(['.', ',', ')']).to_string())
}
