//! The global allocator: the system's, asking Linux for transparent huge
//! pages on large blocks.
//!
//! The tagger's and the parser's weight tables (tens of MB) are read at
//! random, a few cache lines per feature: with 4 KiB pages nearly every
//! lookup also misses the TLB. Where the kernel gives huge pages only on
//! request (`/sys/kernel/mm/transparent_hugepage/enabled` = `madvise`, the
//! usual default), a block of 2 MiB or more is marked `MADV_HUGEPAGE` before
//! it is first written. Nothing changes where the kernel refuses or THP is
//! off, nor on other systems.

use std::alloc::{GlobalAlloc, Layout, System};

pub struct HugePages;

/// Blocks from this size on are advised.
const LARGE: usize = 2 << 20;

#[cfg(target_os = "linux")]
fn advise(p: *mut u8, size: usize) {
    use std::ffi::{c_int, c_void};
    extern "C" {
        fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }
    const MADV_HUGEPAGE: c_int = 14;
    const HUGE: usize = 2 << 20;
    // the whole huge pages inside the block
    let start = (p as usize).next_multiple_of(HUGE);
    let end = (p as usize + size) & !(HUGE - 1);
    if end > start {
        // SAFETY: [start, end) lies inside the block just allocated; the
        // advice only changes how the kernel backs it, never its contents.
        unsafe {
            madvise(start as *mut c_void, end - start, MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *mut u8, _: usize) {}

// SAFETY: every call is forwarded to the system allocator with the same
// layout; `realloc` of a large block allocates, copies and frees through it.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() && layout.size() >= LARGE {
            advise(p, layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() && layout.size() >= LARGE {
            advise(p, layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size < LARGE {
            return System.realloc(ptr, layout, new_size);
        }
        // a fresh advised block, so the copy writes it in huge pages
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let p = self.alloc(new_layout);
        if !p.is_null() {
            std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
            System.dealloc(ptr, layout);
        }
        p
    }
}

