//! GetQueueAttributes and SetQueueAttributes (spec/sqs.md §3, §4.5). Validation of each
//! attribute lives in [`super::attributes`].
//!
//! * Get without names returns nothing; `All` returns every attribute that has a value; an
//!   unknown name is `InvalidAttributeName Unknown Attribute <Name>.`
//! * Set applies all or nothing; `""` removes Policy, RedrivePolicy, RedriveAllowPolicy and
//!   KmsMasterKeyId. Lowering MessageRetentionPeriod expires messages at once; a new
//!   DelaySeconds is retroactive for delayed FIFO messages only (spec §5.4);
//!   DeduplicationScope keeps its creation-time behaviour (spec §14 Q8).

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::attributes::{is_known, READ_ONLY};
use super::message::MessageState;
use super::SqsEvent;
use crate::time::SECOND;
use crate::{ApiError, Cloud};

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct GetQueueAttributesInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub attribute_names: Option<Vec<String>> = "AttributeNames",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct GetQueueAttributesOutput {
        pub attributes: BTreeMap<String, String> = "Attributes" skip_empty,
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SetQueueAttributesInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub attributes: Option<BTreeMap<String, String>> = "Attributes",
    }
}

impl Cloud {
    /// GetQueueAttributes.
    pub fn get_queue_attributes(
        &mut self,
        input: GetQueueAttributesInput,
    ) -> Result<GetQueueAttributesOutput, ApiError> {
        let q = self.sqs.queue_ref(input.queue_url.as_deref(), self.ctx.account())?;
        let names = input.attribute_names.unwrap_or_default();
        if let Some(bad) = names.iter().find(|n| !is_known(n)) {
            return Err(ApiError::unknown_attribute(bad));
        }
        let mut attributes = q.attributes.to_strings();
        let c = q.counts();
        let mut put = |k: &str, v: String| attributes.insert(k.to_string(), v);
        put("ApproximateNumberOfMessages", c.visible.to_string());
        put("ApproximateNumberOfMessagesNotVisible", c.in_flight.to_string());
        put("ApproximateNumberOfMessagesDelayed", c.delayed.to_string());
        put("CreatedTimestamp", q.created_at.secs().to_string());
        put("LastModifiedTimestamp", q.last_modified_at.secs().to_string());
        put("QueueArn", q.arn.clone());
        let every = names.iter().any(|n| n == "All");
        attributes.retain(|k, _| every || names.iter().any(|n| n == k));
        Ok(GetQueueAttributesOutput { attributes })
    }

    /// SetQueueAttributes.
    pub fn set_queue_attributes(&mut self, input: SetQueueAttributesInput) -> Result<(), ApiError> {
        let attrs = input.attributes.ok_or_else(|| ApiError::sqs_missing_parameter("Attributes"))?;
        let q = self.sqs.queue_ref(input.queue_url.as_deref(), self.ctx.account())?;
        if attrs.is_empty() {
            return Ok(());
        }
        let mut next = q.attributes.clone();
        for (k, v) in &attrs {
            if READ_ONLY.contains(&k.as_str()) {
                return Err(ApiError::unknown_attribute(k));
            }
            next.apply(k, v, false)?;
        }
        next.check_combination()?;
        if attrs.contains_key("RedrivePolicy") {
            self.check_redrive_target(&q.arn, q.is_fifo(), &next)?;
        }
        let name = q.name.clone();
        let now = self.ctx.now;
        let Some(q) = self.sqs.queues.get_mut(&name) else { return Err(ApiError::queue_does_not_exist()) };
        let delay_changed = next.delay_seconds != q.attributes.delay_seconds;
        q.attributes = next;
        q.last_modified_at = now;
        if delay_changed && q.is_fifo() {
            let delay_ms = q.attributes.delay_seconds * SECOND;
            for seq in q.store.delayed() {
                let Some(m) = q.store.get(seq) else { continue };
                if m.state != MessageState::Delayed {
                    continue;
                }
                let until = m.sent_at.plus(delay_ms);
                q.store.set_delay_end(seq, until);
            }
            if let Some(t) = q.timer.take() {
                self.ctx.timers.cancel(t);
            }
        }
        if attrs.contains_key("MessageRetentionPeriod") {
            if let Some(t) = q.timer.take() {
                self.ctx.timers.cancel(t);
            }
        }
        q.settle(&mut self.ctx);
        self.ctx
            .emit(SqsEvent::QueueAttributesChanged { queue: name, attributes: attrs.into_keys().collect() });
        Ok(())
    }
}
