//! Setting text: shaping with the bundled font (rustybuzz), ordering mixed
//! left-to-right and right-to-left text for display (the Unicode Bidirectional
//! Algorithm, UAX #9), measuring and wrapping.

use std::ops::Range;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use super::PdfError;

/// DejaVu Sans 2.37, unmodified (licence: `wallet/assets/fonts/DejaVuSans-LICENSE.txt`).
/// Latin, Greek, Cyrillic, Hebrew and Arabic; only the glyphs a document uses
/// are embedded in it.
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// One run of text in one direction, shaped, ready to draw.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    /// The run's text, in logical (reading) order.
    pub text: String,
    /// Its glyphs in visual order (left to right on the page); their text
    /// ranges point into `text`, which is what gives the PDF its text layer.
    pub glyphs: Vec<KrillaGlyph>,
    /// Its width in ems.
    pub width: f32,
}

/// The font, for shaping (rustybuzz) and for the PDF (krilla).
pub(crate) struct Typesetter {
    face: rustybuzz::Face<'static>,
    font: Font,
    upem: f32,
}

impl Typesetter {
    /// The bundled font.
    pub fn new() -> Result<Self, PdfError> {
        let face = rustybuzz::Face::from_slice(FONT, 0).ok_or(PdfError::Font)?;
        let font = Font::new(FONT.into(), 0).ok_or(PdfError::Font)?;
        let upem = face.units_per_em() as f32;
        Ok(Self { face, font, upem })
    }

    /// The font as krilla embeds it.
    pub fn font(&self) -> Font {
        self.font.clone()
    }

    /// Whether the font has a glyph for every letter of `text`; what it lacks
    /// is drawn as an empty box.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .all(|c| self.face.glyph_index(c).is_some())
    }

    /// Shapes `text` in one direction. Glyphs come out in visual order.
    fn shape(&self, text: &str, rtl: bool) -> Run {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let shaped = rustybuzz::shape(&self.face, &[], buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // Each glyph stands for its cluster: from the cluster's first byte to the
        // next cluster's first byte in logical order.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let cluster_range = |start: usize| -> Range<usize> {
            let end = starts
                .iter()
                .copied()
                .find(|&s| s > start)
                .unwrap_or(text.len());
            start..end
        };
        let mut width = 0.0;
        let glyphs = infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| {
                let advance = pos.x_advance as f32 / self.upem;
                width += advance;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    advance,
                    pos.x_offset as f32 / self.upem,
                    pos.y_offset as f32 / self.upem,
                    pos.y_advance as f32 / self.upem,
                    cluster_range(info.cluster as usize),
                    None,
                )
            })
            .collect();
        Run {
            text: text.to_string(),
            glyphs,
            width,
        }
    }

    /// One line of text as runs in visual order (left to right), each shaped in
    /// its own direction. `rtl` is the paragraph's direction.
    pub fn line(&self, text: &str, rtl: bool) -> Vec<Run> {
        if text.is_empty() {
            return vec![];
        }
        let level = if rtl { Level::rtl() } else { Level::ltr() };
        let info = BidiInfo::new(text, Some(level));
        let Some(para) = info.paragraphs.first() else {
            return vec![];
        };
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        runs.into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| self.shape(&text[r.clone()], levels[r.start].is_rtl()))
            .collect()
    }

    /// The width of a line, in ems.
    pub fn width(&self, text: &str, rtl: bool) -> f32 {
        self.line(text, rtl).iter().map(|r| r.width).sum()
    }

    /// Breaks a paragraph (no line breaks inside) into lines no wider than
    /// `max` ems, between words; a word wider than a line is cut.
    pub fn wrap(&self, paragraph: &str, rtl: bool, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, rtl) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: cut it where it no longer fits.
            let mut rest = word;
            while self.width(rest, rtl) > max {
                let mut cut = 0;
                for (i, c) in rest.char_indices() {
                    let end = i + c.len_utf8();
                    if self.width(&rest[..end], rtl) > max {
                        break;
                    }
                    cut = end;
                }
                if cut == 0 {
                    cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                }
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line = rest.to_string();
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Whether a paragraph reads right to left: its first strong letter is
/// Hebrew, Arabic or another right-to-left script (UAX #9, rules P2–P3).
pub(crate) fn is_rtl(paragraph: &str) -> bool {
    BidiInfo::new(paragraph, None)
        .paragraphs
        .first()
        .is_some_and(|p| p.level.is_rtl())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(t: &Typesetter, text: &str, rtl: bool) -> Vec<String> {
        t.line(text, rtl).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn a_hebrew_name_in_an_english_line_is_one_right_to_left_run() {
        let t = Typesetter::new().unwrap();
        let runs = t.line("Letter from שרה כהן, mentor", false);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Letter from ", "שרה כהן", ", mentor"]);
        // Drawn right to left: the glyphs of the name come out last letter first.
        let first = &runs[1].glyphs[0];
        assert_eq!(&runs[1].text[first.text_range.clone()], "ן");
    }

    #[test]
    fn a_right_to_left_paragraph_puts_its_first_word_on_the_right() {
        let t = Typesetter::new().unwrap();
        assert!(is_rtl("مرحبا Ada"));
        assert!(!is_rtl("Ada مرحبا"));
        // The space takes the paragraph's direction: drawn right to left, it
        // falls between "Ada" and the Arabic word.
        assert_eq!(visual(&t, "مرحبا Ada", true), ["Ada", "مرحبا "]);
    }

    #[test]
    fn arabic_is_shaped_into_joined_forms() {
        let t = Typesetter::new().unwrap();
        let run = &t.line("سلمى", true)[0];
        let isolated: Vec<GlyphId> = "سلمى"
            .chars()
            .map(|c| GlyphId::new(t.face.glyph_index(c).unwrap().0.into()))
            .collect();
        let shaped: Vec<GlyphId> = run.glyphs.iter().map(|g| g.glyph_id).collect();
        assert!(
            shaped.iter().any(|g| !isolated.contains(g)),
            "joined forms replace the isolated letters"
        );
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let t = Typesetter::new().unwrap();
        let text = "word ".repeat(200) + &"x".repeat(300);
        let lines = t.wrap(&text, false, 30.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| t.width(l, false) <= 30.0));
        let joined: String = lines.concat();
        assert_eq!(
            joined.replace(' ', ""),
            text.replace(' ', ""),
            "nothing lost"
        );
        assert!(t.covers("Ada Łukasiewicz, Ἀλέξανδρος, Юлия, שרה, سلمى"));
        assert!(!t.covers("山田"));
    }
}
