//! # decouple-engine
//!
//! A faithful, deterministic, sans-IO simulator of the AWS services that decouple
//! applications: Amazon SQS, Amazon SNS, Amazon Kinesis Data Streams and Amazon Data Firehose,
//! with the S3 and Lambda ends they deliver to.
//!
//! ## The model
//!
//! * One owner of all state: [`Cloud`]. Every AWS action is a method on it taking a typed
//!   input (`SendMessageInput`) and returning a typed output or an [`ApiError`].
//! * Time is an input. The engine keeps a virtual [`Instant`](time::Instant) in epoch
//!   milliseconds and a timer table; [`Cloud::advance_to`] jumps from deadline to deadline.
//!   Long polls move time themselves (see `api-contract.md`, simulation rule 1).
//! * Everything that happens is recorded as a past-tense [`Event`] for the playground to
//!   animate and the CLI to print; [`Cloud::drain_events`] hands them out.
//! * Determinism: a seeded [`Rng`](rng::Rng) makes every id; all collections iterate in a
//!   fixed order. Same [`Config`] and same calls → same answers and events, byte for byte.
//! * With the `serde` feature, [`Cloud::call_json`] is the JSON edge (AWS member names, AWS
//!   JSON shapes) and [`api::Runner`] implements the `decouple api` JSON-lines protocol.
//!
//! The crate is `#![no_std]` with `alloc`; nothing in it reads a clock, does IO or knows about
//! the browser.

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod arn;
pub mod base64_digits;
pub mod batch;
pub mod blob;
pub mod case;
pub mod cloud;
pub mod collections;
pub mod coral;
pub mod deflate;
pub mod digest;
pub mod error;
pub mod event;
pub mod float;
pub mod json_text;
pub mod message_attributes;
pub mod metrics;
pub mod resource_name;
pub mod rng;
pub mod shape;
pub mod stream_reader;
pub mod time;
#[cfg(feature = "serde")]
pub mod wire_type;

pub mod analytics;

pub mod firehose;
pub mod kinesis;
pub mod lambda;
pub mod s3;
pub mod sns;
pub mod sqs;

#[cfg(feature = "serde")]
pub mod api;
#[cfg(feature = "serde")]
pub mod json;

pub use cloud::{Cloud, Config, Ctx, Timer};
pub use error::ApiError;
pub use event::{Event, EventKind};
pub use time::Instant;
