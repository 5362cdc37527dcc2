//! # decouple-script
//!
//! The scenario language of Decouple Lab: AWS CLI commands in AWS CLI syntax, shell-style
//! variables, virtual time, actors that act on the virtual clock, and checks. It drives the
//! engine only through [`Cloud::call_json`](decouple_engine::Cloud::call_json), so every
//! service the engine models is scriptable.
//!
//! ```text
//! QUEUE_URL=$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)
//! aws sqs send-message --queue-url $QUEUE_URL --message-body "hello"
//! consumer worker on orders process 2s
//! sleep 5
//! expect queue orders visible == 0
//! ```
//!
//! * [`lex`] and [`parse`]: shell words (quotes, `$VAR`, `$(…)`, `\` continuations,
//!   here-documents) and statements.
//! * [`tables`] and [`args`]: the AWS CLI commands and options of every supported action,
//!   as data, and the AWS CLI's argument processing (shorthand, JSON, `file://`).
//! * [`jmespath`] and [`output`]: `--query` and `--output json|text|table`.
//! * [`actors`], [`check`]: producers, consumers, Lambda pollers, Kinesis consumers,
//!   auto scaling; `expect`.
//! * [`Session`]: runs a scenario; the CLI (`decouple run`) and the playground use it.
//!
//! The crate is `#![no_std]` with `alloc`, like the engine.

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod actors;
pub mod args;
pub mod check;
mod checks_eval;
pub mod error;
pub mod jmespath;
pub mod lex;
mod num;
pub mod output;
pub mod parse;
pub mod session;
pub mod shape;
pub mod shorthand;
pub mod tables;
pub mod template;
pub mod trace;
pub mod value;
pub mod world;

pub use error::{Pos, ScriptError};
pub use session::{LineResult, Options, Outcome, Session};
pub use trace::{ScriptEvent, ScriptEventKind, Trace};
pub use world::Limits;

/// Parses arbitrary bytes as a script: never panics, and every error carries a line and a
/// column (the parser fuzz target).
pub fn fuzz_script(data: &[u8]) -> alloc::vec::Vec<ScriptError> {
    let text = alloc::string::String::from_utf8_lossy(data);
    parse::parse_script(&text)
        .into_iter()
        .filter_map(|s| match s.kind {
            parse::StmtKind::Invalid(e) => Some(e),
            _ => None,
        })
        .collect()
}
