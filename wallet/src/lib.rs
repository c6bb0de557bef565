//! # om-wallet
//!
//! The participant's wallet of Open Masters Credentials: keep letters of
//! endorsement (W3C VC 2.0 / Open Badges 3.0), check the programme rule, and
//! share a signed presentation with an employer as a link or QR code.
//!
//! The binary is thin; the pieces are here so that tests and benchmarks can use
//! them: [`store`] (the SQLite wallet), [`extract`] (credentials out of files
//! and baked badges), [`import`], [`share`] (the verifier's share contract),
//! [`qr`], [`backup`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod backup;
pub mod cli;
pub mod commands;
pub mod error;
pub mod extract;
pub mod import;
pub mod passphrase;
pub mod qr;
pub mod rule_text;
pub mod share;
pub mod store;
pub mod wallet;

/// Parses the command line, runs it, prints errors with a hint; returns the exit status.
pub fn main_with_args() -> i32 {
    use clap::Parser;
    quiet_broken_pipe();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            if let Some(h) = error::hint_for(&e) {
                eprintln!("hint: {h}");
            }
            2
        }
    }
}

/// `om-wallet list | head` must not end in a panic message when the reader
/// goes away: printing to a closed pipe exits quietly (status 141, as a shell would).
fn quiet_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if msg.contains("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}
