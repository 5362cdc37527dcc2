//! The `decouple` binary's global allocator: mimalloc instead of the system's.
//!
//! The engine allocates many small, short-lived values per call (ids, receipt handles, message
//! bodies, SNS envelopes, answers), so the allocator is a large share of every benchmark's time
//! (glibc's malloc and free were ~20% of an SQS send+receive+delete cycle and ~45% of an SNS
//! fan-out publish). mimalloc's thread-local free lists make those calls cheaper. Only the native
//! binary and `cargo bench` use it; the engine stays `no_std` and the playground's wasm keeps its
//! own allocator.

/// Installed by `#[global_allocator]` in `main.rs` and `benches/engine.rs`.
pub type Allocator = mimalloc::MiMalloc;
