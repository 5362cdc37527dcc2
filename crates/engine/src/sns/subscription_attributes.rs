//! Subscription attributes: validation, normalisation and the map GetSubscriptionAttributes
//! returns (spec/sns.md §1.4, §3 SetSubscriptionAttributes, §7.1;
//! <https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html>).
//!
//! Settable: `DeliveryPolicy`, `FilterPolicy`, `FilterPolicyScope`, `RawMessageDelivery`,
//! `RedrivePolicy`, `SubscriptionRoleArn`, `ReplayPolicy`. On Subscribe the same checks run
//! and their messages carry the prefix `Invalid parameter: Attributes Reason: `.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::Value;

use super::arn;
use super::delivery_policy::{SubscriptionDeliveryPolicy, TopicDeliveryPolicy};
use super::filter_policy::{FilterPolicy, FilterPolicyScope, PolicyOrigin};
use super::subscription::{Protocol, Subscription};
use crate::time::Instant;
use crate::ApiError;

/// Which call sets the attribute: it decides the error prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Subscribe,
    SetSubscriptionAttributes,
}

impl Origin {
    fn prefix(self) -> &'static str {
        match self {
            Origin::Subscribe => "Invalid parameter: Attributes Reason: ",
            Origin::SetSubscriptionAttributes => "Invalid parameter: ",
        }
    }
    fn policy_origin(self) -> PolicyOrigin {
        match self {
            Origin::Subscribe => PolicyOrigin::Subscribe,
            Origin::SetSubscriptionAttributes => PolicyOrigin::SetSubscriptionAttributes,
        }
    }
}

/// A replay window (FIFO topics with an archive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplayWindow {
    pub start: Instant,
    pub end: Option<Instant>,
}

/// The settable attributes of a subscription, parsed.
#[derive(Clone, Debug)]
pub struct SubscriptionAttributes {
    pub raw: bool,
    /// The policy text as given, and its compiled form.
    pub filter: Option<(String, FilterPolicy)>,
    pub scope: FilterPolicyScope,
    pub redrive_policy: Option<String>,
    pub dead_letter_target_arn: Option<String>,
    pub delivery_policy: Option<String>,
    pub role_arn: Option<String>,
    pub replay_policy: Option<String>,
    pub replay: Option<ReplayWindow>,
    pub replay_status: Option<String>,
}

impl Default for SubscriptionAttributes {
    fn default() -> Self {
        Self {
            raw: false,
            filter: None,
            scope: FilterPolicyScope::MessageAttributes,
            redrive_policy: None,
            dead_letter_target_arn: None,
            delivery_policy: None,
            role_arn: None,
            replay_policy: None,
            replay: None,
            replay_status: None,
        }
    }
}

fn scope_name(s: FilterPolicyScope) -> &'static str {
    s.as_str()
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)` into an instant.
pub fn parse_timestamp(s: &str) -> Option<Instant> {
    let s = s.strip_suffix('Z').or_else(|| s.strip_suffix("+00:00"))?;
    let (date, time) = s.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let mut t = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (hh, mm, ss) = (t.next()??, t.next()??, t.next()??);
    let ms: i64 = format!("{frac:0<3}").get(..3)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let (yy, mp) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let millis = ((days * 24 + hh) * 60 + mm) * 60_000 + ss * 1_000 + ms;
    u64::try_from(millis).ok().map(Instant)
}

impl SubscriptionAttributes {
    /// Parses Subscribe's `Attributes` (scope first, so the policy is checked in its scope).
    pub fn from_subscribe(
        given: &BTreeMap<String, String>,
        protocol: Protocol,
        fifo_topic: bool,
        endpoint: &str,
    ) -> Result<Self, ApiError> {
        let mut out = Self::default();
        if let Some(scope) = given.get("FilterPolicyScope") {
            out.set("FilterPolicyScope", scope, protocol, fifo_topic, endpoint, Origin::Subscribe)?;
        }
        for (k, v) in given.iter().filter(|(k, _)| *k != "FilterPolicyScope") {
            out.set(k, v, protocol, fifo_topic, endpoint, Origin::Subscribe)?;
        }
        if protocol == Protocol::Firehose && out.role_arn.is_none() {
            return Err(ApiError::sns_invalid(
                "Attributes Reason: SubscriptionRoleArn is required for firehose subscriptions",
            ));
        }
        Ok(out)
    }

    /// Validates and applies one attribute.
    pub fn set(
        &mut self,
        name: &str,
        value: &str,
        protocol: Protocol,
        fifo_topic: bool,
        endpoint: &str,
        origin: Origin,
    ) -> Result<(), ApiError> {
        let p = origin.prefix();
        let err = |what: String| ApiError::sns_invalid_parameter(format!("{p}{what}"));
        match name {
            "RawMessageDelivery" => {
                let v = value.to_ascii_lowercase();
                if v != "true" && v != "false" {
                    return Err(err(format!(
                        "RawMessageDelivery: Invalid value [{value}]. Must be true or false."
                    )));
                }
                if v == "true"
                    && !matches!(
                        protocol,
                        Protocol::Sqs | Protocol::Http | Protocol::Https | Protocol::Firehose
                    )
                {
                    return Err(err(format!(
                        "Delivery protocol [{}] does not support raw message delivery.",
                        protocol.as_str()
                    )));
                }
                self.raw = v == "true";
            }
            "FilterPolicyScope" => {
                let scope = FilterPolicyScope::from_attribute(value, origin.policy_origin())?;
                if let Some((text, _)) = &self.filter {
                    let compiled = FilterPolicy::parse(text, scope, origin.policy_origin())?;
                    self.filter = Some((text.clone(), compiled));
                }
                self.scope = scope;
            }
            "FilterPolicy" => {
                if value.is_empty() {
                    self.filter = None;
                } else {
                    let compiled = FilterPolicy::parse(value, self.scope, origin.policy_origin())?;
                    self.filter = Some((value.to_string(), compiled));
                }
            }
            "RedrivePolicy" => {
                if value.is_empty() {
                    self.redrive_policy = None;
                    self.dead_letter_target_arn = None;
                    return Ok(());
                }
                let parsed: Value = crate::json_text::from_str(value)
                    .map_err(|e| err(format!("RedrivePolicy: failed to parse JSON. {e}")))?;
                let target = parsed.get("deadLetterTargetArn").and_then(Value::as_str).unwrap_or_default();
                let Some(parts) = arn::split(target).filter(|p| !p.resource.is_empty()) else {
                    return Err(err("RedrivePolicy: deadLetterTargetArn is an invalid arn".into()));
                };
                if fifo_topic
                    && arn::is_fifo_name(endpoint)
                    && !(parts.service == "sqs" && arn::is_fifo_name(target))
                {
                    return Err(err(
                        "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.".into(),
                    ));
                }
                self.redrive_policy = Some(value.to_string());
                self.dead_letter_target_arn = Some(target.to_string());
            }
            "DeliveryPolicy" => {
                if value.is_empty() {
                    self.delivery_policy = None;
                } else {
                    SubscriptionDeliveryPolicy::validate(value).map_err(|e| err(strip(&e.message)))?;
                    self.delivery_policy = Some(value.to_string());
                }
            }
            "SubscriptionRoleArn" => {
                if arn::split(value).is_none() {
                    return Err(err("SubscriptionRoleArn".into()));
                }
                self.role_arn = Some(value.to_string());
            }
            "ReplayPolicy" => {
                if value.is_empty() {
                    self.replay_policy = None;
                    self.replay = None;
                    self.replay_status = None;
                    return Ok(());
                }
                if !fifo_topic {
                    return Err(err("ReplayPolicy: replay is only supported for FIFO topics".into()));
                }
                self.replay = Some(parse_replay(value).ok_or_else(|| err("ReplayPolicy".into()))?);
                self.replay_policy = Some(value.to_string());
                self.replay_status = Some("Pending".into());
            }
            _ => return Err(err("AttributeName".into())),
        }
        Ok(())
    }

    /// Idempotent Subscribe: the given attributes, normalised, equal the current ones.
    pub fn same_as_given(&self, given: &BTreeMap<String, String>) -> bool {
        given.iter().filter(|(_, v)| !v.is_empty()).all(|(k, v)| match k.as_str() {
            "RawMessageDelivery" => v.eq_ignore_ascii_case(if self.raw { "true" } else { "false" }),
            "FilterPolicyScope" => v == scope_name(self.scope),
            "FilterPolicy" => self.filter.as_ref().is_some_and(|(t, _)| {
                crate::json_text::from_str::<Value>(t).ok() == crate::json_text::from_str::<Value>(v).ok()
            }),
            "RedrivePolicy" => self.redrive_policy.as_deref() == Some(v),
            "DeliveryPolicy" => self.delivery_policy.as_deref() == Some(v),
            "SubscriptionRoleArn" => self.role_arn.as_deref() == Some(v),
            "ReplayPolicy" => self.replay_policy.as_deref() == Some(v),
            _ => false,
        })
    }
}

/// `Invalid parameter: X` → `X` (to re-prefix a nested error).
fn strip(message: &str) -> String {
    message.strip_prefix("Invalid parameter: ").unwrap_or(message).to_string()
}

fn parse_replay(text: &str) -> Option<ReplayWindow> {
    let v: Value = crate::json_text::from_str(text).ok()?;
    if v.get("PointType").and_then(Value::as_str) != Some("Timestamp") {
        return None;
    }
    let start = parse_timestamp(v.get("StartingPoint")?.as_str()?)?;
    let end = match v.get("EndingPoint") {
        None | Some(Value::Null) => None,
        Some(e) => Some(parse_timestamp(e.as_str()?)?),
    };
    Some(ReplayWindow { start, end })
}

/// The map GetSubscriptionAttributes returns (§1.4).
pub fn render(
    sub: &Subscription,
    topic_policy: &TopicDeliveryPolicy,
    account: &str,
) -> BTreeMap<String, String> {
    let a = &sub.attributes;
    let mut out = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        out.insert(k.to_string(), v);
    };
    put("ConfirmationWasAuthenticated", sub.confirmation_was_authenticated.to_string());
    put("Endpoint", sub.endpoint.to_string());
    put("Owner", sub.owner.clone());
    put("PendingConfirmation", sub.pending.to_string());
    put("Protocol", sub.protocol.as_str().into());
    put("RawMessageDelivery", a.raw.to_string());
    put("SubscriptionArn", sub.arn.clone());
    put("SubscriptionPrincipal", format!("arn:aws:iam::{account}:user/decouple-lab"));
    put("TopicArn", sub.topic_arn.clone());
    if let Some((text, _)) = &a.filter {
        put("FilterPolicy", text.clone());
        put("FilterPolicyScope", scope_name(a.scope).into());
    }
    if let Some(r) = &a.redrive_policy {
        put("RedrivePolicy", r.clone());
    }
    if let Some(d) = &a.delivery_policy {
        put("DeliveryPolicy", d.clone());
    }
    if sub.protocol.is_http() {
        if let Ok(eff) = SubscriptionDeliveryPolicy::effective(topic_policy, a.delivery_policy.as_deref()) {
            put("EffectiveDeliveryPolicy", eff.render());
        }
    }
    if let Some(r) = &a.role_arn {
        put("SubscriptionRoleArn", r.clone());
    }
    if let Some(r) = &a.replay_policy {
        put("ReplayPolicy", r.clone());
    }
    if let Some(s) = &a.replay_status {
        put("ReplayStatus", s.clone());
    }
    out
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct SetSubscriptionAttributesInput {
        pub subscription_arn: Option<String> = "SubscriptionArn",
        pub attribute_name: Option<String> = "AttributeName",
        pub attribute_value: Option<String> = "AttributeValue",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_parse() {
        assert_eq!(parse_timestamp("2024-01-01T00:00:00Z"), Some(crate::time::WORLD_START));
        assert_eq!(parse_timestamp("2024-01-01T00:00:01.5Z"), Some(crate::time::WORLD_START.plus(1500)));
        assert_eq!(parse_timestamp("2024-13-01T00:00:00Z"), None);
        assert_eq!(parse_timestamp("yesterday"), None);
    }
}
