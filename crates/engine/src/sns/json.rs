//! The JSON edge of SNS: `sns.<Action>` calls with the API Reference's member names, nested
//! as JSON (api-contract.md), plus the pseudo action `ListSinkMessages`.

use alloc::vec::Vec;
use serde_json::{Map, Value};

use crate::json::{obj, ToJson};
use crate::json::{output, parse};
use crate::{ApiError, Cloud};

/// A boolean member given as `true` or `"true"` (the Query protocol sends text).
pub(crate) fn lenient_bool(v: Value) -> Result<Option<bool>, ApiError> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        Value::String(s) => Ok(Some(s.eq_ignore_ascii_case("true"))),
        _ => Err(ApiError::serialization("expected a boolean")),
    }
}

fn empty(r: Result<(), ApiError>) -> Result<Value, ApiError> {
    r.map(|()| Value::Object(Map::new()))
}

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "CreateTopic" => output(&cloud.create_topic(parse(input)?)?),
        "DeleteTopic" => empty(cloud.delete_topic(parse(input)?)),
        "ListTopics" => output(&cloud.list_topics(parse(input)?)?),
        "GetTopicAttributes" => output(&cloud.get_topic_attributes(parse(input)?)?),
        "SetTopicAttributes" => empty(cloud.set_topic_attributes(parse(input)?)),
        "GetDataProtectionPolicy" => output(&cloud.get_data_protection_policy(parse(input)?)?),
        "PutDataProtectionPolicy" => empty(cloud.put_data_protection_policy(parse(input)?)),
        "TagResource" => empty(cloud.sns_tag_resource(parse(input)?)),
        "UntagResource" => empty(cloud.sns_untag_resource(parse(input)?)),
        "ListTagsForResource" => output(&cloud.sns_list_tags_for_resource(parse(input)?)?),
        "Subscribe" => output(&cloud.subscribe(parse(input)?)?),
        "ConfirmSubscription" => output(&cloud.confirm_subscription(parse(input)?)?),
        "Unsubscribe" => empty(cloud.unsubscribe(parse(input)?)),
        "ListSubscriptions" => output(&cloud.list_subscriptions(parse(input)?)?),
        "ListSubscriptionsByTopic" => output(&cloud.list_subscriptions_by_topic(parse(input)?)?),
        "GetSubscriptionAttributes" => output(&cloud.get_subscription_attributes(parse(input)?)?),
        "SetSubscriptionAttributes" => empty(cloud.set_subscription_attributes(parse(input)?)),
        "Publish" => output(&cloud.publish(parse(input)?)?),
        "PublishBatch" => output(&cloud.publish_batch(parse(input)?)?),
        "ListSinkMessages" => {
            let messages: Vec<Value> = cloud
                .list_sink_messages(parse(input)?)?
                .into_iter()
                .map(|m| {
                    let mut o = Map::new();
                    o.insert("Endpoint".into(), ToJson::to_json(&m.endpoint));
                    o.insert("Protocol".into(), ToJson::to_json(&m.protocol));
                    o.insert("Body".into(), ToJson::to_json(&m.body));
                    if !m.headers.is_empty() {
                        // `extend`, not `collect`: see crate::collections::btree_map.
                        let mut h = Map::new();
                        h.extend(m.headers.into_iter().map(|(k, v)| (k, Value::String(v))));
                        o.insert("Headers".into(), Value::Object(h));
                    }
                    if let Some(s) = m.status {
                        o.insert("Status".into(), ToJson::to_json(&s));
                    }
                    if let Some(t) = m.token {
                        o.insert("Token".into(), ToJson::to_json(&t));
                    }
                    o.insert("ReceivedAt".into(), ToJson::to_json(&m.received_at.millis()));
                    Value::Object(o)
                })
                .collect();
            Ok(obj(&[("Messages", &messages)]))
        }
        _ => Err(ApiError::unknown_operation("sns", action)),
    }
}
