//! The reader's terminal backend (`magreader::term::TermBackend`) checked against a terminal
//! emulator: whatever the reader does (keys, resizes, popups, Chinese text, reading mode),
//! the bytes the backend writes, fed to `vt100` at the same size, must give a screen equal to
//! ratatui's buffer cell for cell. Plus what a frame costs: nothing when idle, a scroll region
//! and little more than the new line for a one-line scroll in reading mode.

use crate::app_support;

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

use magreader::app::{Action, App, Key, update};
use magreader::term::TermBackend;
use magreader::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};

/// A writer whose bytes the test can take while the terminal owns it.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("sizes in these tests are not zero")
}

/// The reader drawn through a `TermBackend` into an emulator.
struct Rig {
    app: App,
    theme: Theme,
    term: Terminal<TermBackend<Sink>>,
    sink: Sink,
    vt: vt100::Parser,
}

impl Rig {
    fn new(width: u16, height: u16, color: bool) -> Rig {
        let mut app = app_support::app(width, height);
        app.fulltext_budget = Duration::MAX;
        let sink = Sink::default();
        let backend = TermBackend::new(sink.clone(), Size::new(width, height));
        Rig {
            app,
            theme: Theme::new(color),
            term: Terminal::new(backend).unwrap(),
            sink,
            vt: vt100::Parser::new(nz(height), nz(width), 0),
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.term.backend_mut().set_size(width, height);
        self.vt.set_size(nz(height), nz(width));
        update(&mut self.app, Action::Resize(width, height));
    }

    /// Draws a frame; returns ratatui's buffer and the bytes written for it, which the
    /// emulator has been fed.
    fn frame(&mut self) -> (Buffer, Vec<u8>) {
        if self.term.backend().hyperlinks() {
            let links = ui::links::link_regions(&self.app);
            self.term.backend_mut().set_links(&links);
        }
        let (app, theme) = (&self.app, &self.theme);
        let buf = self
            .term
            .draw(|f| ui::draw(f, app, theme))
            .unwrap()
            .buffer
            .clone();
        let bytes = self.sink.take();
        self.vt.process(&bytes);
        (buf, bytes)
    }
}

fn vt_color(c: Color) -> vt100::Color {
    use vt100::Color::{Default, Idx, Rgb};
    match c {
        Color::Reset => Default,
        Color::Black => Idx(0),
        Color::Red => Idx(1),
        Color::Green => Idx(2),
        Color::Yellow => Idx(3),
        Color::Blue => Idx(4),
        Color::Magenta => Idx(5),
        Color::Cyan => Idx(6),
        Color::Gray => Idx(7),
        Color::DarkGray => Idx(8),
        Color::LightRed => Idx(9),
        Color::LightGreen => Idx(10),
        Color::LightYellow => Idx(11),
        Color::LightBlue => Idx(12),
        Color::LightMagenta => Idx(13),
        Color::LightCyan => Idx(14),
        Color::White => Idx(15),
        Color::Indexed(i) => Idx(i),
        Color::Rgb(r, g, b) => Rgb(r, g, b),
    }
}

/// The first cell where the emulated screen differs from `buf`, described.
fn mismatch(screen: &vt100::Screen, buf: &Buffer) -> Option<String> {
    let (w, h) = (buf.area.width, buf.area.height);
    if screen.size() != (nz(h), nz(w)) {
        return Some(format!("emulator is {:?}, buffer {w}x{h}", screen.size()));
    }
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let cell = &buf[(x, y)];
            let vt = screen.cell(y, x).expect("cell inside the screen");
            let width = cell.cell_width().max(1);
            let got = match vt.contents() {
                "" => " ",
                s => s,
            };
            let m = cell.modifier;
            // vt100 keeps one intensity (bold or dim, the last set), terminals both: a cell
            // with both shows as either.
            let both = m.contains(Modifier::BOLD | Modifier::DIM);
            let intensity = match both {
                true => vt.bold() || vt.dim(),
                false => {
                    vt.bold() == m.contains(Modifier::BOLD) && vt.dim() == m.contains(Modifier::DIM)
                }
            };
            let same = got == cell.symbol()
                && vt.is_wide() == (width > 1)
                && vt.fgcolor() == vt_color(cell.fg)
                && vt.bgcolor() == vt_color(cell.bg)
                && intensity
                && vt.italic() == m.contains(Modifier::ITALIC)
                && vt.underline() == m.contains(Modifier::UNDERLINED)
                && vt.inverse() == m.contains(Modifier::REVERSED);
            if !same {
                let row: String = (0..w).map(|cx| buf[(cx, y)].symbol().to_string()).collect();
                return Some(format!(
                    "at ({x},{y}): emulator {got:?} wide={} fg={:?} bg={:?} bold={} inverse={}, \
                     buffer {:?} (width {width}) {:?}; buffer row: {row:?}\nemulator screen:\n{}",
                    vt.is_wide(),
                    vt.fgcolor(),
                    vt.bgcolor(),
                    vt.bold(),
                    vt.inverse(),
                    cell.symbol(),
                    cell.style(),
                    screen.contents()
                ));
            }
            x += width;
        }
    }
    None
}

#[derive(Debug, Clone)]
enum Op {
    Key(Key),
    Resize(u16, u16),
}

fn op() -> impl Strategy<Value = Op> {
    let keys = prop::sample::select(vec![
        Key::Char('j'),
        Key::Char('j'),
        Key::Char('j'),
        Key::Char('k'),
        Key::Char('k'),
        Key::Char(' '),
        Key::Char('b'),
        Key::Char('g'),
        Key::Char('G'),
        Key::Ctrl('d'),
        Key::Ctrl('u'),
        Key::Tab,
        Key::BackTab,
        Key::Char('h'),
        Key::Char('l'),
        Key::Enter,
        Key::Enter,
        Key::Char('1'),
        Key::Char('2'),
        Key::Char('3'),
        Key::Char(']'),
        Key::Char('['),
        Key::Char('}'),
        Key::Char('{'),
        Key::Char('z'),
        Key::Char('z'),
        Key::Char('?'),
        Key::Esc,
        Key::Ctrl('p'),
        Key::Ctrl('f'),
        Key::Char('/'),
        Key::Char('n'),
        Key::Char('N'),
        Key::Char('\''),
        Key::Char('m'),
        Key::Char('a'),
        Key::Char('标'),
        Key::Backspace,
        Key::Down,
        Key::Up,
        Key::PageDown,
        Key::PageUp,
    ]);
    let sizes = prop::sample::select(vec![
        (80, 24),
        (50, 20),
        (69, 20),
        (70, 24),
        (100, 30),
        (132, 40),
        (21, 6),
        (19, 4),
    ]);
    prop_oneof![
        12 => keys.prop_map(Op::Key),
        1 => sizes.prop_map(|(w, h)| Op::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every frame, whatever led to it, shows on an emulated terminal exactly as ratatui
    /// drew it.
    #[test]
    fn the_emulated_screen_is_the_buffer(
        ops in prop::collection::vec(op(), 1..60),
        color in any::<bool>(),
        start_reading in any::<bool>(),
        hyperlinks in any::<bool>(),
    ) {
        let mut rig = Rig::new(80, 24, color);
        if hyperlinks {
            rig.term.backend_mut().set_hyperlinks(true);
            rig.app = magreader::app::App::new(linked_fixture(), 80, 24);
            rig.app.fulltext_budget = Duration::MAX;
        }
        if start_reading {
            app_support::press(&mut rig.app, &[Key::Char('3'), Key::Char('z')]);
        }
        let (buf, _) = rig.frame();
        prop_assert_eq!(mismatch(rig.vt.screen(), &buf), None);
        for (i, op) in ops.iter().enumerate() {
            match op {
                Op::Key(k) => {
                    rig.app.handle_key(*k);
                }
                Op::Resize(w, h) => rig.resize(*w, *h),
            }
            let (buf, bytes) = rig.frame();
            if let Some(m) = mismatch(rig.vt.screen(), &buf) {
                prop_assert!(false, "after op {i} ({op:?}) of {ops:?}: {m}");
            }
            prop_assert!(open_link_at_end(&bytes).is_none(), "a hyperlink left open after op {i}");
        }
    }
}

/// The fixture with links in every article: a short one, a long one cut over lines, a dead one.
fn linked_fixture() -> magreader::archive::Archive {
    let mut archive = app_support::fixture();
    for issue in &mut archive.issues {
        for section in &mut issue.sections {
            for a in &mut section.articles {
                a.body = format!(
                    "See [ISO](https://www.iso.org/) and [the International Electrotechnical \
                     Commission's very long page](https://www.iec.ch/{}/a/long/path/to/a/page) \
                     or [here](#).\n\n{}",
                    a.id, a.body
                )
                .into();
            }
        }
    }
    archive
}

/// The target of the hyperlink a frame leaves open, if it does.
fn open_link_at_end(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let last = text.rfind("\x1b]8;;")?;
    let uri = &text[last + 5..];
    let uri = &uri[..uri.find('\x1b').unwrap_or(uri.len())];
    (!uri.is_empty()).then(|| uri.to_string())
}

/// A frame of an article's link list names each target with OSC 8 when hyperlinks are on, and
/// the screen the terminal shows is the same as without them.
#[test]
fn link_targets_are_hyperlinks_and_change_nothing_on_screen() {
    let mut rig = Rig::new(100, 30, true);
    rig.term.backend_mut().set_hyperlinks(true);
    // The first article of the second column, with links, read alone at its end.
    let mut archive = app_support::fixture();
    let body = &mut archive.issues[0].sections[1].articles[0].body;
    *body = format!(
        "{body}\n\nSee the [ISO site](https://www.iso.org/home.html) and [a page anchor](#top).\n"
    )
    .into();
    rig.app = magreader::app::App::new(archive, 100, 30);
    app_support::press(
        &mut rig.app,
        &[Key::Char('1'), Key::Char('z'), Key::Char('G')],
    );
    let (buf, bytes) = rig.frame();
    assert_eq!(mismatch(rig.vt.screen(), &buf), None);
    assert_eq!(open_link_at_end(&bytes), None);
    let text = String::from_utf8_lossy(&bytes);
    // Each opened hyperlink and the text printed under it (escape sequences left out).
    let mut linked: Vec<(String, String)> = Vec::new();
    for piece in text.split("\x1b]8;;").skip(1) {
        let (uri, rest) = piece.split_once("\x1b\\").unwrap();
        if uri.is_empty() {
            continue;
        }
        let shown: String = strip_escapes(rest);
        linked.push((uri.to_string(), shown.trim().to_string()));
    }
    let uri = "https://www.iso.org/home.html";
    assert_eq!(
        linked,
        [
            (uri.to_string(), "ISO site".to_string()),
            (uri.to_string(), uri.to_string())
        ],
        "the link's text and its target in the list, and not the dead link"
    );
}

/// `text` without CSI sequences, up to the next OSC.
fn strip_escapes(text: &str) -> String {
    let text = text.split("\x1b]").next().unwrap_or("");
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ params final-byte.
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Opens the first article of the second column (Chinese and English paragraphs) in reading
/// mode, scrolled a little, and draws it.
fn reading_rig(color: bool) -> Rig {
    let mut rig = Rig::new(80, 24, color);
    app_support::press(&mut rig.app, &[Key::Char('2'), Key::Char('z')]);
    assert!(rig.app.reading);
    for _ in 0..3 {
        rig.app.handle_key(Key::Char('j'));
    }
    rig.frame();
    rig
}

/// The text of the article line that a one-line scroll down uncovers at the bottom.
fn uncovered_line(app: &App) -> String {
    let v = app.view.as_ref().expect("an open article");
    let rows = usize::from(app.geometry().text.height);
    v.lines[v.top + rows - 1].text()
}

#[test]
fn one_line_scroll_in_reading_mode_costs_little_more_than_the_new_line() {
    for color in [true, false] {
        let mut rig = reading_rig(color);
        for step in 0..12 {
            rig.app.handle_key(Key::Char('j'));
            let (buf, bytes) = rig.frame();
            assert_eq!(mismatch(rig.vt.screen(), &buf), None);
            let stats = rig.term.backend().last_frame();
            let s = stats
                .scroll
                .expect("a one-line scroll uses a scroll region");
            assert_eq!((s.top, s.bottom, s.up, s.lines), (1, 23, true, 1));
            let text = uncovered_line(&rig.app);
            // Sync begin/end 16, region and scroll 14, two cursor moves, the status line's
            // colours on and off and its position digits: under 80 bytes.
            assert!(
                bytes.len() <= text.len() + 80,
                "step {step} (color {color}): {} bytes for a {}-byte line: {:?}",
                bytes.len(),
                text.len(),
                String::from_utf8_lossy(&bytes)
            );
            assert_eq!(stats.bytes, bytes.len());
        }
        // And back up: a scroll down.
        rig.app.handle_key(Key::Char('k'));
        let (buf, _) = rig.frame();
        assert_eq!(mismatch(rig.vt.screen(), &buf), None);
        let s = rig
            .term
            .backend()
            .last_frame()
            .scroll
            .expect("a scroll down");
        assert!(!s.up && s.lines == 1);
    }
}

#[test]
fn the_narrow_layout_scrolls_by_region_too() {
    // Below 70 columns the focused pane is alone at full width without reading mode.
    let mut rig = Rig::new(60, 20, true);
    app_support::press(&mut rig.app, &[Key::Char('2')]);
    assert!(!rig.app.reading && rig.app.geometry().narrow);
    rig.frame();
    rig.app.handle_key(Key::Char('j'));
    let (buf, bytes) = rig.frame();
    assert_eq!(mismatch(rig.vt.screen(), &buf), None);
    let s = rig
        .term
        .backend()
        .last_frame()
        .scroll
        .expect("a scroll region");
    assert_eq!((s.top, s.bottom, s.lines), (1, 19, 1));
    assert!(
        bytes.len() <= uncovered_line(&rig.app).len() + 80,
        "{} bytes",
        bytes.len()
    );
}

#[test]
fn frames_end_with_the_default_attributes() {
    let mut rig = reading_rig(true);
    rig.app.handle_key(Key::Char('j'));
    let (_, bytes) = rig.frame();
    // The status line was drawn last, in its colours; then a reset ends the frame (a small
    // one, so with no synchronized-update end after it).
    assert!(
        bytes.ends_with(b"\x1b[0m"),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
    // A large frame: the reset, then the end of the synchronized update.
    rig.app.handle_key(Key::Char(' '));
    let (_, bytes) = rig.frame();
    assert!(
        bytes.ends_with(b"\x1b[0m\x1b[?2026l"),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    let mut rig = reading_rig(true);
    for _ in 0..3 {
        let (_, bytes) = rig.frame();
        assert!(
            bytes.is_empty(),
            "idle frame wrote {:?}",
            String::from_utf8_lossy(&bytes)
        );
        assert_eq!(rig.term.backend().last_frame().bytes, 0);
    }
    // A key that changes nothing on screen (focus is already on the article) costs nothing.
    rig.app.handle_key(Key::Char('l'));
    let (_, bytes) = rig.frame();
    assert!(bytes.is_empty(), "{:?}", String::from_utf8_lossy(&bytes));
}

#[test]
fn large_frames_are_wrapped_in_synchronized_updates_once_small_ones_not() {
    let mut rig = reading_rig(true);
    let count =
        |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
    // A page down rewrites most of the screen: one begin, one end, around everything.
    rig.app.handle_key(Key::Char(' '));
    let (_, bytes) = rig.frame();
    assert!(bytes.len() > 400, "{}", bytes.len());
    assert!(bytes.starts_with(b"\x1b[?2026h"), "{bytes:?}");
    assert!(bytes.ends_with(b"\x1b[?2026l"));
    assert_eq!(count(&bytes, b"\x1b[?2026h"), 1);
    assert_eq!(count(&bytes, b"\x1b[?2026l"), 1);
    // A one-line scroll is small enough to go out bare.
    rig.app.handle_key(Key::Char('j'));
    let (_, bytes) = rig.frame();
    assert!(!bytes.is_empty() && bytes.len() < 200, "{}", bytes.len());
    assert_eq!(count(&bytes, b"\x1b[?2026"), 0, "{bytes:?}");
}

#[test]
fn chinese_text_needs_no_cursor_move_per_character() {
    let mut rig = Rig::new(80, 24, false);
    rig.frame();
    rig.app.handle_key(Key::Char('2'));
    rig.app.handle_key(Key::Char('z'));
    let (buf, bytes) = rig.frame();
    assert_eq!(mismatch(rig.vt.screen(), &buf), None);
    let text = String::from_utf8_lossy(&bytes);
    // Each row of Chinese text is written in one piece: no cursor move before each wide
    // character (ratatui's crossterm backend sends one, about 8 bytes).
    let mut rows = 0;
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol())
            .collect::<Vec<_>>()
            .join("");
        // Cells covered by a wide glyph hold a space; drop those to get the row as written.
        let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        if row.chars().filter(|c| han(*c)).count() < 20 {
            continue;
        }
        let mut written = String::new();
        let mut skip = false;
        for c in row.trim().chars() {
            if skip && c == ' ' {
                skip = false;
                continue;
            }
            written.push(c);
            skip = han(c) || "，。“”：".contains(c);
        }
        rows += 1;
        assert!(
            text.contains(&written),
            "row {y} not written in one piece: {written:?} in {text:?}"
        );
    }
    assert!(
        rows >= 3,
        "the article shows several rows of Chinese ({rows})"
    );
}

#[test]
fn three_panes_cannot_scroll_by_region() {
    let mut rig = Rig::new(80, 24, true);
    app_support::press(&mut rig.app, &[Key::Char('2')]);
    for _ in 0..3 {
        rig.app.handle_key(Key::Char('j'));
    }
    rig.frame();
    rig.app.handle_key(Key::Char('j'));
    let (buf, bytes) = rig.frame();
    assert_eq!(mismatch(rig.vt.screen(), &buf), None);
    // The article is a pane beside the lists: every row of it is rewritten (a scroll region
    // can only help in rows where the lists beside it are blank).
    assert!(bytes.len() > 300, "{} bytes", bytes.len());
}

#[test]
fn a_resize_clears_and_redraws_everything() {
    let mut rig = reading_rig(true);
    rig.resize(100, 30);
    let (buf, bytes) = rig.frame();
    assert!(rig.term.backend().last_frame().cleared);
    assert!(bytes.windows(4).any(|w| w == b"\x1b[2J"));
    assert_eq!(mismatch(rig.vt.screen(), &buf), None);
}
