//! The smallest program that still contains what the playground must ship: the engine's JSON
//! edge ([`Runner`], which every click, form and scenario line goes through) and, with the
//! `script` feature, a scenario-language session. No UI, no std, no panic messages, and an
//! allocator that is an import (its code is not counted), so the gzipped size of this module
//! is a lower bound on the playground's.
#![no_std]

extern crate alloc;

use alloc::string::String;
use core::alloc::{GlobalAlloc, Layout};
use decouple_engine::api::Runner;
use decouple_engine::Config;

extern "C" {
    /// Supplied by the host: the allocator's code stays out of the measured module.
    fn host_alloc(size: usize, align: usize) -> *mut u8;
}

struct HostAlloc;

// SAFETY: the host returns `size` bytes aligned to `align`, or null; memory is never freed.
unsafe impl GlobalAlloc for HostAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the host's contract above.
        unsafe { host_alloc(layout.size(), layout.align()) }
    }
    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[global_allocator]
static ALLOC: HostAlloc = HostAlloc;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Runs `decouple api` JSON lines (`ptr`, `len`: UTF-8) on a fresh cloud; returns the length
/// of the answers.
///
/// # Safety
/// `ptr` points to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn api(ptr: *const u8, len: usize) -> usize {
    // SAFETY: the caller's contract.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    let mut runner = Runner::new(Config::default());
    let mut out = String::new();
    for line in core::str::from_utf8(bytes).unwrap_or_default().lines() {
        out.push_str(&runner.handle_line(line));
    }
    out.len()
}

/// Runs a scenario script (`ptr`, `len`: UTF-8); returns how many lines it ran.
///
/// # Safety
/// `ptr` points to `len` readable bytes.
#[cfg(feature = "script")]
#[no_mangle]
pub unsafe extern "C" fn script(ptr: *const u8, len: usize) -> usize {
    // SAFETY: the caller's contract.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    let source = core::str::from_utf8(bytes).unwrap_or_default();
    let mut session = decouple_script::Session::new(source, decouple_script::Options::default());
    session.run_all().len()
}
