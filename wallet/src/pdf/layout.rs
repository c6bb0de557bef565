//! Placing the document on pages: the cover, then each letter from the top of
//! a page, wrapped and continued across pages, and a footer on every page.

use super::text::{is_rtl, Typesetter};
use super::{LettersDocument, Paper};

/// Ink colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    /// Body text.
    Text,
    /// Secondary text (dates, DIDs, notes).
    Muted,
    /// Headings and the link.
    Accent,
}

/// Something drawn on a page. Coordinates in points from the top left.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// One line of text.
    Text(Line),
    /// The QR code, `side` points square, top left at `x`, `y`.
    Qr { x: f32, y: f32, side: f32 },
    /// A thin horizontal line.
    Rule { x: f32, y: f32, width: f32 },
    /// A clickable area that opens the live check.
    Link { x: f32, y: f32, w: f32, h: f32 },
}

/// One line of text, placed.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Where it starts, from the left edge.
    pub x: f32,
    /// Its baseline, from the top edge.
    pub y: f32,
    /// The font size.
    pub size: f32,
    /// The text, in logical order.
    pub text: String,
    /// The paragraph's direction.
    pub rtl: bool,
    /// Its colour.
    pub ink: Ink,
    /// Heavier, for headings.
    pub bold: bool,
}

/// One page's items.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

/// A text style: size in points, ink, weight, space after, and whether each
/// paragraph takes the direction of its first letter (the letters' own words)
/// or reads left to right like the rest of the document (names inside it
/// still read right to left).
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    ink: Ink,
    bold: bool,
    after: f32,
    own_direction: bool,
}

const fn style(size: f32, ink: Ink, bold: bool, after: f32) -> Style {
    Style {
        size,
        ink,
        bold,
        after,
        own_direction: false,
    }
}

const KICKER: Style = style(9.0, Ink::Accent, true, 6.0);
const NAME: Style = style(24.0, Ink::Text, true, 4.0);
const HEADING: Style = style(12.5, Ink::Accent, true, 4.0);
const BODY: Style = style(10.5, Ink::Text, false, 6.0);
const LETTER: Style = Style {
    own_direction: true,
    ..BODY
};
const STRONG: Style = style(11.0, Ink::Text, true, 4.0);
const NOTE: Style = style(9.0, Ink::Muted, false, 4.0);
const LINK: Style = style(9.5, Ink::Accent, false, 4.0);
const FOOTER: f32 = 7.5;
/// Line height, as a multiple of the size.
const LEADING: f32 = 1.4;
/// The QR code's size per module (with the quiet zone), and its bounds.
const QR_MODULE: f32 = 1.7;
const QR_MIN: f32 = 120.0;
const QR_MAX: f32 = 240.0;
/// Links longer than this are not printed in full.
const LONG_LINK: usize = 200;

/// The page box and margins.
#[derive(Debug, Clone, Copy)]
struct Frame {
    height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Frame {
    fn new(paper: Paper) -> Self {
        let (width, height) = paper.size();
        let margin = 62.0;
        Self {
            height,
            left: margin,
            right: width - margin,
            top: 56.0,
            bottom: height - 70.0,
        }
    }
}

/// Pages being filled from the top down.
struct Flow<'a> {
    t: &'a Typesetter,
    frame: Frame,
    pages: Vec<Page>,
    /// The top of the next line.
    y: f32,
    /// Said at the top of a page that continues a letter.
    continued: Option<String>,
}

impl<'a> Flow<'a> {
    fn new(t: &'a Typesetter, frame: Frame) -> Self {
        Self {
            t,
            frame,
            pages: vec![Page::default()],
            y: frame.top,
            continued: None,
        }
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page").items.push(item);
    }

    fn page_number(&self) -> usize {
        self.pages.len()
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.frame.top;
        if let Some(c) = self.continued.clone() {
            self.lines(&c, NOTE);
            self.y += 6.0;
        }
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn keep(&mut self, height: f32) {
        if self.y + height > self.frame.bottom {
            self.new_page();
        }
    }

    fn space(&mut self, points: f32) {
        self.y += points;
    }

    fn rule(&mut self) {
        self.keep(12.0);
        self.y += 4.0;
        self.push(Item::Rule {
            x: self.frame.left,
            y: self.y,
            width: self.frame.right - self.frame.left,
        });
        self.y += 10.0;
    }

    /// Text between `left` and `right`: each line of the source is a paragraph,
    /// wrapped, aligned to the side it starts reading from; a blank line is a
    /// gap.
    fn lines_between(&mut self, text: &str, s: Style, left: f32, right: f32) {
        let lead = s.size * LEADING;
        let mut gap = false;
        for paragraph in text.lines() {
            if paragraph.trim().is_empty() {
                if !gap {
                    self.y += lead * 0.5;
                }
                gap = true;
                continue;
            }
            gap = false;
            let rtl = s.own_direction && is_rtl(paragraph);
            for line in self.t.wrap(paragraph, rtl, (right - left) / s.size) {
                self.keep(lead);
                let x = if rtl {
                    right - self.t.width(&line, rtl) * s.size
                } else {
                    left
                };
                self.push(Item::Text(Line {
                    x,
                    y: self.y + s.size,
                    size: s.size,
                    text: line,
                    rtl,
                    ink: s.ink,
                    bold: s.bold,
                }));
                self.y += lead;
            }
        }
        self.y += s.after;
    }

    fn lines(&mut self, text: &str, s: Style) {
        self.lines_between(text, s, self.frame.left, self.frame.right);
    }

    /// A heading kept with at least three lines of what follows.
    fn heading(&mut self, text: &str) {
        self.keep(HEADING.size * LEADING + 3.0 * BODY.size * LEADING);
        self.lines(text, HEADING);
    }
}

/// The words on every page that are not the participant's or the writers'.
mod words {
    pub const KICKER: &str = "Open Masters · letters of endorsement";
    pub const CHECK_HEADING: &str = "Check these letters live";
    pub const SCAN: &str = "Scan the QR code with a phone camera, or open this link:";
    pub const LIVE: &str = "The live check verifies every signature, the participant's proof that the letters are theirs, the programme's confirmation of each writer, and whether any letter was withdrawn — now, not when this paper was printed.";
    pub const PAPER_HEADING: &str = "This paper proves nothing by itself";
    pub const PAPER: &str = "Anyone can type and print a letter. What shows that these letters were written and signed by the people named, and that they still hold, is the live check the QR code opens. Read the letters here; trust the QR code.";
    pub const VERDICT_HEADING: &str = "The participant's own check";
    pub const CONTENTS_HEADING: &str = "Letters in this document";
}

/// The side of the QR code for `modules` modules (with the quiet zone).
pub(crate) fn qr_side(modules: usize) -> f32 {
    (modules as f32 * QR_MODULE).clamp(QR_MIN, QR_MAX)
}

/// Lays the document out on pages.
pub(crate) fn lay_out(
    doc: &LettersDocument,
    paper: Paper,
    qr_modules: usize,
    t: &Typesetter,
) -> Vec<Page> {
    let frame = Frame::new(paper);
    let mut f = Flow::new(t, frame);

    // The cover.
    f.lines(&words::KICKER.to_uppercase(), KICKER);
    f.lines(&doc.participant, NAME);
    f.lines(&doc.holder, NOTE);
    f.rule();

    f.lines(words::VERDICT_HEADING, HEADING);
    f.lines(&doc.verdict, STRONG);
    f.lines(
        &format!(
            "As checked by om-wallet on {}, on the participant's own computer, when this document was made. {}",
            doc.checked_on, doc.trusted
        ),
        NOTE,
    );
    f.rule();

    // The QR code on the left, what it is for on the right.
    let side = qr_side(qr_modules);
    f.keep(side);
    let top = f.y;
    f.push(Item::Qr {
        x: frame.left - 4.0,
        y: top,
        side,
    });
    f.push(Item::Link {
        x: frame.left - 4.0,
        y: top,
        w: side,
        h: side,
    });
    let column = frame.left + side + 14.0;
    f.y = top + 6.0;
    f.lines_between(words::CHECK_HEADING, HEADING, column, frame.right);
    f.lines_between(words::SCAN, BODY, column, frame.right);
    let link_top = f.y;
    if doc.link.chars().count() <= LONG_LINK {
        f.lines_between(&doc.link, LINK, column, frame.right);
    } else {
        // An inline link holds the letters themselves: nobody types it from paper.
        let start: String = doc.link.chars().take(48).collect();
        f.lines_between(&format!("{start}…"), LINK, column, frame.right);
        f.lines_between(
            &format!(
                "(a link of {} characters that carries the letters themselves: scan the QR code, or click it in the PDF)",
                doc.link.chars().count()
            ),
            NOTE,
            column,
            frame.right,
        );
    }
    f.push(Item::Link {
        x: column,
        y: link_top,
        w: frame.right - column,
        h: f.y - link_top,
    });
    if let Some(until) = &doc.link_expires {
        f.lines_between(
            &format!("The link works until {until}."),
            NOTE,
            column,
            frame.right,
        );
    }
    f.y = f.y.max(top + side) + 6.0;
    f.lines(words::LIVE, NOTE);
    f.space(4.0);
    f.heading(words::PAPER_HEADING);
    f.lines(words::PAPER, BODY);
    f.rule();

    // Contents: one line per letter, its page added once the letters are placed.
    f.heading(words::CONTENTS_HEADING);
    let mut entries = Vec::new();
    for (i, l) in doc.letters.iter().enumerate() {
        f.keep(BODY.size * LEADING);
        entries.push((f.page_number() - 1, f.y));
        f.lines_between(
            &format!("{}. {}, {}, written {}", i + 1, l.writer, l.role, l.date),
            style(BODY.size, Ink::Text, false, 0.0),
            frame.left,
            frame.right - 60.0,
        );
    }

    // The letters, each from the top of a page.
    let n = doc.letters.len();
    let mut starts = Vec::new();
    for (i, l) in doc.letters.iter().enumerate() {
        f.continued = None;
        f.new_page();
        starts.push(f.page_number());
        f.lines(&format!("LETTER {} OF {n}", i + 1), KICKER);
        f.lines(&l.writer, style(18.0, Ink::Text, true, 2.0));
        f.lines(
            &format!("{} · written {}", capitalised(&l.role), l.date),
            BODY,
        );
        f.lines(&l.writer_id, NOTE);
        f.lines(&format!("Programme confirmation: {}", l.confirmation), NOTE);
        f.lines(&format!("In the participant's check: {}", l.standing), NOTE);
        f.rule();
        f.continued = Some(format!(
            "Letter {} of {n}, from {}, continued",
            i + 1,
            l.writer
        ));
        f.lines(
            &format!("About {}:", l.subject),
            style(9.0, Ink::Muted, false, 8.0),
        );
        f.lines(&l.text, LETTER);
        f.continued = None;
        f.space(6.0);
        f.keep(NOTE.size * LEADING * 2.0);
        f.lines(
            &format!(
                "End of the letter from {}. Its signature and the programme's confirmation are checked by the QR code on page 1.",
                l.writer
            ),
            NOTE,
        );
    }
    for ((page, y), start) in entries.into_iter().zip(starts) {
        let label = format!("page {start}");
        let width = t.width(&label, false) * BODY.size;
        f.pages[page].items.push(Item::Text(Line {
            x: frame.right - width,
            y: y + BODY.size,
            size: BODY.size,
            text: label,
            rtl: false,
            ink: Ink::Muted,
            bold: false,
        }));
    }

    // The footer.
    let total = f.pages.len();
    let live = if doc.link.chars().count() <= 80 {
        format!("Check live: {}", doc.link)
    } else {
        "Check live: the QR code on page 1".to_string()
    };
    let y = frame.height - 46.0;
    for (i, page) in f.pages.iter_mut().enumerate() {
        page.items.push(Item::Rule {
            x: frame.left,
            y: y - FOOTER * 1.6,
            width: frame.right - frame.left,
        });
        let number = format!("page {} of {total}", i + 1);
        let number_width = t.width(&number, false) * FOOTER;
        let name = format!("Letters of endorsement for {}", doc.participant);
        let footer = [
            (
                frame.left,
                y,
                fit(
                    t,
                    &name,
                    FOOTER,
                    frame.right - frame.left - number_width - 12.0,
                ),
            ),
            (frame.right - number_width, y, number),
            (frame.left, y + FOOTER * 1.4, live.clone()),
        ];
        for (x, y, text) in footer {
            page.items.push(Item::Text(Line {
                x,
                y,
                size: FOOTER,
                text,
                rtl: false,
                ink: Ink::Muted,
                bold: false,
            }));
        }
    }
    f.pages
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `text`, cut with an ellipsis to fit `width` points.
fn fit(t: &Typesetter, text: &str, size: f32, width: f32) -> String {
    if t.width(text, false) * size <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && t.width(&format!("{out}…"), false) * size > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::super::DocumentLetter;
    use super::*;

    fn doc(letters: Vec<DocumentLetter>) -> LettersDocument {
        LettersDocument {
            participant: "Ada Lovelace".into(),
            holder: "did:key:z6MkAda".into(),
            link: "https://verify.example.org/s/AbC".into(),
            link_expires: Some("2027-01-01".into()),
            checked_on: "2026-12-07".into(),
            verdict: "Complete.".into(),
            trusted: "Trusted: a team.".into(),
            letters,
        }
    }

    fn letter(writer: &str, text: &str) -> DocumentLetter {
        DocumentLetter {
            writer: writer.into(),
            writer_id: "did:key:z6MkW".into(),
            role: "mentor".into(),
            date: "2026-12-01".into(),
            subject: "Ada".into(),
            text: text.into(),
            confirmation: "confirmed".into(),
            standing: "counts".into(),
        }
    }

    fn texts(p: &Page) -> Vec<&str> {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(l) => Some(l.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_long_letter_continues_on_the_next_pages_and_stays_inside_the_margins() {
        let t = Typesetter::new().unwrap();
        let long = "Ada led the study group every week and wrote the notes. ".repeat(150);
        let pages = lay_out(
            &doc(vec![
                letter("Grace Hopper", &long),
                letter("Alan", "Short."),
            ]),
            Paper::A4,
            33,
            &t,
        );
        assert!(pages.len() >= 5, "{} pages", pages.len());
        let frame = Frame::new(Paper::A4);
        for p in &pages {
            for i in &p.items {
                if let Item::Text(l) = i {
                    assert!(l.x >= frame.left - 0.01 && l.y <= frame.height - 30.0);
                }
            }
        }
        assert!(texts(&pages[2])[0].contains("from Grace Hopper, continued"));
        assert!(texts(&pages[0]).contains(&"page 2"));
        let last = pages.len();
        assert!(texts(&pages[0]).contains(&format!("page {last}").as_str()));
        assert!(texts(&pages[last - 1])
            .iter()
            .any(|l| *l == format!("page {last} of {last}")));
    }

    #[test]
    fn a_right_to_left_letter_is_aligned_to_the_right() {
        let t = Typesetter::new().unwrap();
        let pages = lay_out(
            &doc(vec![letter("سلمى", "شكرا لك على العمل الرائع.")]),
            Paper::Letter,
            33,
            &t,
        );
        let frame = Frame::new(Paper::Letter);
        let placed = pages[1].items.iter().find_map(|i| match i {
            Item::Text(l) if l.text.starts_with("شكرا") => Some((l.x, l.rtl)),
            _ => None,
        });
        let (x, rtl) = placed.expect("the letter is on page 2");
        assert!(rtl);
        assert!(x > frame.left + 100.0);
        // The writer's name, in the document's own lines, stays on the left.
        let name = pages[1].items.iter().find_map(|i| match i {
            Item::Text(l) if l.text == "سلمى" => Some((l.x, l.rtl)),
            _ => None,
        });
        assert_eq!(name, Some((frame.left, false)));
    }
}
