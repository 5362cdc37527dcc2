//! Library side of the `decouple` command, shared by the binary, `cargo bench` and tests.

pub mod allocator;
pub mod bench;
pub mod conformance;
pub mod run;
