//! Dead-letter queues at work: checking a RedrivePolicy's target, the move inside
//! ReceiveMessage, and ListDeadLetterSourceQueues (spec/sqs.md §7, §4.14). The policy
//! documents themselves are parsed in [`super::redrive`].

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::attributes::QueueAttributes;
use super::message::{Message, MessageState};
use super::queue::{check_max_results, page};
use super::SqsEvent;
use crate::time::Instant;
use crate::{ApiError, Cloud};

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListDeadLetterSourceQueuesInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub max_results: Option<i64> = "MaxResults",
        pub next_token: Option<String> = "NextToken",
    }
}

crate::shape::output_shape! {
    /// Note the lowercase `queueUrls` (API model).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListDeadLetterSourceQueuesOutput {
        pub queue_urls: Vec<String> = "queueUrls",
        pub next_token: Option<String> = "NextToken" skip_none,
    }
}

impl Cloud {
    /// Checks that `attrs.redrive_policy` (if any) names an existing queue of the same type
    /// whose RedriveAllowPolicy lets `source_arn` in.
    pub(crate) fn check_redrive_target(
        &self,
        source_arn: &str,
        fifo: bool,
        attrs: &QueueAttributes,
    ) -> Result<(), ApiError> {
        let Some(p) = &attrs.redrive_policy else { return Ok(()) };
        let text = p.to_json();
        let bad = |reason: &str| ApiError::sqs_invalid_value(&text, "RedrivePolicy", reason);
        let Some(target) = self.sqs.queue_by_arn(&p.dead_letter_target_arn) else {
            return Err(bad("Dead letter target does not exist."));
        };
        if target.is_fifo() != fifo {
            return Err(bad("Dead-letter queue must be same type of queue as the source."));
        }
        if target.attributes.redrive_allow_policy.as_ref().is_some_and(|a| !a.allows(source_arn)) {
            return Err(bad("The dead-letter queue's RedriveAllowPolicy does not allow this source queue."));
        }
        Ok(())
    }

    /// True when queue `name` has a usable DLQ right now.
    pub(crate) fn dead_letter_target_ok(&self, name: &str) -> bool {
        let Some(src) = self.sqs.queues.get(name) else { return false };
        let Some(p) = &src.attributes.redrive_policy else { return false };
        self.sqs.queue_by_arn(&p.dead_letter_target_arn).is_some_and(|t| {
            t.is_fifo() == src.is_fifo()
                && t.attributes.redrive_allow_policy.as_ref().is_none_or(|a| a.allows(&src.arn))
        })
    }

    /// Moves messages removed from `source` into its DLQ (spec §7).
    // The store keeps messages boxed; moving them as boxes copies no message.
    #[allow(clippy::vec_box)]
    pub(crate) fn move_to_dead_letter_queue(&mut self, source: &str, moved: Vec<Box<Message>>) {
        let Some(src) = self.sqs.queues.get(source) else { return };
        let (source_arn, source_name) = (src.arn.clone(), src.name.clone());
        let Some(target_name) = src
            .attributes
            .redrive_policy
            .as_ref()
            .and_then(|p| self.sqs.queue_by_arn(&p.dead_letter_target_arn))
            .map(|t| t.name.clone())
        else {
            return;
        };
        let now = self.ctx.now;
        let Some(dlq) = self.sqs.queues.get_mut(&target_name) else { return };
        for mut m in moved {
            let receive_count = m.receive_count;
            let message_id = m.message_id.clone();
            m.seq = dlq.store.allocate_seq();
            m.state = MessageState::Visible;
            m.visible_at = Instant(0);
            m.dead_letter_source_arn = Some(source_arn.clone());
            m.visibility_changed = false;
            if dlq.is_fifo() {
                m.message_deduplication_id = Some(m.message_id.clone());
                m.enqueued_at = now;
                m.sequence_number = dlq.sequencer.as_mut().map(|s| s.next(&mut self.ctx.rng));
            }
            self.ctx.emit(SqsEvent::MovedToDeadLetterQueue {
                queue: source_name.clone(),
                dead_letter_queue: target_name.clone(),
                message_id,
                receive_count,
            });
            dlq.store.insert(m);
        }
        dlq.settle(&mut self.ctx);
    }

    /// ListDeadLetterSourceQueues (spec §4.14): queues whose RedrivePolicy targets this one.
    pub fn list_dead_letter_source_queues(
        &mut self,
        input: ListDeadLetterSourceQueuesInput,
    ) -> Result<ListDeadLetterSourceQueuesOutput, ApiError> {
        let max = check_max_results(input.max_results)?;
        let dlq_arn = self.sqs.queue_ref(input.queue_url.as_deref(), self.ctx.account())?.arn.clone();
        let names = self
            .sqs
            .queues
            .values()
            .filter(|q| {
                q.attributes.redrive_policy.as_ref().is_some_and(|p| p.dead_letter_target_arn == dlq_arn)
            })
            .map(|q| String::from(&*q.name));
        let (names, next_token) = page(names, max, input.next_token.as_deref())?;
        let queue_urls =
            names.iter().filter_map(|n| self.sqs.queues.get(n.as_str()).map(|q| q.url.clone())).collect();
        Ok(ListDeadLetterSourceQueuesOutput { queue_urls, next_token })
    }
}
