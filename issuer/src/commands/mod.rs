//! One module per subcommand.

mod badge;
mod batch;
mod confirmations;
mod deliver;
mod endorse;
mod init;
mod list;
mod profile;
mod publish;
mod revoke;
mod team;

use anyhow::Result;
use om_cli::Status;

use crate::cli::{Cli, Command};
use crate::context::Home;

/// Runs the parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<Status> {
    let home = Home::new(&cli.home);
    let done = match cli.command {
        Command::Init(a) => init::run(&home, a),
        Command::Whoami(a) => profile::show(&home, a.no_qr),
        Command::Profile(a) => profile::update(&home, a),
        Command::ExportDid => profile::export_did(&home),
        Command::Endorse(a) => endorse::run(&home, a),
        Command::Badge(a) => badge::run(&home, a),
        Command::Withdraw(a) => deliver::withdraw(&home, &a.exchange),
        Command::Batch(a) => return batch::run(&home, a),
        Command::Revoke(a) => return revoke::revoke(&home, a),
        Command::StatusList(a) => return revoke::status_list(&home, a),
        Command::List(a) => list::run(&home, a.json),
        Command::Team(crate::cli::TeamCommand::Confirm(a)) => team::confirm(&home, a),
        Command::Team(crate::cli::TeamCommand::Withdraw(a)) => return revoke::revoke(&home, a),
        Command::Confirmations(crate::cli::ConfirmationsCommand::Add { file }) => {
            confirmations::add(&home, &file)
        }
        Command::Confirmations(crate::cli::ConfirmationsCommand::List { json }) => {
            confirmations::list(&home, json)
        }
        Command::Completions { shell } => {
            om_cli::completions::print::<Cli>(shell, "om-issuer");
            Ok(())
        }
        Command::Man => {
            om_cli::completions::print_man::<Cli>()?;
            Ok(())
        }
    };
    done.map(|()| Status::Holds)
}
