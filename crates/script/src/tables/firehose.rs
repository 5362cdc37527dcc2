//! Amazon Data Firehose commands (`aws firehose …`), from the Firehose API Reference
//! <https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html> and the AWS
//! CLI reference <https://docs.aws.amazon.com/cli/latest/reference/firehose/>.
//!
//! Destination configurations are described as far as the engine models them (S3 and
//! extended S3); their other members pass through unchecked.

use crate::shape::*;

const RECORD: Shape = Shape::Struct(&[req("Data", &BLOB)]);
const BUFFERING_HINTS: Shape = Shape::Struct(&[m("SizeInMBs", &INT), m("IntervalInSeconds", &INT)]);
const PARAMETER: Shape = Shape::Struct(&[req("ParameterName", &STR), req("ParameterValue", &STR)]);
const PROCESSOR: Shape = Shape::Struct(&[req("Type", &STR), m("Parameters", &Shape::List(&PARAMETER))]);
const PROCESSING: Shape = Shape::Struct(&[m("Enabled", &BOOL), m("Processors", &Shape::List(&PROCESSOR))]);
const LOGGING: Shape =
    Shape::Struct(&[m("Enabled", &BOOL), m("LogGroupName", &STR), m("LogStreamName", &STR)]);
const S3_DESTINATION: Shape = Shape::Open(&[
    m("RoleARN", &STR),
    m("BucketARN", &STR),
    m("Prefix", &STR),
    m("ErrorOutputPrefix", &STR),
    m("BufferingHints", &BUFFERING_HINTS),
    m("CompressionFormat", &STR),
    m("CloudWatchLoggingOptions", &LOGGING),
    m("ProcessingConfiguration", &PROCESSING),
    m("S3BackupMode", &STR),
    m("FileExtension", &STR),
    m("CustomTimeZone", &STR),
]);
const KINESIS_SOURCE: Shape = Shape::Struct(&[req("KinesisStreamARN", &STR), req("RoleARN", &STR)]);
const NAME: Member = req("DeliveryStreamName", &STR);

pub const SERVICE: Service = Service {
    cli: "firehose",
    engine: "firehose",
    actions: &[
        action(
            "CreateDeliveryStream",
            &[
                NAME,
                m("DeliveryStreamType", &STR),
                m("KinesisStreamSourceConfiguration", &KINESIS_SOURCE),
                m("S3DestinationConfiguration", &S3_DESTINATION),
                m("ExtendedS3DestinationConfiguration", &S3_DESTINATION),
                m("Tags", &TAG_LIST),
            ],
        ),
        action("DeleteDeliveryStream", &[NAME, m("AllowForceDelete", &BOOL)]),
        action("DescribeDeliveryStream", &[NAME, m("Limit", &INT), m("ExclusiveStartDestinationId", &STR)]),
        action(
            "ListDeliveryStreams",
            &[m("Limit", &INT), m("DeliveryStreamType", &STR), m("ExclusiveStartDeliveryStreamName", &STR)],
        ),
        action("PutRecord", &[NAME, req("Record", &RECORD)]),
        action("PutRecordBatch", &[NAME, req("Records", &Shape::List(&RECORD))]),
        action(
            "UpdateDestination",
            &[
                NAME,
                req("CurrentDeliveryStreamVersionId", &STR),
                req("DestinationId", &STR),
                m("S3DestinationUpdate", &S3_DESTINATION),
                m("ExtendedS3DestinationUpdate", &S3_DESTINATION),
            ],
        ),
        action("TagDeliveryStream", &[NAME, req("Tags", &TAG_LIST)]),
        action("UntagDeliveryStream", &[NAME, req("TagKeys", &STR_LIST)]),
        action("ListTagsForDeliveryStream", &[NAME, m("ExclusiveStartTagKey", &STR), m("Limit", &INT)]),
    ],
};
