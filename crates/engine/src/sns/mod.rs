//! Amazon SNS: topics, subscriptions, publishing and fan-out delivery
//! (<https://docs.aws.amazon.com/sns/latest/dg/welcome.html>, spec/sns.md).
//!
//! A **topic** (standard or FIFO) fans every published message out to each of its confirmed
//! **subscriptions**, independently: a subscription's filter policy may drop the message
//! (`NotificationFilteredOut`), otherwise SNS builds the payload (the JSON envelope, or the raw
//! body with `RawMessageDelivery`) and delivers it (`NotificationDelivered`). Delivery is
//! asynchronous: `Publish` answers first and the deliveries land on the virtual clock
//! [`DELIVERY_LATENCY_MS`] later (api-contract.md, rule 3), so the playground can animate
//! publish → filter → delivery.
//!
//! | module | AWS concept |
//! | --- | --- |
//! | [`topic`], [`topic_attributes`], [`tags`] | CreateTopic … ListTopics, topic attributes, tags |
//! | [`subscription`], [`subscription_attributes`] | Subscribe, confirmation, subscription attributes |
//! | [`publish`], [`message_attributes`], [`fifo`] | Publish, PublishBatch, attribute rules, FIFO dedup and order |
//! | [`envelope`] | the JSON documents SNS sends (SQS/HTTP envelope, Lambda event) |
//! | [`delivery`], [`delivery_policy`], [`metrics`] | fan-out, retries on the virtual clock, subscription DLQs, metrics |
//! | [`filter_policy`] | subscription filter policies: compile, evaluate, explain |
//! | [`endpoint`] | simulated endpoints (HTTP/S, email, SMS, …) that record what they receive |
//!
//! # Simulated endpoints
//!
//! SQS queues, Lambda functions (`lambda` subscriptions invoke them asynchronously with the SNS
//! event) and Firehose delivery streams (`firehose` subscriptions put one record per message)
//! are real resources of the simulator. Every other endpoint (HTTP/S, email, email-json, SMS,
//! mobile push) is a **sink** inside the engine that records each request it receives; the
//! pseudo action `sns.ListSinkMessages` (input `{"Endpoint"?, "Protocol"?}`) returns
//! `{"Messages": [{"Endpoint", "Protocol", "Body", "Headers"?, "Status"?, "Token"?,
//! "ReceivedAt"}]}` in arrival order (`ReceivedAt` in epoch milliseconds, `Status` the HTTP
//! status the endpoint answered, `Token` the confirmation token of a SubscriptionConfirmation,
//! copied out of its body). HTTP/S endpoints answer 200,
//! except:
//!
//! * a host whose first label is `fail` (`https://fail.example.com/hook`) answers **500**
//!   (a server error: retried per the delivery policy, then the subscription DLQ);
//! * a host whose first label is `status-<code>` (`https://status-404.example.com/`) answers
//!   that status (5xx and 429 are retried; other non-2xx codes are client errors: no retry,
//!   DLQ at once);
//! * a host whose first label is `flaky` answers 500 to the first two attempts of each
//!   message, then 200.
//!
//! The SubscriptionConfirmation that an `http`, `https`, `email` or `email-json` endpoint
//! receives (and a cross-account SQS queue) carries `Token` and `SubscribeURL`: pass the
//! token to `ConfirmSubscription`.
//!
//! # Fidelity
//! * Deliveries land [`DELIVERY_LATENCY_MS`] after the publish; retries follow the delivery
//!   policy exactly, without AWS's jitter (see [`delivery_policy`]).
//! * SQS, Lambda and Firehose deliveries never fail for server-side reasons here; a missing
//!   queue, function or delivery stream, or a queue policy that does not allow the topic, is a
//!   client-side error (no retry, subscription DLQ if set), as §5.7 advises. A Lambda
//!   function's own errors are Lambda's asynchronous retries, not SNS's.
//! * HTTP status classification (§9 Q17): 2xx delivered; 5xx and 429 retried; any other
//!   status is a client error (DLQ at once).
//! * The envelope `Signature` is 256 bytes from the seeded generator, base64 (a real RSA
//!   signature cannot be made without AWS's key); it is the same for every subscription of
//!   a message, as AWS's is (the signed string has no subscription field).
//! * Attribute counters (`SubscriptionsConfirmed`, `…Pending`, `…Deleted`) are exact at once
//!   (§9 Q14); filter-policy changes apply at once (§7.1).
//! * Content-based deduplication hashes the `Message` parameter as published, also under
//!   `MessageStructure=json` (§9 Q11); a body-scope filter policy reads the message for the
//!   subscription's protocol (LocalStack's reading of Q11).
//! * Message attributes are delivered with `MessageStructure=json` too (§9 Q18, as LocalStack).
//! * FIFO envelopes carry no `Signature*` fields (§9 Q13); a FIFO topic name counts `.fifo`
//!   within its 256 characters (§9 Q15).
//! * PublishBatch: every client-side error fails the whole request; `Failed` is always empty
//!   because the simulator has no per-entry server-side faults (§9 Q7).
//! * `ArchivePolicy` / `ReplayPolicy` (§9 Q16) are stored and validated for their documented
//!   fields (`MessageRetentionPeriod`; `PointType`, `StartingPoint`, `EndingPoint`); replay
//!   re-delivers the archived messages of the window and reports `ReplayStatus`.

pub mod arn;
pub mod delivery;
pub mod delivery_policy;
pub mod endpoint;
pub mod envelope;
pub mod errors;
pub mod fan_out;
pub mod fifo;
pub mod filter_policy;
pub mod lazy_explanation;
pub mod message_attributes;
pub mod metrics;
pub mod pagination;
pub mod publish;
pub mod subscription;
pub mod subscription_attributes;
pub mod tags;
pub mod topic;
pub mod topic_attributes;

#[cfg(feature = "serde")]
pub(crate) mod json;

#[cfg(test)]
mod tests;

use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use crate::Cloud;

pub use delivery::{Attempt, PublishedMessage};
pub use endpoint::SinkMessage;
pub use filter_policy::Explanation;
pub use lazy_explanation::LazyExplanation;
pub use publish::{PublishBatchInput, PublishBatchOutput, PublishInput, PublishOutput};
pub use subscription::{Protocol, Subscription};
pub use topic::Topic;

/// Virtual milliseconds from a publish to its deliveries (api-contract.md rule 3: ≤ 1000).
pub const DELIVERY_LATENCY_MS: u64 = 100;

/// State of the service: topics by ARN, subscriptions by ARN, confirmation tokens, and the
/// simulated endpoints' inboxes.
#[derive(Clone, Debug, Default)]
pub struct Sns {
    pub topics: BTreeMap<String, Topic>,
    pub subscriptions: BTreeMap<String, Subscription>,
    /// Confirmation token → subscription ARN.
    pub tokens: BTreeMap<String, String>,
    /// What the simulated endpoints received, oldest first.
    pub sinks: Vec<SinkMessage>,
    pub(crate) next_subscription_seq: u64,
    /// Bumped whenever a subscription is added, confirmed, changed or removed: a topic's
    /// cached fan-out targets and their snapshot are current while their generation equals it.
    pub(crate) subscriptions_generation: u64,
}

crate::event::event_enum! {
    /// Events of the service.
    #[derive(Clone, Debug, PartialEq)]
    pub enum SnsEvent {
        TopicCreated {
            topic_arn: String,
            fifo: bool,
        },
        TopicDeleted {
            topic_arn: String,
        },
        Subscribed {
            topic_arn: String,
            subscription_arn: String,
            protocol: String,
            endpoint: String,
            pending_confirmation: bool,
        },
        SubscriptionConfirmed {
            topic_arn: String,
            subscription_arn: String,
        },
        Unsubscribed {
            topic_arn: String,
            subscription_arn: String,
        },
        /// A message was accepted; `duplicate` when FIFO deduplication dropped it.
        MessagePublished {
            topic_arn: Rc<str>,
            message_id: Rc<str>,
            sequence_number: Option<String> => skip_none,
            message_group_id: Option<String> => skip_none,
            /// Subscriptions the message will be offered to.
            subscriptions: usize,
            duplicate: bool,
        },
        NotificationDelivered {
            topic_arn: Rc<str>,
            message_id: Rc<str>,
            subscription: Rc<str>,
            endpoint: Rc<str>,
            protocol: &'static str,
            /// The filter policy's evaluation, when the subscription has one (explained when
            /// read, see [`lazy_explanation`]).
            explanation: Option<LazyExplanation> => skip_none,
            /// 1 for the first attempt.
            attempt: u64,
        },
        NotificationFilteredOut {
            topic_arn: Rc<str>,
            message_id: Rc<str>,
            subscription: Rc<str>,
            explanation: LazyExplanation,
            /// The metric it counts in (`NumberOfNotificationsFilteredOut-MessageAttributes`, …).
            metric: &'static str,
        },
        DeliveryFailed {
            topic_arn: Rc<str>,
            message_id: Rc<str>,
            subscription: Rc<str>,
            endpoint: Rc<str>,
            protocol: &'static str,
            reason: String,
            will_retry: bool,
            attempt: u64,
        },
        DeliveryRetried {
            topic_arn: Rc<str>,
            message_id: Rc<str>,
            subscription: Rc<str>,
            attempt: u64,
        },
        MovedToSubscriptionDlq {
            topic_arn: Rc<str>,
            message_id: Rc<str>,
            subscription: Rc<str>,
            dead_letter_target_arn: String,
            /// False when the DLQ itself refused the message.
            delivered: bool,
        },
    }
}

/// Timers of the service.
#[derive(Clone, Debug, PartialEq)]
pub enum SnsTimer {
    /// Offer a published message to the subscriptions it was published to.
    FanOut {
        message: Rc<PublishedMessage>,
        subscriptions: Rc<[Rc<str>]>,
        /// The subscriptions' states at publish, in the same order (see [`fan_out`]).
        snapshot: Option<fan_out::SubscriptionSnapshot>,
    },
    /// Retry one subscription's delivery (HTTP/S retry policy).
    Retry(Attempt),
}

impl Cloud {
    pub(crate) fn sns_on_timer(&mut self, timer: SnsTimer) {
        match timer {
            SnsTimer::FanOut { message, subscriptions, snapshot } => {
                self.sns_fan_out(&message, &subscriptions, snapshot)
            }
            SnsTimer::Retry(attempt) => self.sns_retry(attempt),
        }
    }
}
