//! Queue tags: TagQueue, UntagQueue, ListQueueTags (spec/sqs.md §4.13;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-tags.html>).
//! String→string, keys case-sensitive, values may be empty; TagQueue overwrites, UntagQueue
//! ignores unknown keys, ListQueueTags omits `Tags` when there are none.
//!
//! # Fidelity
//! AWS recommends at most 50 tags; this simulator enforces 50, keys of 1–128 and values of
//! at most 256 characters (the AWS tagging limits), with our own error texts.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::{ApiError, Cloud};

/// Tags per queue.
pub const MAX_TAGS: usize = 50;
const MAX_KEY_LEN: usize = 128;
const MAX_VALUE_LEN: usize = 256;

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct TagQueueInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub tags: Option<BTreeMap<String, String>> = "Tags",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct UntagQueueInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub tag_keys: Option<Vec<String>> = "TagKeys",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListQueueTagsOutput {
        pub tags: BTreeMap<String, String> = "Tags" skip_empty,
    }
}

/// Checks keys and values of tags to be added.
pub(crate) fn check_tags(tags: &BTreeMap<String, String>, queue: &str) -> Result<(), ApiError> {
    for (k, v) in tags {
        if k.is_empty() || k.chars().count() > MAX_KEY_LEN {
            return Err(ApiError::sqs_invalid_parameter(format!(
                "Tag key must be between 1 and {MAX_KEY_LEN} characters."
            )));
        }
        if v.chars().count() > MAX_VALUE_LEN {
            return Err(ApiError::sqs_invalid_parameter(format!(
                "Tag value must be at most {MAX_VALUE_LEN} characters."
            )));
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(ApiError::sqs_invalid_parameter(format!("Too many tags added for queue {queue}.")));
    }
    Ok(())
}

impl Cloud {
    /// TagQueue.
    pub fn tag_queue(&mut self, input: TagQueueInput) -> Result<(), ApiError> {
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let tags = input.tags.ok_or_else(|| ApiError::sqs_missing_parameter("Tags"))?;
        check_tags(&tags, &q.name)?;
        let mut merged = q.tags.clone();
        merged.extend(tags);
        if merged.len() > MAX_TAGS {
            return Err(ApiError::sqs_invalid_parameter(format!(
                "Too many tags added for queue {}.",
                q.name
            )));
        }
        q.tags = merged;
        Ok(())
    }

    /// UntagQueue.
    pub fn untag_queue(&mut self, input: UntagQueueInput) -> Result<(), ApiError> {
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let keys = input.tag_keys.ok_or_else(|| ApiError::sqs_missing_parameter("TagKeys"))?;
        for k in keys {
            q.tags.remove(&k);
        }
        Ok(())
    }

    /// ListQueueTags.
    pub fn list_queue_tags(
        &mut self,
        input: super::queue::QueueUrlInput,
    ) -> Result<ListQueueTagsOutput, ApiError> {
        let q = self.sqs.queue_ref(input.queue_url.as_deref(), self.ctx.account())?;
        Ok(ListQueueTagsOutput { tags: q.tags.clone() })
    }
}
