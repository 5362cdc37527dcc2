//! Fan-out: a published message offered to every confirmed subscription of its topic
//! (spec/sns.md §5, §7;
//! <https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html>).
//!
//! For each subscription the filter policy decides (§7); a filtered-out message counts in
//! `NumberOfNotificationsFilteredOut` and its cause's metric, a match is delivered
//! ([`Cloud::sns_deliver_to`]). The fan-out runs [`super::DELIVERY_LATENCY_MS`] after the
//! publish and reads each subscription as it is then.
//!
//! The subscriptions a publish fans out to are snapshotted with the topic's target list
//! ([`SubscriptionSnapshot`]): while no subscription changed since (same
//! [`Sns::subscriptions_generation`](super::Sns)), the snapshot *is* the state of each
//! subscription at fan-out, and the fan-out reads it instead of looking each one up.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use super::delivery::{Attempt, PublishedMessage};
use super::filter_policy::{FilterPolicy, FilterPolicyScope, MessageIssue, MessageView};
use super::lazy_explanation::{self, LazyExplanation};
use super::metrics::TopicMetric;
use super::subscription::Subscription;
use super::SnsEvent;
use crate::Cloud;

/// The confirmed subscriptions of a topic, in fan-out order, as they were at
/// `generation` of [`Sns::subscriptions_generation`](super::Sns).
#[derive(Clone, Debug)]
pub struct SubscriptionSnapshot {
    pub(crate) generation: u64,
    pub(crate) subscriptions: Rc<[Subscription]>,
}

impl PartialEq for SubscriptionSnapshot {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && Rc::ptr_eq(&self.subscriptions, &other.subscriptions)
    }
}

/// The metric a filtered-out message counts in, besides `NumberOfNotificationsFilteredOut`
/// (§5.10).
fn filtered_metric(issue: Option<&MessageIssue>, scope: FilterPolicyScope) -> TopicMetric {
    match (issue, scope) {
        (Some(MessageIssue::NoMessageAttributes), _) => TopicMetric::FilteredOutNoMessageAttributes,
        (Some(MessageIssue::InvalidAttributes { .. }), _) => TopicMetric::FilteredOutInvalidAttributes,
        (Some(MessageIssue::InvalidMessageBody { .. }), _) => TopicMetric::FilteredOutInvalidMessageBody,
        (None, FilterPolicyScope::MessageAttributes) => TopicMetric::FilteredOutMessageAttributes,
        (None, FilterPolicyScope::MessageBody) => TopicMetric::FilteredOutMessageBody,
    }
}

/// The filter verdicts of one fan-out by compiled policy and view: the subscriptions of a
/// snapshot that have the same policy share one compiled policy
/// ([`share_filter_policies`]), and a verdict is a function of the compiled policy and what
/// it reads of the message. (An equal policy compiled separately is simply evaluated again.)
#[derive(Default)]
struct VerdictMemo {
    /// The first verdict (often the only one: every subscription has the same policy), kept
    /// inline, and the others.
    first: Option<Known>,
    more: Vec<Known>,
}

/// A memoised verdict.
type Known = (FilterPolicy, ViewKey, Result<bool, MessageIssue>);

/// Which part of the one message a view reads: the attributes, or a body text by address.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ViewKey {
    Attributes,
    Body(usize, usize),
}

impl VerdictMemo {
    fn verdict(&mut self, policy: &FilterPolicy, view: &MessageView<'_>) -> Result<bool, MessageIssue> {
        let key = match view {
            MessageView::Attributes(_) => ViewKey::Attributes,
            MessageView::Body(b) => ViewKey::Body(b.as_ptr() as usize, b.len()),
        };
        let same = |(p, k, _): &&Known| *k == key && p.is(policy);
        if let Some((.., v)) = self.first.iter().chain(self.more.iter()).find(same) {
            return v.clone();
        }
        let v = policy.verdict(view);
        let known = (policy.clone(), key, v.clone());
        match self.first {
            None => self.first = Some(known),
            Some(_) => self.more.push(known),
        }
        v
    }
}

/// Makes the subscriptions in `subs` whose filter policies have the same text and scope share
/// one compiled policy (compiling is a function of text and scope alone), so that a fan-out
/// evaluates each distinct policy once.
///
/// The subscriptions are grouped by policy text through one stable sort of their indices (in
/// each group they keep their order, so the first of each scope is the one shared): a
/// `BTreeMap<String, Vec<FilterPolicy>>` here was one more B-tree type in the wasm.
pub(crate) fn share_filter_policies(subs: &mut [Subscription]) {
    let text = |i: usize| subs.get(i).and_then(|s| s.attributes.filter.as_ref()).map(|(t, _)| t.as_str());
    let order = crate::collections::sorted_indices(subs.len(), &|a, b| text(a).cmp(&text(b)));
    let mut group: Option<String> = None;
    let mut same: Vec<FilterPolicy> = Vec::new();
    for i in order {
        let Some((text, policy)) = subs.get_mut(i).and_then(|s| s.attributes.filter.as_mut()) else {
            continue;
        };
        if group.as_deref() != Some(text.as_str()) {
            group = Some(text.clone());
            same.clear();
        }
        match same.iter().find(|p| p.scope() == policy.scope()) {
            Some(first) => *policy = first.clone(),
            None => same.push(policy.clone()),
        }
    }
}

/// What one fan-out counted.
#[derive(Default)]
struct Tally {
    verdicts: VerdictMemo,
    delivered: u64,
    filtered: u64,
    by_cause: Causes,
}

/// Filtered-out counts by cause metric, in the order the causes first occurred (at most the
/// five causes: no allocation per fan-out).
#[derive(Default)]
struct Causes {
    counts: [(Option<TopicMetric>, u64); 5],
}

impl Causes {
    fn add(&mut self, metric: TopicMetric) {
        for (m, n) in self.counts.iter_mut() {
            match m {
                Some(seen) if *seen == metric => {}
                Some(_) => continue,
                None => *m = Some(metric),
            }
            *n += 1;
            return;
        }
    }

    fn iter(&self) -> impl Iterator<Item = (TopicMetric, u64)> + '_ {
        self.counts.iter().map_while(|(m, n)| m.map(|m| (m, *n)))
    }
}

impl Cloud {
    /// Offers `msg` to each subscription in `subscriptions` (FanOut timer); `snapshot`: their
    /// states when the publish listed them.
    pub(crate) fn sns_fan_out(
        &mut self,
        msg: &Rc<PublishedMessage>,
        subscriptions: &[Rc<str>],
        snapshot: Option<SubscriptionSnapshot>,
    ) {
        let mut tally = Tally::default();
        for (i, sub_arn) in subscriptions.iter().enumerate() {
            // Checked per subscription: a delivery could change a subscription.
            let generation = self.sns.subscriptions_generation;
            let fresh =
                snapshot.as_ref().filter(|s| s.generation == generation).and_then(|s| s.subscriptions.get(i));
            match fresh {
                Some(sub) => self.sns_offer(msg, sub_arn, sub, &mut tally),
                None => {
                    let Some(sub) = self.sns.subscriptions.get(&**sub_arn) else { continue };
                    let sub = sub.clone();
                    self.sns_offer(msg, sub_arn, &sub, &mut tally);
                }
            }
        }
        if tally.delivered > 0 {
            self.sns_count(msg, TopicMetric::NumberOfNotificationsDelivered, tally.delivered as f64);
        }
        if tally.filtered > 0 {
            self.sns_count(msg, TopicMetric::NumberOfNotificationsFilteredOut, tally.filtered as f64);
            for (metric, n) in tally.by_cause.iter() {
                self.sns_count(msg, metric, n as f64);
            }
        }
    }

    /// Offers `msg` to one subscription: the filter policy, then the first delivery attempt.
    fn sns_offer(
        &mut self,
        msg: &Rc<PublishedMessage>,
        sub_arn: &Rc<str>,
        sub: &Subscription,
        tally: &mut Tally,
    ) {
        if sub.pending {
            return;
        }
        let explanation = match &sub.attributes.filter {
            None => None,
            Some((_, policy)) => {
                let scope = sub.attributes.scope;
                let view = lazy_explanation::view(msg, scope, sub.protocol);
                let verdict = tally.verdicts.verdict(policy, &view);
                let e = LazyExplanation::new(policy, scope, msg, sub.protocol);
                if verdict != Ok(true) {
                    let metric = filtered_metric(verdict.as_ref().err(), scope);
                    tally.filtered += 1;
                    tally.by_cause.add(metric);
                    self.ctx.emit(SnsEvent::NotificationFilteredOut {
                        topic_arn: msg.topic_arn.clone(),
                        message_id: msg.message_id.clone(),
                        subscription: sub_arn.clone(),
                        explanation: e,
                        metric: metric.name(),
                    });
                    return;
                }
                Some(e)
            }
        };
        let attempt =
            Attempt { message: msg.clone(), subscription_arn: sub_arn.clone(), number: 1, explanation };
        tally.delivered += u64::from(self.sns_deliver_to(attempt, sub));
    }
}
