//! Output files: written atomically (never half-written), or standard output.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
pub use om_core::low_level::fsutil::Visibility;

/// Writes `bytes` to `path` atomically.
pub fn write_file(path: &Path, bytes: &[u8], visibility: Visibility) -> Result<()> {
    om_core::low_level::fsutil::write_atomic(path, bytes, visibility)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Writes shareable output to a file (atomically) or, without a path, to
/// standard output followed by a newline.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(p) => write_file(p, bytes, Visibility::Shared),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.write_all(b"\n")?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Text that came from elsewhere (a server's `reason` or problem `detail`, a
/// letter's names), made safe to print at a terminal: control characters
/// (escape sequences among them), and the bidirectional and invisible
/// formatting characters that change how the rest reads, are shown as
/// visible escapes (`\u{1b}`), so a server cannot move the cursor, recolour
/// or rewrite what the tool prints around it.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let hidden = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if hidden {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Asks a yes/no question at the terminal (on standard error) and reads the
/// answer from standard input; `None` when standard input is not a terminal
/// (a script: nobody can be asked).
pub fn confirm(question: &str) -> Result<Option<bool>> {
    use std::io::{BufRead, IsTerminal};
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let mut err = std::io::stderr().lock();
    write!(err, "{question} [y/N] ")?;
    err.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Some(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    )))
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            printable("ok\u{1b}[2J\u{1b}]0;pwned\u{7}\r\nx\u{202e}y\u{9b}"),
            "ok\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}\\u{a}x\\u{202e}y\\u{9b}"
        );
        assert_eq!(printable("Ana Lima — café"), "Ana Lima — café");
    }
}
