//! # om-wallet
//!
//! The participant's wallet of Open Masters Credentials: keep letters of
//! endorsement (W3C VC 2.0 / Open Badges 3.0), check the programme rule, and
//! share a signed presentation with an employer as a link or QR code.
//!
//! The binary is thin; the pieces are here so that tests and benchmarks can use
//! them: [`store`] (the SQLite wallet), [`extract`] (credentials out of files
//! and baked badges), [`import`], [`share`] (the verifier's share contract),
//! [`backup`]. What the three tools share (home, passphrase, exit codes, QR
//! codes) is in `om-cli`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod backup;
pub mod cli;
pub mod commands;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod import;
pub mod pdf;
pub mod rule_text;
pub mod share;
pub mod store;
pub mod wallet;

/// Parses the command line and runs it (see [`om_cli::run::main`]: errors are
/// printed with a hint, and the exit status follows the shared contract).
pub fn main_with_args() -> std::process::ExitCode {
    om_cli::run::main(
        om_cli::Tool::Wallet,
        || commands::run(om_cli::args::parse::<cli::Cli>()),
        error::hint_for,
    )
}
