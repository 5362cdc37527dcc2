//! SQS's validation of message bodies, message attributes and system attributes
//! (spec/sqs.md §5.8, §5.9; SQS Developer Guide "Amazon SQS message attributes",
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html>).
//! The shared structural rules come from [`crate::message_attributes`].
//!
//! # Fidelity
//! * Invalid body characters are rejected with `InvalidMessageContents` by default (Quotas
//!   page, DG-2023, LocalStack's AWS-validated tests). The newer API-reference behaviour —
//!   replace them with U+FFFD when at least one valid character remains — is available as
//!   [`Sqs::replace_invalid_characters`](super::Sqs) (spec §14 Q1).
//! * Attribute-name and value texts are ours where AWS's are not recorded; each contains
//!   "Invalid" or AWS's recorded sentence.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

use crate::message_attributes::{base_type, check_name, BaseType, MessageAttributes, NameProblem};
use crate::ApiError;

/// At most 10 message attributes (aws-doc).
pub const MAX_ATTRIBUTES: usize = 10;
/// DataType at most 256 characters.
pub const MAX_DATA_TYPE_LEN: usize = 256;
/// Number values: up to 38 significant digits, magnitude 10^-128 … 10^126 (aws-doc).
pub const MAX_NUMBER_DIGITS: usize = 38;
/// The one supported system attribute.
pub const AWS_TRACE_HEADER: &str = "AWSTraceHeader";

/// True for a character SQS accepts: `#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD |
/// #x10000–#x10FFFF` (aws-doc).
pub fn allowed_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Checks a body: rejects invalid characters, or (with `replace`) replaces them with U+FFFD
/// as long as one valid character remains.
pub fn check_body(body: &str, replace: bool) -> Result<Cow<'_, str>, ApiError> {
    // ASCII bodies (the common case) are checked byte by byte: tab, LF, CR and 0x20–0x7F.
    let ascii_ok = body.bytes().all(|b| (0x20..0x80).contains(&b) || matches!(b, 0x9 | 0xA | 0xD));
    if ascii_ok || body.chars().all(allowed_char) {
        return Ok(Cow::Borrowed(body));
    }
    if replace && body.chars().any(allowed_char) {
        return Ok(Cow::Owned(body.chars().map(|c| if allowed_char(c) { c } else { '\u{FFFD}' }).collect()));
    }
    Err(ApiError::invalid_message_contents())
}

fn name_error(name: &str, problem: NameProblem) -> ApiError {
    let m = match problem {
        NameProblem::Empty => String::from("Invalid message (user) attribute name: the name must not be empty."),
        NameProblem::TooLong => format!("Invalid message (user) attribute name {name}: names must be shorter than 256 bytes."),
        NameProblem::BadCharacter(_) => format!(
            "Invalid non-alphanumeric character was found in the message attribute name {name}. Can only include alphanumeric characters, hyphens, underscores, or dots."
        ),
        NameProblem::StartsWithDot | NameProblem::EndsWithDot => {
            format!("Invalid message (user) attribute name {name}: a name can't start or end with a period.")
        }
        NameProblem::SuccessiveDots => {
            format!("Invalid message (user) attribute name {name}: a name can't have successive periods.")
        }
        NameProblem::ReservedPrefix => format!(
            "Invalid message (user) attribute name {name}: names beginning with 'AWS.' or 'Amazon.' are reserved for internal use."
        ),
    };
    ApiError::sqs_invalid_parameter(m)
}

/// True for a decimal number SQS accepts as a `Number` value.
pub fn valid_number(v: &str) -> bool {
    let s = v.trim();
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return false;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: String = int.chars().chain(frac.chars()).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    if significant.len() > MAX_NUMBER_DIGITS {
        return false;
    }
    let mut e: i64 = 0;
    if let Some(x) = exp {
        let x = x.strip_prefix('+').unwrap_or(x);
        match x.parse::<i64>() {
            Ok(n) if x.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) && !x.is_empty() => e = n,
            _ => return false,
        }
    }
    if significant.is_empty() {
        return true;
    }
    // Decimal exponent of the leading significant digit.
    let lead = int.trim_start_matches('0');
    let magnitude = if lead.is_empty() {
        -((frac.len() - frac.trim_start_matches('0').len()) as i64) - 1
    } else {
        lead.len() as i64 - 1
    } + e;
    (-128..=126).contains(&magnitude)
}

/// Validates user message attributes; returns the bytes they add to the message size.
pub fn check_attributes(attrs: &MessageAttributes) -> Result<usize, ApiError> {
    if attrs.len() > MAX_ATTRIBUTES {
        return Err(ApiError::sqs_invalid_parameter(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [{MAX_ATTRIBUTES}].",
            attrs.len()
        )));
    }
    let mut size = 0;
    for (name, v) in attrs {
        check_name(name, true).map_err(|p| name_error(name, p))?;
        check_value(name, v, "Message (user) attribute")?;
        size += v.size(name);
    }
    Ok(size)
}

fn check_value(
    name: &str,
    v: &crate::message_attributes::MessageAttributeValue,
    what: &str,
) -> Result<(), ApiError> {
    let dt = v.data_type();
    if dt.is_empty() {
        return Err(ApiError::sqs_invalid_parameter(format!(
            "The message attribute '{name}' must contain non-empty message attribute type."
        )));
    }
    if dt.len() > MAX_DATA_TYPE_LEN {
        return Err(ApiError::sqs_invalid_parameter(format!(
            "Invalid message attribute type for '{name}': it must be shorter than 256 bytes."
        )));
    }
    let Some(base) = base_type(dt) else {
        return Err(ApiError::sqs_invalid_parameter(format!(
            "The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String."
        )));
    };
    match base {
        BaseType::Binary => {
            if v.binary_value.as_ref().is_none_or(|b| b.is_empty()) {
                return Err(ApiError::sqs_invalid_parameter(format!(
                    "{what} '{name}' must contain a non-empty value of type 'Binary'."
                )));
            }
        }
        BaseType::String | BaseType::Number => {
            let label = if base == BaseType::String { "String" } else { "Number" };
            let Some(s) = v.string_value.as_deref().filter(|s| !s.is_empty()) else {
                return Err(ApiError::sqs_invalid_parameter(format!(
                    "{what} '{name}' must contain a non-empty value of type '{label}'."
                )));
            };
            if let Some(c) = s.chars().find(|c| !allowed_char(*c)) {
                return Err(ApiError::sqs_invalid_parameter(format!(
                    "Invalid binary character '#x{:X}' was found in the message attribute '{name}' value, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
                    c as u32
                )));
            }
            if base == BaseType::Number && !valid_number(s) {
                return Err(ApiError::sqs_invalid_parameter(format!(
                    "Can't cast the value of message (user) attribute '{name}' to a number."
                )));
            }
        }
    }
    Ok(())
}

/// Validates `MessageSystemAttributes`: only `AWSTraceHeader`, of type String.
pub fn check_system_attributes(attrs: &MessageAttributes) -> Result<Option<String>, ApiError> {
    let mut trace = None;
    for (name, v) in attrs {
        if name != AWS_TRACE_HEADER {
            return Err(ApiError::sqs_invalid_parameter(format!(
                "Message system attribute name '{name}' is invalid."
            )));
        }
        if base_type(v.data_type()) != Some(BaseType::String) || v.data_type() != "String" {
            return Err(ApiError::sqs_invalid_parameter(format!(
                "Message system attribute '{name}' is invalid: its type must be String."
            )));
        }
        check_value(name, v, "Message system attribute")?;
        trace = v.string_value.clone();
    }
    Ok(trace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message_attributes::MessageAttributeValue;
    use alloc::string::ToString;

    #[test]
    fn bodies() {
        assert!(check_body("hello\tworld\n", false).is_ok());
        assert!(check_body("a\u{7f}\r", false).is_ok());
        assert!(check_body("caf\u{e9}", false).is_ok());
        assert_eq!(check_body("a\u{1}", false).unwrap_err().code, "InvalidMessageContents");
        assert_eq!(check_body("a\u{1}", true).unwrap(), "a\u{FFFD}");
        assert!(check_body("\u{1}", true).is_err());
        assert!(check_body("\u{FFFE}", false).is_err());
    }

    #[test]
    fn numbers() {
        for ok in ["1", "-1.5", "0", "1e10", "1493147359900", "0.000", "+3"] {
            assert!(valid_number(ok), "{ok}");
        }
        for bad in ["", "abc", "1.2.3", "1e", "--1", "1e200", &"1".repeat(39)] {
            assert!(!valid_number(bad), "{bad}");
        }
    }

    #[test]
    fn attributes() {
        let mut a = MessageAttributes::new();
        a.insert("k".to_string(), MessageAttributeValue::string("x"));
        assert_eq!(check_attributes(&a).unwrap(), 1 + 6 + 1);
        a.insert("e".to_string(), MessageAttributeValue::string(""));
        let e = check_attributes(&a).unwrap_err();
        assert_eq!(
            e.message,
            "Message (user) attribute 'e' must contain a non-empty value of type 'String'."
        );
        let mut b = MessageAttributes::new();
        b.insert("AWS.x".to_string(), MessageAttributeValue::string("v"));
        assert!(check_attributes(&b).unwrap_err().message.contains("Invalid"));
        let mut c = MessageAttributes::new();
        c.insert("c".to_string(), MessageAttributeValue::string("a\u{8}"));
        assert!(check_attributes(&c).unwrap_err().message.contains("Invalid"));
    }
}
