//! The JSON edge of the `s3` pseudo service (shapes in the module docs).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::json::{obj, ToJson};
use crate::{ApiError, Cloud};

fn str_member<'a>(input: &'a Value, name: &str) -> Result<Option<&'a str>, ApiError> {
    match input.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::serialization(alloc::format!("{name} must be a string."))),
    }
}

fn required<'a>(input: &'a Value, name: &str) -> Result<&'a str, ApiError> {
    str_member(input, name)?.ok_or_else(|| ApiError::s3_invalid_argument(name, "is required"))
}

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "CreateBucket" => {
            let bucket = required(&input, "Bucket")?;
            cloud.s3_create_bucket(bucket)?;
            Ok(obj(&[("Location", &alloc::format!("/{bucket}"))]))
        }
        "DeleteBucket" => {
            cloud.s3_delete_bucket(required(&input, "Bucket")?)?;
            Ok(json!({}))
        }
        "ListBuckets" => {
            let buckets: Vec<Value> = cloud
                .s3
                .buckets
                .iter()
                .map(|(name, b)| obj(&[("Name", &name), ("CreationDate", &b.created.secs_f64())]))
                .collect();
            Ok(obj(&[("Buckets", &buckets), ("Owner", &obj(&[("ID", &cloud.ctx.account())]))]))
        }
        "PutObject" => {
            let bucket = required(&input, "Bucket")?;
            let key = required(&input, "Key")?;
            let body = match str_member(&input, "Body")? {
                None => Vec::new(),
                Some(b) => base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .map_err(|_| ApiError::serialization("Body must be base64."))?,
            };
            let etag = cloud.s3_put_object(bucket, key, body, "api")?;
            Ok(obj(&[("ETag", &etag)]))
        }
        "GetObject" => {
            let o = cloud.s3_get_object(required(&input, "Bucket")?, required(&input, "Key")?)?;
            Ok(obj(&[
                ("Body", &base64::engine::general_purpose::STANDARD.encode(&o.body)),
                ("ContentLength", &o.body.len()),
                ("ContentType", &o.content_type),
                ("ETag", &o.etag),
                ("LastModified", &o.last_modified.secs_f64()),
            ]))
        }
        "DeleteObject" => {
            cloud.s3_delete_object(required(&input, "Bucket")?, required(&input, "Key")?)?;
            Ok(json!({}))
        }
        "ListObjectsV2" => list_objects_v2(cloud, &input),
        _ => Err(ApiError::unknown_operation("s3", action)),
    }
}

fn list_objects_v2(cloud: &Cloud, input: &Value) -> Result<Value, ApiError> {
    let bucket = required(input, "Bucket")?;
    let prefix = str_member(input, "Prefix")?.unwrap_or("");
    let start_after = str_member(input, "StartAfter")?;
    let token = str_member(input, "ContinuationToken")?;
    let max_keys = match input.get("MaxKeys") {
        None | Some(Value::Null) => super::MAX_KEYS,
        Some(v) => match v.as_i64() {
            Some(n) if n >= 0 => (n as usize).min(super::MAX_KEYS),
            _ => return Err(ApiError::s3_invalid_argument("MaxKeys", "must be a non-negative integer")),
        },
    };
    let after = match token {
        Some(t) => decode_token(t)?,
        None => start_after.unwrap_or("").to_string(),
    };
    let page = cloud.s3_list_objects(bucket, prefix, &after, max_keys)?;
    let mut out = Map::new();
    out.insert("Name".into(), ToJson::to_json(&bucket));
    out.insert("Prefix".into(), ToJson::to_json(&prefix));
    out.insert("KeyCount".into(), ToJson::to_json(&page.keys.len()));
    out.insert("MaxKeys".into(), ToJson::to_json(&max_keys));
    out.insert("IsTruncated".into(), ToJson::to_json(&page.truncated));
    if !page.keys.is_empty() {
        let contents: Vec<Value> = page
            .keys
            .iter()
            .map(|(k, size, etag, at)| {
                obj(&[
                    ("Key", &k),
                    ("Size", &size),
                    ("ETag", &etag),
                    ("LastModified", &at.secs_f64()),
                    ("StorageClass", &"STANDARD"),
                ])
            })
            .collect();
        out.insert("Contents".into(), Value::Array(contents));
    }
    if let Some(t) = token {
        out.insert("ContinuationToken".into(), ToJson::to_json(&t));
    }
    if let Some(s) = start_after {
        out.insert("StartAfter".into(), ToJson::to_json(&s));
    }
    if let Some(next) = page.next_after {
        out.insert("NextContinuationToken".into(), ToJson::to_json(&encode_token(&next)));
    }
    Ok(Value::Object(out))
}

/// Continuation tokens are opaque in S3; here the base64 of the last key returned.
fn encode_token(after: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(after.as_bytes())
}

fn decode_token(token: &str) -> Result<String, ApiError> {
    let invalid =
        || ApiError::s3_invalid_argument("ContinuationToken", "The continuation token provided is incorrect");
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).map_err(|_| invalid())?;
    String::from_utf8(bytes).map_err(|_| invalid())
}
