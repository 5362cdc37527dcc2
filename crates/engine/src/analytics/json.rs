//! The JSON edge of `kinesisanalytics.*` (shapes in the module docs).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{json, Value};

use super::application::{Application, CreateApplication, Endpoint, Output};
use crate::json::obj;
use crate::{ApiError, Cloud};

fn missing(member: &str) -> ApiError {
    ApiError::client(
        "ValidationException",
        400,
        format!("1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"),
    )
}

fn name_of(input: &Value) -> Result<String, ApiError> {
    input
        .get("ApplicationName")
        .and_then(Value::as_str)
        .map(String::from)
        .ok_or_else(|| missing("applicationName"))
}

fn endpoint(cloud: &Cloud, v: &Value, kinesis: &str, firehose: &str) -> Result<Option<Endpoint>, ApiError> {
    let arn_of = |cfg: &Value, member: &str| {
        cfg.get("ResourceARN")
            .and_then(Value::as_str)
            .map(String::from)
            .ok_or_else(|| missing(&format!("{member}.resourceARN")))
    };
    if let Some(cfg) = v.get(kinesis) {
        return Ok(Some(Endpoint::KinesisStream { arn: arn_of(cfg, kinesis)? }));
    }
    if let Some(cfg) = v.get(firehose) {
        let arn = arn_of(cfg, firehose)?;
        let prefix =
            format!("arn:aws:firehose:{}:{}:deliverystream/", cloud.ctx.region(), cloud.ctx.account());
        let name = arn.strip_prefix(&prefix).map(String::from).ok_or_else(|| {
            ApiError::client(
                "InvalidArgumentException",
                400,
                format!("{arn} is not a delivery stream ARN of this account."),
            )
        })?;
        return Ok(Some(Endpoint::Firehose { arn, name }));
    }
    Ok(None)
}

fn describe_endpoint(e: &Endpoint, kind: &str) -> (String, Value) {
    match e {
        Endpoint::KinesisStream { arn } => {
            (format!("KinesisStreams{kind}Description"), obj(&[("ResourceARN", &arn)]))
        }
        Endpoint::Firehose { arn, .. } => {
            (format!("KinesisFirehose{kind}Description"), obj(&[("ResourceARN", &arn)]))
        }
    }
}

fn summary(a: &Application) -> Value {
    obj(&[
        ("ApplicationName", &a.name),
        ("ApplicationARN", &a.arn),
        ("ApplicationStatus", &a.status.as_str()),
    ])
}

fn detail(a: &Application) -> Value {
    let (ik, iv) = describe_endpoint(&a.input, "Input");
    let mut input = obj(&[
        ("InputId", &"1.1"),
        ("NamePrefix", &a.input_prefix),
        ("InAppStreamNames", &serde_json::json!([format!("{}_001", a.input_prefix)])),
        ("InputStartingPositionConfiguration", &obj(&[("InputStartingPosition", &"NOW")])),
    ]);
    input[ik] = iv;
    let outputs: Vec<Value> = a
        .outputs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let (k, v) = describe_endpoint(&o.endpoint, "Output");
            let mut d = obj(&[
                ("OutputId", &format!("1.{}", i + 1)),
                ("Name", &o.name),
                ("DestinationSchema", &obj(&[("RecordFormatType", &"JSON")])),
            ]);
            d[k] = v;
            d
        })
        .collect();
    obj(&[
        ("ApplicationName", &a.name),
        ("ApplicationARN", &a.arn),
        ("ApplicationStatus", &a.status.as_str()),
        ("ApplicationCode", &a.code),
        ("ApplicationVersionId", &a.version),
        ("CreateTimestamp", &a.created.secs_f64()),
        ("InputDescriptions", &serde_json::json!([input])),
        ("OutputDescriptions", &outputs),
    ])
}

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "CreateApplication" => {
            let name = name_of(&input)?;
            let code = input.get("ApplicationCode").and_then(Value::as_str).unwrap_or("").to_string();
            let inputs = input.get("Inputs").and_then(Value::as_array).cloned().unwrap_or_default();
            let [first] = inputs.as_slice() else {
                return Err(ApiError::client(
                    "InvalidArgumentException",
                    400,
                    "Exactly one input (KinesisStreamsInput or KinesisFirehoseInput) is required.",
                ));
            };
            let prefix = first
                .get("NamePrefix")
                .and_then(Value::as_str)
                .map(String::from)
                .ok_or_else(|| missing("inputs.member.namePrefix"))?;
            let source = endpoint(cloud, first, "KinesisStreamsInput", "KinesisFirehoseInput")?
                .ok_or_else(|| missing("inputs.member.kinesisStreamsInput"))?;
            let mut outputs = Vec::new();
            for o in input.get("Outputs").and_then(Value::as_array).into_iter().flatten() {
                let oname = o
                    .get("Name")
                    .and_then(Value::as_str)
                    .map(String::from)
                    .ok_or_else(|| missing("outputs.member.name"))?;
                let e = endpoint(cloud, o, "KinesisStreamsOutput", "KinesisFirehoseOutput")?
                    .ok_or_else(|| missing("outputs.member.kinesisStreamsOutput"))?;
                if e == source {
                    return Err(ApiError::client(
                        "InvalidArgumentException",
                        400,
                        "An output cannot write to the application's own input.",
                    ));
                }
                outputs.push(Output { name: oname.to_ascii_uppercase(), endpoint: e });
            }
            let app = cloud.create_application(CreateApplication {
                name,
                code,
                input_prefix: prefix,
                input: source,
                outputs,
            })?;
            Ok(obj(&[("ApplicationSummary", &summary(app))]))
        }
        "StartApplication" => {
            let position = input
                .pointer("/InputConfigurations/0/InputStartingPositionConfiguration/InputStartingPosition")
                .and_then(Value::as_str);
            cloud.start_application(&name_of(&input)?, position)?;
            Ok(json!({}))
        }
        "StopApplication" => {
            cloud.stop_application(&name_of(&input)?)?;
            Ok(json!({}))
        }
        "DeleteApplication" => {
            cloud.delete_application(&name_of(&input)?)?;
            Ok(json!({}))
        }
        "DescribeApplication" => {
            let name = name_of(&input)?;
            let a = cloud
                .analytics
                .applications
                .get(&name)
                .ok_or_else(|| ApiError::application_not_found(&name))?;
            Ok(obj(&[("ApplicationDetail", &detail(a))]))
        }
        "ListApplications" => {
            let s: Vec<Value> = cloud.analytics.applications.values().map(summary).collect();
            Ok(obj(&[("ApplicationSummaries", &s), ("HasMoreApplications", &false)]))
        }
        _ => Err(ApiError::unknown_operation("kinesisanalytics", action)),
    }
}
