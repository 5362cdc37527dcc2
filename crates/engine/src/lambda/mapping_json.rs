//! The JSON edge of the event source mapping actions (Lambda API Reference shapes).

use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{json, Map, Value};

use super::mapping::{Mapping, MappingInput, SourceKind};
use crate::json::{obj, ToJson};
use crate::{ApiError, Cloud};

fn opt_i64(input: &Value, k: &str) -> Result<Option<i64>, ApiError> {
    match input.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| ApiError::serialization(alloc::format!("{k} must be an integer."))),
    }
}

fn opt_str(input: &Value, k: &str) -> Result<Option<String>, ApiError> {
    match input.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::serialization(alloc::format!("{k} must be a string."))),
    }
}

fn opt_bool(input: &Value, k: &str) -> Result<Option<bool>, ApiError> {
    match input.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::serialization(alloc::format!("{k} must be a boolean."))),
    }
}

fn mapping_input(input: &Value) -> Result<MappingInput, ApiError> {
    let types = match input.get("FunctionResponseTypes") {
        None | Some(Value::Null) => None,
        Some(Value::Array(a)) => {
            Some(a.iter().map(|t| t.as_str().unwrap_or("").into()).collect::<Vec<String>>())
        }
        Some(_) => return Err(ApiError::serialization("FunctionResponseTypes must be a list.")),
    };
    Ok(MappingInput {
        uuid: opt_str(input, "UUID")?,
        event_source_arn: opt_str(input, "EventSourceArn")?,
        function_name: opt_str(input, "FunctionName")?,
        enabled: opt_bool(input, "Enabled")?,
        batch_size: opt_i64(input, "BatchSize")?,
        maximum_batching_window_in_seconds: opt_i64(input, "MaximumBatchingWindowInSeconds")?,
        starting_position: opt_str(input, "StartingPosition")?,
        starting_position_timestamp: input.get("StartingPositionTimestamp").and_then(Value::as_f64),
        parallelization_factor: opt_i64(input, "ParallelizationFactor")?,
        bisect_batch_on_function_error: opt_bool(input, "BisectBatchOnFunctionError")?,
        maximum_retry_attempts: opt_i64(input, "MaximumRetryAttempts")?,
        maximum_record_age_in_seconds: opt_i64(input, "MaximumRecordAgeInSeconds")?,
        on_failure_destination: input
            .pointer("/DestinationConfig/OnFailure/Destination")
            .and_then(Value::as_str)
            .map(String::from),
        function_response_types: types,
        maximum_concurrency: input.pointer("/ScalingConfig/MaximumConcurrency").and_then(Value::as_i64),
        tumbling_window_in_seconds: opt_i64(input, "TumblingWindowInSeconds")?,
    })
}

/// `EventSourceMappingConfiguration`.
pub(crate) fn configuration(m: &Mapping, region: &str, account: &str) -> Value {
    let mut o = Map::new();
    o.insert("UUID".into(), ToJson::to_json(&m.uuid));
    o.insert("BatchSize".into(), ToJson::to_json(&m.batch_size));
    o.insert("MaximumBatchingWindowInSeconds".into(), ToJson::to_json(&m.window_s));
    o.insert("EventSourceArn".into(), ToJson::to_json(&m.source_arn));
    o.insert("FunctionArn".into(), ToJson::to_json(&m.function_arn));
    o.insert("LastModified".into(), ToJson::to_json(&m.last_modified.secs_f64()));
    o.insert("State".into(), ToJson::to_json(&m.state.as_str()));
    o.insert("StateTransitionReason".into(), Value::from("USER_INITIATED"));
    let types: Vec<&str> =
        if m.report_batch_item_failures { alloc::vec!["ReportBatchItemFailures"] } else { Vec::new() };
    o.insert("FunctionResponseTypes".into(), ToJson::to_json(&types));
    o.insert(
        "EventSourceMappingArn".into(),
        ToJson::to_json(&alloc::format!("arn:aws:lambda:{region}:{account}:event-source-mapping:{}", m.uuid)),
    );
    match m.kind {
        SourceKind::Sqs { .. } => {
            if let Some(c) = m.max_concurrency {
                o.insert("ScalingConfig".into(), obj(&[("MaximumConcurrency", &c)]));
            }
        }
        SourceKind::Kinesis => {
            o.insert("StartingPosition".into(), ToJson::to_json(&m.starting_position));
            if let Some(t) = m.starting_position_timestamp {
                o.insert("StartingPositionTimestamp".into(), ToJson::to_json(&t));
            }
            o.insert("ParallelizationFactor".into(), ToJson::to_json(&m.parallelization_factor));
            o.insert("LastProcessingResult".into(), ToJson::to_json(&m.last_processing_result));
            let on_failure = match &m.on_failure {
                Some(d) => obj(&[("Destination", &d)]),
                None => json!({}),
            };
            o.insert(
                "DestinationConfig".into(),
                obj(&[
                    ("OnSuccess", &serde_json::Value::Object(serde_json::Map::new())),
                    ("OnFailure", &on_failure),
                ]),
            );
            o.insert("MaximumRecordAgeInSeconds".into(), ToJson::to_json(&m.max_record_age_s));
            o.insert("BisectBatchOnFunctionError".into(), ToJson::to_json(&m.bisect));
            o.insert("MaximumRetryAttempts".into(), ToJson::to_json(&m.max_retry_attempts));
            o.insert("TumblingWindowInSeconds".into(), ToJson::to_json(&m.tumbling_window_s));
        }
    }
    Value::Object(o)
}

fn uuid_of(input: &Value) -> Result<String, ApiError> {
    opt_str(input, "UUID")?
        .ok_or_else(|| ApiError::lambda_validation("null", "uUID", "Member must not be null"))
}

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    let (region, account) = (String::from(cloud.ctx.region()), String::from(cloud.ctx.account()));
    match action {
        "CreateEventSourceMapping" => {
            let m = cloud.create_event_source_mapping(mapping_input(&input)?)?;
            Ok(configuration(m, &region, &account))
        }
        "GetEventSourceMapping" => {
            Ok(configuration(cloud.get_event_source_mapping(&uuid_of(&input)?)?, &region, &account))
        }
        "UpdateEventSourceMapping" => {
            let mut m = mapping_input(&input)?;
            m.uuid = Some(uuid_of(&input)?);
            let out = cloud.update_event_source_mapping(m)?;
            Ok(configuration(out, &region, &account))
        }
        "DeleteEventSourceMapping" => {
            let m = cloud.delete_event_source_mapping(&uuid_of(&input)?)?;
            Ok(configuration(&m, &region, &account))
        }
        "ListEventSourceMappings" => {
            let source = opt_str(&input, "EventSourceArn")?;
            let function = opt_str(&input, "FunctionName")?;
            let list = cloud.list_event_source_mappings(source.as_deref(), function.as_deref())?;
            let out: Vec<Value> = list.into_iter().map(|m| configuration(m, &region, &account)).collect();
            Ok(obj(&[("EventSourceMappings", &out)]))
        }
        _ => Err(ApiError::unknown_operation("lambda", action)),
    }
}
