//! AWS Lambda commands (`aws lambda …`) for functions and event source mappings, from the
//! Lambda API Reference <https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html>.

use crate::shape::*;

const CODE: Shape =
    Shape::Open(&[m("ZipFile", &BLOB), m("S3Bucket", &STR), m("S3Key", &STR), m("ImageUri", &STR)]);
const ENVIRONMENT: Shape = Shape::Struct(&[m("Variables", &STR_MAP)]);
const FILTER: Shape = Shape::Struct(&[m("Pattern", &STR)]);
const FILTER_CRITERIA: Shape = Shape::Struct(&[m("Filters", &Shape::List(&FILTER))]);
const SCALING: Shape = Shape::Struct(&[m("MaximumConcurrency", &INT)]);
const FUNCTION_NAME: Member = req("FunctionName", &STR);

pub const SERVICE: Service = Service {
    cli: "lambda",
    engine: "lambda",
    actions: &[
        action(
            "CreateFunction",
            &[
                FUNCTION_NAME,
                m("Runtime", &STR),
                req("Role", &STR),
                m("Handler", &STR),
                // Optional on the command line: `--zip-file` fills it (awscli customization).
                m("Code", &CODE),
                m("Description", &STR),
                m("Timeout", &INT),
                m("MemorySize", &INT),
                m("Environment", &ENVIRONMENT),
                m("Publish", &BOOL),
            ],
        ),
        action("GetFunction", &[FUNCTION_NAME, m("Qualifier", &STR)]),
        action("DeleteFunction", &[FUNCTION_NAME, m("Qualifier", &STR)]),
        action("ListFunctions", &[m("Marker", &STR), m("MaxItems", &INT)]),
        Action {
            name: "Invoke",
            members: &[
                FUNCTION_NAME,
                m("InvocationType", &STR),
                m("LogType", &STR),
                m("Payload", &BLOB),
                m("Qualifier", &STR),
            ],
            positional: Some("outfile"),
        },
        action(
            "CreateEventSourceMapping",
            &[
                m("EventSourceArn", &STR),
                FUNCTION_NAME,
                m("Enabled", &BOOL),
                m("BatchSize", &INT),
                m("MaximumBatchingWindowInSeconds", &INT),
                m("StartingPosition", &STR),
                m("StartingPositionTimestamp", &TIMESTAMP),
                m("FunctionResponseTypes", &STR_LIST),
                m("ScalingConfig", &SCALING),
                m("FilterCriteria", &FILTER_CRITERIA),
                m("MaximumRetryAttempts", &INT),
                m("BisectBatchOnFunctionError", &BOOL),
                m("ParallelizationFactor", &INT),
            ],
        ),
        action("GetEventSourceMapping", &[req("UUID", &STR)]),
        action(
            "UpdateEventSourceMapping",
            &[
                req("UUID", &STR),
                m("FunctionName", &STR),
                m("Enabled", &BOOL),
                m("BatchSize", &INT),
                m("MaximumBatchingWindowInSeconds", &INT),
                m("FunctionResponseTypes", &STR_LIST),
                m("ScalingConfig", &SCALING),
            ],
        ),
        action("DeleteEventSourceMapping", &[req("UUID", &STR)]),
        action(
            "ListEventSourceMappings",
            &[m("EventSourceArn", &STR), m("FunctionName", &STR), m("Marker", &STR), m("MaxItems", &INT)],
        ),
    ],
};
