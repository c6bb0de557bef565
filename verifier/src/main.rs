use std::process::ExitCode;

use clap::Parser;
use om_verifier::cli::{run, Cli};

/// Verification allocates many small, short-lived values (trees, quads,
/// lines); mimalloc serves them faster than the system allocator under
/// concurrent requests (verifier/bench/compare.sh).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("om-verifier: {e:#}");
            ExitCode::from(2)
        }
    }
}
