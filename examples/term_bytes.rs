//! Bytes the reader writes to the terminal, counted through the same backend the reader uses
//! (`magreader::term::TermBackend` under ratatui, which wraps each frame in the
//! synchronized-update sequences) writing into memory. Built-in archive, 80×24 by default:
//!
//! `cargo run --release --example term_bytes -- [--size 80x24] [--reading] [--text FILE]`
//!
//! Prints one JSON object: the terminal set-up, the first frame, the frame after `2` (opens
//! the second column's first article; with `--reading`, then `z`: reading mode, the article
//! alone at full width), the frame after `j` (one-line scroll) and an idle redraw.
//! `--text FILE` writes the screen's title row and then the open article's lines as the
//! reader shows them, so `less` at the same size shows the same lines on the same rows and its
//! `j` uncovers the same line as the reader's (see bench/run.sh).

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use crossterm::terminal::EnterAlternateScreen;
use crossterm::{cursor, execute};
use magreader::app::{App, Key};
use magreader::term::TermBackend;
use magreader::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::buffer::CellWidth;
use ratatui::layout::Size;

/// Counts what is written; the count is shared so it can be read while the terminal owns
/// the sink.
#[derive(Default, Clone)]
struct Sink(Rc<Cell<usize>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

type Term = Terminal<TermBackend<Sink>>;

/// One frame as `tui::draw` makes it; returns the bytes it wrote.
fn frame(t: &mut Term, sink: &Sink, app: &App, theme: &Theme) -> usize {
    let before = sink.0.get();
    t.draw(|f| ui::draw(f, app, theme)).expect("draw");
    sink.0.get() - before
}

fn main() -> anyhow::Result<()> {
    let mut size = (80u16, 24u16);
    let mut text_out = None;
    let mut reading = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--size" => {
                let v = args.next().unwrap_or_default();
                let (w, h) = v
                    .split_once('x')
                    .ok_or_else(|| anyhow::anyhow!("--size {v}: give WxH, e.g. 80x24"))?;
                size = (w.parse()?, h.parse()?);
            }
            "--text" => text_out = args.next(),
            "--reading" => reading = true,
            other => anyhow::bail!("unknown argument `{other}`; see the file's header"),
        }
    }
    let (w, h) = size;
    let theme = Theme::from_env(false);
    let (archive, _) = magreader::archive::load_builtin();
    let mut app = App::new(archive, w, h);
    let mut sink = Sink::default();
    // What `TerminalGuard::enter` sends before the first frame.
    execute!(sink, EnterAlternateScreen, cursor::Hide)?;
    let setup = sink.0.get();
    let mut t = Terminal::new(TermBackend::new(sink.clone(), Size::new(w, h)))?;
    let first = frame(&mut t, &sink, &app, &theme);
    app.handle_key(Key::Char('2'));
    // A digit waits for a motion (`2j` would be a count); the pause the event loop sends
    // makes it the column jump.
    magreader::app::update(&mut app, magreader::app::Action::CountTimeout);
    if reading {
        app.handle_key(Key::Char('z'));
    }
    let open = frame(&mut t, &sink, &app, &theme);
    let before = app.view.as_ref().map(|v| v.top);
    app.handle_key(Key::Char('j'));
    let after = app.view.as_ref().map(|v| v.top);
    anyhow::ensure!(
        before.zip(after).is_some_and(|(b, a)| a == b + 1),
        "`j` did not scroll the open article by one line ({before:?} -> {after:?})"
    );
    let scroll = frame(&mut t, &sink, &app, &theme);
    let scroll_region = t.backend().last_frame().scroll.is_some();
    let before_idle = sink.0.get();
    let shown = t.draw(|f| ui::draw(f, &app, &theme))?.buffer.clone();
    let idle = sink.0.get() - before_idle;
    let view = app.view.as_ref().expect("an open article");
    if let Some(path) = text_out {
        // The title row as the terminal shows it (cells covered by wide characters left out).
        let mut title = String::new();
        let mut x = 0;
        while x < shown.area.width {
            let cell = &shown[(x, 0)];
            title.push_str(cell.symbol());
            x += cell.cell_width().max(1);
        }
        let mut text = format!("{}\n", title.trim_end());
        text.extend(view.lines.iter().map(|l| l.text() + "\n"));
        std::fs::write(&path, text)?;
    }
    let issue = &app.archive.issues[view.at.issue];
    let article = &issue.sections[view.at.section].articles[view.at.article];
    let label = format!("{}/{}", issue.id, article.id);
    let text_width = view.width;
    let rows = usize::from(app.geometry().text.height);
    // Every further `j` to the end of the article: the bytes of each frame beyond the text
    // of the line it uncovers (`less` spends 11 bytes beyond the line: CR, EL, CR LF and
    // its prompt), so the ratio can be read for lines of any length.
    let mut overheads = Vec::new();
    loop {
        let top = app.view.as_ref().map_or(0, |v| v.top);
        app.handle_key(Key::Char('j'));
        let Some(v) = app.view.as_ref().filter(|v| v.top == top + 1) else {
            break;
        };
        let line = v.lines[v.top + rows - 1].text();
        let bytes = frame(&mut t, &sink, &app, &theme);
        overheads.push(bytes.saturating_sub(line.len()));
    }
    overheads.sort_unstable();
    let pick = |q: usize| {
        overheads
            .get(overheads.len().saturating_sub(1) * q / 100)
            .copied()
    };
    println!(
        "{}",
        serde_json::json!({
            "size": format!("{w}x{h}"),
            "mode": if reading { "reading" } else { "panes" },
            "color": theme.color,
            "article": label,
            "text_width": text_width,
            "setup_bytes": setup,
            "first_frame_bytes": first,
            "open_article_frame_bytes": open,
            "scroll_j_frame_bytes": scroll,
            "scroll_j_uses_scroll_region": scroll_region,
            "idle_frame_bytes": idle,
            "scroll_j_steps_to_end": overheads.len(),
            "scroll_j_overhead_bytes_min_median_max": [pick(0), pick(50), pick(100)],
        })
    );
    Ok(())
}
