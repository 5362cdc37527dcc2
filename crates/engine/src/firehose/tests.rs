//! Timelines of delivery streams: buffering, flushes, keys, transformation, retries.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use alloc::{format, vec};

use super::config::{
    BufferingHints, ProcessingConfigurationInput, ProcessorInput, ProcessorParameter, S3DestinationInput,
};
use super::delivery_stream::CreateDeliveryStreamInput;
use crate::lambda::CreateFunctionInput;
use crate::s3::MAX_KEYS;
use crate::time::{SECOND, WORLD_START};
use crate::Cloud;

fn dest(bucket: &str, size: i64, interval: i64) -> S3DestinationInput {
    S3DestinationInput {
        role_arn: Some("arn:aws:iam::000000000000:role/fh".into()),
        bucket_arn: Some(format!("arn:aws:s3:::{bucket}")),
        buffering_hints: Some(BufferingHints {
            size_in_mbs: Some(size),
            interval_in_seconds: Some(interval),
        }),
        ..Default::default()
    }
}

fn stream(c: &mut Cloud, name: &str, d: S3DestinationInput) {
    c.create_delivery_stream(CreateDeliveryStreamInput {
        delivery_stream_name: Some(name.into()),
        extended_s3_destination_configuration: Some(d),
        ..Default::default()
    })
    .unwrap();
    c.advance_by(500);
}

fn keys(c: &Cloud, bucket: &str) -> Vec<String> {
    c.s3_list_objects(bucket, "", "", MAX_KEYS).unwrap().keys.into_iter().map(|k| k.0).collect()
}

fn body(c: &Cloud, bucket: &str, key: &str) -> String {
    String::from_utf8_lossy(&c.s3_get_object(bucket, key).unwrap().body).into_owned()
}

macro_rules! put {
    ($c:expr, $s:expr, $($d:expr),+) => {{ $( $c.firehose_put_record($s, $d.as_bytes().to_vec()).unwrap(); )+ }};
}

#[test]
fn interval_flush_writes_one_object_named_after_the_oldest_record() {
    let mut c = Cloud::default();
    c.s3_create_bucket("logs").unwrap();
    stream(&mut c, "fh", dest("logs", 5, 60));
    put!(c, "fh", "a", "b"); // t = 0.5 s
    c.advance_by(30 * SECOND);
    put!(c, "fh", "c");
    c.advance_by(29_999);
    assert!(keys(&c, "logs").is_empty());
    c.advance_by(1); // 60 s after the first record
    let k = keys(&c, "logs");
    assert_eq!(k.len(), 1);
    assert!(k[0].starts_with("2024/01/01/00/fh-1-2024-01-01-00-00-00-"), "{}", k[0]);
    assert_eq!(k[0].len(), "2024/01/01/00/fh-1-2024-01-01-00-00-00-".len() + 36);
    assert_eq!(body(&c, "logs", &k[0]), "abc");
}

#[test]
fn size_flush_seals_at_the_threshold_and_shows_after_advance_0() {
    let mut c = Cloud::default();
    c.s3_create_bucket("logs").unwrap();
    stream(&mut c, "fh", dest("logs", 1, 900));
    let half = "x".repeat(600_000);
    put!(c, "fh", half, half, "tail");
    assert!(keys(&c, "logs").is_empty(), "delivery waits for the clock");
    c.advance_by(0);
    let k = keys(&c, "logs");
    assert_eq!(k.len(), 1);
    assert_eq!(c.s3_get_object("logs", &k[0]).unwrap().body.len(), 1_200_000);
    c.advance_by(900 * SECOND);
    let k = keys(&c, "logs");
    assert_eq!(k.len(), 2);
    assert!(k.iter().any(|k| body(&c, "logs", k) == "tail"));
}

#[test]
fn missing_bucket_keeps_the_buffer_and_retries_every_5_seconds() {
    let mut c = Cloud::default();
    stream(&mut c, "fh", dest("later", 1, 0));
    put!(c, "fh", "one");
    c.advance_by(0);
    c.advance_by(12 * SECOND);
    put!(c, "fh", "two");
    c.s3_create_bucket("later").unwrap();
    c.advance_by(2 * SECOND); // retry at 15.5 s not yet due
    assert!(keys(&c, "later").is_empty());
    c.advance_by(SECOND);
    let k = keys(&c, "later");
    assert_eq!(k.len(), 2, "{k:?}");
    let bodies: Vec<_> = k.iter().map(|k| body(&c, "later", k)).collect();
    assert_eq!(bodies, ["one", "two"]);
}

#[test]
fn custom_prefix_error_prefix_and_gzip() {
    let mut c = Cloud::default();
    c.s3_create_bucket("logs").unwrap();
    let mut d = dest("logs", 1, 0);
    d.prefix = Some("app/!{timestamp:yyyy-MM-dd}/".into());
    d.error_output_prefix = Some("err/!{firehose:error-output-type}/".into());
    d.compression_format = Some("GZIP".into());
    stream(&mut c, "fh", d);
    put!(c, "fh", "zzzzzzzzzz");
    c.advance_by(0);
    let k = keys(&c, "logs");
    assert!(k[0].starts_with("app/2024-01-01/fh-1-") && k[0].ends_with(".gz"), "{}", k[0]);
    let z = &c.s3_get_object("logs", &k[0]).unwrap().body;
    assert_eq!(super::gzip::gunzip(z).unwrap(), b"zzzzzzzzzz");
}

#[test]
fn lambda_transform_routes_ok_dropped_and_failed_records() {
    let mut c = Cloud::default();
    c.s3_create_bucket("logs").unwrap();
    c.create_function(CreateFunctionInput {
        function_name: Some("t".into()),
        handler: Some("fail-when:bad".into()),
        ..Default::default()
    })
    .unwrap();
    let mut d = dest("logs", 1, 0);
    d.processing_configuration = Some(ProcessingConfigurationInput {
        enabled: Some(true),
        processors: Some(vec![ProcessorInput {
            kind: Some("Lambda".into()),
            parameters: Some(vec![ProcessorParameter {
                parameter_name: Some("LambdaArn".into()),
                parameter_value: Some(c.function_arn("t")),
            }]),
        }]),
    });
    stream(&mut c, "fh", d);
    put!(c, "fh", "good1", "bad", "good2");
    c.advance_by(0);
    let k = keys(&c, "logs");
    assert_eq!(k.len(), 2, "{k:?}");
    assert!(k[1].starts_with("processing-failed/2024/01/01/00/fh-1-"), "{k:?}");
    assert_eq!(body(&c, "logs", &k[0]), "good1good2");
    let line: serde_json::Value = serde_json::from_str(body(&c, "logs", &k[1]).trim_end()).unwrap();
    assert_eq!(line["errorCode"], "Lambda.ProcessingFailedStatus");
    assert_eq!(line["rawData"], "YmFk");
    assert_eq!(line["attemptsMade"], 1);
    assert_eq!(line["arrivalTimestamp"], WORLD_START.millis() + 500);
}

#[test]
fn a_throwing_transform_is_retried_then_all_records_fail() {
    let mut c = Cloud::default();
    c.s3_create_bucket("logs").unwrap();
    c.create_function(CreateFunctionInput {
        function_name: Some("t".into()),
        handler: Some("throw-when:x".into()),
        ..Default::default()
    })
    .unwrap();
    let mut d = dest("logs", 1, 0);
    d.processing_configuration = Some(ProcessingConfigurationInput {
        enabled: Some(true),
        processors: Some(vec![ProcessorInput {
            kind: Some("Lambda".into()),
            parameters: Some(vec![
                ProcessorParameter {
                    parameter_name: Some("LambdaArn".into()),
                    parameter_value: Some("t".into()),
                },
                ProcessorParameter {
                    parameter_name: Some("NumberOfRetries".into()),
                    parameter_value: Some("2".into()),
                },
            ]),
        }]),
    });
    stream(&mut c, "fh", d);
    put!(c, "fh", "x1", "y");
    c.advance_by(0);
    assert_eq!(c.lambda.functions["t"].invocations, 3);
    let k = keys(&c, "logs");
    assert_eq!(k.len(), 1);
    let text = body(&c, "logs", &k[0]);
    assert_eq!(text.lines().count(), 2);
    assert!(text.contains("\"attemptsMade\":3") && text.contains("Lambda.FunctionError"), "{text}");
}

#[test]
fn lifecycle_and_put_restrictions() {
    let mut c = Cloud::default();
    c.create_delivery_stream(CreateDeliveryStreamInput {
        delivery_stream_name: Some("fh".into()),
        extended_s3_destination_configuration: Some(dest("logs", 5, 300)),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(c.firehose_put_record("fh", vec![1]).unwrap_err().code, "ResourceNotFoundException");
    assert_eq!(c.delete_delivery_stream("fh", false).unwrap_err().code, "ResourceInUseException");
    c.advance_by(499);
    assert_eq!(c.delivery_stream("fh").unwrap().status.as_str(), "CREATING");
    c.advance_by(1);
    assert_eq!(c.delivery_stream("fh").unwrap().status.as_str(), "ACTIVE");
    assert_eq!(
        c.firehose_put_record_batch("fh", vec![vec![0]; 501]).unwrap_err().code,
        "ValidationException"
    );
    assert_eq!(c.firehose_put_record("fh", vec![0; 1_024_001]).unwrap_err().code, "ValidationException");
    let big = vec![vec![0u8; 1_024_000]; 5];
    assert_eq!(c.firehose_put_record_batch("fh", big).unwrap_err().code, "InvalidArgumentException");
    c.delete_delivery_stream("fh", false).unwrap();
    assert_eq!(c.delivery_stream("fh").unwrap().status.as_str(), "DELETING");
    c.advance_by(500);
    assert!(c.delivery_stream("fh").is_err());
    let _ = "unused".to_string();
}

#[test]
fn same_calls_same_seed_same_world() {
    let run = || {
        let mut c = Cloud::default();
        c.s3_create_bucket("logs").unwrap();
        let mut d = dest("logs", 1, 0);
        d.prefix = Some("r/!{firehose:random-string}/".into());
        d.error_output_prefix = Some("e/!{firehose:error-output-type}/".into());
        stream(&mut c, "fh", d);
        put!(c, "fh", "a");
        c.advance_by(SECOND);
        (keys(&c, "logs"), c.drain_events())
    };
    assert_eq!(run(), run());
}
