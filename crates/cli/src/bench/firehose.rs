//! Firehose throughput: records per second from `PutRecord`/`PutRecordBatch` through the
//! buffer into S3 objects (size flushes at 1 MiB, interval flushes on the virtual clock),
//! plain, GZIP and with a Lambda transform. Part of `decouple bench kinesis`.

use super::{per_second, Figure};
use decouple_engine::firehose::config::{
    BufferingHints, ProcessingConfigurationInput, ProcessorInput, ProcessorParameter, S3DestinationInput,
};
use decouple_engine::firehose::CreateDeliveryStreamInput;
use decouple_engine::lambda::CreateFunctionInput;
use decouple_engine::Cloud;

fn world(compression: &str, transform: Option<&str>) -> Cloud {
    let mut c = Cloud::default();
    c.s3_create_bucket("bench").expect("bucket");
    let mut dest = S3DestinationInput {
        role_arn: Some("arn:aws:iam::000000000000:role/r".into()),
        bucket_arn: Some("arn:aws:s3:::bench".into()),
        buffering_hints: Some(BufferingHints { size_in_mbs: Some(1), interval_in_seconds: Some(60) }),
        compression_format: Some(compression.into()),
        ..Default::default()
    };
    if let Some(h) = transform {
        c.create_function(CreateFunctionInput {
            function_name: Some("t".into()),
            handler: Some(h.into()),
            ..Default::default()
        })
        .expect("function");
        dest.processing_configuration = Some(ProcessingConfigurationInput {
            enabled: Some(true),
            processors: Some(vec![ProcessorInput {
                kind: Some("Lambda".into()),
                parameters: Some(vec![ProcessorParameter {
                    parameter_name: Some("LambdaArn".into()),
                    parameter_value: Some("t".into()),
                }]),
            }]),
        });
    }
    c.create_delivery_stream(CreateDeliveryStreamInput {
        delivery_stream_name: Some("fh".into()),
        extended_s3_destination_configuration: Some(dest),
        ..Default::default()
    })
    .expect("stream");
    c.advance_by(500);
    c
}

fn record(i: u64) -> Vec<u8> {
    format!("{{\"id\":{i},\"ticker\":\"AMZN\",\"price\":{},\"note\":\"firehose bench record\"}}", i % 997)
        .into_bytes()
}

fn puts(mut c: Cloud, n: u64) -> f64 {
    per_second(n, |i| {
        c.firehose_put_record("fh", record(i)).expect("put");
        if i % 1000 == 999 {
            c.advance_by(1000);
            c.drain_events();
        }
    })
}

/// The suite.
pub fn run(quick: bool) -> Vec<Figure> {
    let n = if quick { 20_000 } else { 400_000 };
    let batches = n / 500;
    let mut c = world("UNCOMPRESSED", None);
    let batch = per_second(batches, |i| {
        let recs = (0..500).map(|k| record(i * 500 + k)).collect();
        c.firehose_put_record_batch("fh", recs).expect("batch");
        c.advance_by(1000);
        c.drain_events();
    }) * 500.0;
    let objects = c.s3.buckets.get("bench").map_or(0, |b| b.objects.len());
    vec![
        Figure::new(
            "firehose PutRecord → S3 objects (100 B records, 1 MiB buffer)",
            puts(world("UNCOMPRESSED", None), n),
            "records/s",
        ),
        Figure::new(format!("firehose PutRecordBatch ×500 → S3 ({objects} objects)"), batch, "records/s"),
        Figure::new("firehose PutRecord → GZIP objects", puts(world("GZIP", None), n / 4), "records/s"),
        Figure::new(
            "firehose PutRecord → Lambda transform → S3",
            puts(world("UNCOMPRESSED", Some("add-newline")), n / 4),
            "records/s",
        ),
    ]
}
