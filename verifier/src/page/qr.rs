//! QR codes in the pages, as inline SVG.

use maud::{html, Markup, PreEscaped};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` as inline SVG (no external image: the pages load nothing).
pub fn qr_svg(text: &str) -> Markup {
    match QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) {
        Ok(code) => PreEscaped(
            code.render::<svg::Color<'_>>()
                .min_dimensions(240, 240)
                .quiet_zone(true)
                .build(),
        ),
        Err(_) => html! { p { "(this link is too long for a QR code)" } },
    }
}
