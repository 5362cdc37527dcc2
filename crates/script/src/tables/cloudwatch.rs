//! `aws cloudwatch …` over the engine's metrics (the `cloudwatch` pseudo service):
//! <https://docs.aws.amazon.com/cli/latest/reference/cloudwatch/get-metric-statistics.html>.

use crate::shape::*;

const DIMENSION: Shape = Shape::Struct(&[req("Name", &STR), m("Value", &STR)]);

pub const SERVICE: Service = Service {
    cli: "cloudwatch",
    engine: "cloudwatch",
    actions: &[
        action(
            "GetMetricStatistics",
            &[
                req("Namespace", &STR),
                req("MetricName", &STR),
                m("Dimensions", &Shape::List(&DIMENSION)),
                req("StartTime", &TIMESTAMP),
                req("EndTime", &TIMESTAMP),
                req("Period", &INT),
                m("Statistics", &STR_LIST),
                m("ExtendedStatistics", &STR_LIST),
                m("Unit", &STR),
            ],
        ),
        action(
            "ListMetrics",
            &[m("Namespace", &STR), m("MetricName", &STR), m("Dimensions", &Shape::List(&DIMENSION))],
        ),
    ],
};
