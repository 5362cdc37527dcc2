//! HTTP/S delivery policies: the retry schedule SNS follows when an HTTP/S endpoint fails
//! (<https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html>, spec/sns.md
//! §1.2 and §5.7).
//!
//! A policy has four phases: `numNoDelayRetries` immediate retries, `numMinDelayRetries` at
//! `minDelayTarget`, a backoff phase from min to max shaped by `backoffFunction`, and
//! `numMaxDelayRetries` at `maxDelayTarget`. The topic's `DeliveryPolicy` is
//! `{"http": {"defaultHealthyRetryPolicy", "disableSubscriptionOverrides",
//! "defaultThrottlePolicy", "defaultRequestPolicy"}}`; a subscription's is
//! `{"healthyRetryPolicy", "throttlePolicy", "requestPolicy"}`. Given fields are merged over
//! the defaults (§1.2, `test_topic_delivery_policy_crud`).
//!
//! # Fidelity
//! * AWS does not publish the backoff formulas and adds jitter. Here, for backoff retry `i`
//!   of `k`, the delay is `min + (max − min)·t` in whole seconds with `t = i/k` (linear),
//!   `i(i+1)/(k(k+1))` (arithmetic), `i²/k²` (geometric) or `(2^i − 1)/(2^k − 1)`
//!   (exponential); no jitter, so a schedule is exact on the virtual clock.
//! * Validation texts for delivery policies are not recorded in the spec; they read
//!   `Invalid parameter: DeliveryPolicy: <field> <rule>`.

use alloc::format;
use alloc::string::{String, ToString};
use serde_json::{Map, Value};

use crate::ApiError;

/// Total retry time of an HTTP/S policy may not exceed one hour (§1.3).
pub const MAX_TOTAL_RETRY_SECONDS: u64 = 3_600;
/// `numRetries` is 0..=100 (§5.7).
pub const MAX_RETRIES: u64 = 100;
/// The default `Content-Type` of HTTP/S notifications (§5.6).
pub const DEFAULT_CONTENT_TYPE: &str = "text/plain; charset=UTF-8";

/// How backoff-phase delays grow from `minDelayTarget` to `maxDelayTarget`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backoff {
    Linear,
    Arithmetic,
    Geometric,
    Exponential,
}

impl Backoff {
    fn name(self) -> &'static str {
        match self {
            Backoff::Linear => "linear",
            Backoff::Arithmetic => "arithmetic",
            Backoff::Geometric => "geometric",
            Backoff::Exponential => "exponential",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "linear" => Some(Backoff::Linear),
            "arithmetic" => Some(Backoff::Arithmetic),
            "geometric" => Some(Backoff::Geometric),
            "exponential" => Some(Backoff::Exponential),
            _ => None,
        }
    }
}

/// A `healthyRetryPolicy`, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub min_delay: u64,
    pub max_delay: u64,
    pub num_retries: u64,
    pub num_max_delay_retries: u64,
    pub num_no_delay_retries: u64,
    pub num_min_delay_retries: u64,
    pub backoff: Backoff,
}

impl Default for RetryPolicy {
    /// The default HTTP/S policy: 3 retries, 20 s apart (§1.2 `EffectiveDeliveryPolicy`).
    fn default() -> Self {
        Self {
            min_delay: 20,
            max_delay: 20,
            num_retries: 3,
            num_max_delay_retries: 0,
            num_no_delay_retries: 0,
            num_min_delay_retries: 0,
            backoff: Backoff::Linear,
        }
    }
}

impl RetryPolicy {
    /// Seconds to wait before retry `n` (1-based), `None` once the retries are used up.
    pub fn delay_before_retry(&self, n: u64) -> Option<u64> {
        if n == 0 || n > self.num_retries {
            return None;
        }
        let backoff_count = self.backoff_count();
        let (no, min) = (self.num_no_delay_retries, self.num_min_delay_retries);
        if n <= no {
            return Some(0);
        }
        if n <= no + min {
            return Some(self.min_delay);
        }
        if n <= no + min + backoff_count {
            let (i, k) = (n - no - min, backoff_count);
            let span = self.max_delay.saturating_sub(self.min_delay) as u128;
            let (num, den): (u128, u128) = match self.backoff {
                Backoff::Linear => (i as u128, k as u128),
                Backoff::Arithmetic => ((i * (i + 1)) as u128, (k * (k + 1)) as u128),
                Backoff::Geometric => ((i * i) as u128, (k * k) as u128),
                Backoff::Exponential => {
                    let (i, k) = (i.min(100) as u32, k.min(100) as u32);
                    ((1u128 << i) - 1, (1u128 << k) - 1)
                }
            };
            return Some(self.min_delay + (span * num / den.max(1)) as u64);
        }
        Some(self.max_delay)
    }

    fn backoff_count(&self) -> u64 {
        self.num_retries.saturating_sub(
            self.num_no_delay_retries + self.num_min_delay_retries + self.num_max_delay_retries,
        )
    }

    /// Sum of every retry delay, in seconds.
    pub fn total_seconds(&self) -> u64 {
        (1..=self.num_retries).filter_map(|n| self.delay_before_retry(n)).sum()
    }

    fn render(&self) -> String {
        format!(
            "{{\"minDelayTarget\":{},\"maxDelayTarget\":{},\"numRetries\":{},\"numMaxDelayRetries\":{},\
             \"numNoDelayRetries\":{},\"numMinDelayRetries\":{},\"backoffFunction\":\"{}\"}}",
            self.min_delay,
            self.max_delay,
            self.num_retries,
            self.num_max_delay_retries,
            self.num_no_delay_retries,
            self.num_min_delay_retries,
            self.backoff.name()
        )
    }

    /// Overlays the fields present in `obj` and validates the result.
    fn merge(mut self, obj: &Value, at: &str) -> Result<Self, ApiError> {
        let Value::Object(obj) = obj else { return Err(bad(&format!("{at} must be an object"))) };
        let num = |k: &str, cur: u64| -> Result<u64, ApiError> {
            match obj.get(k) {
                None | Some(Value::Null) => Ok(cur),
                Some(v) => v.as_u64().ok_or_else(|| bad(&format!("{at}.{k} must be a non-negative integer"))),
            }
        };
        self.min_delay = num("minDelayTarget", self.min_delay)?;
        self.max_delay = num("maxDelayTarget", self.max_delay)?;
        self.num_retries = num("numRetries", self.num_retries)?;
        self.num_max_delay_retries = num("numMaxDelayRetries", self.num_max_delay_retries)?;
        self.num_no_delay_retries = num("numNoDelayRetries", self.num_no_delay_retries)?;
        self.num_min_delay_retries = num("numMinDelayRetries", self.num_min_delay_retries)?;
        if let Some(v) = obj.get("backoffFunction") {
            self.backoff = v.as_str().and_then(Backoff::parse).ok_or_else(|| {
                bad(&format!(
                    "{at}.backoffFunction must be one of linear, arithmetic, geometric, exponential"
                ))
            })?;
        }
        if self.min_delay < 1 {
            return Err(bad(&format!("{at}.minDelayTarget must be at least 1")));
        }
        if self.min_delay > self.max_delay {
            return Err(bad(&format!("{at}.minDelayTarget must be less than or equal to maxDelayTarget")));
        }
        if self.max_delay > MAX_TOTAL_RETRY_SECONDS {
            return Err(bad(&format!("{at}.maxDelayTarget must be less than or equal to 3600")));
        }
        if self.num_retries > MAX_RETRIES {
            return Err(bad(&format!("{at}.numRetries must be less than or equal to 100")));
        }
        if self.num_no_delay_retries + self.num_min_delay_retries + self.num_max_delay_retries
            > self.num_retries
        {
            return Err(bad(&format!(
                "{at}.numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must be less than or equal to numRetries"
            )));
        }
        if self.total_seconds() > MAX_TOTAL_RETRY_SECONDS {
            return Err(bad(&format!("{at}: total retry time must be less than or equal to 3600 seconds")));
        }
        Ok(self)
    }
}

fn bad(what: &str) -> ApiError {
    ApiError::sns_invalid(&format!("DeliveryPolicy: {what}"))
}

fn parse_json(text: &str) -> Result<Map<String, Value>, ApiError> {
    match crate::json_text::from_str::<Value>(text) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err(bad("must be a JSON object")),
        Err(e) => Err(bad(&format!("failed to parse JSON. {e}"))),
    }
}

fn throttle(v: Option<&Value>, at: &str) -> Result<Option<u64>, ApiError> {
    match v.and_then(|t| t.get("maxReceivesPerSecond")) {
        None | Some(Value::Null) => Ok(None),
        Some(n) => match n.as_u64() {
            Some(n) if n >= 1 => Ok(Some(n)),
            _ => Err(bad(&format!("{at}.maxReceivesPerSecond must be at least 1"))),
        },
    }
}

fn content_type(v: Option<&Value>, at: &str) -> Result<Option<String>, ApiError> {
    match v.and_then(|r| r.get("headerContentType")) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad(&format!("{at}.headerContentType must be a string"))),
    }
}

/// A topic's effective HTTP/S delivery policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicDeliveryPolicy {
    pub healthy: RetryPolicy,
    pub disable_subscription_overrides: bool,
    pub max_receives_per_second: Option<u64>,
    pub header_content_type: String,
}

impl Default for TopicDeliveryPolicy {
    fn default() -> Self {
        Self {
            healthy: RetryPolicy::default(),
            disable_subscription_overrides: false,
            max_receives_per_second: None,
            header_content_type: DEFAULT_CONTENT_TYPE.to_string(),
        }
    }
}

impl TopicDeliveryPolicy {
    /// Parses a topic `DeliveryPolicy` attribute, merged over the defaults.
    pub fn parse(text: &str) -> Result<Self, ApiError> {
        let root = parse_json(text)?;
        let mut out = Self::default();
        let Some(http) = root.get("http") else { return Ok(out) };
        if let Some(h) = http.get("defaultHealthyRetryPolicy") {
            out.healthy = out.healthy.merge(h, "http.defaultHealthyRetryPolicy")?;
        }
        if let Some(d) = http.get("disableSubscriptionOverrides") {
            out.disable_subscription_overrides =
                d.as_bool().ok_or_else(|| bad("http.disableSubscriptionOverrides must be true or false"))?;
        }
        out.max_receives_per_second =
            throttle(http.get("defaultThrottlePolicy"), "http.defaultThrottlePolicy")?;
        if let Some(ct) = content_type(http.get("defaultRequestPolicy"), "http.defaultRequestPolicy")? {
            out.header_content_type = ct;
        }
        Ok(out)
    }

    /// `EffectiveDeliveryPolicy` as `GetTopicAttributes` shows it (field order of §1.2).
    pub fn render(&self) -> String {
        let throttle = match self.max_receives_per_second {
            Some(n) => format!(",\"defaultThrottlePolicy\":{{\"maxReceivesPerSecond\":{n}}}"),
            None => String::new(),
        };
        format!(
            "{{\"http\":{{\"defaultHealthyRetryPolicy\":{},\"disableSubscriptionOverrides\":{}{},\
             \"defaultRequestPolicy\":{{\"headerContentType\":\"{}\"}}}}}}",
            self.healthy.render(),
            self.disable_subscription_overrides,
            throttle,
            json_escape_plain(&self.header_content_type)
        )
    }
}

/// A subscription's effective HTTP/S delivery policy (topic policy with its overrides).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionDeliveryPolicy {
    pub healthy: RetryPolicy,
    pub max_receives_per_second: Option<u64>,
    pub header_content_type: String,
}

impl SubscriptionDeliveryPolicy {
    /// Validates a subscription `DeliveryPolicy` attribute.
    pub fn validate(text: &str) -> Result<(), ApiError> {
        Self::effective(&TopicDeliveryPolicy::default(), Some(text)).map(|_| ())
    }

    /// The policy a subscription follows: its own `DeliveryPolicy` over the topic's, unless
    /// the topic sets `disableSubscriptionOverrides`.
    pub fn effective(topic: &TopicDeliveryPolicy, own: Option<&str>) -> Result<Self, ApiError> {
        let mut out = Self {
            healthy: topic.healthy,
            max_receives_per_second: topic.max_receives_per_second,
            header_content_type: topic.header_content_type.clone(),
        };
        let Some(text) = own else { return Ok(out) };
        let root = parse_json(text)?;
        let healthy = match root.get("healthyRetryPolicy") {
            Some(h) => out.healthy.merge(h, "healthyRetryPolicy")?,
            None => out.healthy,
        };
        let throttle = throttle(root.get("throttlePolicy"), "throttlePolicy")?;
        let ct = content_type(root.get("requestPolicy"), "requestPolicy")?;
        if topic.disable_subscription_overrides {
            return Ok(out);
        }
        out.healthy = healthy;
        if throttle.is_some() {
            out.max_receives_per_second = throttle;
        }
        if let Some(ct) = ct {
            out.header_content_type = ct;
        }
        Ok(out)
    }

    /// `EffectiveDeliveryPolicy` as `GetSubscriptionAttributes` shows it.
    pub fn render(&self) -> String {
        let throttle = match self.max_receives_per_second {
            Some(n) => format!("{{\"maxReceivesPerSecond\":{n}}}"),
            None => "null".into(),
        };
        format!(
            "{{\"healthyRetryPolicy\":{},\"sicklyRetryPolicy\":null,\"throttlePolicy\":{},\
             \"requestPolicy\":{{\"headerContentType\":\"{}\"}},\"guaranteed\":false}}",
            self.healthy.render(),
            throttle,
            json_escape_plain(&self.header_content_type)
        )
    }
}

fn json_escape_plain(s: &str) -> String {
    let mut out = String::new();
    super::envelope::push_json_escaped(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn default_effective_policy_is_awss_text() {
        assert_eq!(
            TopicDeliveryPolicy::default().render(),
            "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\
             \"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\
             \"disableSubscriptionOverrides\":false,\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}"
        );
    }

    #[test]
    fn set_fields_merge_over_defaults() {
        let p = TopicDeliveryPolicy::parse(
            r#"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1}}}"#,
        )
        .unwrap();
        assert_eq!((p.healthy.min_delay, p.healthy.max_delay, p.healthy.num_retries), (5, 6, 1));
        assert_eq!(p.healthy.backoff, Backoff::Linear);
        assert!(TopicDeliveryPolicy::parse("{").is_err());
        assert!(TopicDeliveryPolicy::parse(
            r#"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":30}}}"#
        )
        .is_err());
    }

    #[test]
    fn four_phases() {
        let p = RetryPolicy {
            min_delay: 1,
            max_delay: 9,
            num_retries: 8,
            num_no_delay_retries: 2,
            num_min_delay_retries: 1,
            num_max_delay_retries: 1,
            backoff: Backoff::Linear,
        };
        let d: Vec<_> = (1..=9).map(|n| p.delay_before_retry(n)).collect();
        assert_eq!(d, [Some(0), Some(0), Some(1), Some(3), Some(5), Some(7), Some(9), Some(9), None]);
        let e = RetryPolicy { backoff: Backoff::Exponential, ..p };
        assert_eq!(e.delay_before_retry(7), Some(9));
        assert_eq!(RetryPolicy::default().total_seconds(), 60);
    }
}
