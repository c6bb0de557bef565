//! The letters as a document (`om-wallet share --pdf`): a cover with the
//! participant's name, the wallet's own verdict, and the QR code and link that
//! open the live check; then each letter in full. See `specs/share-format.md`.
//!
//! The document is laid out here in points (lines, the QR code, rules, links),
//! then drawn with krilla ([`render`]): the font is embedded as a subset with a
//! map back to Unicode, so the text can be searched and copied.

mod layout;
mod render;
mod text;

pub use render::render;

/// Errors of making the PDF.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bundled font could not be read (a broken build).
    #[error("the bundled font could not be read")]
    Font,
    /// The link does not fit in a QR code.
    #[error("the link is too long for a QR code ({0} characters)")]
    QrTooLong(usize),
    /// The PDF writer refused the document.
    #[error("the PDF could not be written: {0}")]
    Render(String),
}

/// The paper the document is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 inches.
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 inch).
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }
}

/// What the document says: every sentence already worded (the verdict by
/// [`crate::rule_text`]), so the layout only places it.
#[derive(Debug, Clone)]
pub struct LettersDocument {
    /// The participant's name.
    pub participant: String,
    /// The participant's DID (the holder of the letters).
    pub holder: String,
    /// The link that opens the live check (and that the QR code holds).
    pub link: String,
    /// Until when the link works, as a date, if it expires.
    pub link_expires: Option<String>,
    /// The day of the wallet's check (`YYYY-MM-DD`, UTC).
    pub checked_on: String,
    /// The wallet's verdict, one sentence.
    pub verdict: String,
    /// Which teams the check trusted to confirm writers, one sentence.
    pub trusted: String,
    /// The letters, in the order shared.
    pub letters: Vec<DocumentLetter>,
}

/// One letter as the document shows it.
#[derive(Debug, Clone)]
pub struct DocumentLetter {
    /// The writer's stated name.
    pub writer: String,
    /// The writer's DID.
    pub writer_id: String,
    /// The role the writer states (mentor or peer).
    pub role: String,
    /// When it was written (`validFrom`, as a date).
    pub date: String,
    /// Who it is about, as the letter names them.
    pub subject: String,
    /// The letter's text, as signed.
    pub text: String,
    /// What the programme's confirmation of the writer comes to, one sentence.
    pub confirmation: String,
    /// Whether the letter counts towards the rule in the wallet's check, one sentence.
    pub standing: String,
}

/// Whether the bundled font can draw every letter of the document; a name in a
/// script it lacks (Chinese, Japanese, Korean, Devanagari, …) would print as
/// empty boxes, so the command warns.
pub fn missing_glyphs(doc: &LettersDocument) -> Result<Vec<String>, PdfError> {
    let t = text::Typesetter::new()?;
    let mut texts = vec![doc.participant.as_str()];
    for l in &doc.letters {
        texts.extend([l.writer.as_str(), l.subject.as_str(), l.text.as_str()]);
    }
    Ok(texts
        .into_iter()
        .filter(|s| !t.covers(s))
        .map(|s| s.chars().take(40).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_scripts_the_font_lacks_are_reported() {
        let mut doc = LettersDocument {
            participant: "Ada Lovelace".into(),
            holder: "did:key:z".into(),
            link: "https://v.example/s/x".into(),
            link_expires: None,
            checked_on: "2026-12-07".into(),
            verdict: "Complete.".into(),
            trusted: "A team.".into(),
            letters: vec![],
        };
        assert!(missing_glyphs(&doc).unwrap().is_empty());
        doc.participant = "山田花子".into();
        assert_eq!(missing_glyphs(&doc).unwrap(), ["山田花子"]);
    }
}
