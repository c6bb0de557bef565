//! `om-issuer`: sign letters of endorsement and Open Badges for Open Masters
//! participants, as W3C Verifiable Credentials signed with Data Integrity EdDSA.
//!
//! This file only parses the command line and prints errors; the work is done
//! in [`commands`].
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod context;
mod log;
mod util;

use std::process::ExitCode;

use om_cli::Tool;

fn main() -> ExitCode {
    om_cli::run::main(
        Tool::Issuer,
        || commands::run(om_cli::args::parse::<cli::Cli>()),
        |_| None,
    )
}
