//! Topic tags: TagResource, UntagResource, ListTagsForResource (spec/sns.md §1.3: at most 50
//! per topic, `TagLimitExceeded`; a missing topic is `ResourceNotFound`).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::arn;
use crate::{ApiError, Cloud};

/// Tags per topic (aws-doc).
pub const MAX_TAGS: usize = 50;

crate::shape::input_shape! {
    /// One tag `{"Key", "Value"}`.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "PascalCase"))]
    pub struct Tag {
        pub key: String = "Key",
        pub value: String = "Value",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct TagResourceInput {
        pub resource_arn: Option<String> = "ResourceArn",
        pub tags: Option<Vec<Tag>> = "Tags",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct UntagResourceInput {
        pub resource_arn: Option<String> = "ResourceArn",
        pub tag_keys: Option<Vec<String>> = "TagKeys",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct ListTagsForResourceInput {
        pub resource_arn: Option<String> = "ResourceArn",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ListTagsForResourceOutput {
        pub tags: Vec<Tag> = "Tags",
    }
}

/// Applies `tags` to `current`, enforcing the 50-tag quota.
pub fn apply(current: &mut BTreeMap<String, String>, tags: &[Tag]) -> Result<(), ApiError> {
    let mut next = current.clone();
    for t in tags {
        if t.key.is_empty() || t.key.chars().count() > 128 || t.value.chars().count() > 256 {
            return Err(ApiError::sns_invalid(
                "Tags Reason: Tag keys must be 1-128 and values 0-256 characters",
            ));
        }
        next.insert(t.key.clone(), t.value.clone());
    }
    if next.len() > MAX_TAGS {
        return Err(ApiError::sns_tag_limit_exceeded());
    }
    *current = next;
    Ok(())
}

impl Cloud {
    fn sns_tagged_topic(
        &mut self,
        arn_value: Option<&str>,
    ) -> Result<&mut BTreeMap<String, String>, ApiError> {
        let value = arn_value.unwrap_or_default();
        arn::parse("ResourceArn", value)?;
        self.sns.topics.get_mut(value).map(|t| &mut t.tags).ok_or_else(ApiError::sns_resource_not_found)
    }

    /// TagResource: adds or overwrites tags of a topic.
    pub fn sns_tag_resource(&mut self, input: TagResourceInput) -> Result<(), ApiError> {
        let tags = input.tags.unwrap_or_default();
        let current = self.sns_tagged_topic(input.resource_arn.as_deref())?;
        apply(current, &tags)
    }

    /// UntagResource: removes tags by key (missing keys are ignored).
    pub fn sns_untag_resource(&mut self, input: UntagResourceInput) -> Result<(), ApiError> {
        let current = self.sns_tagged_topic(input.resource_arn.as_deref())?;
        for k in input.tag_keys.unwrap_or_default() {
            current.remove(&k);
        }
        Ok(())
    }

    /// ListTagsForResource: a topic's tags in key order.
    pub fn sns_list_tags_for_resource(
        &mut self,
        input: ListTagsForResourceInput,
    ) -> Result<ListTagsForResourceOutput, ApiError> {
        let current = self.sns_tagged_topic(input.resource_arn.as_deref())?;
        let tags = current.iter().map(|(k, v)| Tag { key: k.clone(), value: v.clone() }).collect();
        Ok(ListTagsForResourceOutput { tags })
    }
}
