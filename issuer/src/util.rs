//! Small helpers: dates and slugs.

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};

/// Parses `YYYY-MM-DD` (meaning the end of that day, UTC) or an RFC 3339 date-time.
pub fn parse_valid_until(s: &str) -> Result<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let end = d.and_hms_opt(23, 59, 59).context("invalid date")?.and_utc();
        return Ok(end);
    }
    anyhow::bail!("{s:?} is not a date: write it as 2030-12-31 or 2030-12-31T12:00:00Z")
}

/// A file-name-safe slug of a name: lowercase ASCII letters and digits joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "unnamed".into()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_valid_until("2030-12-31").unwrap().to_rfc3339(),
            "2030-12-31T23:59:59+00:00"
        );
        assert_eq!(
            parse_valid_until("2030-01-02T03:04:05+01:00")
                .unwrap()
                .to_rfc3339(),
            "2030-01-02T02:04:05+00:00"
        );
        assert!(parse_valid_until("31/12/2030").is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Zoë  O'Brien"), "zoe-o-brien");
        assert_eq!(slug("  "), "unnamed");
        assert_eq!(slug("José María"), "jose-maria");
    }
}
