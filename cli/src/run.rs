//! The `main` of every tool: broken pipes, printing errors with hints, and the
//! exit-code contract ([`crate::exit`]).

use std::process::ExitCode;

use crate::error::{hint_for, Tool};
use crate::exit::Status;

/// Lets writing to a closed pipe end the process quietly, as Unix tools do
/// (`om-wallet list | head`): the default SIGPIPE action is restored, so no
/// write to a closed standard output ever returns an error or panics.
pub fn quiet_broken_pipes() {
    #[cfg(unix)]
    #[allow(unsafe_code)]
    // SAFETY: called first thing in `main`, before any other thread exists;
    // setting a signal's action to SIG_DFL installs no handler code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// True when `err` comes from the reader of standard output going away.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints an error as `TOOL: error: …` and, when one is known, `hint: …`
/// (a [`crate::service::ServiceError`]'s own hint among them).
pub fn print_error(
    tool: Tool,
    err: &anyhow::Error,
    extra: impl Fn(&(dyn std::error::Error + 'static)) -> Option<String>,
) {
    eprintln!("{}: error: {err:#}", tool.name());
    let extra = |cause: &(dyn std::error::Error + 'static)| {
        crate::service::hint_of(cause).or_else(|| extra(cause))
    };
    if let Some(h) = hint_for(err, tool, extra) {
        eprintln!("hint: {h}");
    }
}

/// Runs a tool's command: its status becomes the exit code; an error is printed
/// with its hint and exits 2; a broken pipe ends quietly with 0.
pub fn main(
    tool: Tool,
    run: impl FnOnce() -> anyhow::Result<Status>,
    extra_hints: impl Fn(&(dyn std::error::Error + 'static)) -> Option<String>,
) -> ExitCode {
    quiet_broken_pipes();
    match run() {
        Ok(status) => status.into(),
        Err(err) if is_broken_pipe(&err) => Status::Holds.into(),
        Err(err) => {
            print_error(tool, &err, extra_hints);
            Status::CouldNotCheck.into()
        }
    }
}
