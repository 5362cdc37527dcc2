//! Converting command-line values to the JSON edge's shapes, as the AWS CLI does after
//! parsing JSON or shorthand: shorthand strings become integers, booleans, base64 blobs and
//! epoch timestamps by the member's type; JSON values must already have the right JSON type
//! ("Invalid type for parameter …"); structure members are checked against the model.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{Map, Number, Value};

use decouple_engine::time::civil_from_days;

use crate::error::closest;
use crate::shape::{Member, Shape};
use decouple_engine::float::parse_f64;

/// How blobs given as text are read (`--cli-binary-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryFormat {
    /// AWS CLI v2 default: blob text must be base64.
    Base64,
    /// `raw-in-base64-out`: blob text is the raw bytes.
    RawInBase64Out,
}

/// The binary format plus warnings collected while converting.
#[derive(Clone, Debug)]
pub struct Cx {
    pub bin: BinaryFormat,
    pub warnings: Vec<String>,
}

impl Cx {
    pub fn new(bin: BinaryFormat) -> Self {
        Self { bin, warnings: Vec::new() }
    }
}

/// Where a value came from: shorthand gives strings to convert; JSON must be typed already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Shorthand,
    Json,
}

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s.trim()).ok()
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

fn invalid_type(path: &str, v: &Value, valid: &str) -> String {
    format!("Invalid type for parameter {path}, value: {v}, type: {}, valid types: {valid}", type_name(v))
}

/// Converts `v` to `shape`. `path` names the member in messages (`Entries[0].DelaySeconds`).
pub fn coerce(v: Value, shape: &Shape, path: &str, src: Source, cx: &mut Cx) -> Result<Value, String> {
    match (shape, v) {
        (Shape::Str, Value::String(s)) => Ok(Value::String(s)),
        (Shape::Str, v) => Err(invalid_type(path, &v, "<class 'str'>")),
        (Shape::Int, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Value::Number(n)),
        (Shape::Int, Value::String(s)) if src == Source::Shorthand => match s.trim().parse::<i64>() {
            Ok(i) => Ok(Value::Number(i.into())),
            Err(_) => Err(format!("invalid literal for int() with base 10: '{s}' (parameter {path})")),
        },
        (Shape::Int, v) => Err(invalid_type(path, &v, "<class 'int'>")),
        (Shape::Bool, Value::Bool(b)) => Ok(Value::Bool(b)),
        (Shape::Bool, Value::String(s)) if src == Source::Shorthand => match s.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("Invalid value for parameter {path}: expected true or false, got '{s}'")),
        },
        (Shape::Bool, v) => Err(invalid_type(path, &v, "<class 'bool'>")),
        (Shape::Blob, Value::String(s)) => Ok(Value::String(blob(&s, path, cx))),
        (Shape::Blob, v) => Err(invalid_type(path, &v, "<class 'bytes'>, <class 'bytearray'>, file-like object")),
        (Shape::Timestamp, Value::Number(n)) => Ok(Value::Number(n)),
        (Shape::Timestamp, Value::String(s)) => match parse_timestamp(&s) {
            Some(secs) => Ok(number(secs)),
            None => Err(format!(
                "Invalid timestamp for parameter {path}: '{s}' (use ISO 8601 such as 2024-01-01T00:00:00Z, or epoch seconds)"
            )),
        },
        (Shape::Timestamp, v) => Err(invalid_type(path, &v, "<class 'datetime.datetime'>, <class 'str'>")),
        (Shape::List(item), Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, x)| coerce(x, item, &format!("{path}[{i}]"), src, cx))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        (Shape::List(item), v) if src == Source::Shorthand => {
            Ok(Value::Array(alloc::vec![coerce(v, item, &format!("{path}[0]"), src, cx)?]))
        }
        (Shape::List(_), v) => Err(invalid_type(path, &v, "<class 'list'>, <class 'tuple'>")),
        (Shape::Map(value), Value::Object(obj)) => {
            let mut out = Map::new();
            for (k, x) in obj {
                let c = coerce(x, value, &format!("{path}.{k}"), src, cx)?;
                out.insert(k, c);
            }
            Ok(Value::Object(out))
        }
        (Shape::Map(_), v) => Err(invalid_type(path, &v, "<class 'dict'>")),
        (Shape::Struct(members), Value::Object(obj)) => structure(obj, members, false, path, src, cx),
        (Shape::Open(members), Value::Object(obj)) => structure(obj, members, true, path, src, cx),
        (Shape::Struct(_) | Shape::Open(_), v) => Err(invalid_type(path, &v, "<class 'dict'>")),
    }
}

fn structure(
    obj: Map<String, Value>,
    members: &[Member],
    open: bool,
    path: &str,
    src: Source,
    cx: &mut Cx,
) -> Result<Value, String> {
    let mut out = Map::new();
    for (k, x) in obj {
        match members.iter().find(|m| m.name == k) {
            Some(m) => {
                let sub = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.insert(k, coerce(x, m.shape, &sub, src, cx)?);
            }
            None if open => {
                out.insert(k, x);
            }
            None => {
                let names: Vec<&str> = members.iter().map(|m| m.name).collect();
                let hint = match closest(&k, names.iter().copied()) {
                    Some(c) => format!(" (did you mean \"{c}\"?)"),
                    None => String::new(),
                };
                let at = if path.is_empty() { "input" } else { path };
                return Err(format!(
                    "Unknown parameter in {at}: \"{k}\", must be one of: {}{hint}",
                    names.join(", ")
                ));
            }
        }
    }
    if let Some(m) = members.iter().find(|m| m.required && !out.contains_key(m.name)) {
        let at = if path.is_empty() { "input" } else { path };
        return Err(format!("Missing required parameter in {at}: \"{}\"", m.name));
    }
    Ok(Value::Object(out))
}

/// A blob given as text, for the JSON edge (base64).
///
/// # Fidelity
/// With the default `--cli-binary-format base64`, AWS CLI v2 rejects text that is not base64
/// ("Invalid base64"). Many published examples were written for v1, which sent such text
/// raw; so that they run unchanged, the text is sent raw and a warning says what v2 does.
pub fn blob(s: &str, path: &str, cx: &mut Cx) -> String {
    match cx.bin {
        BinaryFormat::RawInBase64Out => b64(s.as_bytes()),
        BinaryFormat::Base64 => match b64_decode(s) {
            Some(_) => s.trim().to_string(),
            None => {
                cx.warnings.push(format!(
                    "warning: {path}: \"{s}\" is not base64; AWS CLI v2 answers `Invalid base64` here. \
                     Sent as raw text, as AWS CLI v1 would (add --cli-binary-format raw-in-base64-out)."
                ));
                b64(s.as_bytes())
            }
        },
    }
}

fn number(secs: f64) -> Value {
    if crate::num::is_whole(secs) {
        Value::Number((secs as i64).into())
    } else {
        Number::from_f64(secs).map(Value::Number).unwrap_or(Value::Null)
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// ISO 8601 (`2024-01-01`, `2024-01-01T00:00:00Z`, `…T00:00:00.5+09:00`) or epoch seconds →
/// epoch seconds.
pub fn parse_timestamp(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(n) = parse_f64(s) {
        return Some(n);
    }
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, t),
        None => (s, "00:00:00Z"),
    };
    let mut dp = date.split('-');
    let y: i64 = dp.next()?.parse().ok()?;
    let mo: u32 = dp.next()?.parse().ok()?;
    let d: u32 = dp.next()?.parse().ok()?;
    if dp.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, 0i64)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let (c, off) = time.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let off = off.get(1..)?;
        let (oh, om) = off.split_once(':').unwrap_or((off.get(..2)?, off.get(2..).unwrap_or("0")));
        (c, sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60))
    } else {
        (time, 0)
    };
    let mut cp = clock.split(':');
    let h: i64 = cp.next()?.parse().ok()?;
    let mi: i64 = cp.next().unwrap_or("0").parse().ok()?;
    let sec = parse_f64(cp.next().unwrap_or("0"))?;
    let days = days_from_civil(y, mo, d);
    Some((days * 86_400 + h * 3600 + mi * 60 - offset) as f64 + sec)
}

/// Epoch seconds → ISO 8601 as the AWS CLI prints timestamps (`2024-01-01T00:00:00+00:00`,
/// with microseconds when there is a fraction).
pub fn format_timestamp(secs: f64) -> String {
    let whole = crate::num::floor(secs) as i64;
    let micros = crate::num::round((secs - whole as f64) * 1_000_000.0) as i64;
    let (whole, micros) = if micros >= 1_000_000 { (whole + 1, 0) } else { (whole, micros) };
    let days = whole.div_euclid(86_400);
    let rem = whole.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let base = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
    if micros == 0 {
        format!("{base}+00:00")
    } else {
        format!("{base}.{micros:06}+00:00")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamps_round_trip() {
        assert_eq!(parse_timestamp("2024-01-01T00:00:00Z"), Some(1_704_067_200.0));
        assert_eq!(parse_timestamp("2024-01-01T09:00:00+09:00"), Some(1_704_067_200.0));
        assert_eq!(parse_timestamp("2024-01-01"), Some(1_704_067_200.0));
        assert_eq!(format_timestamp(1_704_067_200.0), "2024-01-01T00:00:00+00:00");
        assert_eq!(format_timestamp(1_704_067_200.25), "2024-01-01T00:00:00.250000+00:00");
    }

    #[test]
    fn shorthand_strings_take_member_types() {
        const S: Shape = Shape::Struct(&[
            crate::shape::req("Id", &crate::shape::STR),
            crate::shape::m("DelaySeconds", &crate::shape::INT),
            crate::shape::m("Data", &crate::shape::BLOB),
        ]);
        let raw = &mut Cx::new(BinaryFormat::RawInBase64Out);
        let b64 = &mut Cx::new(BinaryFormat::Base64);
        let v =
            coerce(json!({"Id": "1", "DelaySeconds": "10", "Data": "hi"}), &S, "", Source::Shorthand, raw);
        assert_eq!(v.unwrap(), json!({"Id": "1", "DelaySeconds": 10, "Data": "aGk="}));
        let e = coerce(json!({"Id": "1", "DelaySeconds": "10"}), &S, "", Source::Json, b64).unwrap_err();
        assert!(e.starts_with("Invalid type for parameter DelaySeconds"), "{e}");
        let e = coerce(json!({"Idd": "1"}), &S, "", Source::Json, b64).unwrap_err();
        assert!(e.contains("did you mean \"Id\""), "{e}");
        let v = coerce(json!({"Id": "1", "Data": "not base64!"}), &S, "", Source::Json, b64).unwrap();
        assert_eq!(v["Data"], json!("bm90IGJhc2U2NCE="));
        assert_eq!(b64.warnings.len(), 1);
    }
}
