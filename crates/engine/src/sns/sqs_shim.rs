//! Temporary stand-in for `crate::sqs::delivery` (SendMessage on behalf of SNS) until the SQS
//! module lands: it records what SNS would send. Renamed `sqs_deliver_shim` (by the SQS helper) so the real `Cloud::sqs_deliver` can land; delete it when SNS switches over.

use alloc::string::String;
use alloc::vec::Vec;

use crate::message_attributes::MessageAttributes;
use crate::{ApiError, Cloud};

/// What SNS asks SQS to enqueue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsDelivery {
    pub queue_arn: String,
    pub body: String,
    pub message_attributes: MessageAttributes,
    pub message_group_id: Option<String>,
    pub message_deduplication_id: Option<String>,
    pub aws_trace_header: Option<String>,
    pub source_arn: Option<String>,
    pub principal_service: Option<String>,
}

/// What SQS answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsDelivered {
    pub message_id: String,
    pub sequence_number: Option<String>,
    pub queue_url: String,
}

/// Deliveries recorded by the stand-in.
#[derive(Clone, Debug, Default)]
pub struct ShimQueues {
    pub delivered: Vec<SqsDelivery>,
}

impl Cloud {
    /// Stand-in: a queue whose name starts with `missing` does not exist; every other queue
    /// accepts.
    pub(crate) fn sqs_deliver_shim(&mut self, delivery: SqsDelivery) -> Result<SqsDelivered, ApiError> {
        if super::arn::last_part(&delivery.queue_arn).starts_with("missing") {
            return Err(ApiError::client("QueueDoesNotExist", 400, "The specified queue does not exist."));
        }
        let message_id = self.ctx.rng.uuid();
        self.sns.sqs_shim.delivered.push(delivery);
        Ok(SqsDelivered { message_id, sequence_number: None, queue_url: String::new() })
    }
}
