//! Property: Firehose delivers every accepted record exactly once, either in a delivered
//! object or under the error prefix (or it is dropped by the transform on purpose), whatever
//! the record sizes, the timing, the buffering hints and a bucket that appears late.

use base64::Engine as _;
use decouple_engine::firehose::config::{
    BufferingHints, ProcessingConfigurationInput, ProcessorInput, ProcessorParameter, S3DestinationInput,
};
use decouple_engine::firehose::CreateDeliveryStreamInput;
use decouple_engine::lambda::CreateFunctionInput;
use decouple_engine::Cloud;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Put { size: usize, tag: u8 },
    Batch { n: usize, size: usize },
    Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..120_000, 0u8..4).prop_map(|(size, tag)| Op::Put { size, tag }),
        1 => (1usize..20, 0usize..20_000).prop_map(|(n, size)| Op::Batch { n, size }),
        3 => (0u64..90_000).prop_map(Op::Advance),
    ]
}

/// Record `i`: a unique token, a tag word the transform reacts to, and filler.
fn record(i: usize, tag: u8, size: usize) -> Vec<u8> {
    let word = match tag {
        1 => "DROP",
        2 => "FAIL",
        _ => "keep",
    };
    let mut r = format!("<{i:06}|{word}>").into_bytes();
    r.resize(r.len() + size, b'.');
    r
}

fn tokens(text: &str) -> Vec<usize> {
    text.match_indices('<').filter_map(|(at, _)| text.get(at + 1..at + 7)?.parse().ok()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]
    #[test]
    fn every_accepted_record_is_delivered_once_or_to_the_error_prefix(
        ops in proptest::collection::vec(op(), 1..40),
        size_mb in 1i64..3,
        interval in 0i64..120,
        bucket_at in proptest::option::of(0usize..40),
        transform in proptest::option::of(prop_oneof![Just("drop-when:DROP"), Just("fail-when:FAIL")]),
    ) {
        let mut c = Cloud::default();
        let mut dest = S3DestinationInput {
            role_arn: Some("arn:aws:iam::000000000000:role/r".into()),
            bucket_arn: Some("arn:aws:s3:::sink".into()),
            buffering_hints: Some(BufferingHints { size_in_mbs: Some(size_mb), interval_in_seconds: Some(interval) }),
            ..Default::default()
        };
        if let Some(h) = transform {
            c.create_function(CreateFunctionInput { function_name: Some("t".into()), handler: Some(h.into()), ..Default::default() }).unwrap();
            dest.processing_configuration = Some(ProcessingConfigurationInput {
                enabled: Some(true),
                processors: Some(vec![ProcessorInput {
                    kind: Some("Lambda".into()),
                    parameters: Some(vec![ProcessorParameter { parameter_name: Some("LambdaArn".into()), parameter_value: Some("t".into()) }]),
                }]),
            });
        }
        c.create_delivery_stream(CreateDeliveryStreamInput {
            delivery_stream_name: Some("fh".into()),
            extended_s3_destination_configuration: Some(dest),
            ..Default::default()
        }).unwrap();
        c.advance_by(500);
        let (mut accepted, mut dropped, mut failing) = (Vec::new(), Vec::new(), Vec::new());
        let mut next = 0;
        let mut note = |i: usize, tag: u8, accepted: &mut Vec<usize>| {
            accepted.push(i);
            match (transform, tag) {
                (Some("drop-when:DROP"), 1) => dropped.push(i),
                (Some("fail-when:FAIL"), 2) => failing.push(i),
                _ => {}
            }
        };
        for (step, op) in ops.iter().enumerate() {
            if bucket_at == Some(step) {
                c.s3_create_bucket("sink").unwrap();
            }
            match op {
                Op::Put { size, tag } => {
                    if c.firehose_put_record("fh", record(next, *tag, *size)).is_ok() {
                        note(next, *tag, &mut accepted);
                    }
                    next += 1;
                }
                Op::Batch { n, size } => {
                    let recs: Vec<_> = (0..*n).map(|k| record(next + k, (k % 4) as u8, *size)).collect();
                    if c.firehose_put_record_batch("fh", recs).is_ok() {
                        for k in 0..*n {
                            note(next + k, (k % 4) as u8, &mut accepted);
                        }
                    }
                    next += n;
                }
                Op::Advance(ms) => c.advance_by(*ms),
            }
        }
        if c.s3_list_objects("sink", "", "", 1).is_err() {
            c.s3_create_bucket("sink").unwrap();
        }
        c.advance_by(1_000_000);
        let mut delivered = Vec::new();
        let mut errors = Vec::new();
        for (key, obj) in &c.s3.buckets["sink"].objects {
            let text = String::from_utf8_lossy(&obj.body).into_owned();
            if key.starts_with("processing-failed/") {
                for line in text.lines() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    let raw = base64::engine::general_purpose::STANDARD.decode(v["rawData"].as_str().unwrap()).unwrap();
                    errors.extend(tokens(&String::from_utf8_lossy(&raw)));
                }
            } else {
                delivered.extend(tokens(&text));
            }
        }
        let mut all = delivered.clone();
        all.extend(&errors);
        all.extend(&dropped);
        all.sort();
        let mut expected = accepted.clone();
        expected.sort();
        prop_assert_eq!(all, expected, "each accepted record exactly once");
        errors.sort();
        failing.sort();
        prop_assert_eq!(errors, failing);
        let fh = c.delivery_stream("fh").unwrap();
        prop_assert!(fh.buffer.records.is_empty() && fh.pending.is_empty(), "nothing left in Firehose (no replay)");
    }
}
