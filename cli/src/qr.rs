//! QR codes: in the terminal (Unicode half blocks), as PNG and as SVG.

use std::path::Path;

use anyhow::{Context, Result};
use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

use crate::output::{write_file, Visibility};

/// The QR code of `text` at error correction level L (the densest, what long links need).
pub fn code(text: &str) -> Result<QrCode> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L)
        .context("the text is too long for a QR code")
}

/// The QR code as terminal text: two modules per character, light on dark
/// (what phone cameras read from a dark terminal), quiet zone included.
pub fn terminal(text: &str) -> Result<String> {
    let c = code(text)?;
    Ok(c.render::<unicode::Dense1x2>()
        .dark_color(unicode::Dense1x2::Light)
        .light_color(unicode::Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

/// Writes the QR code as a PNG (8 pixels per module, with the quiet zone).
pub fn write_png(text: &str, path: &Path) -> Result<()> {
    let c = code(text)?;
    let img = c
        .render::<image::Luma<u8>>()
        .module_dimensions(8, 8)
        .quiet_zone(true)
        .build();
    let mut bytes = Vec::new();
    image::DynamicImage::ImageLuma8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .context("encoding the PNG")?;
    write_file(path, &bytes, Visibility::Shared)
}

/// Writes the QR code as an SVG.
pub fn write_svg(text: &str, path: &Path) -> Result<()> {
    let c = code(text)?;
    let s = c
        .render::<svg::Color<'_>>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build();
    write_file(path, s.as_bytes(), Visibility::Shared)
}
