//! Serving the web application: listening (within the connection limits of
//! [`crate::http::connections`]), purging expired shares, and a graceful shutdown on
//! SIGINT or SIGTERM.

use std::time::Duration;

use anyhow::Context;

use crate::http::connections::{serve_connections, ConnectionLimits};
use crate::http::router::app;
use crate::http::state::AppState;

/// Serves `state` on `addr` within `connections` until SIGINT or SIGTERM;
/// purges expired shares periodically.
pub async fn serve(
    state: AppState,
    addr: std::net::SocketAddr,
    connections: ConnectionLimits,
) -> anyhow::Result<()> {
    let listener = listen(addr).with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!(%addr, public_url = %state.public_url, store = state.store.backend().name(), "om-verifier listening");
    let purge_state = state.clone();
    let shutdown_state = state.clone();
    let purger = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            match purge_state.store.purge_expired().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "expired shares removed"),
                Err(e) => tracing::warn!(error = %e, "purging expired shares failed"),
            }
        }
    });
    serve_connections(listener, app(state), connections, shutdown_signal()).await?;
    // Every in-flight request has been answered: now the store may close.
    purger.abort();
    shutdown_state.store.close();
    tracing::info!("om-verifier stopped");
    Ok(())
}

/// Connections the kernel queues for `accept` (Linux caps it at
/// `net.core.somaxconn`, 4096 by default): a burst of strangers' connections
/// then leaves room for everyone else's until the loop has closed them.
const LISTEN_BACKLOG: u32 = 4096;

fn listen(addr: std::net::SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
