//! Drawing the laid-out pages with krilla.

use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::Document;

use super::layout::{lay_out, Ink, Item, Line};
use super::text::Typesetter;
use super::{LettersDocument, Paper, PdfError};

/// The QR code as an image: one grey-level byte per module, quiet zone included.
#[derive(Debug, Clone, Hash)]
struct QrImage {
    pixels: Vec<u8>,
    side: u32,
}

/// The quiet zone around the code, in modules (ISO/IEC 18004 asks for 4).
const QUIET: usize = 4;

impl QrImage {
    fn new(text: &str) -> Result<Self, PdfError> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L)
            .map_err(|_| PdfError::QrTooLong(text.len()))?;
        let width = code.width();
        let side = width + 2 * QUIET;
        let mut pixels = vec![255u8; side * side];
        for (i, colour) in code.to_colors().into_iter().enumerate() {
            if colour == qrcode::Color::Dark {
                let (row, col) = (i / width + QUIET, i % width + QUIET);
                pixels[row * side + col] = 0;
            }
        }
        Ok(Self {
            pixels,
            side: side as u32,
        })
    }
}

impl CustomImage for QrImage {
    fn color_channel(&self) -> &[u8] {
        &self.pixels
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        (self.side, self.side)
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Luma
    }
}

fn colour(ink: Ink) -> rgb::Color {
    match ink {
        Ink::Text => rgb::Color::new(26, 26, 26),
        Ink::Muted => rgb::Color::new(90, 90, 90),
        Ink::Accent => rgb::Color::new(24, 78, 119),
    }
}

/// Renders the document as a PDF.
pub fn render(doc: &LettersDocument, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let t = Typesetter::new()?;
    let qr = QrImage::new(&doc.link)?;
    let pages = lay_out(doc, paper, qr.side as usize, &t);
    // Not interpolated: the modules stay sharp however the page is scaled.
    let image = Image::from_custom(qr, false).map_err(PdfError::Render)?;
    let (width, height) = paper.size();

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("Letters of endorsement for {}", doc.participant))
            .creator(concat!("om-wallet ", env!("CARGO_PKG_VERSION")).to_string())
            .language("en".to_string()),
    );
    for laid in &pages {
        let settings = PageSettings::from_wh(width, height)
            .ok_or_else(|| PdfError::Render("bad page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut links = Vec::new();
        for item in &laid.items {
            match item {
                Item::Text(line) => draw_line(&mut surface, &t, line),
                Item::Qr { x, y, side } => {
                    let size = Size::from_wh(*side, *side)
                        .ok_or_else(|| PdfError::Render("bad QR code size".into()))?;
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(image.clone(), size);
                    surface.pop();
                }
                Item::Rule { x, y, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x, *y);
                    pb.line_to(x + width, *y);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(200, 200, 200).into(),
                            width: 0.6,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Item::Link { x, y, w, h } => links.push((*x, *y, *w, *h)),
            }
        }
        surface.finish();
        for (x, y, w, h) in links {
            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                page.add_annotation(Annotation::new_link(
                    LinkAnnotation::new(
                        rect,
                        Target::Action(LinkAction::new(doc.link.clone()).into()),
                    ),
                    Some("Open the live check of these letters".to_string()),
                ));
            }
        }
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Render(e.to_string()))
}

/// One line: its runs left to right, each shaped in its own direction. Bold is
/// the same glyphs filled and thinly stroked (one font is bundled, not two).
fn draw_line(surface: &mut Surface<'_>, t: &Typesetter, line: &Line) {
    let Line {
        x,
        y,
        size,
        ref text,
        rtl,
        ink,
        bold,
    } = *line;
    let c = colour(ink);
    surface.set_fill(Some(Fill {
        paint: c.into(),
        ..Default::default()
    }));
    surface.set_stroke(bold.then(|| Stroke {
        paint: c.into(),
        width: size * 0.035,
        ..Default::default()
    }));
    let mut cursor = x;
    for run in t.line(text, rtl) {
        surface.draw_glyphs(
            Point::from_xy(cursor, y),
            &run.glyphs,
            t.font(),
            &run.text,
            size,
            false,
        );
        cursor += run.width * size;
    }
    surface.set_stroke(None);
}
