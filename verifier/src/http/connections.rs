//! Connections a stranger cannot hoard: the accept loop of `om-verifier serve`.
//!
//! Every accepted connection holds a file descriptor until it ends, so the
//! loop bounds them four ways (`specs/threat-model.md`, "Connection
//! hoarding"):
//!
//! - a **global cap** kept well below the process's open-file limit
//!   (`RLIMIT_NOFILE`): at the cap the loop stops accepting (new connections
//!   wait in the kernel's backlog), so the database and outbound fetches
//!   always find a descriptor;
//! - a **cap per client address** (IPv6: its /64): a connection over it is
//!   closed at once after accept, without reading from it;
//! - a **header timeout**: a connection that has not sent a complete request
//!   head within it (counted from accept, or from the first byte of its next
//!   request) is closed;
//! - an **idle timeout**: a connection with no request in flight on which no
//!   byte moved either way for it (a kept-alive connection waiting for its
//!   next request, or a client that does not read its answer) is closed.
//!
//! A request in flight is bounded by the request timeout of the app itself.
//! Accept errors (such as "too many open files") are logged and the loop
//! pauses briefly instead of spinning.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::http::limits::client_key;

/// Default of `--header-timeout-secs`.
pub const DEFAULT_HEADER_TIMEOUT_SECS: u64 = 10;
/// Default of `--idle-timeout-secs`.
pub const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 30;
/// Default of `--max-connections-per-ip`.
pub const DEFAULT_MAX_CONNECTIONS_PER_IP: usize = 64;

/// File descriptors kept out of the connection cap at least (the database,
/// outbound fetches, logs, the listener).
const FD_HEADROOM_MIN: u64 = 256;
/// The open-file limit asked for at most (Linux's usual `nr_open`); an
/// unlimited hard limit counts as this.
const MAX_FD_LIMIT: u64 = 1 << 20;
/// The connection cap is never set below this.
const MIN_CONNECTIONS: usize = 16;
/// How long the accept loop pauses after an accept error.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);

/// The bounds on connections (the CLI's defaults: the `DEFAULT_*` constants,
/// and [`default_max_connections`] of [`open_file_limit`]).
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// Time a connection has to send a complete request head.
    pub header_timeout: Duration,
    /// Time a connection with no request in flight may stay silent.
    pub idle_timeout: Duration,
    /// Connections open at once from one client address (0: no cap).
    pub max_per_ip: usize,
    /// Connections open at once in all.
    pub max_connections: usize,
}

/// The process's open-file limit (the soft `RLIMIT_NOFILE`), first raised to
/// the hard limit (at most 2^20) where the system allows it; 1024 where it
/// cannot be read.
pub fn open_file_limit() -> u64 {
    #[cfg(unix)]
    {
        // Raising the soft limit to the hard one is what a service manager
        // would do; it fails harmlessly where it is not allowed.
        if let Ok(n) = rlimit::increase_nofile_limit(MAX_FD_LIMIT) {
            return n.min(MAX_FD_LIMIT);
        }
        if let Ok((soft, _)) = rlimit::getrlimit(rlimit::Resource::NOFILE) {
            return soft.min(MAX_FD_LIMIT);
        }
    }
    1024
}

/// The connection cap for an open-file limit: three quarters of it, and at
/// least 256 descriptors left for everything else (at least 16 connections).
pub fn default_max_connections(fd_limit: u64) -> usize {
    let headroom = (fd_limit / 4).max(FD_HEADROOM_MIN);
    let cap = fd_limit.saturating_sub(headroom);
    usize::try_from(cap)
        .unwrap_or(usize::MAX)
        .max(MIN_CONNECTIONS)
}

/// Open connections per client address.
#[derive(Debug, Default)]
struct PerIp {
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One counted connection; uncounted when dropped.
struct IpSlot {
    table: Arc<PerIp>,
    key: IpAddr,
}

impl PerIp {
    /// Counts a connection from `ip`, unless `cap` are open already (0: no cap).
    fn admit(self: &Arc<Self>, ip: IpAddr, cap: usize) -> Option<IpSlot> {
        let key = client_key(ip);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(key).or_insert(0);
        if cap != 0 && *n >= cap {
            return None;
        }
        *n += 1;
        Some(IpSlot {
            table: self.clone(),
            key,
        })
    }
}

impl Drop for IpSlot {
    fn drop(&mut self) {
        let mut open = self.table.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// What a connection is doing, for its timeouts.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Waiting for a complete request head since then.
    Head(Instant),
    /// This many requests are being answered.
    Busy(usize),
    /// The last answer was handed over then; nothing new has arrived.
    Idle(Instant),
}

#[derive(Debug)]
struct ClockState {
    phase: Phase,
    last_io: Instant,
}

/// The phase of one connection and when a byte last moved on it.
#[derive(Debug)]
struct Clock(Mutex<ClockState>);

/// Why a connection was closed by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiry {
    Header,
    Idle,
}

impl Clock {
    fn new(now: Instant) -> Self {
        Self(Mutex::new(ClockState {
            phase: Phase::Head(now),
            last_io: now,
        }))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ClockState> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn read(&self) {
        let now = Instant::now();
        let mut s = self.state();
        s.last_io = now;
        if let Phase::Idle(_) = s.phase {
            s.phase = Phase::Head(now);
        }
    }

    fn wrote(&self) {
        self.state().last_io = Instant::now();
    }

    fn begin(&self) {
        let mut s = self.state();
        s.phase = match s.phase {
            Phase::Busy(n) => Phase::Busy(n + 1),
            _ => Phase::Busy(1),
        };
    }

    fn end(&self) {
        let mut s = self.state();
        s.phase = match s.phase {
            Phase::Busy(n) if n > 1 => Phase::Busy(n - 1),
            _ => Phase::Idle(Instant::now()),
        };
    }

    /// The expiry due at `now`, or when to look again.
    fn check(&self, now: Instant, limits: &ConnectionLimits) -> Result<Instant, Expiry> {
        let s = self.state();
        let (deadline, expiry) = match s.phase {
            Phase::Head(since) => (since + limits.header_timeout, Expiry::Header),
            // A request in flight is bounded by the app's request timeout;
            // look again later (the phase may have changed by then).
            Phase::Busy(_) => {
                return Ok(now + limits.header_timeout.min(limits.idle_timeout));
            }
            Phase::Idle(since) => (since.max(s.last_io) + limits.idle_timeout, Expiry::Idle),
        };
        if now >= deadline {
            Err(expiry)
        } else {
            // A phase change can bring the deadline closer (a head arrives
            // and the answer is sent before the header deadline, and the idle
            // timeout is shorter), but never closer than the shorter timeout
            // from now: looking again by then never oversleeps a deadline.
            let soonest = limits.header_timeout.min(limits.idle_timeout);
            Ok(deadline.min(now + soonest))
        }
    }
}

/// A TCP stream that tells its clock when bytes move.
struct Tracked {
    inner: TcpStream,
    clock: Arc<Clock>,
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.clock.read();
        }
        polled
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Marks a request in flight until dropped (answered, or abandoned).
struct InFlight(Arc<Clock>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.end();
    }
}

/// The app as one connection sees it: with the peer's address
/// (`ConnectInfo<SocketAddr>`, as `into_make_service_with_connect_info`
/// gives it) and its requests counted on the connection's clock.
#[derive(Clone)]
struct ConnService {
    router: Router,
    remote: SocketAddr,
    clock: Arc<Clock>,
}

impl hyper::service::Service<hyper::Request<Incoming>> for ConnService {
    type Response = axum::response::Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, mut req: hyper::Request<Incoming>) -> Self::Future {
        req.extensions_mut().insert(ConnectInfo(self.remote));
        self.clock.begin();
        let in_flight = InFlight(self.clock.clone());
        let router = self.router.clone();
        Box::pin(async move {
            let answer = router.oneshot(req.map(axum::body::Body::new)).await;
            drop(in_flight);
            answer
        })
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves;
/// then stops accepting, lets every connection finish its request in flight
/// (idle ones close at once), and returns when all have ended.
pub async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let limits = Arc::new(limits);
    let max = limits
        .max_connections
        .clamp(1, Semaphore::MAX_PERMITS.min(u32::MAX as usize));
    let slots = Arc::new(Semaphore::new(max));
    let per_ip = Arc::new(PerIp::default());
    let mut builder = Builder::new(TokioExecutor::new());
    // The header timeout is ours (Clock): hyper's would also cut kept-alive
    // connections that are merely idle.
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(None);
    builder.http2().timer(TokioTimer::new());
    let builder = Arc::new(builder);
    let (stop_tx, stop_rx) = watch::channel(false);
    tracing::info!(
        max_connections = max,
        max_connections_per_ip = limits.max_per_ip,
        header_timeout_secs = limits.header_timeout.as_secs_f64(),
        idle_timeout_secs = limits.idle_timeout.as_secs_f64(),
        "connection limits"
    );

    tokio::pin!(shutdown);
    loop {
        // At the global cap, wait for a free slot before accepting: new
        // connections wait in the kernel's backlog, never past the fd limit.
        let slot = tokio::select! {
            _ = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
        };
        let (stream, remote) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    // EMFILE/ENFILE and the like: never spin, never stop.
                    tracing::warn!(error = %e, "accept error; pausing");
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
        };
        let Some(ip_slot) = per_ip.admit(remote.ip(), limits.max_per_ip) else {
            tracing::debug!(peer = %remote.ip(), "too many connections from this address; closed");
            // Dropping the stream closes it without reading from it.
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let clock = Arc::new(Clock::new(Instant::now()));
        let io = TokioIo::new(Tracked {
            inner: stream,
            clock: clock.clone(),
        });
        let service = ConnService {
            router: router.clone(),
            remote,
            clock: clock.clone(),
        };
        let builder = builder.clone();
        let limits = limits.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let _ip_slot = ip_slot;
            let conn = builder.serve_connection_with_upgrades(io, service);
            tokio::pin!(conn);
            let mut stopping = false;
            loop {
                let wake = match clock.check(Instant::now(), &limits) {
                    Ok(at) => at,
                    Err(expiry) => {
                        tracing::debug!(peer = %remote, ?expiry, "connection timed out; closed");
                        return;
                    }
                };
                tokio::select! {
                    done = conn.as_mut() => {
                        if let Err(e) = done {
                            tracing::debug!(peer = %remote, error = %e, "connection ended with an error");
                        }
                        return;
                    }
                    _ = tokio::time::sleep_until(wake) => {}
                    _ = stop.changed(), if !stopping => {
                        stopping = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
        });
    }

    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection task holds a slot: all slots back means all ended.
    let _all = slots
        .acquire_many(u32::try_from(max).unwrap_or(u32::MAX))
        .await;
    Ok(())
}

/// Errors about one incoming connection (not the listener): just go on.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_headroom_below_the_fd_limit() {
        assert_eq!(default_max_connections(1024), 768);
        assert_eq!(default_max_connections(20_000), 15_000);
        assert_eq!(default_max_connections(256), MIN_CONNECTIONS);
        assert!(default_max_connections(512) <= 256);
    }

    #[test]
    fn per_ip_slots_are_capped_and_given_back() {
        let table = Arc::new(PerIp::default());
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let a = table.admit(ip, 2).unwrap();
        let _b = table.admit(ip, 2).unwrap();
        assert!(table.admit(ip, 2).is_none());
        assert!(table.admit("192.0.2.8".parse().unwrap(), 2).is_some());
        drop(a);
        assert!(table.admit(ip, 2).is_some());
        // One /64 is one client.
        let v6a: IpAddr = "2001:db8::1".parse().unwrap();
        let v6b: IpAddr = "2001:db8::2".parse().unwrap();
        let _c = table.admit(v6a, 1).unwrap();
        assert!(table.admit(v6b, 1).is_none());
        assert!(table.admit(v6b, 0).is_some(), "0 means no cap");
    }

    #[test]
    fn the_clock_expires_heads_and_idle_connections() {
        let limits = ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_per_ip: 1,
            max_connections: 1,
        };
        let secs = Duration::from_secs;
        let t0 = Instant::now();
        let clock = Clock::new(t0);
        assert_eq!(clock.check(t0, &limits), Ok(t0 + secs(10)));
        assert_eq!(clock.check(t0 + secs(10), &limits), Err(Expiry::Header));
        clock.begin();
        let busy = clock.check(t0 + secs(100), &limits);
        assert!(busy.is_ok(), "a request in flight is not cut here");
        clock.end();
        let idle_at = Instant::now();
        let wake = clock.check(idle_at + secs(29), &limits).unwrap();
        assert!(wake > idle_at + secs(29) && wake <= idle_at + secs(30));
        assert_eq!(clock.check(idle_at + secs(30), &limits), Err(Expiry::Idle));
        clock.read();
        let head_at = Instant::now();
        let wake = clock.check(head_at, &limits).unwrap();
        assert!(
            wake > head_at + secs(9) && wake <= head_at + secs(10),
            "a byte after idling starts the header clock"
        );
        assert_eq!(
            clock.check(head_at + secs(10), &limits),
            Err(Expiry::Header)
        );
    }
}
