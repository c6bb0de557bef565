//! `om-issuer`: sign letters of endorsement and Open Badges for Open Masters
//! participants, as W3C Verifiable Credentials signed with Data Integrity EdDSA.
//!
//! This file only parses the command line and prints errors; the work is done
//! in [`commands`].
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod context;
mod hint;
mod log;
mod passphrase;
mod util;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            if let Some(h) = hint::hint_for(&err) {
                eprintln!("hint: {h}");
            }
            ExitCode::from(1)
        }
    }
}

/// True when the output was closed early (`om-issuer man | head`): not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
