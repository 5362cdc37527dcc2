//! SNS's message-attribute rules and texts (spec/sns.md §4.3;
//! <https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html>). The value type,
//! the name rules SQS and SNS share, and the digest live in [`crate::message_attributes`].
//!
//! Errors are `ParameterValueInvalid`, except a missing `DataType`, which is the front-end
//! `ValidationError` and is therefore reported before any other attribute problem.

use alloc::format;
use alloc::string::String;

use crate::message_attributes::{base_type, check_name, BaseType, MessageAttributes, NameProblem};
use crate::ApiError;

/// Where the attributes sit in the request (for the `ValidationError` path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    Publish,
    /// PublishBatch entry, 0-based.
    BatchEntry(usize),
}

fn name_error(name: &str, p: NameProblem) -> ApiError {
    let text = match p {
        NameProblem::Empty => String::from("The message attribute name must not be empty."),
        NameProblem::TooLong => String::from("Length of message attribute name must be less than 256 bytes."),
        NameProblem::BadCharacter(c) => format!(
            "Invalid non-alphanumeric character '#x{:X}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
            c as u32
        ),
        NameProblem::StartsWithDot => String::from("Invalid message attribute name starting with character '.' was found."),
        NameProblem::EndsWithDot => String::from("Invalid message attribute name ending with character '.' was found."),
        NameProblem::SuccessiveDots => String::from("Message attribute name can not have successive '.' character."),
        NameProblem::ReservedPrefix => {
            format!("The message attribute name '{name}' is reserved: names can not start with AWS. or Amazon.")
        }
    };
    ApiError::sns_parameter_value_invalid(text)
}

/// True for the text of a decimal number (`-1`, `3.5`, `1e9`, `.5`).
pub fn is_number(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && crate::float::parse_f64(t).is_some_and(f64::is_finite)
        && !t.contains(['i', 'I', 'n', 'N'])
}

/// Validates a message's attributes (§4.3 texts).
pub fn validate(attrs: &MessageAttributes, at: Location) -> Result<(), ApiError> {
    for (name, v) in attrs {
        if v.data_type.is_none() {
            let path = match at {
                Location::Publish => format!("messageAttributes.{name}.member.dataType"),
                Location::BatchEntry(i) => {
                    format!(
                        "publishBatchRequestEntries.{}.member.messageAttributes.{name}.member.dataType",
                        i + 1
                    )
                }
            };
            return Err(ApiError::sns_validation_error(format!(
                "1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null"
            )));
        }
    }
    for (name, v) in attrs {
        check_name(name, true).map_err(|p| name_error(name, p))?;
        let ty = v.data_type();
        let Some(base) = base_type(ty) else {
            return Err(ApiError::sns_parameter_value_invalid(format!(
                "The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
            )));
        };
        let empty = || {
            ApiError::sns_parameter_value_invalid(format!(
                "The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{ty}'."
            ))
        };
        match base {
            BaseType::Binary => {
                if v.binary_value.is_none() && v.string_value.is_some() {
                    return Err(ApiError::sns_parameter_value_invalid(format!(
                        "The message attribute '{name}' with type '{ty}' must use field 'Binary'."
                    )));
                }
                if v.binary_value.as_ref().is_none_or(|b| b.is_empty()) {
                    return Err(empty());
                }
            }
            BaseType::String | BaseType::Number => {
                if v.string_value.is_none() && v.binary_value.is_some() {
                    return Err(ApiError::sns_parameter_value_invalid(format!(
                        "The message attribute '{name}' with type '{ty}' must use field 'String'."
                    )));
                }
                let s = v.string_value.as_deref().unwrap_or_default();
                if s.is_empty() {
                    return Err(empty());
                }
                if base == BaseType::Number && !is_number(s) {
                    return Err(ApiError::sns_parameter_value_invalid(format!(
                        "Could not cast message attribute '{name}' value to number."
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Bytes the attributes add to a message: name + DataType + value (decoded for Binary).
pub fn size(attrs: &MessageAttributes) -> usize {
    attrs.iter().map(|(n, v)| v.size(n)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message_attributes::MessageAttributeValue;
    use alloc::string::ToString;

    fn one(name: &str, v: MessageAttributeValue) -> Result<(), String> {
        let mut m = MessageAttributes::new();
        m.insert(name.to_string(), v);
        validate(&m, Location::Publish).map_err(|e| e.message)
    }

    #[test]
    fn texts() {
        assert_eq!(
            one("a^b", MessageAttributeValue::string("x")).unwrap_err(),
            "Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."
        );
        let no_type = MessageAttributeValue { string_value: Some("x".into()), ..Default::default() };
        assert_eq!(
            one("k", no_type).unwrap_err(),
            "1 validation error detected: Value null at 'messageAttributes.k.member.dataType' failed to satisfy constraint: Member must not be null"
        );
        let bad = MessageAttributeValue {
            data_type: Some("String.".into()),
            string_value: Some("x".into()),
            ..Default::default()
        };
        assert!(one("k", bad).unwrap_err().contains("invalid message attribute type"));
        assert_eq!(
            one("k", MessageAttributeValue::string("")).unwrap_err(),
            "The message attribute 'k' must contain non-empty message attribute value for message attribute type 'String'."
        );
        let wrong = MessageAttributeValue {
            data_type: Some("Binary".into()),
            string_value: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(
            one("k", wrong).unwrap_err(),
            "The message attribute 'k' with type 'Binary' must use field 'Binary'."
        );
        assert!(one("k", MessageAttributeValue::number("1.5e3")).is_ok());
        assert!(one("k", MessageAttributeValue::number("abc")).is_err());
    }
}
