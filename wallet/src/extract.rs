//! Getting credentials out of what people are sent: a credential, a JSON array
//! of them, a presentation, or an Open Badges "baked" image (PNG with an
//! `openbadgecredential` iTXt chunk, SVG with an `<openbadges:credential>` element).

use om_core::baked::BakeError;
use serde_json::Value;

/// One credential found in an input: its exact text and its parsed form.
#[derive(Debug, Clone)]
pub struct Found {
    /// The credential's text: the exact bytes for a lone credential, the
    /// compact serialization of the element for arrays and presentations.
    pub text: String,
    /// The parsed JSON.
    pub value: Value,
}

/// Why an input held no credential.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The input is not something this wallet reads.
    #[error("{0}")]
    Unreadable(String),
}

fn err(msg: impl Into<String>) -> ExtractError {
    ExtractError::Unreadable(msg.into())
}

/// Finds the credentials in an input's bytes.
pub fn credentials_in(bytes: &[u8]) -> Result<Vec<Found>, ExtractError> {
    if om_core::baked::detect(bytes) == Some(om_core::baked::ImageKind::Png) {
        let text = png_credential(bytes)?;
        return json_credentials(&text);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| err("the file is neither JSON, a PNG nor an SVG (not UTF-8 text)"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        let inner = svg_credential(trimmed)?;
        return json_credentials(&inner);
    }
    json_credentials(text)
}

/// Splits a JSON text into credentials.
pub fn json_credentials(text: &str) -> Result<Vec<Found>, ExtractError> {
    let value: Value = om_core::parse_json(text.as_bytes()).map_err(|e| {
        if text.trim_start().starts_with("ey") {
            err("this is a JWT-encoded credential (VC-JOSE); only Data Integrity JSON credentials are supported")
        } else {
            err(format!("not JSON: {e}"))
        }
    })?;
    let element = |v: &Value| Found {
        text: serde_json::to_string(v).unwrap_or_default(),
        value: v.clone(),
    };
    match &value {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(err("the JSON array is empty"));
            }
            Ok(items.iter().map(element).collect())
        }
        Value::Object(_) if om_core::credential::has_type(&value, "VerifiablePresentation") => {
            let creds = om_core::credential::values(value.get("verifiableCredential"));
            if creds.is_empty() {
                return Err(err("the presentation holds no credential"));
            }
            Ok(creds.into_iter().map(element).collect())
        }
        Value::Object(_) => Ok(vec![Found {
            text: text.to_string(),
            value,
        }]),
        _ => Err(err(
            "the JSON is not a credential (an object), an array or a presentation",
        )),
    }
}

/// The credential baked into a PNG (`openbadgecredential` iTXt chunk).
pub fn png_credential(bytes: &[u8]) -> Result<String, ExtractError> {
    om_core::baked::extract_png(bytes).map_err(|e| match e {
        BakeError::NotBaked => {
            err("this PNG holds no Open Badges credential (no iTXt chunk \"openbadgecredential\")")
        }
        other => err(other.to_string()),
    })
}

/// The credential baked into an SVG (`<openbadges:credential>` element).
pub fn svg_credential(svg: &str) -> Result<String, ExtractError> {
    om_core::baked::extract_svg(svg).map_err(|e| match e {
        BakeError::NotBaked => err("this SVG/XML holds no <openbadges:credential> element"),
        other => err(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0, 0, 0, 0]);
        out
    }

    #[test]
    fn baked_png_and_svg() {
        let cred = r#"{"id":"urn:x","type":["VerifiableCredential"]}"#;
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        let mut itxt = b"openbadgecredential\0\0\0\0\0".to_vec();
        itxt.extend_from_slice(cred.as_bytes());
        png.extend(chunk(b"iTXt", &itxt));
        png.extend(chunk(b"IEND", &[]));
        let found = credentials_in(&png).unwrap();
        assert_eq!(found[0].text, cred);
        let svg = format!("<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential><![CDATA[{cred}]]></openbadges:credential></svg>");
        assert_eq!(credentials_in(svg.as_bytes()).unwrap()[0].text, cred);
    }

    #[test]
    fn arrays_and_presentations() {
        let text =
            r#"{"type":["VerifiablePresentation"],"verifiableCredential":[{"id":"a"},{"id":"b"}]}"#;
        let found = credentials_in(text.as_bytes()).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].text, r#"{"id":"b"}"#);
        let found = credentials_in(br#"[{"id":"a"}]"#).unwrap();
        assert_eq!(found[0].text, r#"{"id":"a"}"#);
        let exact = "{ \"id\" : \"a\" }\n";
        assert_eq!(credentials_in(exact.as_bytes()).unwrap()[0].text, exact);
        assert!(credentials_in(b"42").is_err());
        assert!(credentials_in(b"\x89PNG\r\n\x1a\n").is_err());
    }
}
