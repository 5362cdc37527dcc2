//! The JSON edge of `firehose.*` (awsJson1_1 shapes of the FH-API model).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{json, Map, Value};

use super::buffer::PutResult;
use super::config::{Processor, S3Destination, S3DestinationInput};
use super::delivery_stream::{validate_name, CreateDeliveryStreamInput, DeliveryStream, Source, Tag};
use crate::json::{obj, ToJson};
use crate::json::{parse_coral as parse, FromJson};
use crate::wire_type::{mismatch_text, Dialect, WireType};
use crate::{ApiError, Cloud};

/// Member `key` of a request as Coral reads it: `None` when absent or null, a wrong JSON type
/// a `SerializationException` in Coral's words ([`crate::wire_type`]).
fn member<T: FromJson>(input: &Value, key: &str) -> Result<Option<T>, ApiError> {
    match input.get(key) {
        None => Ok(None),
        Some(v) => Option::<T>::from_json_in(v.clone(), Dialect::Coral),
    }
}

/// `v` when it is a JSON object; otherwise Coral's answer for a structure of another type.
fn structure<'a>(v: &'a Value, shape: &'static str) -> Result<&'a Value, ApiError> {
    match v {
        Value::Object(_) => Ok(v),
        other => {
            Err(ApiError::serialization(mismatch_text(other, WireType::Structure(shape), Dialect::Coral)))
        }
    }
}

fn name_of(input: &Value) -> Result<String, ApiError> {
    match member::<String>(input, "DeliveryStreamName")? {
        None => Err(ApiError::firehose_missing("deliveryStreamName")),
        Some(s) => Ok(validate_name(Some(&s))?.to_string()),
    }
}

/// The `Data` blob of a `Record` (`member`: its path in a validation message).
fn decode_data(record: &Value, member: &str) -> Result<Vec<u8>, ApiError> {
    let data = structure(record, "Record")?.get("Data").cloned().unwrap_or(Value::Null);
    crate::blob::opt::from_json(data)?.ok_or_else(|| ApiError::firehose_missing(member))
}

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "CreateDeliveryStream" => {
            let input: CreateDeliveryStreamInput = parse(input)?;
            let arn = cloud.create_delivery_stream(input)?;
            Ok(obj(&[("DeliveryStreamARN", &arn)]))
        }
        "DescribeDeliveryStream" => {
            let name = name_of(&input)?;
            Ok(obj(&[("DeliveryStreamDescription", &(describe(cloud.delivery_stream(&name)?)))]))
        }
        "ListDeliveryStreams" => {
            let limit = member::<i64>(&input, "Limit")?.unwrap_or(10);
            if !(1..=10_000).contains(&limit) {
                return Err(ApiError::firehose_validation(
                    &limit.to_string(),
                    "limit",
                    "Member must have value between 1 and 10000",
                ));
            }
            let kind = member::<String>(&input, "DeliveryStreamType")?;
            let start = member::<String>(&input, "ExclusiveStartDeliveryStreamName")?;
            let (names, more) =
                cloud.list_delivery_streams(limit as usize, kind.as_deref(), start.as_deref());
            Ok(obj(&[("DeliveryStreamNames", &names), ("HasMoreDeliveryStreams", &more)]))
        }
        "DeleteDeliveryStream" => {
            let name = name_of(&input)?;
            let force = member::<bool>(&input, "AllowForceDelete")?.unwrap_or(false);
            cloud.delete_delivery_stream(&name, force)?;
            Ok(json!({}))
        }
        "PutRecord" => {
            let name = name_of(&input)?;
            let record = input
                .get("Record")
                .filter(|r| !r.is_null())
                .ok_or_else(|| ApiError::firehose_missing("record"))?;
            let data = decode_data(record, "record.data")?;
            let id = cloud.firehose_put_record(&name, data)?;
            Ok(obj(&[("RecordId", &id), ("Encrypted", &false)]))
        }
        "PutRecordBatch" => {
            let name = name_of(&input)?;
            let records = match input.get("Records") {
                None | Some(Value::Null) => return Err(ApiError::firehose_missing("records")),
                Some(Value::Array(a)) => a,
                Some(other) => {
                    return Err(ApiError::serialization(mismatch_text(other, WireType::List, Dialect::Coral)))
                }
            };
            let mut data = Vec::with_capacity(records.len());
            for (i, r) in records.iter().enumerate() {
                data.push(decode_data(r, &alloc::format!("records.{}.member.data", i + 1))?);
            }
            let results = cloud.firehose_put_record_batch(&name, data)?;
            let failed = results.iter().filter(|r| matches!(r, PutResult::Failed { .. })).count();
            let responses: Vec<Value> = results
                .into_iter()
                .map(|r| match r {
                    PutResult::Ok { record_id } => obj(&[("RecordId", &record_id)]),
                    PutResult::Failed { error_code, error_message } => {
                        obj(&[("ErrorCode", &error_code), ("ErrorMessage", &error_message)])
                    }
                })
                .collect();
            Ok(obj(&[("FailedPutCount", &failed), ("Encrypted", &false), ("RequestResponses", &responses)]))
        }
        "TagDeliveryStream" => {
            let name = name_of(&input)?;
            let tags: Vec<Tag> = match input.get("Tags") {
                None | Some(Value::Null) => return Err(ApiError::firehose_missing("tags")),
                Some(t) => parse(t.clone())?,
            };
            cloud.tag_delivery_stream(&name, &tags)?;
            Ok(json!({}))
        }
        "UntagDeliveryStream" => {
            let name = name_of(&input)?;
            let keys: Vec<String> = match input.get("TagKeys") {
                None | Some(Value::Null) => return Err(ApiError::firehose_missing("tagKeys")),
                Some(t) => parse(t.clone())?,
            };
            cloud.untag_delivery_stream(&name, &keys)?;
            Ok(json!({}))
        }
        "ListTagsForDeliveryStream" => {
            let name = name_of(&input)?;
            let limit = member::<i64>(&input, "Limit")?.unwrap_or(50).max(0) as usize;
            let start = member::<String>(&input, "ExclusiveStartTagKey")?;
            let start = start.as_deref();
            let s = cloud.delivery_stream(&name)?;
            let mut tags = s.tags.iter().filter(|(k, _)| start.is_none_or(|x| k.as_str() > x));
            let page: Vec<Value> =
                tags.by_ref().take(limit).map(|(k, v)| obj(&[("Key", &k), ("Value", &v)])).collect();
            let more = tags.next().is_some();
            Ok(obj(&[("Tags", &page), ("HasMoreTags", &more)]))
        }
        "UpdateDestination" => {
            let name = name_of(&input)?;
            let version = match input.get("CurrentDeliveryStreamVersionId") {
                Some(Value::String(s)) => s.clone(),
                _ => return Err(ApiError::firehose_missing("currentDeliveryStreamVersionId")),
            };
            let dest_id = match input.get("DestinationId") {
                Some(Value::String(s)) => s.clone(),
                _ => return Err(ApiError::firehose_missing("destinationId")),
            };
            let update =
                input.get("ExtendedS3DestinationUpdate").or_else(|| input.get("S3DestinationUpdate"));
            let update: S3DestinationInput = match update {
                Some(u) => parse(u.clone())?,
                None => {
                    return Err(ApiError::firehose_invalid_argument(
                        "The simulator supports updates of Amazon S3 destinations only.",
                    ))
                }
            };
            cloud.update_destination(&name, &version, &dest_id, &update)?;
            Ok(json!({}))
        }
        _ => Err(ApiError::unknown_operation("firehose", action)),
    }
}

fn processing(d: &S3Destination) -> Value {
    let processors: Vec<Value> = d
        .processors
        .iter()
        .map(|p| {
            let (kind, params) = match p {
                Processor::Lambda { params, .. } => ("Lambda", params),
                Processor::AppendDelimiterToRecord { params, .. } => ("AppendDelimiterToRecord", params),
            };
            let params: Vec<Value> =
                params.iter().map(|(k, v)| obj(&[("ParameterName", &k), ("ParameterValue", &v)])).collect();
            obj(&[("Type", &kind), ("Parameters", &params)])
        })
        .collect();
    obj(&[("Enabled", &d.processing_enabled), ("Processors", &processors)])
}

fn s3_description(d: &S3Destination, extended: bool) -> Value {
    let mut o = Map::new();
    o.insert("RoleARN".into(), ToJson::to_json(&d.role_arn));
    o.insert("BucketARN".into(), ToJson::to_json(&d.bucket_arn));
    if let Some(p) = &d.prefix {
        o.insert("Prefix".into(), ToJson::to_json(&p));
    }
    if let Some(p) = &d.error_output_prefix {
        o.insert("ErrorOutputPrefix".into(), ToJson::to_json(&p));
    }
    o.insert(
        "BufferingHints".into(),
        obj(&[("SizeInMBs", &d.size_mb), ("IntervalInSeconds", &d.interval_s)]),
    );
    o.insert("CompressionFormat".into(), ToJson::to_json(&d.compression.as_str()));
    o.insert("EncryptionConfiguration".into(), obj(&[("NoEncryptionConfig", &"NoEncryption")]));
    o.insert("CloudWatchLoggingOptions".into(), obj(&[("Enabled", &false)]));
    if extended {
        if !d.processors.is_empty() || d.processing_enabled {
            o.insert("ProcessingConfiguration".into(), processing(d));
        }
        o.insert(
            "S3BackupMode".into(),
            ToJson::to_json(&(if d.backup.is_some() { "Enabled" } else { "Disabled" })),
        );
        if let Some(b) = &d.backup {
            o.insert("S3BackupDescription".into(), s3_description(b, false));
        }
        if let Some(e) = &d.file_extension {
            o.insert("FileExtension".into(), ToJson::to_json(&e));
        }
    }
    Value::Object(o)
}

/// `DeliveryStreamDescription`.
fn describe(s: &DeliveryStream) -> Value {
    let mut o = Map::new();
    o.insert("DeliveryStreamName".into(), ToJson::to_json(&s.name));
    o.insert("DeliveryStreamARN".into(), ToJson::to_json(&s.arn));
    o.insert("DeliveryStreamStatus".into(), ToJson::to_json(&s.status.as_str()));
    o.insert("DeliveryStreamType".into(), ToJson::to_json(&s.stream_type()));
    o.insert("VersionId".into(), ToJson::to_json(&s.version_id.to_string()));
    o.insert("CreateTimestamp".into(), ToJson::to_json(&s.created.secs_f64()));
    if let Some(t) = s.last_update {
        o.insert("LastUpdateTimestamp".into(), ToJson::to_json(&t.secs_f64()));
    }
    match &s.source {
        Source::DirectPut => {
            o.insert("DeliveryStreamEncryptionConfiguration".into(), obj(&[("Status", &"DISABLED")]));
        }
        Source::Kinesis(k) => {
            let mut src = obj(&[("KinesisStreamARN", &k.stream_arn), ("RoleARN", &k.role_arn)]);
            if let Some(t) = k.delivery_start {
                src["DeliveryStartTimestamp"] = ToJson::to_json(&t.secs_f64());
            }
            o.insert("Source".into(), obj(&[("KinesisStreamSourceDescription", &src)]));
        }
    }
    let d = &s.destination;
    o.insert(
        "Destinations".into(),
        json!([{
            "DestinationId": super::DESTINATION_ID,
            "S3DestinationDescription": s3_description(d, false),
            "ExtendedS3DestinationDescription": s3_description(d, true),
        }]),
    );
    o.insert("HasMoreDestinations".into(), ToJson::to_json(&false));
    Value::Object(o)
}
