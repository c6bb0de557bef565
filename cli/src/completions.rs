//! The `completions` and `man` subcommands of the three tools, written once:
//! each tool names its parsed command type and its binary, and the shell
//! completions or the manual page (roff) go to standard output.

use std::io::Write;

use clap::CommandFactory;

/// The shells completions are written for (bash, zsh, fish, powershell, elvish):
/// the type of each tool's `completions SHELL` argument.
pub use clap_complete::Shell;

/// Writes the completions of the tool `C` (binary `bin`) for `shell` to `out`.
/// The command is the one the tool parses, with the exit-code contract in its
/// help ([`crate::args::command`]).
pub fn write<C: CommandFactory>(shell: Shell, bin: &str, out: &mut dyn Write) {
    let mut cmd = crate::args::command::<C>();
    clap_complete::generate(shell, &mut cmd, bin, out);
}

/// Prints the completions of the tool `C` (binary `bin`) for `shell`.
pub fn print<C: CommandFactory>(shell: Shell, bin: &str) {
    write::<C>(shell, bin, &mut std::io::stdout());
}

/// Writes the manual page (roff) of the tool `C` to `out`.
pub fn write_man<C: CommandFactory>(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(crate::args::command::<C>()).render(out)
}

/// Prints the manual page (roff) of the tool `C`.
pub fn print_man<C: CommandFactory>() -> std::io::Result<()> {
    write_man::<C>(&mut std::io::stdout())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small tool, to check both outputs name it and its subcommands.
    #[derive(clap::Parser)]
    #[command(name = "om-test", about = "A test tool.")]
    struct Tool {
        #[command(subcommand)]
        command: Sub,
    }

    #[derive(clap::Subcommand)]
    enum Sub {
        /// Does a thing.
        Thing,
    }

    #[test]
    fn completions_and_man_name_the_tool_and_its_commands() {
        let mut out = Vec::new();
        write::<Tool>(Shell::Bash, "om-test", &mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("om-test") && text.contains("thing"), "{text}");
        let mut out = Vec::new();
        write_man::<Tool>(&mut out).unwrap();
        let roff = String::from_utf8(out).unwrap();
        assert!(roff.contains(".TH om-test"), "{roff}");
        assert!(roff.contains("Exit status"), "the contract is in the page");
    }
}
