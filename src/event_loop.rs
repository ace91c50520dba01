//! The reader's event loop, the same for the local terminal (`tui`) and for each SSH session
//! of `magreader serve`: draw, wait for input, apply it. What it reads from ([`EventSource`])
//! and draws to ([`Screen`]) are traits, so neither end knows the other.

use std::io;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, Key, update};
use crate::term::{self, TermBackend};
use crate::ui::{self, Theme};

/// How long the loop sleeps waiting for input before checking the signal flags again.
const TICK: Duration = Duration::from_millis(200);

/// The same while a full-text search runs in the background: results are drawn within this
/// of arriving, and a search of the whole archive takes about this long.
const BUSY_TICK: Duration = Duration::from_millis(4);

/// How long a digit waits for a motion to take it as a count (`5j`) before it is the column
/// jump it is on its own.
pub const COUNT_WAIT: Duration = Duration::from_millis(500);

/// Longest the loop handles queued input before drawing a frame.
const MAX_BATCH: Duration = Duration::from_millis(50);

/// How often the reading memory is saved while something changed (and always on the way out).
const SAVE_EVERY: Duration = Duration::from_secs(3);

/// One input for the reader, from wherever its keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    /// The screen is now this many columns and rows.
    Resize(u16, u16),
    /// Something that is not for the reader (mouse, focus, a key it does not know); the
    /// loop just draws again.
    Other,
    /// The other end has gone (an SSH channel closed, the session told to end): the loop
    /// returns.
    Closed,
}

/// Where the reader's input comes from: the local terminal ([`TtyEvents`]) or an SSH
/// channel (`serve`).
pub trait EventSource {
    /// The next input, waiting at most `wait` for it; `None` when nothing came in time.
    fn next(&mut self, wait: Duration) -> io::Result<Option<Input>>;
}

/// Where the reader's frames go.
pub trait Screen {
    /// The terminal's size if the screen finds it out itself (a local terminal); `None` when
    /// sizes arrive as [`Input::Resize`] instead (an SSH channel).
    fn size(&mut self) -> io::Result<Option<(u16, u16)>>;
    /// Draws the reader's current state.
    fn draw(&mut self, app: &App, theme: &Theme) -> io::Result<()>;
    /// Puts `text` on the terminal's clipboard (OSC 52, [`term::osc::clipboard`]).
    fn copy(&mut self, text: &str) -> io::Result<()>;
    /// Ctrl-Z: hands the terminal back to the shell and stops the process until `fg`, then
    /// takes the terminal again and redraws. False where there is no job control to go back
    /// to (an SSH session of `serve`).
    fn suspend(&mut self) -> io::Result<bool> {
        Ok(false)
    }
}

/// A ratatui terminal over any backend (`term::TermBackend` wraps each frame in the
/// synchronized-update sequences itself). Locally the terminal reports its own size; over SSH
/// the viewport is fixed and resized by window-change requests.
pub struct TermScreen<B: Backend> {
    pub terminal: Terminal<B>,
    /// Whether `size` asks the backend (a local terminal) or sizes come as inputs.
    asks_size: bool,
}

impl<B: Backend<Error = io::Error>> TermScreen<B> {
    /// The local terminal: its size is asked before each frame.
    pub fn local(terminal: Terminal<B>) -> Self {
        TermScreen {
            terminal,
            asks_size: true,
        }
    }

    /// A terminal of a known size (the backend cannot ask it: an SSH channel).
    pub fn fixed(backend: B, width: u16, height: u16) -> io::Result<Self> {
        let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height));
        let terminal = Terminal::with_options(backend, ratatui::TerminalOptions { viewport })?;
        Ok(TermScreen {
            terminal,
            asks_size: false,
        })
    }

    /// Resizes a fixed viewport (the next frame is drawn whole).
    pub fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, width, height))
    }
}

impl<W: io::Write> Screen for TermScreen<TermBackend<W>> {
    fn size(&mut self) -> io::Result<Option<(u16, u16)>> {
        if !self.asks_size {
            return Ok(None);
        }
        let size = self.terminal.size()?;
        Ok(Some((size.width, size.height)))
    }

    fn draw(&mut self, app: &App, theme: &Theme) -> io::Result<()> {
        if self.terminal.backend().hyperlinks() {
            let links = ui::links::link_regions(app);
            self.terminal.backend_mut().set_links(&links);
        }
        draw(&mut self.terminal, app, theme)
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        // Between frames: the sequence moves no cursor and draws nothing, so the backend's
        // idea of the screen stays true.
        let out = self.terminal.backend_mut().writer_mut();
        out.write_all(&term::osc::clipboard(text))?;
        out.flush()
    }
}

/// The reader's loop, the same locally and for each SSH session: draw, wait for input,
/// apply it, until the reader quits, `stop()` says so or the input is [`Input::Closed`].
/// Saves the reading memory every few seconds when something changed.
pub fn event_loop(
    screen: &mut dyn Screen,
    events: &mut dyn EventSource,
    app: &mut App,
    theme: &Theme,
    stop: &dyn Fn() -> bool,
) -> io::Result<()> {
    let mut last_save = Instant::now();
    while !app.quit && !stop() {
        if let Some((w, h)) = screen.size()?
            && (w, h) != (app.width, app.height)
        {
            update(app, Action::Resize(w, h));
        }
        if app.busy() {
            update(app, Action::Tick);
        }
        if last_save.elapsed() >= SAVE_EVERY {
            app.save_memory();
            last_save = Instant::now();
        }
        if let Some(text) = app.clipboard.take() {
            screen.copy(&text)?;
        }
        if std::mem::take(&mut app.suspend) && !screen.suspend()? {
            app.notice = Some("Ctrl-Z suspends only a reader in your own terminal".into());
        }
        screen.draw(app, theme)?;
        let wait = match (app.count.is_some(), app.busy()) {
            (true, _) => COUNT_WAIT,
            (false, true) => BUSY_TICK,
            (false, false) => TICK,
        };
        let Some(mut input) = events.next(wait)? else {
            if app.count.is_some() {
                update(app, Action::CountTimeout);
            }
            continue;
        };
        // Handle everything already queued before drawing again, so a resize storm or a burst
        // of keys costs one frame; but draw at least every MAX_BATCH, so endless input (a
        // flood over SSH) cannot keep the screen from ever being drawn.
        let batch = Instant::now();
        loop {
            match input {
                Input::Key(key) => {
                    app.handle_key(key);
                }
                Input::Resize(w, h) => update(app, Action::Resize(w, h)),
                Input::Other => {}
                Input::Closed => return Ok(()),
            }
            if app.quit || stop() || batch.elapsed() >= MAX_BATCH {
                break;
            }
            match events.next(Duration::ZERO)? {
                Some(next) => input = next,
                None => break,
            }
        }
    }
    Ok(())
}

/// One frame. `term::TermBackend` wraps it in synchronized-update sequences (terminals that
/// support them show it whole) and writes nothing at all when nothing changed, so the idle
/// tick's redraw costs no bytes.
pub fn draw<B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
    app: &App,
    theme: &Theme,
) -> io::Result<()> {
    terminal.draw(|frame| ui::draw(frame, app, theme))?;
    Ok(())
}

#[cfg(test)]
mod loop_tests {
    use std::cell::Cell;
    use std::collections::VecDeque;

    use super::*;

    /// Counts frames instead of drawing them.
    struct CountingScreen<'a>(&'a Cell<usize>);

    impl Screen for CountingScreen<'_> {
        fn size(&mut self) -> io::Result<Option<(u16, u16)>> {
            Ok(None)
        }
        fn draw(&mut self, _app: &App, _theme: &Theme) -> io::Result<()> {
            self.0.set(self.0.get() + 1);
            Ok(())
        }
        fn copy(&mut self, _text: &str) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn copy_writes_osc_52_to_the_terminal() {
        let backend = TermBackend::new(Vec::new(), ratatui::layout::Size::new(20, 5));
        let mut screen = TermScreen::fixed(backend, 20, 5).unwrap();
        screen.copy("https://www.iso.org/").unwrap();
        let written = screen.terminal.backend_mut().writer_mut();
        assert_eq!(
            written.as_slice(),
            term::osc::clipboard("https://www.iso.org/")
        );
    }

    /// Scripted inputs, then `endless` forever (or nothing).
    struct Script {
        inputs: VecDeque<Input>,
        endless: Option<Input>,
    }

    impl EventSource for Script {
        fn next(&mut self, _wait: Duration) -> io::Result<Option<Input>> {
            Ok(self.inputs.pop_front().or_else(|| self.endless.clone()))
        }
    }

    fn app() -> App {
        App::new(crate::archive::load_builtin().0, 80, 24)
    }

    #[test]
    fn keys_and_resizes_reach_the_app_and_closed_ends_the_loop() {
        let frames = Cell::new(0);
        let mut app = app();
        let mut events = Script {
            inputs: VecDeque::from([
                Input::Resize(100, 30),
                Input::Key(Key::Char('?')),
                Input::Closed,
            ]),
            endless: None,
        };
        let theme = Theme::new(false);
        event_loop(
            &mut CountingScreen(&frames),
            &mut events,
            &mut app,
            &theme,
            &|| false,
        )
        .unwrap();
        assert_eq!((app.width, app.height), (100, 30));
        assert!(matches!(
            app.top_popup(),
            Some(crate::app::Popup::Help { .. })
        ));
        assert!(!app.quit, "Closed ends the loop without quitting the app");
        assert_eq!(frames.get(), 1, "one frame, drawn before the input came");
    }

    #[test]
    fn a_digit_left_alone_becomes_the_column_jump_when_no_key_follows() {
        let frames = Cell::new(0);
        let mut app = app();
        let mut events = Script {
            inputs: VecDeque::from([Input::Key(Key::Char('2'))]),
            endless: None,
        };
        event_loop(
            &mut CountingScreen(&frames),
            &mut events,
            &mut app,
            &Theme::new(false),
            &|| frames.get() >= 3,
        )
        .unwrap();
        assert!(
            app.open_article().is_some(),
            "column 2 opened after the pause"
        );
        assert_eq!(app.count, None);
    }

    #[test]
    fn ctrl_z_where_the_screen_cannot_suspend_says_so() {
        let frames = Cell::new(0);
        let mut app = app();
        let mut events = Script {
            inputs: VecDeque::from([Input::Key(Key::Ctrl('z'))]),
            endless: None,
        };
        event_loop(
            &mut CountingScreen(&frames),
            &mut events,
            &mut app,
            &Theme::new(false),
            &|| frames.get() >= 2,
        )
        .unwrap();
        assert!(!app.suspend);
        assert!(app.notice.as_deref().unwrap().contains("Ctrl-Z"));
        assert!(!app.quit);
    }

    #[test]
    fn endless_input_still_gets_frames_drawn() {
        // A flood (input that never stops) must not keep the screen from being drawn: the
        // loop draws at least every MAX_BATCH. Without that, this test would never end.
        let frames = Cell::new(0);
        let mut app = app();
        let mut events = Script {
            inputs: VecDeque::new(),
            endless: Some(Input::Other),
        };
        let theme = Theme::new(false);
        event_loop(
            &mut CountingScreen(&frames),
            &mut events,
            &mut app,
            &theme,
            &|| frames.get() >= 3,
        )
        .unwrap();
        assert_eq!(frames.get(), 3);
    }
}
