//! The exit-code contract of the three tools.

use std::process::ExitCode;

/// How a command ended, as its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// 0: everything holds, or the command did what was asked.
    Holds = 0,
    /// 1: a negative verdict: invalid, refused, or not complete.
    Negative = 1,
    /// 2: could not check (say, a status list out of reach), or a usage or
    /// runtime error (a missing file, no identity, no passphrase).
    CouldNotCheck = 2,
}

impl Status {
    /// The exit code as a number.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The status of an exit code: 0 holds, 1 negative, anything else could not check.
    pub fn from_code(code: u8) -> Self {
        match code {
            0 => Self::Holds,
            1 => Self::Negative,
            _ => Self::CouldNotCheck,
        }
    }

    /// The worse of two statuses (could not check wins over negative, which
    /// wins over holds).
    pub fn worst(self, other: Self) -> Self {
        self.max(other)
    }
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        ExitCode::from(s.code())
    }
}

/// The contract as every `--help` states it.
pub const CONTRACT: &str = "\
Exit status (the same for om-issuer, om-wallet and om-verifier):
  0  everything holds, or the command did what was asked
  1  a negative verdict: invalid, refused, or not complete
  2  could not check (e.g. a status list out of reach), or a usage or runtime
     error (missing file, no identity, no passphrase)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_order() {
        assert_eq!(Status::Holds.code(), 0);
        assert_eq!(Status::Negative.code(), 1);
        assert_eq!(Status::CouldNotCheck.code(), 2);
        assert_eq!(
            Status::Negative.worst(Status::CouldNotCheck),
            Status::CouldNotCheck
        );
        assert_eq!(Status::Holds.worst(Status::Negative), Status::Negative);
    }
}
