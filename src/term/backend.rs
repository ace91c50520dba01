//! [`TermBackend`]: a ratatui backend over any `Write` that keeps a mirror of what the terminal
//! shows and writes only the difference, frame by frame.
//!
//! Why not ratatui's crossterm backend: it moves the cursor before every wide (CJK) character
//! because it does not know where the cursor ends up, resets the colours at the end of every
//! frame, writes a cursor hide on every frame even when nothing changed, and cannot use the
//! terminal's own scrolling. Here the cursor position is tracked in display columns, the pen
//! (current attributes) is remembered between frames, a frame with no change writes nothing
//! at all, and a screen whose band of full-width rows moved is scrolled by the terminal (see
//! `scroll.rs`).
//!
//! A frame is what ratatui sends between two `flush` calls (`Terminal::draw` ends with one).
//! It is built into memory and written with one `write_all`, wrapped in synchronized-update
//! sequences so terminals that know them show it whole (others ignore them); a small frame,
//! such as a one-line scroll, goes out unwrapped (see [`UNWRAPPED_FRAME`]).

use std::cell::Cell as Shared;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Position, Rect, Size};

use super::encode::{self, Pen};
use super::links::{CellLinks, LinkRegion};
use super::scroll::{self, Scroll};

/// Erase the end of a line (EL) rather than write spaces when more than this many cells must
/// become blank (EL and the colour reset it needs cost about this much).
const ERASE_AFTER: usize = 4;

/// A frame whose changes take at most this many bytes goes out without the synchronized-update
/// wrappers: written with one `write_all`, it reaches the terminal whole in practice, and the
/// 16 bytes of wrapping would be a large share of a one-line scroll (about 40-120 bytes).
const UNWRAPPED_FRAME: usize = 160;

/// Where a backend learns the terminal's size.
type SizeQuery = Box<dyn Fn() -> io::Result<Size> + Send>;

/// What a frame cost, for measurements and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// Bytes written for the frame (0 when nothing changed).
    pub bytes: usize,
    /// The scroll the terminal was asked to do, if any.
    pub scroll: Option<Scroll>,
    /// The screen was cleared first (after a resize or `Terminal::clear`).
    pub cleared: bool,
}

/// A ratatui backend writing to `W` (a terminal's stdout, an SSH channel, a `Vec<u8>` in
/// tests). It assumes it is the only writer between frames: it starts from a blank screen
/// (the alternate screen just entered) with unknown attributes and cursor visibility.
pub struct TermBackend<W: Write> {
    out: W,
    size: Shared<Size>,
    query: Option<SizeQuery>,
    /// What the terminal shows (as far as this backend has written it).
    screen: Buffer,
    /// `screen` plus the cells ratatui sent for the frame being built.
    next: Buffer,
    /// Rows of `next` that may differ from `screen`.
    dirty: Vec<bool>,
    /// Clear the terminal before drawing the next frame.
    clear: bool,
    /// The terminal's cursor; `None` when unknown (or pending a wrap at the last column).
    cursor: Option<(u16, u16)>,
    visible: Option<bool>,
    pen: Option<Pen>,
    want_visible: bool,
    want_pos: Position,
    frame: Vec<u8>,
    last: FrameStats,
    /// Which cells link where (OSC 8), when the terminal draws hyperlinks.
    links: CellLinks,
}

impl<W: Write> TermBackend<W> {
    /// A backend for a terminal of `size` that only changes when told ([`Self::set_size`]),
    /// as for an SSH channel whose client reports its window.
    pub fn new(out: W, size: Size) -> Self {
        let area = Rect::new(0, 0, size.width, size.height);
        TermBackend {
            out,
            size: Shared::new(size),
            query: None,
            screen: Buffer::empty(area),
            next: Buffer::empty(area),
            dirty: vec![false; usize::from(size.height)],
            clear: false,
            cursor: None,
            visible: None,
            pen: None,
            want_visible: false,
            want_pos: Position::ORIGIN,
            frame: Vec::new(),
            last: FrameStats::default(),
            links: {
                let mut l = CellLinks::default();
                l.resize(area.area() as usize);
                l
            },
        }
    }

    /// Draw OSC 8 hyperlinks (for a terminal known to support them, `super::links::supported`).
    pub fn set_hyperlinks(&mut self, on: bool) {
        self.links.on = on;
    }

    pub fn hyperlinks(&self) -> bool {
        self.links.on
    }

    /// The runs of cells that link somewhere in the next frame (replacing the last frame's);
    /// ignored unless hyperlinks are on. Call before `Terminal::draw`.
    pub fn set_links(&mut self, regions: &[LinkRegion]) {
        self.links.set(regions, self.next.area.width);
    }

    /// A backend that asks `query` for the size whenever ratatui does (each frame), as for a
    /// local terminal (`super::tty_size`).
    pub fn with_size_query(
        out: W,
        query: impl Fn() -> io::Result<Size> + Send + 'static,
    ) -> io::Result<Self> {
        let mut b = Self::new(out, query()?);
        b.query = Some(Box::new(query));
        Ok(b)
    }

    /// The terminal now has `width`×`height` cells. The next `Terminal::draw` notices, clears
    /// and redraws everything.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size.set(Size::new(width, height));
    }

    /// What the last frame cost (0 bytes when nothing changed).
    pub fn last_frame(&self) -> FrameStats {
        self.last
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Forget what the terminal shows, so the next frame clears it and redraws everything
    /// (for a screen another program may have written to).
    pub fn invalidate(&mut self) {
        self.clear = true;
        self.cursor = None;
        self.visible = None;
        self.pen = None;
        self.links.open = 0;
    }

    /// Makes `screen` and `next` blank at the last known size, and the next frame clear the
    /// terminal.
    fn reset_to_size(&mut self) {
        let size = self.size.get();
        let area = Rect::new(0, 0, size.width, size.height);
        self.screen = Buffer::empty(area);
        self.next = Buffer::empty(area);
        self.dirty = vec![true; usize::from(size.height)];
        self.clear = true;
        self.links.resize(area.area() as usize);
    }

    fn width(&self) -> usize {
        usize::from(self.screen.area.width)
    }

    /// Writes the glyphs of row `y` of `next` that the terminal does not already show, and
    /// makes the row of `screen` what the terminal now shows.
    fn draw_row(&mut self, y: usize) {
        let w = self.width();
        let span = y * w..(y + 1) * w;
        // Which columns of the terminal start a glyph (the rest are right halves of wide ones).
        let mut starts = vec![false; w];
        let mut x = 0;
        while x < w {
            starts[x] = true;
            x += usize::from(self.screen.content[span.start + x].cell_width().max(1));
        }
        // From here on the new row is blank: erasing the rest of the line (EL) is shorter
        // than writing spaces over what the terminal shows there.
        let blank = |c: &Cell| c.symbol() == " " && Pen::of(c) == Pen::DEFAULT;
        let row = &self.next.content[span.clone()];
        let blank_from = row.iter().rposition(|c| !blank(c)).map_or(0, |p| p + 1);
        let mut x = 0;
        while x < w {
            let i = span.start + x;
            if x >= blank_from {
                let stale: Vec<usize> = (x..w)
                    .filter(|&c| !starts[c] || self.screen.content[span.start + c] != Cell::EMPTY)
                    .collect();
                if stale.len() > ERASE_AFTER {
                    let (cursor, pen) = (self.cursor, self.pen);
                    self.reach(cursor, (stale[0] as u16, y as u16), &starts, span.start);
                    self.links.close(&mut self.frame);
                    encode::sgr(&mut self.frame, pen, Pen::DEFAULT);
                    self.pen = Some(Pen::DEFAULT);
                    self.frame.extend_from_slice(encode::ERASE_LINE);
                    self.cursor = Some((stale[0] as u16, y as u16));
                    break;
                }
            }
            let mut width = usize::from(self.next.content[i].cell_width());
            if width == 0 || x + width > w {
                // Nothing a terminal would draw in exactly these columns: a blank instead.
                self.next.content[i].set_symbol(" ");
                width = 1;
            }
            if !starts[x]
                || self.screen.content[i] != self.next.content[i]
                || self.links.screen[i] != self.links.next[i]
            {
                let (cursor, pen) = (self.cursor, self.pen);
                self.reach(cursor, (x as u16, y as u16), &starts, span.start);
                self.links.switch(&mut self.frame, self.links.next[i]);
                let cell = &self.next.content[i];
                encode::sgr(&mut self.frame, pen, Pen::of(cell));
                self.pen = Some(Pen::of(cell));
                self.frame.extend_from_slice(cell.symbol().as_bytes());
                let end = x + width;
                // After the last column the cursor waits to wrap: where it is depends on the
                // terminal, so the next write moves it absolutely.
                self.cursor = (end < w).then_some((end as u16, y as u16));
            }
            x += width;
        }
        let (screen, next) = (&mut self.screen.content, &self.next.content);
        screen[span.clone()].clone_from_slice(&next[span.clone()]);
        let (screen, next) = (&mut self.links.screen, &self.links.next);
        screen[span.clone()].copy_from_slice(&next[span]);
    }

    /// Brings the cursor from `from` to `to` in row `to.1`: by rewriting the glyphs in between
    /// when they are the terminal's already, narrow, in the current pen and fewer bytes than
    /// a move; else by the shortest move.
    fn reach(&mut self, from: Option<(u16, u16)>, to: (u16, u16), starts: &[bool], row: usize) {
        if let (Some((fx, fy)), Some(pen)) = (from, self.pen)
            && fy == to.1
            && fx < to.0
        {
            let gap = &self.next.content[row + usize::from(fx)..row + usize::from(to.0)];
            let open = self.links.open;
            let links = &self.links.next[row + usize::from(fx)..row + usize::from(to.0)];
            let fits = gap.iter().enumerate().all(|(j, c)| {
                starts[usize::from(fx) + j]
                    && c.cell_width() == 1
                    && Pen::of(c) == pen
                    && links[j] == open
            });
            let bytes: usize = gap.iter().map(|c| c.symbol().len()).sum();
            let mut mv = Vec::new();
            encode::move_cursor(&mut mv, from, to);
            if fits && bytes < mv.len() {
                for c in gap {
                    self.frame.extend_from_slice(c.symbol().as_bytes());
                }
                return;
            }
            self.frame.extend_from_slice(&mv);
            return;
        }
        encode::move_cursor(&mut self.frame, from, to);
    }

    /// Asks the terminal to scroll, with blank rows in the default colours.
    fn scroll(&mut self, s: Scroll) {
        self.links.close(&mut self.frame);
        if self.pen != Some(Pen::DEFAULT) {
            encode::sgr(&mut self.frame, self.pen, Pen::DEFAULT);
            self.pen = Some(Pen::DEFAULT);
        }
        let h = self.screen.area.height;
        encode::scroll_region(&mut self.frame, s.top, s.bottom, h, s.up, s.lines);
        scroll::apply(&mut self.screen, s);
        let w = usize::from(self.screen.area.width);
        scroll::apply_rows(&mut self.links.screen, w, s, 0);
        // DECSTBM homes the cursor; where exactly differs between terminals.
        self.cursor = None;
        for d in &mut self.dirty[usize::from(s.top)..usize::from(s.bottom)] {
            *d = true;
        }
    }

    /// Everything this frame changes, into `self.frame` (after the begin-sync sequence).
    fn compose(&mut self) {
        let mut stats = FrameStats::default();
        if self.clear {
            if self.pen != Some(Pen::DEFAULT) {
                encode::sgr(&mut self.frame, self.pen, Pen::DEFAULT);
                self.pen = Some(Pen::DEFAULT);
            }
            self.frame.extend_from_slice(encode::CLEAR_SCREEN);
            self.screen.reset();
            self.links.cleared();
            self.dirty.fill(true);
            self.clear = false;
            stats.cleared = true;
        } else if let Some(s) = scroll::detect(&self.screen, &self.next, &self.dirty) {
            self.scroll(s);
            stats.scroll = Some(s);
        }
        let w = self.width();
        for y in 0..self.dirty.len() {
            if self.links.row_changed(y, w) {
                self.dirty[y] = true;
            }
        }
        for y in 0..self.dirty.len() {
            if std::mem::take(&mut self.dirty[y]) {
                self.draw_row(y);
            }
        }
        // End with the default attributes: whatever writes next (the shell after the reader,
        // a terminal that does not restore them on leaving the alternate screen) starts
        // plain, and the next frame's scroll needs them anyway (blank rows take the current
        // background). No hyperlink stays open either.
        self.links.close(&mut self.frame);
        if self.pen.is_some_and(|p| p != Pen::DEFAULT) {
            encode::sgr(&mut self.frame, self.pen, Pen::DEFAULT);
            self.pen = Some(Pen::DEFAULT);
        }
        if self.want_visible {
            let to = (self.want_pos.x, self.want_pos.y);
            let from = self.cursor;
            encode::move_cursor(&mut self.frame, from, to);
            self.cursor = Some(to);
            if self.visible != Some(true) {
                self.frame.extend_from_slice(encode::SHOW_CURSOR);
            }
        } else if self.visible != Some(false) {
            self.frame.extend_from_slice(encode::HIDE_CURSOR);
        }
        self.visible = Some(self.want_visible);
        self.last = stats;
    }
}

impl<W: Write> Backend for TermBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let (w, h) = (self.next.area.width, self.next.area.height);
        for (x, y, cell) in content {
            if x >= w || y >= h {
                continue;
            }
            let i = self.next.index_of(x, y);
            self.next.content[i] = cell.clone();
            // The columns a wide glyph covers hold nothing of their own (as in ratatui's
            // buffer), whatever was there before.
            let end = (x + cell.cell_width()).min(w);
            for cx in x + 1..end {
                let j = self.next.index_of(cx, y);
                self.next.content[j] = Cell::EMPTY;
            }
            self.dirty[usize::from(y)] = true;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.want_visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.want_visible = true;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.want_pos)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.want_pos = position.into();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.reset_to_size();
        Ok(())
    }

    /// The whole screen (or all after the top-left corner, which ratatui's fixed viewports
    /// ask for) is cleared by the terminal at the next frame; a part of it is blanked in the
    /// frame being built, and written like any other change.
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let w = self.next.area.width;
        let (x, y) = (self.want_pos.x.min(w), self.want_pos.y);
        let at = usize::from(y) * usize::from(w) + usize::from(x);
        let row = usize::from(y) * usize::from(w);
        let len = self.next.content.len();
        let range = match clear_type {
            ClearType::All => return self.clear(),
            ClearType::AfterCursor if at == 0 => return self.clear(),
            ClearType::AfterCursor => at.min(len)..len,
            ClearType::BeforeCursor => 0..(at + 1).min(len),
            ClearType::CurrentLine => row.min(len)..(row + usize::from(w)).min(len),
            ClearType::UntilNewLine => at.min(len)..(row + usize::from(w)).min(len),
        };
        if range.is_empty() {
            return Ok(());
        }
        self.next.content[range.clone()].fill(Cell::EMPTY);
        let (first, last) = (
            range.start / usize::from(w),
            (range.end - 1) / usize::from(w),
        );
        for d in &mut self.dirty[first..=last] {
            *d = true;
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        if let Some(q) = &self.query {
            self.size.set(q()?);
        }
        Ok(self.size.get())
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::new(0, 0),
        })
    }

    /// Ends the frame: writes what changed since the last one, or nothing at all.
    fn flush(&mut self) -> io::Result<()> {
        self.frame.clear();
        self.frame.extend_from_slice(encode::BEGIN_SYNC);
        self.compose();
        let changes = self.frame.len() - encode::BEGIN_SYNC.len();
        if changes == 0 {
            return self.out.flush();
        }
        if changes <= UNWRAPPED_FRAME {
            self.frame.drain(..encode::BEGIN_SYNC.len());
        } else {
            self.frame.extend_from_slice(encode::END_SYNC);
        }
        self.out.write_all(&self.frame)?;
        self.last.bytes = self.frame.len();
        self.out.flush()
    }
}
