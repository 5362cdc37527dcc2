//! A request member of the wrong JSON type, in the words of the protocol that reads it.
//!
//! Every service answers such a member with `SerializationException` before the action runs;
//! the message depends on the service's request reader ([`Dialect`]):
//!
//! * **Coral**, the AWS JSON 1.1 reader of Kinesis Data Streams and Firehose, names the Java
//!   class it found and the model type it wanted: `class java.lang.Boolean can not be converted
//!   to an String`, `class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be
//!   converted to an Integer`, `Start of list found where not expected`, `Expected list or
//!   null`. Source: spec/kinesis.md §1.1 (kinesalite, AWS-run: `test/helpers.js` `assertType`,
//!   whose cases were recorded against AWS, and `validations/index.js`).
//! * **Serde**: the other services' JSON edge (SQS's AWS JSON 1.0 and the simulator's JSON
//!   form of SNS's Query API) answers serde_json's texts (`invalid type: integer `5`, expected
//!   a string`).
//!
//! # Fidelity
//!
//! * Coral also *converts* some values rather than rejecting them: a number with a fraction
//!   given for an Integer is rounded down and capped at 2147483647 (kinesalite
//!   `validations/index.js`), and a Boolean given as one of the strings `true`/`false`/`1`/
//!   `0`/`yes`/`no` converts (kinesalite's note of what AWS accepted); both are modelled.
//! * spec/sqs.md records no wrong-type text for SQS's JSON protocol: the simulator keeps
//!   serde_json's words there, an emulator choice.
//! * A JSON `null` where Coral wants a list element or structure has no recorded Coral text;
//!   it is answered in serde_json's words.

use alloc::format;
use alloc::string::String;
use serde::de::{Error as _, Unexpected};
use serde_json::Value;

/// The request reader whose words a mismatch is answered in (module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// serde_json's texts (SQS, SNS, Lambda, S3 and the simulator's own calls).
    #[default]
    Serde,
    /// Coral's texts (Kinesis Data Streams, Firehose).
    Coral,
}

/// The type a member's model declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireType {
    String,
    Boolean,
    /// A whole number (Coral `Integer`, serde `i64`).
    Integer,
    /// A number with a fraction (Coral `Timestamp`, the only such member of Kinesis and
    /// Firehose requests; serde `f64`).
    Timestamp,
    /// Base64 text of bytes (Kinesis and Firehose `Data`; its decoding: [`crate::blob`]).
    Blob,
    List,
    Map,
    /// A structure, by its shape name (`PutRecordsRequestEntry`).
    Structure(&'static str),
}

/// The message for `found` where `want` was expected.
pub fn mismatch_text(found: &Value, want: WireType, dialect: Dialect) -> String {
    match dialect {
        Dialect::Coral if !found.is_null() => coral_text(found, want),
        _ => serde_text(found, want),
    }
}

fn serde_text(found: &Value, want: WireType) -> String {
    let expected = match want {
        WireType::String | WireType::Blob => "a string",
        WireType::Boolean => "a boolean",
        WireType::Integer => "i64",
        WireType::Timestamp => "f64",
        WireType::List => "a sequence",
        WireType::Map => "a map",
        WireType::Structure(name) => return serde_invalid_type(found, &format!("struct {name}")),
    };
    serde_invalid_type(found, expected)
}

fn serde_invalid_type(found: &Value, expected: &str) -> String {
    let unexpected = match found {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    };
    format!("{}", serde_json::Error::invalid_type(unexpected, &expected))
}

/// The Java class Coral's reader made of a JSON scalar.
fn coral_class(found: &Value) -> &'static str {
    match found {
        Value::Bool(_) => "class java.lang.Boolean",
        Value::Number(_) => "class com.amazon.coral.value.json.numbers.TruncatingBigNumber",
        _ => "class java.lang.String",
    }
}

const START_OF_LIST: &str = "Start of list found where not expected";
const START_OF_STRUCTURE: &str = "Start of structure or map found where not expected.";

fn coral_text(found: &Value, want: WireType) -> String {
    let scalar_into = |target: &str| match found {
        Value::Array(_) => START_OF_LIST.into(),
        Value::Object(_) => START_OF_STRUCTURE.into(),
        Value::String(s) if want == WireType::Boolean => {
            format!("'{}' can not be converted to {target}", crate::case::str_to_uppercase(s))
        }
        _ => format!("{} can not be converted to {target}", coral_class(found)),
    };
    match want {
        WireType::String => scalar_into("an String"),
        WireType::Boolean => scalar_into("an Boolean"),
        WireType::Integer => scalar_into("an Integer"),
        WireType::Timestamp => scalar_into("milliseconds since epoch"),
        WireType::Blob => scalar_into("a Blob"),
        WireType::List => match found {
            Value::Object(_) => START_OF_STRUCTURE.into(),
            _ => "Expected list or null".into(),
        },
        WireType::Map => match found {
            Value::Array(_) => START_OF_LIST.into(),
            _ => "Expected map or null".into(),
        },
        WireType::Structure(_) => match found {
            Value::Array(_) => START_OF_LIST.into(),
            _ => "Expected null".into(),
        },
    }
}

/// Coral's reading of a number given for an Integer: rounded down, capped at 2147483647.
pub fn coral_integer(n: &serde_json::Number) -> i64 {
    const INTEGER_MAX: i64 = i32::MAX as i64;
    match n.as_i64() {
        Some(i) => i.min(INTEGER_MAX),
        None if n.is_u64() => INTEGER_MAX,
        // `as` saturates; floor first so that -1.5 reads as -2, as kinesalite's Math.floor.
        None => (floor(n.as_f64().unwrap_or_default()) as i64).min(INTEGER_MAX),
    }
}

/// `f64::floor`, which `core` lacks on stable Rust.
fn floor(x: f64) -> f64 {
    let t = x as i64 as f64;
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// Coral's reading of a string given for a Boolean (module docs), or `None` if it rejects it.
pub fn coral_boolean(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn coral(v: Value, want: WireType) -> String {
        mismatch_text(&v, want, Dialect::Coral)
    }

    /// kinesalite `test/helpers.js` `assertType`: the texts AWS answered.
    #[test]
    fn coral_texts_as_recorded_against_aws() {
        let tbn = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
        assert_eq!(
            coral(json!(true), WireType::String),
            "class java.lang.Boolean can not be converted to an String"
        );
        for n in [json!(23), json!(-2147483648_i64), json!(2147483648_u64), json!(34.56)] {
            assert_eq!(
                coral(n.clone(), WireType::String),
                format!("{tbn} can not be converted to an String")
            );
            assert_eq!(
                coral(n.clone(), WireType::Boolean),
                format!("{tbn} can not be converted to an Boolean")
            );
            assert_eq!(coral(n.clone(), WireType::List), "Expected list or null");
            assert_eq!(coral(n.clone(), WireType::Map), "Expected map or null");
            assert_eq!(coral(n, WireType::Structure("X")), "Expected null");
        }
        assert_eq!(coral(json!("23"), WireType::Boolean), "'23' can not be converted to an Boolean");
        assert_eq!(
            coral(json!("hellowtf"), WireType::Boolean),
            "'HELLOWTF' can not be converted to an Boolean"
        );
        assert_eq!(
            coral(json!("23"), WireType::Integer),
            "class java.lang.String can not be converted to an Integer"
        );
        assert_eq!(
            coral(json!(true), WireType::Integer),
            "class java.lang.Boolean can not be converted to an Integer"
        );
        assert_eq!(
            coral(json!("x"), WireType::Timestamp),
            "class java.lang.String can not be converted to milliseconds since epoch"
        );
        for want in
            [WireType::String, WireType::Boolean, WireType::Integer, WireType::Map, WireType::Structure("X")]
        {
            assert_eq!(coral(json!([]), want), "Start of list found where not expected");
        }
        for want in [WireType::String, WireType::Boolean, WireType::Integer, WireType::List] {
            assert_eq!(coral(json!({}), want), "Start of structure or map found where not expected.");
        }
        assert_eq!(coral(json!("23"), WireType::List), "Expected list or null");
        assert_eq!(
            coral(json!(true), WireType::Blob),
            "class java.lang.Boolean can not be converted to a Blob"
        );
        assert_eq!(coral(json!(23), WireType::Blob), format!("{tbn} can not be converted to a Blob"));
        assert_eq!(coral(json!(true), WireType::Map), "Expected map or null");
    }

    #[test]
    fn serde_texts_and_null_in_every_dialect() {
        assert_eq!(
            mismatch_text(&json!(5), WireType::String, Dialect::Serde),
            "invalid type: integer `5`, expected a string"
        );
        assert_eq!(
            mismatch_text(&json!([]), WireType::Structure("Entry"), Dialect::Serde),
            "invalid type: sequence, expected struct Entry"
        );
        assert_eq!(
            mismatch_text(&Value::Null, WireType::Structure("Entry"), Dialect::Coral),
            "invalid type: null, expected struct Entry"
        );
    }

    #[test]
    fn coral_conversions() {
        let n = |v: Value| match v {
            Value::Number(n) => coral_integer(&n),
            _ => unreachable!(),
        };
        assert_eq!(n(json!(3)), 3);
        assert_eq!(n(json!(1.9)), 1);
        assert_eq!(n(json!(-1.5)), -2);
        assert_eq!(n(json!(5e9)), 2147483647);
        assert_eq!(n(json!(18446744073709551615_u64)), 2147483647);
        assert_eq!(n(json!(-5e9)), -5_000_000_000);
        assert_eq!(coral_boolean("TRUE"), Some(true));
        assert_eq!(coral_boolean("no"), Some(false));
        assert_eq!(coral_boolean("23"), None);
    }
}
