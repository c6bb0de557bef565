//! The subcommands. Each returns the process exit status.

mod backup;
mod check;
mod credentials;
mod exchange;
mod identity;
mod share;

use anyhow::Result;
use om_cli::Status;

use crate::cli::{Cli, Command};
use crate::wallet::Wallet;

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<Status> {
    let mut w = Wallet::new(cli.home.dir(), cli.home.passphrase_file.clone());
    match cli.command {
        Command::Init(args) => identity::init(&w, &args),
        Command::Did { no_qr } => identity::did(&w, no_qr),
        Command::Import { sources, json } => credentials::import(&mut w, &sources, json),
        Command::List { json, check_status } => credentials::list(&mut w, json, check_status),
        Command::Show { id, json } => credentials::show(&mut w, &id, json),
        Command::Remove { id } => credentials::remove(&mut w, &id),
        Command::Export { id, all, out } => {
            credentials::export(&mut w, id.as_deref(), all, out.as_deref())
        }
        Command::Check { json, trust } => check::check(&mut w, json, &trust),
        Command::Present(args) => match args.to.clone() {
            Some(link) => exchange::present_to(&mut w, &args, &link),
            None => check::present(&mut w, &args),
        },
        Command::Receive { link, json } => exchange::receive(&mut w, &link, json),
        Command::Request(args) => exchange::request(&mut w, &args),
        Command::Share(args) => share::share(&mut w, &args),
        Command::Unshare { id_or_url } => share::unshare(&mut w, &id_or_url),
        Command::Shares { json } => share::shares(&mut w, json),
        Command::Backup { file } => backup::backup(&mut w, &file),
        Command::Restore { file, force } => backup::restore(&mut w, &file, force),
        Command::Completions { shell } => {
            om_cli::completions::print::<Cli>(shell, "om-wallet");
            Ok(Status::Holds)
        }
        Command::Man => {
            om_cli::completions::print_man::<Cli>()?;
            Ok(Status::Holds)
        }
    }
}

/// Writes text to a file (atomically) or to standard output.
pub(crate) fn emit(out: Option<&std::path::Path>, text: &str) -> Result<()> {
    match out {
        Some(path) => {
            om_core::low_level::fsutil::write_atomic(
                path,
                text.as_bytes(),
                om_core::low_level::fsutil::Visibility::Private,
            )?;
            eprintln!("written to {}", path.display());
        }
        None => println!("{text}"),
    }
    Ok(())
}

/// A date-time shown as a date.
pub(crate) fn day(s: Option<&str>) -> String {
    s.and_then(om_core::credential::parse_date)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .or_else(|| s.map(str::to_string))
        .unwrap_or_else(|| "-".into())
}
