//! Simulated endpoints: the HTTP/S servers, mailboxes, phones and mobile-push endpoints that
//! SNS delivers to. Each is a sink that
//! records every request it receives; `sns.ListSinkMessages` shows them (the playground's
//! inboxes). HTTP/S endpoints answer by a marker in the host name (see [`http_status`] and
//! the docs of [`super`]).
//!
//! HTTP/S requests carry AWS's headers (spec/sns.md §5.6): `x-amz-sns-message-type`,
//! `x-amz-sns-message-id`, `x-amz-sns-topic-arn`, `x-amz-sns-subscription-arn` (notifications),
//! `x-amz-sns-rawdelivery: true` (raw only), `User-Agent: Amazon Simple Notification Service
//! Agent` and `Content-Type` (`text/plain; charset=UTF-8` unless the delivery policy's
//! `headerContentType` says otherwise).

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::time::Instant;
use crate::{ApiError, Cloud};

/// One request a simulated endpoint received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SinkMessage {
    pub endpoint: String,
    pub protocol: String,
    pub body: String,
    /// Request headers (HTTP/S) or mail headers (`Subject`), in order.
    pub headers: Vec<(String, String)>,
    /// The HTTP status the endpoint answered (HTTP/S only).
    pub status: Option<u16>,
    /// The confirmation token, on SubscriptionConfirmation messages (also inside `body`).
    pub token: Option<String>,
    pub received_at: Instant,
}

/// Attempts a `flaky` endpoint fails before it answers 200.
pub const FLAKY_FAILURES: u64 = 2;

/// The status a simulated HTTP/S endpoint answers to attempt `attempt` (1-based) of a
/// message: `fail.…` → 500, `status-<code>.…` → that code, `flaky.…` → 500 for the first
/// [`FLAKY_FAILURES`] attempts, anything else → 200.
pub fn http_status(endpoint: &str, attempt: u64) -> u16 {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let host = rest.split(['/', ':', '?']).next().unwrap_or_default();
    let label = host.split('.').next().unwrap_or_default().to_ascii_lowercase();
    if label == "fail" {
        return 500;
    }
    if label == "flaky" {
        return if attempt <= FLAKY_FAILURES { 500 } else { 200 };
    }
    if let Some(code) = label.strip_prefix("status-").and_then(|c| c.parse::<u16>().ok()) {
        if (100..=599).contains(&code) {
            return code;
        }
    }
    200
}

/// Whether a status is retried (§9 Q17: 5xx and 429).
pub fn is_retryable(status: u16) -> bool {
    status >= 500 || status == 429
}

/// The headers of an HTTP/S POST from SNS.
pub fn http_headers(
    kind: &str,
    message_id: &str,
    topic_arn: &str,
    subscription_arn: Option<&str>,
    raw: bool,
    content_type: &str,
) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = Vec::with_capacity(7);
    let mut put = |k: &str, v: &str| h.push((k.to_string(), v.to_string()));
    put("x-amz-sns-message-type", kind);
    put("x-amz-sns-message-id", message_id);
    put("x-amz-sns-topic-arn", topic_arn);
    if let Some(s) = subscription_arn {
        put("x-amz-sns-subscription-arn", s);
    }
    if raw {
        put("x-amz-sns-rawdelivery", "true");
    }
    put("Content-Type", content_type);
    put("User-Agent", "Amazon Simple Notification Service Agent");
    h
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct ListSinkMessagesInput {
        pub endpoint: Option<String> = "Endpoint",
        pub protocol: Option<String> = "Protocol",
    }
}

impl Cloud {
    /// `sns.ListSinkMessages` (pseudo action): what the simulated endpoints received, oldest
    /// first, optionally for one endpoint and/or protocol.
    pub fn list_sink_messages(&mut self, input: ListSinkMessagesInput) -> Result<Vec<SinkMessage>, ApiError> {
        Ok(self
            .sns
            .sinks
            .iter()
            .filter(|m| input.endpoint.as_ref().is_none_or(|e| *e == m.endpoint))
            .filter(|m| input.protocol.as_ref().is_none_or(|p| *p == m.protocol))
            .cloned()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(http_status("https://fail.example.com/x", 1), 500);
        assert_eq!(http_status("https://status-404.example.com", 1), 404);
        assert_eq!(http_status("http://flaky.example.com:8080/x", 2), 500);
        assert_eq!(http_status("http://flaky.example.com:8080/x", 3), 200);
        assert_eq!(http_status("https://example.com/fail", 1), 200);
    }
}
