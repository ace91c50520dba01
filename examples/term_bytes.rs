//! Bytes the reader writes to the terminal, counted through the same backend the reader uses
//! (crossterm under ratatui) writing into memory, each frame wrapped in the synchronized-update
//! sequences exactly as `tui.rs` draws it. Built-in archive, 80×24 by default:
//!
//! `cargo run --release --example term_bytes -- [--size 80x24] [--text FILE]`
//!
//! Prints one JSON object: the terminal set-up, the first frame, the frame after `2` (opens
//! the second column's first article), the frame after `j` (one-line scroll) and an idle
//! redraw. `--text FILE` writes the open article's lines as the reader shows them, so `less`
//! can be measured scrolling the same text (see bench/run.sh).

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen};
use crossterm::{cursor, execute, queue};
use magreader::app::{App, Key};
use magreader::ui::{self, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

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

type Term = Terminal<CrosstermBackend<Sink>>;

/// One frame as `tui::draw` makes it; returns the bytes it wrote.
fn frame(t: &mut Term, sink: &Sink, app: &App, theme: &Theme) -> usize {
    let before = sink.0.get();
    queue!(t.backend_mut(), BeginSynchronizedUpdate).expect("write");
    t.draw(|f| ui::draw(f, app, theme)).expect("draw");
    execute!(t.backend_mut(), EndSynchronizedUpdate).expect("write");
    sink.0.get() - before
}

fn main() -> anyhow::Result<()> {
    let mut size = (80u16, 24u16);
    let mut text_out = None;
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
            other => anyhow::bail!("unknown argument `{other}`; see the file's header"),
        }
    }
    let (w, h) = size;
    let theme = Theme::from_env(false);
    let (archive, _) = magreader::archive::load_builtin();
    let mut app = App::new(archive, w, h);
    let sink = Sink::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let mut t = Terminal::with_options(CrosstermBackend::new(sink.clone()), options)?;
    // What `TerminalGuard::enter` sends before the first frame.
    execute!(t.backend_mut(), EnterAlternateScreen, cursor::Hide)?;
    let setup = sink.0.get();
    let first = frame(&mut t, &sink, &app, &theme);
    app.handle_key(Key::Char('2'));
    let open = frame(&mut t, &sink, &app, &theme);
    let before = app.view.as_ref().map(|v| v.top);
    app.handle_key(Key::Char('j'));
    let after = app.view.as_ref().map(|v| v.top);
    anyhow::ensure!(
        before.zip(after).is_some_and(|(b, a)| a == b + 1),
        "`j` did not scroll the open article by one line ({before:?} -> {after:?})"
    );
    let scroll = frame(&mut t, &sink, &app, &theme);
    let idle = frame(&mut t, &sink, &app, &theme);
    let view = app.view.as_ref().expect("an open article");
    if let Some(path) = text_out {
        let text: String = view.lines.iter().map(|l| l.text() + "\n").collect();
        std::fs::write(&path, text)?;
    }
    let issue = &app.archive.issues[view.at.issue];
    let article = &issue.sections[view.at.section].articles[view.at.article];
    println!(
        "{}",
        serde_json::json!({
            "size": format!("{w}x{h}"),
            "color": theme.color,
            "article": format!("{}/{}", issue.id, article.id),
            "text_width": view.width,
            "setup_bytes": setup,
            "first_frame_bytes": first,
            "open_article_frame_bytes": open,
            "scroll_j_frame_bytes": scroll,
            "idle_frame_bytes": idle,
        })
    );
    Ok(())
}
