//! The event log: past-tense facts with a timestamp.
//!
//! Every state change an animation or an explanation needs is recorded as an [`Event`].
//! Each service defines its own event enum (`sqs::SqsEvent`, `sns::SnsEvent`, …); this file
//! only wraps them with the instant and a sequence number. Callers take them out with
//! [`Cloud::drain_events`](crate::Cloud::drain_events).
//!
//! With the `serde` feature an event serialises flat:
//! `{"seq": 3, "at": 1704067200000, "service": "sqs", "type": "MessageSent", ...}`.
//! The event enums are declared with [`event_enum!`], which writes each variant's members
//! through [`ToJson`](crate::json::ToJson): serde's derive for an internally tagged enum
//! flattened into [`Event`] went through its `FlatMap`/`Tagged` serializers, ~25 KB of the
//! playground's WebAssembly. The JSON is the same (serde_json's objects order members by key).

use crate::time::Instant;

/// One thing that happened, at one virtual instant.
#[derive(Debug, PartialEq)]
pub struct Event {
    /// Position in the log: strictly increasing, never reused.
    pub seq: u64,
    /// When it happened.
    pub at: Instant,
    /// What happened.
    pub kind: EventKind,
}

/// Cloned in one place: derived, the clone of every event kind was inlined into each
/// `Vec` of events that is cloned (the engine's log, the script's trace), ~12 KB of
/// WebAssembly each.
impl Clone for Event {
    #[inline(never)]
    fn clone(&self) -> Self {
        Self { seq: self.seq, at: self.at, kind: self.kind.clone() }
    }
}

/// What happened, by service (`"service"` in JSON: the variant's name in lower case).
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    Sqs(crate::sqs::SqsEvent),
    Sns(crate::sns::SnsEvent),
    Kinesis(crate::kinesis::KinesisEvent),
    Firehose(crate::firehose::FirehoseEvent),
    S3(crate::s3::S3Event),
    Lambda(crate::lambda::LambdaEvent),
    Analytics(crate::analytics::AnalyticsEvent),
    Sim(SimEvent),
}

event_enum! {
    /// Events of the simulator itself.
    #[derive(Clone, Debug, PartialEq)]
    pub enum SimEvent {
        /// The clock was set forward by `sim.SetClock`.
        ClockSet { from: Instant, to: Instant },
    }
}

#[cfg(feature = "serde")]
impl Event {
    /// The event as JSON: `seq`, `at`, `service`, `type` and the variant's members.
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = crate::json::Fields::default();
        out.put("seq", &self.seq);
        out.put("at", &self.at);
        let (service, kind): (&str, &dyn EventJson) = match &self.kind {
            EventKind::Sqs(e) => ("sqs", e),
            EventKind::Sns(e) => ("sns", e),
            EventKind::Kinesis(e) => ("kinesis", e),
            EventKind::Firehose(e) => ("firehose", e),
            EventKind::S3(e) => ("s3", e),
            EventKind::Lambda(e) => ("lambda", e),
            EventKind::Analytics(e) => ("analytics", e),
            EventKind::Sim(e) => ("sim", e),
        };
        out.put("service", &service);
        kind.write_json(&mut out);
        out.into_value()
    }
}

/// As [`Event::to_json`].
#[cfg(feature = "serde")]
impl serde::Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_json(), s)
    }
}

/// A service's event enum as JSON members: `"type"` (the variant's name) and its fields.
#[cfg(feature = "serde")]
pub trait EventJson {
    fn write_json(&self, out: &mut crate::json::Fields);
}

/// Declares an event enum (struct variants only) and its [`EventJson`]: each field is a JSON
/// member of its own name; `=> skip_none` leaves out a `None`, `=> skip_false` a `false`.
///
/// ```text
/// crate::event::event_enum! {
///     #[derive(Clone, Debug, PartialEq)]
///     pub enum SqsEvent {
///         MessageSent { queue: Rc<str>, group_id: Option<Rc<str>> => skip_none, size: u64 },
///     }
/// }
/// ```
macro_rules! event_enum {
    (@put $out:ident $field:ident) => {
        $out.put(stringify!($field), $field)
    };
    (@put $out:ident $field:ident skip_none) => {
        if let Some(v) = $field {
            $out.put(stringify!($field), v)
        }
    };
    (@put $out:ident $field:ident skip_false) => {
        if *$field {
            $out.put(stringify!($field), $field)
        }
    };
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $(
                $(#[$vattr:meta])*
                $variant:ident {
                    $($(#[$fattr:meta])* $field:ident : $ty:ty $(=> $how:ident)?),* $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub enum $name {
            $(
                $(#[$vattr])*
                $variant { $($(#[$fattr])* $field: $ty),* },
            )*
        }

        #[cfg(feature = "serde")]
        impl $crate::event::EventJson for $name {
            fn write_json(&self, out: &mut $crate::json::Fields) {
                match self {
                    $(
                        Self::$variant { $($field),* } => {
                            out.put("type", &stringify!($variant));
                            $($crate::event::event_enum!(@put out $field $($how)?);)*
                        }
                    )*
                }
            }
        }
    };
}

pub(crate) use event_enum;

#[cfg(all(test, feature = "serde"))]
mod tests {
    use alloc::rc::Rc;
    use serde_json::json;

    use super::*;
    use crate::sqs::SqsEvent;

    fn received(group_id: Option<Rc<str>>, replayed: bool) -> Event {
        let kind = EventKind::Sqs(SqsEvent::MessageReceived {
            queue: "q".into(),
            message_id: "m".into(),
            group_id,
            receive_count: 2,
            receipt_handle: "h".into(),
            visible_at: Instant(30),
            replayed,
        });
        Event { seq: 7, at: Instant(5), kind }
    }

    #[test]
    fn an_event_is_one_flat_object() {
        assert_eq!(
            received(None, false).to_json(),
            json!({"seq": 7, "at": 5, "service": "sqs", "type": "MessageReceived", "queue": "q",
                   "message_id": "m", "receive_count": 2, "receipt_handle": "h", "visible_at": 30})
        );
    }

    #[test]
    fn skipped_members_appear_when_set() {
        let v = received(Some("g".into()), true).to_json();
        assert_eq!((v["group_id"].as_str(), v["replayed"].as_bool()), (Some("g"), Some(true)));
        let v = Event {
            seq: 0,
            at: Instant(0),
            kind: EventKind::Sim(SimEvent::ClockSet { from: Instant(1), to: Instant(2) }),
        };
        assert_eq!(
            v.to_json(),
            json!({"seq": 0, "at": 0, "service": "sim", "type": "ClockSet", "from": 1, "to": 2})
        );
    }
}
