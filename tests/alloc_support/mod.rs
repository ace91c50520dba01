//! The work a piece of code does, counted as the heap allocations it makes: a counting global
//! allocator for the test binary that includes this module. Counts are per thread, so tests
//! running beside each other in one binary do not mix; work done on other threads is not
//! counted (measure code that runs on the calling thread).
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    // Const-initialised and without a destructor: reading it never allocates, so the
    // allocator can use it.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + bytes as u64));
}

// SAFETY: every call is passed on to the system allocator unchanged; counting only reads and
// writes this thread's counters.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation may copy the whole block: it counts as a new one of the new size.
        note(new_size);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What [`counted`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocated {
    /// Allocations and reallocations made.
    pub count: u64,
    /// Bytes asked for by them, in all.
    pub bytes: u64,
}

/// Runs `f`, counting the allocations it makes on this thread.
pub fn counted<T>(f: impl FnOnce() -> T) -> (T, Allocated) {
    let (n0, b0) = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    let out = f();
    let (n1, b1) = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    (
        out,
        Allocated {
            count: n1 - n0,
            bytes: b1 - b0,
        },
    )
}
