//! The SQS side of event source mappings: waits for the SQS service to land on main.

use alloc::vec::Vec;

use crate::time::SECOND;
use crate::Cloud;

/// Time between polls.
pub const POLL_MS: u64 = SECOND;

/// SQS polling state of a mapping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsPollState {
    pub in_flight: u64,
}

/// How a finished batch is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settle {
    All,
    AllBut(Vec<alloc::string::String>),
    Nothing,
}

impl Cloud {
    pub(crate) fn sqs_queue_is_fifo(&self, _arn: &str) -> Option<bool> {
        None
    }
    pub(crate) fn lambda_send_to_queue(&mut self, _queue_arn: &str, _doc: &str) -> bool {
        false
    }
    pub(crate) fn sqs_mapping_poll(&mut self, _uuid: &str) -> u64 {
        POLL_MS
    }
    pub(crate) fn sqs_batch_done(
        &mut self,
        _uuid: &str,
        _serial: u64,
        _handles: Vec<(alloc::string::String, alloc::string::String)>,
        _settle: Settle,
    ) {
    }
}
