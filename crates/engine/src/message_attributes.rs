//! Message attributes, shared by SQS and SNS: the value type, its JSON shape and the
//! `MD5OfMessageAttributes` digest.
//!
//! The digest follows the SQS Developer Guide, "Calculating the MD5 message digest for message
//! attributes"
//! (<https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html>):
//! attributes sorted by name; per attribute `u32_be(len) ‖ name`, `u32_be(len) ‖ DataType`,
//! one transport byte (1 = string, 2 = binary), `u32_be(len) ‖ value`; lowercase hex MD5 of the
//! whole buffer (spec/sqs.md §5.7, verified against AWS-recorded digests).
//!
//! Validation differs in wording between SQS and SNS, so each service validates in its own
//! module; the structural rules both share live in [`check_name`] and [`base_type`].

use crate::collections::VecMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::digest::md5_hex;

crate::shape::input_shape! {
    /// One message attribute value: `{"DataType", "StringValue" | "BinaryValue"}`.
    /// `BinaryValue` is base64 in JSON and raw bytes here.
    #[derive(Clone, Debug, PartialEq, Eq, Default)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "PascalCase"))]
    pub struct MessageAttributeValue {
        pub data_type: Option<String> = "DataType",
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        pub string_value: Option<String> = "StringValue",
        #[cfg_attr(
            feature = "serde",
            serde(
                skip_serializing_if = "Option::is_none",
                serialize_with = "crate::message_attributes::base64_opt::serialize"
            )
        )]
        pub binary_value: Option<Vec<u8>>
            = "BinaryValue" with crate::message_attributes::base64_opt::from_json,
        /// Listed in the API but "not implemented" by AWS (spec/sqs.md §5.7): accepted, ignored.
        #[cfg_attr(feature = "serde", serde(skip_serializing))]
        pub string_list_values: Option<Vec<String>> = "StringListValues",
        #[cfg_attr(feature = "serde", serde(skip_serializing))]
        pub binary_list_values: Option<Vec<String>> = "BinaryListValues",
    }
}

impl MessageAttributeValue {
    /// A `String` attribute.
    pub fn string(v: impl Into<String>) -> Self {
        Self { data_type: Some("String".into()), string_value: Some(v.into()), ..Default::default() }
    }
    /// A `Number` attribute (the value is kept as sent).
    pub fn number(v: impl Into<String>) -> Self {
        Self { data_type: Some("Number".into()), string_value: Some(v.into()), ..Default::default() }
    }
    /// A `Binary` attribute.
    pub fn binary(v: impl Into<Vec<u8>>) -> Self {
        Self { data_type: Some("Binary".into()), binary_value: Some(v.into()), ..Default::default() }
    }
    /// The full DataType (`Number.int`), empty when missing.
    pub fn data_type(&self) -> &str {
        self.data_type.as_deref().unwrap_or("")
    }
    /// Bytes this attribute adds to a message's size: name + DataType + value
    /// (spec/sqs.md §5.8, "Size accounting").
    pub fn size(&self, name: &str) -> usize {
        name.len() + self.data_type().len() + self.value_bytes().len()
    }
    /// The value's bytes: UTF-8 of `StringValue` or the raw `BinaryValue`.
    pub fn value_bytes(&self) -> &[u8] {
        match (&self.string_value, &self.binary_value) {
            (_, Some(b)) if base_type(self.data_type()) == Some(BaseType::Binary) => b,
            (Some(s), _) => s.as_bytes(),
            (None, Some(b)) => b,
            (None, None) => &[],
        }
    }
}

/// Attributes by name, in name order (the order the digest needs).
pub type MessageAttributes = VecMap<String, MessageAttributeValue>;

/// The three base types a DataType starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseType {
    String,
    Number,
    Binary,
}

/// The base type of `String`, `Number.int`, `Binary.gif`…; `None` when the DataType does not
/// start with a base type followed by nothing or by `.` and a non-empty label.
pub fn base_type(data_type: &str) -> Option<BaseType> {
    // The plain types first: most attributes have no custom label.
    match data_type {
        "String" => return Some(BaseType::String),
        "Number" => return Some(BaseType::Number),
        "Binary" => return Some(BaseType::Binary),
        _ => {}
    }
    let (base, label) = match data_type.split_once('.') {
        Some((b, l)) => (b, Some(l)),
        None => (data_type, None),
    };
    if label == Some("") {
        return None;
    }
    match base {
        "String" => Some(BaseType::String),
        "Number" => Some(BaseType::Number),
        "Binary" => Some(BaseType::Binary),
        _ => None,
    }
}

/// Why an attribute name is invalid (each service words it its own way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
    BadCharacter(char),
    StartsWithDot,
    EndsWithDot,
    SuccessiveDots,
    ReservedPrefix,
}

/// Maximum attribute-name length in bytes (SQS DG "message attributes": 256; SNS: "less
/// than 256 bytes", spec/sns.md §4.3).
pub const MAX_NAME_LEN: usize = 256;

/// Checks the name rules SQS and SNS share: ≤ 256 bytes of letters (any script), digits, `_`,
/// `-`, `.`; no leading, trailing or doubled `.`. `reserved_prefixes` applies SQS's ban on
/// `AWS.` and `Amazon.` (any case).
pub fn check_name(name: &str, reserved_prefixes: bool) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(NameProblem::TooLong);
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    // ASCII names (nearly all) are checked byte by byte; others character by character.
    let ascii_ok = name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !ascii_ok {
        if let Some(c) = name.chars().find(|c| !allowed(*c)) {
            return Err(NameProblem::BadCharacter(c));
        }
    }
    if name.starts_with('.') {
        return Err(NameProblem::StartsWithDot);
    }
    if name.ends_with('.') {
        return Err(NameProblem::EndsWithDot);
    }
    if name.as_bytes().windows(2).any(|w| w == b"..") {
        return Err(NameProblem::SuccessiveDots);
    }
    if reserved_prefixes {
        let starts =
            |p: &str| name.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
        if starts("aws.") || starts("amazon.") {
            return Err(NameProblem::ReservedPrefix);
        }
    }
    Ok(())
}

/// `MD5OfMessageAttributes` over `attrs` (all of them, in name order). `None` when empty:
/// AWS omits the member then.
pub fn md5_of_attributes(attrs: &MessageAttributes) -> Option<String> {
    if attrs.is_empty() {
        return None;
    }
    let mut buf: Vec<u8> = Vec::new();
    // A map of Strings iterates in byte order of the names: the order AWS sorts them in.
    for (name, v) in attrs {
        push_len_prefixed(&mut buf, name.as_bytes());
        push_len_prefixed(&mut buf, v.data_type().as_bytes());
        let binary = base_type(v.data_type()) == Some(BaseType::Binary);
        buf.push(if binary { 2 } else { 1 });
        push_len_prefixed(&mut buf, v.value_bytes());
    }
    Some(md5_hex(&buf))
}

fn push_len_prefixed(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    buf.extend_from_slice(bytes);
}

/// `Option<Vec<u8>>` as an optional base64 string.
#[cfg(feature = "serde")]
pub mod base64_opt {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;
    use base64::Engine as _;
    use serde::Serializer;
    use serde_json::Value;

    use crate::json::FromJson;
    use crate::ApiError;

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(bytes) => s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes)),
            None => s.serialize_none(),
        }
    }

    /// Decodes a present `BinaryValue` (`null` is none).
    pub fn from_json(v: Value) -> Result<Option<Vec<u8>>, ApiError> {
        match Option::<String>::from_json(v)? {
            None => Ok(None),
            Some(t) => base64::engine::general_purpose::STANDARD
                .decode(t.as_bytes())
                .map(Some)
                .map_err(|e| ApiError::serialization(format!("invalid base64 BinaryValue: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn name_checks() {
        let cases: [(&str, Result<(), NameProblem>); 10] = [
            ("color", Ok(())),
            ("a.b-c_d9", Ok(())),
            ("façade", Ok(())),
            ("a b", Err(NameProblem::BadCharacter(' '))),
            ("a→b", Err(NameProblem::BadCharacter('→'))),
            (".a", Err(NameProblem::StartsWithDot)),
            ("a.", Err(NameProblem::EndsWithDot)),
            ("a..b", Err(NameProblem::SuccessiveDots)),
            ("aWs.x", Err(NameProblem::ReservedPrefix)),
            ("AMAZON.x", Err(NameProblem::ReservedPrefix)),
        ];
        for (name, want) in cases {
            assert_eq!(check_name(name, true), want, "{name}");
        }
        assert_eq!(check_name("aws.x", false), Ok(()));
        assert_eq!(check_name("awsx", true), Ok(()));
    }

    fn attrs(list: &[(&str, MessageAttributeValue)]) -> MessageAttributes {
        list.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn digests_match_aws_recorded_vectors() {
        let md5 = |a: &MessageAttributes| md5_of_attributes(a);
        assert_eq!(
            md5(&attrs(&[("k", MessageAttributeValue::string("x"))])).unwrap(),
            "a45daa70926828a2f0a1db3418e6feb4"
        );
        assert_eq!(
            md5(&attrs(&[("Foo", MessageAttributeValue::string("Bar"))])).unwrap(),
            "ae7155c6026991b6d54b11589678bf9c"
        );
        assert_eq!(
            md5(&attrs(&[("timestamp", MessageAttributeValue::number("1493147359900"))])).unwrap(),
            "235c5c510d26fb653d073faed50ae77c"
        );
        assert_eq!(
            md5(&attrs(&[
                ("Help.Me", MessageAttributeValue::string("Me")),
                ("Hello", MessageAttributeValue::string("There")),
                ("General", MessageAttributeValue::string("Kenobi")),
            ]))
            .unwrap(),
            "4c360f3fdafd970e05fae2f149d997f5"
        );
        let trace = b"traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01".to_vec();
        assert_eq!(
            md5(&attrs(&[("attr1", MessageAttributeValue::binary(trace))])).unwrap(),
            "8cbe4db156db8a94db8b801b7addb984"
        );
        assert_eq!(md5(&MessageAttributes::new()), None);
    }

    #[test]
    fn data_types_and_names() {
        assert_eq!(base_type("Number.int"), Some(BaseType::Number));
        assert_eq!(base_type("String.  prefixed."), Some(BaseType::String));
        assert_eq!(base_type("String."), None);
        assert_eq!(base_type("Stringprefixed"), None);
        assert_eq!(check_name("attr.1øßä", true), Ok(()));
        assert_eq!(check_name("a..b", true), Err(NameProblem::SuccessiveDots));
        assert_eq!(check_name(".a", true), Err(NameProblem::StartsWithDot));
        assert_eq!(check_name("AWS.x", true), Err(NameProblem::ReservedPrefix));
        assert_eq!(check_name("AWS.x", false), Ok(()));
        assert_eq!(check_name("a^b", false), Err(NameProblem::BadCharacter('^')));
    }
}
