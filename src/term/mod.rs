//! Terminal output: what the reader writes to a terminal, and as little of it as possible.
//!
//! [`TermBackend`] is the ratatui backend of the local reader (`tui.rs`) and of `magreader
//! serve` (an SSH channel): generic over the writer, it knows nothing of stdout. Each frame
//! writes only what changed: nothing for an unchanged frame, a terminal scroll (DECSTBM +
//! SU/SD) plus the uncovered rows when a band of full-width rows moved, and wide characters
//! without a cursor move before each.

mod backend;
pub mod emergency;
mod encode;
pub mod links;
pub mod osc;
mod scroll;
mod wide;

use std::io;

use ratatui::layout::Size;

pub use backend::{FrameStats, TermBackend};
pub use scroll::Scroll;
pub use wide::normalize_wide;

/// Largest screen the reader draws (columns, rows), locally and over SSH. A bigger terminal
/// gets its top-left part: a frame buffer follows the size, so `stty rows 65535 cols 65535`
/// would otherwise ask for gigabytes, and at 2,000 columns a frame takes a visible moment.
pub const MAX_SIZE: (u16, u16) = (400, 200);

/// Clamps a terminal size to between 1x1 and [`MAX_SIZE`].
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let c = cols.clamp(1, u32::from(MAX_SIZE.0));
    let r = rows.clamp(1, u32::from(MAX_SIZE.1));
    (c as u16, r as u16)
}

/// The size of the process's controlling terminal, for [`TermBackend::with_size_query`],
/// clamped to [`MAX_SIZE`].
pub fn tty_size() -> io::Result<Size> {
    let (w, h) = crossterm::terminal::size()?;
    let (w, h) = clamp_size(u32::from(w), u32::from(h));
    Ok(Size::new(w, h))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_clamped_to_what_the_reader_draws() {
        assert_eq!(super::clamp_size(65535, 65535), (400, 200));
        assert_eq!(super::clamp_size(0, 0), (1, 1));
        assert_eq!(super::clamp_size(80, 24), (80, 24));
    }
}
