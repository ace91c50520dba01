//! Wide glyphs and the cells they cover, made what a terminal can show.
//!
//! ratatui assumes a wide (CJK) character is followed by blank cells it covers, and its diff
//! never sends those cells. Two things break that:
//!
//! - a later widget writes into a covered cell (a popup's border beside a Chinese line): the
//!   buffer holds both, the terminal can show only one, and the diff sends the wide one, so
//!   the border goes missing on screen;
//! - a style set over an area (a title bar's) lands on covered cells too, unseen. When the
//!   wide glyph later goes, the diff does not send the covered cell (it did not change), and
//!   the terminal shows what erasing half a wide glyph left there instead.
//!
//! The renderer calls [`normalize_wide`] last, so the buffer says what a terminal shows and
//! covered cells are plain blanks, as `TermBackend`'s mirror of the screen has them.

use ratatui::buffer::{Buffer, Cell, CellWidth};

/// Replaces every wide glyph whose covered cells hold something (or that runs past the right
/// edge) with a blank in its own style, as a terminal would show it after the overlap; and
/// makes the cells covered by the other wide glyphs plain blanks.
pub fn normalize_wide(buf: &mut Buffer) {
    let w = usize::from(buf.area.width);
    if w == 0 {
        return;
    }
    for row in buf.content.chunks_mut(w) {
        let mut x = 0;
        while x < w {
            let width = usize::from(row[x].cell_width()).max(1);
            if width > 1 {
                let overlapped =
                    x + width > w || row[x + 1..x + width].iter().any(|c| c.symbol() != " ");
                if overlapped {
                    row[x].set_symbol(" ");
                    x += 1;
                    continue;
                }
                row[x + 1..x + width].fill(Cell::EMPTY);
            }
            x += width;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn a_border_over_the_right_half_of_a_wide_glyph_wins() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "国家标", ratatui::style::Style::new());
        buf.set_string(0, 1, "国家标", ratatui::style::Style::new());
        buf.set_string(3, 0, "|", ratatui::style::Style::new());
        buf.set_style(Rect::new(0, 1, 6, 1), ratatui::style::Style::new().bold());
        normalize_wide(&mut buf);
        let symbols =
            |y: u16| -> Vec<String> { (0..6).map(|x| buf[(x, y)].symbol().to_string()).collect() };
        assert_eq!(symbols(0), ["国", " ", " ", "|", "标", " "]);
        // Untouched rows keep their glyphs; the cells they cover lose the style set over them.
        assert_eq!(symbols(1), ["国", " ", "家", " ", "标", " "]);
        assert!(
            buf[(0, 1)]
                .modifier
                .contains(ratatui::style::Modifier::BOLD)
        );
        assert_eq!(buf[(1, 1)], Cell::EMPTY);
    }
}
