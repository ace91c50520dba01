//! Terminal output: what the reader writes to a terminal, and as little of it as possible.
//!
//! [`TermBackend`] is the ratatui backend of the local reader (`tui.rs`) and of `magreader
//! serve` (an SSH channel): generic over the writer, it knows nothing of stdout. Each frame
//! writes only what changed: nothing for an unchanged frame, a terminal scroll (DECSTBM +
//! SU/SD) plus the uncovered rows when a band of full-width rows moved, and wide characters
//! without a cursor move before each.

mod backend;
mod encode;
pub mod osc;
mod scroll;
mod wide;

use std::io;

use ratatui::layout::Size;

pub use backend::{FrameStats, TermBackend};
pub use scroll::Scroll;
pub use wide::normalize_wide;

/// The size of the process's controlling terminal, for [`TermBackend::with_size_query`].
pub fn tty_size() -> io::Result<Size> {
    let (w, h) = crossterm::terminal::size()?;
    Ok(Size::new(w, h))
}
