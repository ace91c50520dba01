//! A one-line progress bar on stderr, for `import` with many sources on a terminal.
//!
//! Drawn only when stderr is a terminal; otherwise every method does nothing, so logs and
//! pipes get just the per-source summaries.

use std::io::{self, IsTerminal, Write};

use crate::text::sanitize::sanitize;

const BAR_WIDTH: usize = 24;

pub struct Progress {
    total: usize,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` steps, shown only for more than one step on a terminal.
    pub fn new(total: usize) -> Self {
        Progress {
            total,
            enabled: total > 1 && io::stderr().is_terminal(),
        }
    }

    /// Shows `[=====>      ] done/total label`.
    pub fn show(&self, done: usize, label: &str) {
        if !self.enabled {
            return;
        }
        let line = bar_line(done, self.total, &sanitize(label));
        let mut err = io::stderr().lock();
        // `\r` + erase line: redraw in place.
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Erases the bar so other output can be printed on a clean line.
    pub fn clear(&self) {
        if self.enabled {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

/// The bar's text, without control sequences.
pub fn bar_line(done: usize, total: usize, label: &str) -> String {
    let total = total.max(1);
    let filled = (done.min(total) * BAR_WIDTH) / total;
    let mut bar = "=".repeat(filled);
    if filled < BAR_WIDTH {
        bar.push('>');
        bar.push_str(&" ".repeat(BAR_WIDTH - filled - 1));
    }
    // Keep the line short enough for an 80-column terminal.
    let label: String = label.chars().take(40).collect();
    format!("[{bar}] {done}/{total} {label}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(
            bar_line(0, 4, "a.txt"),
            format!("[>{}] 0/4 a.txt", " ".repeat(BAR_WIDTH - 1))
        );
        assert_eq!(
            bar_line(2, 4, "b"),
            format!("[{}>{}] 2/4 b", "=".repeat(12), " ".repeat(11))
        );
        assert_eq!(
            bar_line(4, 4, ""),
            format!("[{}] 4/4 ", "=".repeat(BAR_WIDTH))
        );
    }
}
