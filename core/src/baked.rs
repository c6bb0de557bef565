//! Baking Open Badges 3.0 credentials into images, and extracting them
//! (Open Badges 3.0 §5.3 "Baked badges").
//!
//! - PNG: an `iTXt` chunk with keyword `openbadgecredential`, uncompressed,
//!   with empty language tag and translated keyword, holding the signed JSON,
//!   placed before `IEND`.
//! - SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the root
//!   `svg` element, and `<openbadges:credential><![CDATA[…]]></openbadges:credential>`
//!   as its first child.
//!
//! Reading is a little more lenient than writing: a zlib-compressed `iTXt`
//! chunk (allowed by PNG, not written by Open Badges tools) is inflated, up to
//! 8 MiB; several CDATA sections and XML entities are joined in SVG.

use std::io::Read;

use thiserror::Error;

/// The PNG signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
/// The iTXt keyword of a baked Open Badges 3.0 credential.
pub const PNG_KEYWORD: &str = "openbadgecredential";
/// The Open Badges XML namespace for SVG.
pub const SVG_NAMESPACE: &str = "https://purl.imsglobal.org/ob/v3p0";

/// Why an image could not be baked or read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BakeError {
    /// Neither a PNG nor an SVG.
    #[error("the image is neither a PNG nor an SVG")]
    UnknownFormat,
    /// A PNG whose chunks do not add up.
    #[error("the PNG is damaged: {0}")]
    BadPng(String),
    /// An SVG without a root `svg` element.
    #[error("the SVG is damaged: {0}")]
    BadSvg(String),
    /// No credential is baked in.
    #[error("no Open Badges credential is baked into this image")]
    NotBaked,
    /// An empty `<openbadges:credential/>`: an Open Badges 2.0 hosted assertion.
    #[error("the <openbadges:credential> element is empty (an Open Badges 2.0 hosted assertion?)")]
    EmptyElement,
}

/// Largest inflated credential read from a compressed `iTXt` chunk.
const MAX_INFLATED: u64 = 8 * 1024 * 1024;

/// The kinds of image that can carry a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// SVG.
    Svg,
}

/// Recognises a PNG by its signature, an SVG by an `<svg` element near the start.
pub fn detect(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&PNG_SIGNATURE) {
        return Some(ImageKind::Png);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    text.contains("<svg").then_some(ImageKind::Svg)
}

/// Bakes `credential_json` into an image (PNG or SVG, detected from its bytes).
pub fn bake(image: &[u8], credential_json: &str) -> Result<Vec<u8>, BakeError> {
    match detect(image).ok_or(BakeError::UnknownFormat)? {
        ImageKind::Png => bake_png(image, credential_json),
        ImageKind::Svg => {
            let svg = std::str::from_utf8(image).map_err(|_| BakeError::UnknownFormat)?;
            bake_svg(svg, credential_json).map(String::into_bytes)
        }
    }
}

/// Extracts the baked credential JSON from an image.
pub fn extract(image: &[u8]) -> Result<String, BakeError> {
    match detect(image).ok_or(BakeError::UnknownFormat)? {
        ImageKind::Png => extract_png(image),
        ImageKind::Svg => {
            let svg = std::str::from_utf8(image).map_err(|_| BakeError::UnknownFormat)?;
            extract_svg(svg)
        }
    }
}

/// One PNG chunk: its type and where its data lies.
struct Chunk {
    kind: [u8; 4],
    start: usize,
    data: std::ops::Range<usize>,
    end: usize,
}

fn png_chunks(png: &[u8]) -> Result<Vec<Chunk>, BakeError> {
    if !png.starts_with(&PNG_SIGNATURE) {
        return Err(BakeError::UnknownFormat);
    }
    let mut chunks = Vec::new();
    let mut pos = PNG_SIGNATURE.len();
    while pos < png.len() {
        let header = png
            .get(pos..pos + 8)
            .ok_or_else(|| BakeError::BadPng("a chunk header is cut off".into()))?;
        let len = u32::from_be_bytes(header[..4].try_into().expect("4 bytes")) as usize;
        let kind: [u8; 4] = header[4..8].try_into().expect("4 bytes");
        let data = pos + 8..pos + 8 + len;
        let end = data.end + 4;
        if end > png.len() {
            return Err(BakeError::BadPng("a chunk runs past the end".into()));
        }
        chunks.push(Chunk {
            kind,
            start: pos,
            data,
            end,
        });
        pos = end;
        if &kind == b"IEND" {
            return Ok(chunks);
        }
    }
    Err(BakeError::BadPng("no IEND chunk".into()))
}

fn itxt_fields(data: &[u8]) -> Option<(&[u8], u8, &[u8])> {
    let nul = data.iter().position(|&b| b == 0)?;
    let keyword = &data[..nul];
    let rest = &data[nul + 1..];
    let (&compressed, rest) = rest.split_first()?;
    let (_method, rest) = rest.split_first()?;
    let lang_end = rest.iter().position(|&b| b == 0)?;
    let rest = &rest[lang_end + 1..];
    let tk_end = rest.iter().position(|&b| b == 0)?;
    Some((keyword, compressed, &rest[tk_end + 1..]))
}

fn is_badge_chunk(png: &[u8], c: &Chunk) -> bool {
    &c.kind == b"iTXt"
        && itxt_fields(&png[c.data.clone()]).is_some_and(|(k, _, _)| k == PNG_KEYWORD.as_bytes())
}

/// Bakes into a PNG, replacing any credential already baked in.
pub fn bake_png(png: &[u8], credential_json: &str) -> Result<Vec<u8>, BakeError> {
    let chunks = png_chunks(png)?;
    let mut data = Vec::with_capacity(PNG_KEYWORD.len() + 5 + credential_json.len());
    data.extend_from_slice(PNG_KEYWORD.as_bytes());
    data.push(0); // keyword terminator
    data.push(0); // compression flag: uncompressed
    data.push(0); // compression method
    data.push(0); // empty language tag
    data.push(0); // empty translated keyword
    data.extend_from_slice(credential_json.as_bytes());
    let len = u32::try_from(data.len())
        .map_err(|_| BakeError::BadPng("the credential is too large".into()))?;
    let mut chunk = Vec::with_capacity(data.len() + 12);
    chunk.extend_from_slice(&len.to_be_bytes());
    chunk.extend_from_slice(b"iTXt");
    chunk.extend_from_slice(&data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(b"iTXt");
    crc.update(&data);
    chunk.extend_from_slice(&crc.finalize().to_be_bytes());

    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&PNG_SIGNATURE);
    for c in &chunks {
        if is_badge_chunk(png, c) {
            continue;
        }
        if &c.kind == b"IEND" {
            out.extend_from_slice(&chunk);
        }
        out.extend_from_slice(&png[c.start..c.end]);
    }
    Ok(out)
}

/// Extracts the credential from a PNG.
pub fn extract_png(png: &[u8]) -> Result<String, BakeError> {
    for c in png_chunks(png)? {
        if &c.kind != b"iTXt" {
            continue;
        }
        let Some((keyword, compressed, text)) = itxt_fields(&png[c.data.clone()]) else {
            continue;
        };
        if keyword != PNG_KEYWORD.as_bytes() {
            continue;
        }
        let text = if compressed != 0 {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(text)
                .take(MAX_INFLATED)
                .read_to_end(&mut out)
                .map_err(|e| BakeError::BadPng(format!("damaged compressed iTXt chunk: {e}")))?;
            out
        } else {
            text.to_vec()
        };
        return String::from_utf8(text)
            .map_err(|_| BakeError::BadPng("the baked credential is not UTF-8".into()));
    }
    Err(BakeError::NotBaked)
}

/// Index just past the `>` that closes the tag starting at `start` (a `>`
/// inside a quoted attribute value does not close it).
fn tag_end(svg: &str, start: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in svg.as_bytes()[start..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

const CREDENTIAL_TAG: &str = "<openbadges:credential";
const CREDENTIAL_CLOSE: &str = "</openbadges:credential>";

/// An `<openbadges:credential>` element in an SVG (byte offsets).
struct CredentialElement {
    /// Where its start tag begins.
    start: usize,
    /// Its content, `None` for an empty element (`<openbadges:credential/>`).
    content: Option<std::ops::Range<usize>>,
    /// Just past its end tag.
    end: usize,
}

/// Finds the `<openbadges:credential>` element: the first one inside the root
/// `<svg>` element (or in the whole text when there is no `<svg>` root), never
/// one inside a comment, a CDATA section, a processing instruction or an
/// attribute value; its content ends at the first end tag outside CDATA.
fn credential_element(svg: &str) -> Result<Option<CredentialElement>, BakeError> {
    let mut pos = svg_root(svg).map_or(0, |(_, end, _)| end);
    let start = loop {
        let Some(rel) = svg[pos..].find('<') else {
            return Ok(None);
        };
        let at = pos + rel;
        let rest = &svg[at..];
        let skip_to = |close: &str, open_len: usize| {
            rest[open_len..]
                .find(close)
                .map(|i| at + open_len + i + close.len())
        };
        if rest.starts_with("<!--") {
            let Some(next) = skip_to("-->", 4) else {
                return Ok(None);
            };
            pos = next;
        } else if rest.starts_with("<![CDATA[") {
            let Some(next) = skip_to("]]>", 9) else {
                return Ok(None);
            };
            pos = next;
        } else if rest.starts_with("<?") {
            let Some(next) = skip_to("?>", 2) else {
                return Ok(None);
            };
            pos = next;
        } else if rest.starts_with(CREDENTIAL_TAG)
            && rest[CREDENTIAL_TAG.len()..]
                .starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
        {
            break at;
        } else {
            // A tag that never closes hides the rest of the text.
            let Some(next) = tag_end(svg, at) else {
                return Ok(None);
            };
            pos = next;
        }
    };
    let unclosed = || BakeError::BadSvg("unclosed <openbadges:credential>".into());
    let open_end = tag_end(svg, start).ok_or_else(unclosed)?;
    if svg.as_bytes()[open_end - 2] == b'/' {
        return Ok(Some(CredentialElement {
            start,
            content: None,
            end: open_end,
        }));
    }
    // The first end tag outside CDATA; remembered, so that many CDATA sections
    // before a distant end tag do not make this quadratic.
    let mut pos = open_end;
    let mut close: Option<usize> = None;
    loop {
        let c = match close {
            Some(c) if c >= pos => c,
            _ => pos + svg[pos..].find(CREDENTIAL_CLOSE).ok_or_else(unclosed)?,
        };
        close = Some(c);
        match svg[pos..c].find("<![CDATA[") {
            Some(i) => {
                let after = pos + i + 9;
                let end = svg[after..]
                    .find("]]>")
                    .ok_or_else(|| BakeError::BadSvg("unclosed CDATA".into()))?;
                pos = after + end + 3;
            }
            None => {
                return Ok(Some(CredentialElement {
                    start,
                    content: Some(open_end..c),
                    end: c + CREDENTIAL_CLOSE.len(),
                }))
            }
        }
    }
}

/// Finds the root `<svg …>` start tag: (start of `<svg`, index just past its `>`, self-closing).
fn svg_root(svg: &str) -> Result<(usize, usize, bool), BakeError> {
    let mut pos = 0;
    let bytes = svg.as_bytes();
    loop {
        let rel = svg[pos..]
            .find('<')
            .ok_or_else(|| BakeError::BadSvg("no <svg> element".into()))?;
        let start = pos + rel;
        let rest = &svg[start..];
        if rest.starts_with("<!--") {
            let end = rest
                .find("-->")
                .ok_or_else(|| BakeError::BadSvg("an unclosed comment".into()))?;
            pos = start + end + 3;
        } else if rest.starts_with("<?") {
            let end = rest
                .find("?>")
                .ok_or_else(|| BakeError::BadSvg("an unclosed processing instruction".into()))?;
            pos = start + end + 2;
        } else if rest.starts_with("<!") {
            let end = rest
                .find('>')
                .ok_or_else(|| BakeError::BadSvg("an unclosed declaration".into()))?;
            pos = start + end + 1;
        } else if rest.starts_with("<svg")
            && rest[4..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
        {
            if let Some(end) = tag_end(svg, start) {
                let self_closing = bytes[end - 2] == b'/';
                return Ok((start, end, self_closing));
            }
            return Err(BakeError::BadSvg("the <svg> tag is not closed".into()));
        } else {
            return Err(BakeError::BadSvg("the root element is not <svg>".into()));
        }
    }
}

/// Bakes into an SVG, replacing any credential already baked in.
pub fn bake_svg(svg: &str, credential_json: &str) -> Result<String, BakeError> {
    let svg = match svg_credential_span(svg) {
        Some((s, e)) => format!("{}{}", &svg[..s], &svg[e..]),
        None => svg.to_string(),
    };
    let (start, end, self_closing) = svg_root(&svg)?;
    let tag = &svg[start..end];
    let body_end = if self_closing { end - 2 } else { end - 1 };
    let mut open = svg[start..body_end].trim_end().to_string();
    if !tag.contains("xmlns:openbadges") {
        open.push_str(&format!(" xmlns:openbadges=\"{SVG_NAMESPACE}\""));
    }
    open.push('>');
    let cdata = credential_json.replace("]]>", "]]]]><![CDATA[>");
    let element = format!("\n<openbadges:credential><![CDATA[{cdata}]]></openbadges:credential>");
    let mut out = String::with_capacity(svg.len() + element.len() + 80);
    out.push_str(&svg[..start]);
    out.push_str(&open);
    out.push_str(&element);
    if self_closing {
        out.push_str("\n</svg>");
    }
    out.push_str(&svg[end..]);
    Ok(out)
}

/// Where an `<openbadges:credential>` element lies in an SVG (with the line
/// break before it), if there is a well-formed one.
fn svg_credential_span(svg: &str) -> Option<(usize, usize)> {
    let element = credential_element(svg).ok()??;
    let mut s = element.start;
    if svg[..s].ends_with('\n') {
        s -= 1;
    }
    Some((s, element.end))
}

/// Extracts the credential from an SVG.
pub fn extract_svg(svg: &str) -> Result<String, BakeError> {
    let element = credential_element(svg)?.ok_or(BakeError::NotBaked)?;
    let inner = &svg[element.content.ok_or(BakeError::EmptyElement)?];
    // Concatenate CDATA sections; unescape the few entities plain text may use.
    let mut out = String::new();
    let mut rest = inner;
    while !rest.is_empty() {
        if let Some(i) = rest.find("<![CDATA[") {
            out.push_str(&unescape(&rest[..i]));
            let after = &rest[i + 9..];
            let end = after
                .find("]]>")
                .ok_or_else(|| BakeError::BadSvg("unclosed CDATA".into()))?;
            out.push_str(&after[..end]);
            rest = &after[end + 3..];
        } else {
            out.push_str(&unescape(rest));
            break;
        }
    }
    let out = out.trim().to_string();
    if out.is_empty() {
        return Err(BakeError::NotBaked);
    }
    Ok(out)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid 1×1 PNG.
    fn tiny_png() -> Vec<u8> {
        let mut img = Vec::new();
        let mut enc = std::io::Cursor::new(&mut img);
        image::write_1x1(&mut enc);
        img
    }

    mod image {
        /// Writes a 1×1 grey PNG by hand (IHDR, IDAT of a stored zlib block, IEND).
        pub fn write_1x1(w: &mut impl std::io::Write) {
            fn chunk(w: &mut impl std::io::Write, kind: &[u8; 4], data: &[u8]) {
                w.write_all(&(data.len() as u32).to_be_bytes()).unwrap();
                w.write_all(kind).unwrap();
                w.write_all(data).unwrap();
                let mut h = crc32fast::Hasher::new();
                h.update(kind);
                h.update(data);
                w.write_all(&h.finalize().to_be_bytes()).unwrap();
            }
            w.write_all(&super::PNG_SIGNATURE).unwrap();
            chunk(w, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
            // zlib: header, one stored block of [filter 0, pixel 0x80], adler32
            let raw = [0u8, 0x80];
            let adler = {
                let (mut a, mut b) = (1u32, 0u32);
                for &x in &raw {
                    a = (a + x as u32) % 65521;
                    b = (b + a) % 65521;
                }
                (b << 16) | a
            };
            let mut z = vec![0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff];
            z.extend_from_slice(&raw);
            z.extend_from_slice(&adler.to_be_bytes());
            chunk(w, b"IDAT", &z);
            chunk(w, b"IEND", &[]);
        }
    }

    const JSON: &str = r#"{"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"note":"a ]]> b é"}"#;

    #[test]
    fn png_round_trip_and_chunk_layout() {
        let png = tiny_png();
        let baked = bake(&png, JSON).unwrap();
        assert_eq!(extract(&baked).unwrap(), JSON);
        let chunks = png_chunks(&baked).unwrap();
        let kinds: Vec<&[u8; 4]> = chunks.iter().map(|c| &c.kind).collect();
        assert_eq!(kinds, vec![b"IHDR", b"IDAT", b"iTXt", b"IEND"]);
        // every CRC is right
        for c in &chunks {
            let mut h = crc32fast::Hasher::new();
            h.update(&c.kind);
            h.update(&baked[c.data.clone()]);
            assert_eq!(
                baked[c.data.end..c.end],
                h.finalize().to_be_bytes(),
                "CRC of {:?}",
                c.kind
            );
        }
        // the iTXt header is keyword\0 0 0 \0 \0
        let itxt = &baked[chunks[2].data.clone()];
        assert!(itxt.starts_with(b"openbadgecredential\0\0\0\0\0{"));
        // baking again replaces, never duplicates
        let again = bake(&baked, r#"{"id":"urn:uuid:2"}"#).unwrap();
        assert_eq!(extract(&again).unwrap(), r#"{"id":"urn:uuid:2"}"#);
        assert_eq!(png_chunks(&again).unwrap().len(), 4);
    }

    #[test]
    fn png_without_badge_or_damaged() {
        let png = tiny_png();
        assert_eq!(extract(&png), Err(BakeError::NotBaked));
        assert!(matches!(
            bake(&png[..png.len() - 5], JSON),
            Err(BakeError::BadPng(_))
        ));
        assert_eq!(bake(b"GIF89a", JSON), Err(BakeError::UnknownFormat));
    }

    #[test]
    fn compressed_itxt_is_read() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(JSON.as_bytes()).unwrap();
        let mut data = b"openbadgecredential\0\x01\0\0\0".to_vec();
        data.extend_from_slice(&z.finish().unwrap());
        let png = tiny_png();
        let iend = png.len() - 12;
        let mut baked = png[..iend].to_vec();
        baked.extend_from_slice(&(data.len() as u32).to_be_bytes());
        baked.extend_from_slice(b"iTXt");
        baked.extend_from_slice(&data);
        baked.extend_from_slice(&[0; 4]);
        baked.extend_from_slice(&png[iend..]);
        assert_eq!(extract_png(&baked).unwrap(), JSON);
    }

    #[test]
    fn svg_round_trip() {
        let svg = "<?xml version=\"1.0\"?>\n<!-- a > comment -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" data-x=\"a>b\" width=\"10\"><rect/></svg>\n";
        let baked = String::from_utf8(bake(svg.as_bytes(), JSON).unwrap()).unwrap();
        assert!(baked.contains(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" data-x=\"a>b\" width=\"10\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">\n<openbadges:credential><![CDATA["
        ));
        assert!(baked.ends_with("]]></openbadges:credential><rect/></svg>\n"));
        assert_eq!(extract(baked.as_bytes()).unwrap(), JSON);
        let again = bake_svg(&baked, "{}").unwrap();
        assert_eq!(extract_svg(&again).unwrap(), "{}");
        assert_eq!(again.matches("xmlns:openbadges").count(), 1);
        assert_eq!(again.matches("<openbadges:credential>").count(), 1);
    }

    #[test]
    fn self_closing_svg() {
        let baked = bake_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", JSON).unwrap();
        assert!(baked.ends_with("</openbadges:credential>\n</svg>"));
        assert_eq!(extract_svg(&baked).unwrap(), JSON);
        assert_eq!(
            extract_svg("<svg></svg>"),
            Err(BakeError::NotBaked),
            "nothing baked"
        );
        assert!(bake_svg("<html></html>", JSON).is_err());
    }

    #[test]
    fn only_the_element_inside_the_root_counts() {
        // Found by the `baked` fuzz target: an element in a comment before the
        // root, or in the root's attributes, hid the credential baked in.
        for svg in [
            "<!--<openbadges:credential/>--><svg></svg>",
            "<svg a=\"<openbadges:credential/>\"></svg>",
            "<?pi <openbadges:credential>x</openbadges:credential> ?><svg/>",
        ] {
            let baked = bake_svg(svg, JSON).unwrap();
            assert_eq!(extract_svg(&baked).unwrap(), JSON, "{svg}");
            assert_eq!(extract_svg(svg), Err(BakeError::NotBaked), "{svg}");
        }
        let commented = "<svg><!-- <openbadges:credential/> --><openbadges:credential>{}</openbadges:credential></svg>";
        assert_eq!(extract_svg(commented).unwrap(), "{}");
    }

    #[test]
    fn an_end_tag_inside_cdata_does_not_end_the_element() {
        let json = r#"{"note":"</openbadges:credential> and ]]> too"}"#;
        let baked = bake_svg("<svg></svg>", json).unwrap();
        assert_eq!(extract_svg(&baked).unwrap(), json);
        let again = bake_svg(&baked, "{}").unwrap();
        assert_eq!(again.matches("<openbadges:credential>").count(), 1);
        assert_eq!(extract_svg(&again).unwrap(), "{}");
    }

    #[test]
    fn an_empty_element_is_refused_and_replaced() {
        let hosted = "<svg><openbadges:credential verify=\"https://x.example/a\"/><rect/></svg>";
        assert_eq!(extract_svg(hosted), Err(BakeError::EmptyElement));
        let baked = bake_svg(hosted, JSON).unwrap();
        assert_eq!(extract_svg(&baked).unwrap(), JSON);
        assert!(!baked.contains("verify="), "{baked}");
    }

    #[test]
    fn many_cdata_sections_are_read_in_linear_time() {
        let mut svg = String::from("<svg><openbadges:credential>");
        for _ in 0..200_000 {
            svg.push_str("<![CDATA[]]>");
        }
        svg.push_str("<![CDATA[{}]]></openbadges:credential></svg>");
        let t = std::time::Instant::now();
        assert_eq!(extract_svg(&svg).unwrap(), "{}");
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
    }
}
