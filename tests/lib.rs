//! Helpers for the end-to-end tests in `e2e/`: finding the binaries, running
//! them in temporary homes, serving files on loopback, starting the verifier.
//! Scratch PostgreSQL databases and the shared identity rules are in the
//! workspace's test kit (`om_testkit`).

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
/// The first call in a test process runs `cargo build --workspace --tests`
/// (quick when nothing changed), so a stale binary is never tested after a
/// change. Under the README's test command this is a no-op, for two reasons:
///
/// - it asks for the workspace's test build, the feature set `cargo test
///   --workspace` has just built. Building only the three binaries (`-p …
///   --bins`) resolves the dependencies' features without the
///   dev-dependencies, and rebuilt some 150 crates a second time (2 min 25 s
///   of a CI run);
/// - it runs cargo without the variables cargo sets for a running test
///   ([`nested_cargo`]).
pub fn bin(name: &str) -> PathBuf {
    static BUILT: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let status = nested_cargo()
            .args(["build", "--workspace", "--tests"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the binaries failed");
    });
    target_dir().join("debug").join(name)
}

/// `cargo`, run from inside a test without the variables cargo sets for the
/// test itself (`CARGO_PKG_NAME`, `CARGO_MANIFEST_DIR`, `OUT_DIR`, …).
///
/// Some build scripts (`ring`'s) ask to be rerun when such a variable changes;
/// they were unset when `cargo test` built them, so a cargo that inherits this
/// test's values rebuilt `ring` and all that depends on it (1 min 31 s of a CI
/// run).
pub fn nested_cargo() -> Command {
    let mut c = Command::new(env!("CARGO"));
    for (key, _) in std::env::vars_os() {
        let Some(key) = key.to_str() else { continue };
        let set_for_the_test = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_BIN_",
            "CARGO_CRATE_",
        ]
        .iter()
        .any(|p| key.starts_with(p))
            || matches!(
                key,
                "OUT_DIR"
                    | "CARGO_PRIMARY_PACKAGE"
                    | "CARGO_TARGET_TMPDIR"
                    | "CARGO_RUSTC_CURRENT_DIR"
            );
        if set_for_the_test {
            c.env_remove(key);
        }
    }
    c
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
            .env("OM_PASSPHRASE", om_testkit::identity::PASSPHRASE)
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
    /// `om-issuer endorse --to DID --name NAME --role ROLE --letter FILE`,
    /// then `then` (`-o FILE`, `--deliver URL`, …): a letter written by this
    /// person about `to`. Returns what the command printed.
    pub fn endorse(&self, to: &str, name: &str, role: &str, letter: &str, then: &[&str]) -> String {
        let mut args = vec![
            "endorse", "--to", to, "--name", name, "--role", role, "--letter", letter,
        ];
        args.extend_from_slice(then);
        self.run("om-issuer", &args)
    }

    pub fn did(&self) -> String {
        om_testkit::identity::did_in(self.home.path())
    }

    /// A path inside the home.
    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }
}

/// A team that runs a cohort: an `om-issuer` identity whose organiser confirms
/// co-mentors and participants (`om-issuer team confirm`); the writers keep the
/// confirmations (`om-issuer confirmations add`) and their letters carry them.
pub struct Team {
    /// The organiser's home.
    pub person: Person,
    /// The team's DID (what verifiers trust).
    pub did: String,
}

impl Team {
    /// A team named `name` with a fresh identity.
    pub fn new(name: &str) -> Self {
        let person = Person::new();
        person.run("om-issuer", &["init", "--name", name]);
        let did = person.did();
        Self { person, did }
    }

    /// Confirms `writer` as a participant (`participant` is `None`) or as a
    /// co-mentor of `participant` (DID, name), and has the writer keep it.
    pub fn confirm(&self, writer: &Person, writer_name: &str, participant: Option<(&str, &str)>) {
        let file = self
            .person
            .path(&format!("confirmation-{}.json", free_port()));
        let file = file.to_str().expect("utf-8 path");
        let writer_did = writer.did();
        let mut args = vec![
            "team",
            "confirm",
            "--did",
            &writer_did,
            "--name",
            writer_name,
        ];
        match participant {
            Some((did, name)) => {
                args.extend(["--as", "co-mentor", "--of", did, "--of-name", name]);
            }
            None => args.extend(["--as", "participant"]),
        }
        args.extend(["-o", file]);
        self.person.run("om-issuer", &args);
        writer.run("om-issuer", &["confirmations", "add", file]);
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
        let db = dir.join("verifier.sqlite");
        Self::start_named(
            dir,
            "verifier",
            db.to_str().expect("utf-8 path"),
            None,
            extra,
        )
    }

    /// Starts a verifier named `name` (its logs are `dir/NAME.log` and
    /// `dir/NAME.err`) on a free loopback port with the share store `db` (a
    /// SQLite path or a PostgreSQL URL) and the public URL given (default:
    /// its own address).
    pub fn start_named(
        dir: &Path,
        name: &str,
        db: &str,
        public_url: Option<&str>,
        extra: &[&str],
    ) -> Self {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let log = dir.join(format!("{name}.log"));
        let addr = format!("127.0.0.1:{port}");
        let mut args = vec![
            "serve",
            "--addr",
            &addr,
            "--db",
            db,
            "--public-url",
            public_url.unwrap_or(&base),
            "--allow-local-fetch",
            "--status-cache-seconds",
            "0",
        ];
        args.extend_from_slice(extra);
        let child = Command::new(bin("om-verifier"))
            .args(&args)
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).expect("log file"))
            .stderr(std::fs::File::create(dir.join(format!("{name}.err"))).expect("log file"))
            .spawn()
            .expect("om-verifier starts");
        let me = Self { child, base, log };
        me.wait_healthy();
        me
    }

    /// Kills the process with SIGKILL (no graceful shutdown) and reaps it.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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

/// A loopback TCP proxy standing for a load balancer: each new connection
/// goes to the backend chosen at that moment ([`SwitchProxy::route_to`]).
pub struct SwitchProxy {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    target: Arc<std::sync::Mutex<String>>,
    stop: Arc<AtomicBool>,
}

impl SwitchProxy {
    /// A proxy sending connections to `target` (`http://127.0.0.1:PORT`).
    pub fn start(target: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let target = Arc::new(std::sync::Mutex::new(target.to_string()));
        let (flag, to) = (stop.clone(), target.clone());
        std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let backend = to.lock().expect("lock").clone();
                        std::thread::spawn(move || pipe(client, &backend));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Self { base, target, stop }
    }

    /// Sends the next connections to `target`.
    pub fn route_to(&self, target: &str) {
        *self.target.lock().expect("lock") = target.to_string();
    }
}

impl Drop for SwitchProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn pipe(client: TcpStream, backend: &str) {
    let _ = client.set_nonblocking(false);
    let addr = backend.trim_start_matches("http://");
    let Ok(server) = TcpStream::connect(addr) else {
        return;
    };
    let (Ok(mut c2), Ok(mut s2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let up = std::thread::spawn(move || {
        let mut client = client;
        let mut server = server;
        let _ = std::io::copy(&mut client, &mut server);
        let _ = server.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut s2, &mut c2);
    let _ = c2.shutdown(std::net::Shutdown::Write);
    let _ = up.join();
}
