//! The filter-policy explanation a `NotificationDelivered` / `NotificationFilteredOut` event
//! carries (spec/sns.md §7.7), kept as what it is computed from and evaluated when read.
//!
//! The fan-out needs only the verdict; the explanation (every key's values and conditions)
//! costs more than the verdict and most events are never inspected. Evaluation is a pure
//! function of the compiled policy and the published message, both immutable and shared, so
//! the explanation read later is exactly the one the fan-out would have built.

use alloc::rc::Rc;
use core::fmt;

use super::delivery::PublishedMessage;
use super::filter_policy::{Explanation, FilterPolicy, FilterPolicyScope, MessageView};
use super::subscription::Protocol;

/// One subscription's filter-policy evaluation of one message, explained on demand.
#[derive(Clone)]
pub struct LazyExplanation {
    policy: FilterPolicy,
    scope: FilterPolicyScope,
    message: Rc<PublishedMessage>,
    /// The subscription's protocol: a body-scope policy reads the message for it (§4.2).
    protocol: Protocol,
}

impl LazyExplanation {
    pub(crate) fn new(
        policy: &FilterPolicy,
        scope: FilterPolicyScope,
        message: &Rc<PublishedMessage>,
        protocol: Protocol,
    ) -> Self {
        Self { policy: policy.clone(), scope, message: Rc::clone(message), protocol }
    }

    /// What the message is evaluated against.
    pub(crate) fn view(&self) -> MessageView<'_> {
        view(&self.message, self.scope, self.protocol)
    }

    /// The explanation.
    pub fn get(&self) -> Explanation {
        self.policy.evaluate(&self.view())
    }
}

/// The part of `msg` a policy of `scope` reads for a subscription of `protocol`.
pub(crate) fn view(msg: &PublishedMessage, scope: FilterPolicyScope, protocol: Protocol) -> MessageView<'_> {
    match scope {
        FilterPolicyScope::MessageAttributes => MessageView::Attributes(&msg.attributes),
        FilterPolicyScope::MessageBody => MessageView::Body(msg.message_for(protocol)),
    }
}

impl fmt::Debug for LazyExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl PartialEq for LazyExplanation {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}
