//! Finding a vertical scroll between two screens: a band of whole rows of the new screen that
//! is the old screen's band moved up or down by some lines. The terminal can then move the
//! band itself (a DECSTBM region and SU/SD) and only the rows it uncovers need drawing.
//!
//! Rows are compared whole, because a scroll region spans the full width: a pane beside
//! other panes never matches, and gets no scroll.

use std::hash::{DefaultHasher, Hash, Hasher};

use ratatui::buffer::{Buffer, Cell};

/// Rows `top..bottom` scroll by `lines`: up (contents move to lower row numbers, blank rows
/// appear at the bottom) or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub up: bool,
    pub lines: u16,
}

/// A scroll must save at least this many cells to be worth its escape sequences (about 14
/// bytes, and the cursor position it loses).
const MIN_GAIN: usize = 8;

fn row(buf: &Buffer, y: usize) -> &[Cell] {
    let w = usize::from(buf.area.width);
    &buf.content[y * w..(y + 1) * w]
}

fn row_hash(cells: &[Cell]) -> u64 {
    let mut h = DefaultHasher::new();
    cells.hash(&mut h);
    h.finish()
}

fn differing(a: &[Cell], b: &[Cell]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x != y).count()
}

/// The scroll that saves the most cells when `old` (what the terminal shows) becomes `new`,
/// if one saves enough. `dirty[y]` is false for rows known to be equal in both. Both buffers
/// have the same area.
pub fn detect(old: &Buffer, new: &Buffer, dirty: &[bool]) -> Option<Scroll> {
    let h = usize::from(old.area.height);
    if h < 2 || dirty.iter().filter(|d| **d).count() < 2 {
        return None;
    }
    let old_hash: Vec<u64> = (0..h).map(|y| row_hash(row(old, y))).collect();
    let new_hash: Vec<u64> = (0..h).map(|y| row_hash(row(new, y))).collect();
    // Cells to draw for each row without a scroll, and for a row uncovered by one.
    let in_place: Vec<usize> = (0..h)
        .map(|y| match dirty[y] {
            true => differing(row(old, y), row(new, y)),
            false => 0,
        })
        .collect();
    let blank = Cell::EMPTY;
    let uncovered: Vec<usize> = (0..h)
        .map(|y| row(new, y).iter().filter(|c| **c != blank).count())
        .collect();
    let same = |n: usize, o: usize| new_hash[n] == old_hash[o] && row(new, n) == row(old, o);

    let mut best: Option<(usize, Scroll)> = None;
    let mut consider = |gain: usize, s: Scroll| {
        if gain >= MIN_GAIN && best.is_none_or(|(g, _)| gain > g) {
            best = Some((gain, s));
        }
    };
    for k in 1..h {
        // Up by k: new row y shows old row y + k, for each run of such rows.
        let mut y = 0;
        while y + k < h {
            if !same(y, y + k) {
                y += 1;
                continue;
            }
            let start = y;
            while y + k < h && same(y, y + k) {
                y += 1;
            }
            // Region start..y+k; rows y..y+k are uncovered.
            let (top, bottom) = (start, y + k);
            let before: usize = in_place[top..bottom].iter().sum();
            let after: usize = uncovered[y..bottom].iter().sum();
            consider(
                before.saturating_sub(after),
                Scroll {
                    top: top as u16,
                    bottom: bottom as u16,
                    up: true,
                    lines: k as u16,
                },
            );
        }
        // Down by k: new row y shows old row y - k.
        let mut y = k;
        while y < h {
            if !same(y, y - k) {
                y += 1;
                continue;
            }
            let start = y;
            while y < h && same(y, y - k) {
                y += 1;
            }
            // Region start-k..y; rows start-k..start are uncovered.
            let (top, bottom) = (start - k, y);
            let before: usize = in_place[top..bottom].iter().sum();
            let after: usize = uncovered[top..start].iter().sum();
            consider(
                before.saturating_sub(after),
                Scroll {
                    top: top as u16,
                    bottom: bottom as u16,
                    up: false,
                    lines: k as u16,
                },
            );
        }
    }
    best.map(|(_, s)| s)
}

/// Does to `screen` what the terminal does for `s`: moves the rows of the region and blanks
/// the ones it uncovers.
pub fn apply(screen: &mut Buffer, s: Scroll) {
    let w = usize::from(screen.area.width);
    apply_rows(&mut screen.content, w, s, Cell::EMPTY);
}

/// [`apply`] for anything kept per cell in rows `w` wide (the cells, their links), with
/// `blank` for the rows uncovered.
pub fn apply_rows<T: Clone>(cells: &mut [T], w: usize, s: Scroll, blank: T) {
    let (top, bottom, k) = (
        usize::from(s.top),
        usize::from(s.bottom),
        usize::from(s.lines),
    );
    let Some(region) = cells.get_mut(top * w..bottom * w) else {
        return;
    };
    let k = k.min(bottom - top);
    if s.up {
        region.rotate_left(k * w);
        let len = region.len();
        region[len - k * w..].fill(blank);
    } else {
        region.rotate_right(k * w);
        region[..k * w].fill(blank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn screen(rows: &[&str]) -> Buffer {
        Buffer::with_lines(rows.iter().copied())
    }

    #[test]
    fn a_band_moved_up_by_one_is_found() {
        let old = screen(&["title", "aaaaa", "bbbbb", "ccccc", "ddddd", "st 1"]);
        let new = screen(&["title", "bbbbb", "ccccc", "ddddd", "eeeee", "st 2"]);
        let dirty = [false, true, true, true, true, true];
        let s = detect(&old, &new, &dirty).expect("a scroll");
        assert_eq!(
            s,
            Scroll {
                top: 1,
                bottom: 5,
                up: true,
                lines: 1
            }
        );
        let mut shown = old.clone();
        apply(&mut shown, s);
        assert_eq!(
            shown,
            screen(&["title", "bbbbb", "ccccc", "ddddd", "", "st 1"])
        );
    }

    #[test]
    fn a_band_moved_down_is_found() {
        let old = screen(&["aaaaa", "bbbbb", "ccccc", "ddddd", "eeeee"]);
        let new = screen(&["zzzzz", "yyyyy", "aaaaa", "bbbbb", "ccccc"]);
        let s = detect(&old, &new, &[true; 5]).expect("a scroll");
        assert_eq!(
            s,
            Scroll {
                top: 0,
                bottom: 5,
                up: false,
                lines: 2
            }
        );
    }

    #[test]
    fn unrelated_or_tiny_changes_get_no_scroll() {
        let old = screen(&["aaaaa", "bbbbb", "ccccc"]);
        let new = screen(&["xxxxx", "yyyyy", "zzzzz"]);
        assert_eq!(detect(&old, &new, &[true; 3]), None);
        // Moving one short row saves less than the scroll costs.
        let old = screen(&["a", "b", "c"]);
        let new = screen(&["b", "c", "d"]);
        assert_eq!(detect(&old, &new, &[true; 3]), None);
        let blank = Buffer::empty(Rect::new(0, 0, 10, 4));
        assert_eq!(detect(&blank, &blank, &[false; 4]), None);
    }
}
