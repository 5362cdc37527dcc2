//! The `decouple` binary's global allocator: mimalloc instead of the system's.
//!
//! The engine allocates many small, short-lived values per call (ids, receipt handles, message
//! bodies, SNS envelopes, answers), so the allocator is a large share of every benchmark's time
//! (glibc's malloc and free were ~20% of an SQS send+receive+delete cycle and ~45% of an SNS
//! fan-out publish). mimalloc's thread-local free lists make those calls cheaper. Only the native
//! binary and `cargo bench` use it; the engine stays `no_std` and the playground's wasm keeps its
//! own allocator.
//!
//! The `mimalloc` crate's allocator calls mimalloc's `_aligned` functions for every request,
//! a longer path than plain `mi_malloc` (~60 instructions instead of ~20); nearly every Rust
//! allocation asks for an alignment `mi_malloc` already guarantees, so those take the plain
//! path (the rule std's own `System` allocator applies to `malloc`).

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;

use libmimalloc_sys as mi;

/// Installed by `#[global_allocator]` in `main.rs` and `benches/engine.rs`.
pub struct Allocator;

/// The alignment `mi_malloc` gives every block of at least this size (`MI_MAX_ALIGN_SIZE`,
/// `sizeof(max_align_t)`); smaller blocks are aligned to their size rounded up to a word.
const PLAIN_ALIGN: usize = 16;

/// Whether `mi_malloc(size)` is aligned enough for `layout` (std's condition for `malloc`).
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: each function forwards to the mimalloc function for the same request; the plain
// ones only where their alignment guarantee covers the layout's.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_as_asked() {
        let a = Allocator;
        for size in [1usize, 7, 8, 9, 15, 16, 17, 24, 40, 48, 100, 1000, 5000, 70_000] {
            for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; freed below with the same layout.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc to {}, align {align}", size * 3);
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!(core::slice::from_raw_parts(z, size).iter().all(|b| *b == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
