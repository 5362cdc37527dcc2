//! `aws s3api …`: the bucket and object calls Firehose deliveries are inspected with, mapped
//! to the engine's `s3` pseudo service (api-contract.md, "Pseudo services").
//! <https://docs.aws.amazon.com/cli/latest/reference/s3api/>

use crate::shape::*;

const BUCKET_CONFIGURATION: Shape = Shape::Open(&[m("LocationConstraint", &STR)]);

pub const SERVICE: Service = Service {
    cli: "s3api",
    engine: "s3",
    actions: &[
        action(
            "CreateBucket",
            &[
                req("Bucket", &STR),
                m("CreateBucketConfiguration", &BUCKET_CONFIGURATION),
                m("ACL", &STR),
                m("GrantFullControl", &STR),
                m("GrantRead", &STR),
                m("GrantReadACP", &STR),
                m("GrantWrite", &STR),
                m("GrantWriteACP", &STR),
                m("ObjectLockEnabledForBucket", &BOOL),
                m("ObjectOwnership", &STR),
            ],
        ),
        action("DeleteBucket", &[req("Bucket", &STR)]),
        action("ListBuckets", &[m("MaxBuckets", &INT), m("ContinuationToken", &STR), m("Prefix", &STR)]),
        // `--body` names a file to upload (awscli's streaming blob); see `args`.
        action(
            "PutObject",
            &[
                req("Bucket", &STR),
                req("Key", &STR),
                m("Body", &BLOB),
                m("ContentType", &STR),
                m("ContentEncoding", &STR),
                m("Metadata", &STR_MAP),
            ],
        ),
        action("DeleteObject", &[req("Bucket", &STR), req("Key", &STR), m("VersionId", &STR)]),
        action(
            "ListObjectsV2",
            &[
                req("Bucket", &STR),
                m("Prefix", &STR),
                m("Delimiter", &STR),
                m("MaxKeys", &INT),
                m("ContinuationToken", &STR),
                m("StartAfter", &STR),
            ],
        ),
        Action {
            name: "GetObject",
            members: &[req("Bucket", &STR), req("Key", &STR), m("Range", &STR), m("VersionId", &STR)],
            positional: Some("outfile"),
        },
    ],
};
