//! The JSON edge of `lambda.*` (shapes of the Lambda API Reference).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{json, Value};

use super::function::{CreateFunctionInput, Function, InvocationType};
use crate::json::obj;
use crate::json::parse;
use crate::{ApiError, Cloud};

fn function_name(input: &Value) -> Result<&str, ApiError> {
    match input.get("FunctionName") {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => {
            Err(ApiError::lambda_validation("null", "functionName", "Member must not be null"))
        }
        Some(_) => Err(ApiError::serialization("FunctionName must be a string.")),
    }
}

/// `FunctionConfiguration`.
pub(crate) fn configuration(f: &Function) -> Value {
    obj(&[
        ("FunctionName", &f.name),
        ("FunctionArn", &f.arn),
        ("Runtime", &f.runtime),
        ("Role", &f.role),
        ("Handler", &f.handler_spec),
        ("CodeSize", &0),
        ("Description", &f.description),
        ("Timeout", &f.timeout_s),
        ("MemorySize", &f.memory_mb),
        ("LastModified", &iso8601(f.last_modified)),
        ("Version", &"$LATEST"),
        ("State", &"Active"),
        ("LastUpdateStatus", &"Successful"),
        ("PackageType", &"Zip"),
        ("Architectures", &serde_json::json!(["x86_64"])),
    ])
}

/// Lambda's `LastModified` format: `2024-01-01T00:00:00.000+0000`.
fn iso8601(t: crate::time::Instant) -> String {
    t.date_time_millis('T', "+0000")
}

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "CreateFunction" => {
            let input: CreateFunctionInput = parse(input)?;
            Ok(configuration(cloud.create_function(input)?))
        }
        "GetFunction" => {
            let name = cloud.resolve_function(function_name(&input)?)?;
            let f = cloud.lambda.functions.get(&name).ok_or_else(|| ApiError::function_not_found(&name))?;
            Ok(obj(&[("Configuration", &configuration(f)), ("Code", &obj(&[("RepositoryType", &"S3")]))]))
        }
        "ListFunctions" => {
            let fs: Vec<Value> = cloud.list_functions().into_iter().map(configuration).collect();
            Ok(obj(&[("Functions", &fs)]))
        }
        "DeleteFunction" => {
            cloud.delete_function(function_name(&input)?)?;
            Ok(json!({}))
        }
        "Invoke" => invoke(cloud, &input),
        _ => super::mapping_json::dispatch(cloud, action, input),
    }
}

fn invoke(cloud: &mut Cloud, input: &Value) -> Result<Value, ApiError> {
    let name = function_name(input)?;
    let kind = match input.get("InvocationType").and_then(Value::as_str) {
        None | Some("RequestResponse") => InvocationType::RequestResponse,
        Some("Event") => InvocationType::Event,
        Some("DryRun") => InvocationType::DryRun,
        Some(other) => {
            return Err(ApiError::lambda_validation(
                other,
                "invocationType",
                "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
            ))
        }
    };
    // `Payload` is a blob (base64); a JSON object or array is accepted as the payload itself.
    let payload: Vec<u8> = match input.get("Payload") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => base64::engine::general_purpose::STANDARD
            .decode(s)
            .map_err(|_| ApiError::serialization("Payload must be base64."))?,
        Some(v) => v.to_string().into_bytes(),
    };
    let result = cloud.invoke(name, kind, &payload)?;
    Ok(match (kind, result) {
        (InvocationType::DryRun, _) => obj(&[("StatusCode", &204)]),
        (InvocationType::Event, _) => obj(&[("StatusCode", &202)]),
        (InvocationType::RequestResponse, Some(inv)) => {
            let body = inv.outcome.payload().to_string();
            let mut out = obj(&[
                ("StatusCode", &200),
                ("Payload", &base64::engine::general_purpose::STANDARD.encode(body)),
                ("ExecutedVersion", &"$LATEST"),
            ]);
            if inv.outcome.is_error() {
                out["FunctionError"] = Value::from("Unhandled");
            }
            out
        }
        (InvocationType::RequestResponse, None) => obj(&[("StatusCode", &200)]),
    })
}
