//! A stored message's user attributes (spec/sqs.md §5.7): its own, or shared with the other
//! messages that carry the same ones — one SNS message's raw deliveries to many queues
//! (spec/sns.md §5.3) hold one copy. Either way a message reads them as a
//! [`MessageAttributes`]: sharing changes memory, never what a receive answers.

use alloc::rc::Rc;
use core::fmt;
use core::ops::Deref;

use crate::message_attributes::MessageAttributes;

/// See the module docs.
#[derive(Clone, PartialEq)]
pub enum StoredAttributes {
    Own(MessageAttributes),
    Shared(Rc<MessageAttributes>),
}

impl Default for StoredAttributes {
    fn default() -> Self {
        Self::Own(MessageAttributes::new())
    }
}

impl From<MessageAttributes> for StoredAttributes {
    fn from(a: MessageAttributes) -> Self {
        Self::Own(a)
    }
}

impl Deref for StoredAttributes {
    type Target = MessageAttributes;

    fn deref(&self) -> &MessageAttributes {
        match self {
            Self::Own(a) => a,
            Self::Shared(a) => a,
        }
    }
}

impl fmt::Debug for StoredAttributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl StoredAttributes {
    /// The attributes as an owned map (a copy when shared).
    pub fn into_owned(self) -> MessageAttributes {
        match self {
            Self::Own(a) => a,
            Self::Shared(a) => Rc::try_unwrap(a).unwrap_or_else(|a| (*a).clone()),
        }
    }
}
