//! The `decouple` binary's global allocator: mimalloc instead of the system's.
//!
//! The engine allocates many small, short-lived values per call (ids, receipt handles, message
//! bodies, SNS envelopes, answers), so the allocator is a large share of every benchmark's time
//! (glibc's malloc and free were ~20% of an SQS send+receive+delete cycle and ~45% of an SNS
//! fan-out publish). mimalloc's thread-local free lists make those calls cheaper. Only the native
//! binary and `cargo bench` use it; the engine stays `no_std` and the playground's wasm keeps its
//! own allocator.

use std::alloc::{GlobalAlloc, Layout};

/// Installed by `#[global_allocator]` in `main.rs` and `benches/engine.rs`: mimalloc, asked
/// for a plain block first. Every block is at least pointer-aligned, and most larger ones are
/// 16-aligned; only a block that misses the alignment needed is given back and asked for
/// through mimalloc's aligned entry point. The engine's many small strings and `Rc`s (and its
/// 16-aligned boxed messages) skip that entry point's slower checks.
pub struct Allocator;

/// Alignment every mimalloc block has (its smallest blocks are one pointer wide).
const PLAIN_ALIGN: usize = 8;

/// A block for `layout` from mimalloc's plain entry point `plain` (`mi_malloc` or `mi_zalloc`)
/// when it has the alignment needed; otherwise that block is given back and `aligned` asked.
///
/// # Safety
/// As [`GlobalAlloc::alloc`]: `layout` has a non-zero size.
#[inline(always)]
unsafe fn plain_first(
    layout: Layout,
    plain: unsafe extern "C" fn(usize) -> *mut core::ffi::c_void,
    aligned: impl FnOnce() -> *mut u8,
) -> *mut u8 {
    let p: *mut u8 = plain(layout.size()).cast();
    if layout.align() <= PLAIN_ALIGN || (p as usize) % layout.align() == 0 {
        return p;
    }
    libmimalloc_sys::mi_free(p.cast());
    aligned()
}

// SAFETY: each call forwards to mimalloc, and every block returned has the layout's alignment
// (checked when more than `PLAIN_ALIGN` is needed); `mi_free` and `mi_realloc_aligned` take
// blocks from either entry point.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        plain_first(layout, libmimalloc_sys::mi_malloc, || mimalloc::MiMalloc.alloc(layout))
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        plain_first(layout, libmimalloc_sys::mi_zalloc, || mimalloc::MiMalloc.alloc_zeroed(layout))
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}
