//! The exit-code contract of the three tools.

use std::process::ExitCode;

/// How a command ended, as its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: everything holds, or the command did what was asked.
    Holds = 0,
    /// 1: a negative verdict: invalid, refused, or not complete.
    Negative = 1,
    /// 3: not confirmed: the letters would meet the programme rule only on
    /// their writers' own word (no trusted team confirms enough of them).
    /// Worse than a plain negative, not as bad as "could not check".
    Unconfirmed = 3,
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
            3 => Self::Unconfirmed,
            _ => Self::CouldNotCheck,
        }
    }

    /// How bad a status is: holds < negative < unconfirmed < could not check.
    fn rank(self) -> u8 {
        match self {
            Self::Holds => 0,
            Self::Negative => 1,
            Self::Unconfirmed => 2,
            Self::CouldNotCheck => 3,
        }
    }

    /// The worse of two statuses (could not check wins over unconfirmed,
    /// which wins over negative, which wins over holds).
    pub fn worst(self, other: Self) -> Self {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
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
     error (missing file, no identity, no passphrase)
  3  not confirmed: the letters meet the Open Masters rule only on their
     writers' own word (no team you trust confirms enough of the writers)";

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
        assert_eq!(Status::Unconfirmed.code(), 3);
        assert_eq!(Status::from_code(3), Status::Unconfirmed);
        assert_eq!(
            Status::Negative.worst(Status::Unconfirmed),
            Status::Unconfirmed
        );
        assert_eq!(
            Status::Unconfirmed.worst(Status::CouldNotCheck),
            Status::CouldNotCheck
        );
    }
}
