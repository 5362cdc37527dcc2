//! Blobs of the AWS JSON 1.1 services (Kinesis `Data`, Firehose `Data`): raw bytes in the
//! engine, base64 strings on the wire.
//!
//! A request whose blob is not valid base64 is rejected before the action runs with a
//! `SerializationException` in Coral's words, e.g. `'23456' can not be converted to a Blob:
//! Base64 encoded length is expected a multiple of 4 bytes but found: 5` (spec/kinesis.md §1.5,
//! kinesalite AWS-run `validations/index.js`).

use alloc::vec::Vec;

/// Decodes a base64 blob as the AWS JSON protocols do, answering Coral's message on failure.
pub fn decode(text: &str) -> Result<Vec<u8>, alloc::string::String> {
    use base64::Engine as _;
    let prefix = || alloc::format!("'{text}' can not be converted to a Blob: ");
    if text.len() % 4 != 0 {
        return Err(alloc::format!(
            "{}Base64 encoded length is expected a multiple of 4 bytes but found: {}",
            prefix(),
            text.len()
        ));
    }
    // The first character outside the alphabet, or a '=' followed by anything but '='
    // (kinesalite's AWS-run reading: `/[^a-zA-Z0-9+/=]|\=[^=]/`).
    let bytes = text.as_bytes();
    let bad = text.char_indices().find(|&(i, c)| match c {
        '=' => bytes.get(i + 1).is_some_and(|&next| next != b'='),
        _ => !(c.is_ascii_alphanumeric() || c == '+' || c == '/'),
    });
    if let Some((_, c)) = bad {
        return Err(alloc::format!("{}Invalid Base64 character: '{c}'", prefix()));
    }
    base64::engine::general_purpose::STANDARD
        .decode(bytes)
        .map_err(|_| alloc::format!("{}Invalid last non-pad Base64 character dectected", prefix()))
}

/// `Option<Vec<u8>>` as an optional base64 string (Coral's errors on input).
#[cfg(feature = "serde")]
pub mod opt {
    use super::*;
    use base64::Engine as _;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(bytes) => s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes)),
            None => s.serialize_none(),
        }
    }

    /// Decodes a present blob member (`null` is none).
    pub fn from_json(v: serde_json::Value) -> Result<Option<Vec<u8>>, crate::ApiError> {
        use crate::wire_type::{mismatch_text, Dialect, WireType};
        match v {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(t) => decode(&t).map(Some).map_err(crate::ApiError::serialization),
            other => {
                Err(crate::ApiError::serialization(mismatch_text(&other, WireType::Blob, Dialect::Coral)))
            }
        }
    }
}

/// Bytes as a base64 string (outputs).
#[cfg(feature = "serde")]
pub mod bytes {
    use base64::Engine as _;

    /// `v` as a base64 JSON string.
    pub fn to_json(v: &[u8]) -> serde_json::Value {
        serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(v))
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn coral_messages() {
        assert_eq!(decode("aGk=").unwrap(), b"hi");
        assert_eq!(decode("").unwrap(), b"");
        assert_eq!(
            decode("23456").unwrap_err(),
            "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5"
        );
        assert!(decode("ab!d").unwrap_err().ends_with("Invalid Base64 character: '!'"));
        assert!(decode("a=bc").unwrap_err().ends_with("Invalid Base64 character: '='"));
        assert!(decode("=+/=").unwrap_err().ends_with("Invalid Base64 character: '='"));
        assert!(decode("aé=").unwrap_err().ends_with("Invalid Base64 character: 'é'"));
        assert!(decode("+/+=").unwrap_err().ends_with("Invalid last non-pad Base64 character dectected"));
    }
}
