//! Huge inputs stay linear: the wrapper on megabytes with no break opportunity, and tab
//! expansion on a line full of tabs. The work is counted as the heap allocations made for an
//! input and for one four times its size (about four times as much when linear, sixteen when
//! quadratic), on inputs small enough that even quadratic code would finish and fail the
//! count; then the megabyte inputs are checked line by line. A busy machine cannot fail
//! these tests. How fast they run is measured in `benches/text.rs` (`worst_cases`).

use crate::alloc_support::{Allocated, counted};

use magreader::text::{markdown, sanitize, wrap};

/// Fails unless the work for the input four times as large (`big`) is at most five times
/// that for the small one: linear growth is four times, quadratic sixteen.
fn grows_linearly(what: &str, small: Allocated, big: Allocated) {
    assert!(
        big.bytes <= 5 * small.bytes.max(1) && big.count <= 5 * small.count.max(1),
        "{what}: {small:?} for the input, {big:?} for one four times as large"
    );
}

/// `n` bytes with no break opportunity, wrapped at 80: full lines, and the work done.
fn wrap_x(n: usize) -> Allocated {
    let s = "x".repeat(n);
    let (lines, work) = counted(|| wrap::wrap(&s, 80));
    assert_eq!(lines.len(), n.div_ceil(80));
    assert!(
        lines
            .iter()
            .enumerate()
            .all(|(i, r)| *r == (i * 80..(i * 80 + 80).min(n))),
        "every line is 80 columns"
    );
    work
}

/// `n` closing commas wrapped at 7: closing punctuation cannot start a line, so the run is
/// cut between its characters (three of two columns), each cut moving back at most a few
/// clusters.
fn wrap_punct(n: usize) -> Allocated {
    let s = "，".repeat(n);
    let (lines, work) = counted(|| wrap::wrap(&s, 7));
    assert_eq!(lines.len(), n / 3 + 1);
    assert!(lines.iter().all(|r| r.len() <= 9), "at most 3 characters");
    work
}

#[test]
fn unbreakable_megabytes_wrap_linearly() {
    grows_linearly("x", wrap_x(20_000), wrap_x(80_000));
    grows_linearly("commas", wrap_punct(20_000), wrap_punct(80_000));
    wrap_x(5_000_000);
    wrap_punct(1_000_000);
}

/// A line of `k` tabs (`ab\t`) through `sanitize` and the Markdown layout: the tabs expanded
/// to stops of four, and the work each did.
fn tabs(k: usize) -> (Allocated, Allocated) {
    let line = "ab\t".repeat(k);
    let (clean, sanitized) = counted(|| sanitize::sanitize(&line));
    assert_eq!(clean, "ab  ".repeat(k));
    // Two source lines, the second without a tab: a paragraph (tabs expanded), not a table.
    let md = format!("{line}\nno tab here");
    let (lines, laid_out) = counted(|| markdown::layout(&md, 80));
    assert_eq!(
        lines.len(),
        4 * k / 80 + 1,
        "full lines of `ab  `, then the rest"
    );
    (sanitized, laid_out)
}

/// Tabs are expanded with an incremental column count: a long line full of tabs stays linear.
#[test]
fn many_tabs_stay_linear() {
    let (small, big) = (tabs(5_000), tabs(20_000));
    grows_linearly("sanitize", small.0, big.0);
    grows_linearly("markdown::layout", small.1, big.1);
    tabs(200_000);
}
