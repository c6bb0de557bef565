//! Parsing a tool's command line with the exit-code contract added to every
//! `--help` (the tool's own and each subcommand's), from one text.

use clap::{Command, CommandFactory, FromArgMatches};

use crate::exit::CONTRACT;

/// Appends the exit-code contract to the help of `cmd` and of every subcommand.
pub fn with_contract(cmd: Command) -> Command {
    let after = match cmd.get_after_help() {
        Some(text) => format!("{text}\n\n{CONTRACT}"),
        None => CONTRACT.to_string(),
    };
    cmd.after_help(after).mut_subcommands(with_contract)
}

/// The tool's command, with the contract in every help.
pub fn command<C: CommandFactory>() -> Command {
    with_contract(C::command())
}

/// Parses the process's arguments; on a usage error prints it and exits 2,
/// on `--help` or `--version` prints and exits 0.
pub fn parse<C: CommandFactory + FromArgMatches>() -> C {
    let matches = command::<C>().get_matches();
    C::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}
