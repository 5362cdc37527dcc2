//! Library side of the `decouple` command, shared by the binary and its tests.

pub mod conformance;
