//! The portal's address as a QR code, so people in a meeting room can open
//! it from their phones: an SVG drawn by the `qrcode` crate, which the app
//! shows as an image (an SVG in an `<img>` runs no script).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` (a URL) as an SVG document, dark on white with
/// the quiet zone scanners need, or `None` when the text is too long for a
/// QR code.
pub fn svg(text: &str) -> Option<String> {
    // Medium error correction: still read from a screen across a room.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_an_svg_document_with_nothing_but_shapes() {
        let drawn = super::svg("http://192.168.1.20:8080/").unwrap();
        assert!(drawn.contains("<svg"), "{drawn}");
        assert!(drawn.contains("<path"), "{drawn}");
        assert!(!drawn.contains("<script"), "{drawn}");
        assert!(
            !drawn.contains("192.168"),
            "the text is encoded in the squares, not written out"
        );
    }

    #[test]
    fn the_same_address_gives_the_same_code_and_another_a_different_one() {
        let a = super::svg("http://127.0.0.1:8080/").unwrap();
        assert_eq!(a, super::svg("http://127.0.0.1:8080/").unwrap());
        assert_ne!(a, super::svg("http://127.0.0.1:8081/").unwrap());
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(super::svg(&"x".repeat(5000)).is_none());
    }
}
