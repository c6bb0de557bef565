//! `om-verifier`: see the library crate for the pieces.

use std::io::IsTerminal;
use std::process::ExitCode;

use om_cli::Tool;
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
        // Plain text when the log goes to a file or a pipe.
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .init();
    om_cli::run::main(
        Tool::Verifier,
        || run(om_cli::args::parse::<Cli>()),
        |_| None,
    )
}
