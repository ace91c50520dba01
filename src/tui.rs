//! Terminal setup and restore, the event loop, signal handling.
//!
//! The terminal is restored on every way out: normal return, error (a guard's `Drop`), panic
//! (a panic hook chained before the previous one, so the message lands on a sane screen), and
//! SIGTERM / SIGHUP / SIGINT (flags checked by the loop, woken at once by the signal, which
//! then saves, restores and dies by the same signal so the parent sees the usual status), a
//! hang-up (the end of input ends the loop), an abort (`term::emergency`) and a loop stuck in a
//! write (the watchdog). Ctrl-C typed in the reader is a key (raw mode); SIGINT comes from
//! `kill -INT` or a parent passing it on, and by default would end the process without
//! restoring the terminal.

use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::terminal::{
    self, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::Backend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{Action, App, Key, update};
use crate::archive::{Archive, LoadProblem};
use crate::input::{TtyEvents, tty};
use crate::memory::Memory;
use crate::memory::last_chance::LastChance;
use crate::term::{self, TermBackend};
use crate::ui::{self, Theme};

/// How the reader should run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Monochrome UI (also implied by a non-empty `NO_COLOR` environment variable).
    pub no_color: bool,
    /// Shown once in the status line at start, e.g. archive load problems.
    pub startup_notice: Option<String>,
    /// Start on the contents rather than reopening the article read last (`--fresh`).
    /// Positions and bookmarks are still remembered.
    pub fresh: bool,
}

/// The status-line notice for archive load problems ([`Options::startup_notice`]), the same
/// for the local reader and `magreader serve`: the one problem, or how many and where to see
/// them.
pub fn load_notice(problems: &[LoadProblem]) -> Option<String> {
    match problems {
        [] => None,
        // Problem texts quote file contents, so they are sanitised like any archive text.
        [one] => Some(format!(
            "archive problem: {}",
            crate::text::sanitize::sanitize(&one.to_string())
        )),
        _ => Some(format!(
            "{} archive problems; run `magreader check` for the list",
            problems.len()
        )),
    }
}

/// Whether the terminal is in raw mode on the alternate screen, so restoring is needed (and
/// done once, whoever gets there first: the guard, the panic hook or the signal path).
static ACTIVE: AtomicBool = AtomicBool::new(false);

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

/// Runs the interactive reader on `archive` until the user quits. On SIGTERM, SIGHUP or SIGINT the
/// terminal is restored and the process then ends by that signal (this function does not
/// return in that case).
pub fn run(archive: Archive, opts: Options) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal on standard output; use `magreader show` or `magreader find` in scripts"
        );
    }
    let theme = Theme::from_env(opts.no_color);
    let signals = [SIGTERM, SIGHUP, SIGINT].map(|sig| (sig, Arc::new(AtomicBool::new(false))));
    for (sig, flag) in &signals {
        // A second signal while we are still cleaning up ends the process at once.
        signal_hook::flag::register_conditional_shutdown(*sig, 128 + sig, Arc::clone(flag))?;
        signal_hook::flag::register(*sig, Arc::clone(flag))?;
    }
    install_panic_hook();

    let guard = TerminalGuard::enter()?;
    let last_chance = LastChance::new();
    spawn_watchdog(signals.to_vec(), last_chance.clone());
    let mut backend = TermBackend::with_size_query(io::stdout(), term::tty_size)?;
    backend.set_hyperlinks(term::links::supported(|k| std::env::var(k).ok()));
    let mut screen = KeepingScreen {
        screen: TermScreen::local(Terminal::new(backend)?),
        last_chance,
    };
    let size = screen.screen.terminal.size()?;
    let mut app = App::new(archive, size.width, size.height);
    app.notice = opts.startup_notice;
    app.attach_memory(Memory::open_default());
    if !opts.fresh {
        app.resume_last();
    }
    // The first frame goes out before the warm-up below starts: on two cores that thread
    // would otherwise compete with it for the CPU. The loop's own first draw then has
    // nothing to send.
    screen.draw(&app, &theme)?;
    // Fold the archive for full-text search now, so the first Ctrl-F query is as fast as
    // the rest; it stops early if the reader quits first.
    let stop_warming = Arc::new(AtomicBool::new(false));
    {
        let (archive, index, stop) = (
            app.archive.clone(),
            app.fulltext.clone(),
            stop_warming.clone(),
        );
        std::thread::spawn(move || index.warm_until(&archive, &stop));
    }
    // Recognise the archive's standards now too, so `s` answers at once.
    {
        let (archive, standards) = (app.archive.clone(), app.standards.clone());
        std::thread::spawn(move || {
            standards.get(&archive);
        });
    }

    let signalled = || signals.iter().any(|(_, f)| f.load(Ordering::SeqCst));
    // Keys come from the terminal's raw bytes through the same decoder as over SSH (see
    // `input::tty`); the signals above also wake its wait, so they are handled at once.
    let mut events = TtyEvents::new(tty::stdin_fd()?, &[SIGTERM, SIGHUP, SIGINT])?;
    let result = event_loop(&mut screen, &mut events, &mut app, &theme, &signalled);
    stop_warming.store(true, Ordering::Relaxed);
    // Keep the place whatever ended the loop (quit, error or signal).
    app.save_memory();
    drop(screen);
    drop(guard);
    for (sig, flag) in &signals {
        if flag.load(Ordering::SeqCst) {
            let _ = signal_hook::low_level::emulate_default_handler(*sig);
        }
    }
    result.map_err(Into::into)
}

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

/// The local screen, which also hands the watchdog a copy of the reading memory before each
/// frame (a frame is drawn after every batch of input, so the copy is never behind by more
/// than the input being handled, and a write that hangs cannot come between).
struct KeepingScreen<W: io::Write> {
    screen: TermScreen<TermBackend<W>>,
    last_chance: LastChance,
}

impl<W: io::Write> Screen for KeepingScreen<W> {
    fn size(&mut self) -> io::Result<Option<(u16, u16)>> {
        self.screen.size()
    }

    fn draw(&mut self, app: &App, theme: &Theme) -> io::Result<()> {
        if let Some(memory) = &app.memory {
            self.last_chance.keep(memory);
        }
        self.screen.draw(app, theme)
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.screen.copy(text)
    }

    fn suspend(&mut self) -> io::Result<bool> {
        // ACTIVE stays set: the watchdog and the panic hook go on guarding the terminal, and
        // while the process is stopped nothing runs anyway.
        let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
        terminal::disable_raw_mode()?;
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Here again after `fg` (SIGCONT): the shell may have changed the modes and the screen.
        terminal::enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
        self.screen.terminal.backend_mut().invalidate();
        self.screen.terminal.clear()?;
        Ok(true)
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

/// How long the loop may take to notice a signal or a vanished terminal by itself (it then
/// saves the reading memory and restores the terminal) before the watchdog ends the process.
const WATCHDOG_GRACE: Duration = Duration::from_secs(2);

/// Longest the watchdog waits for its last-chance save before ending the process anyway.
const LAST_SAVE_LIMIT: Duration = Duration::from_secs(1);

/// The loop sees a hang-up (end of input) and signals (they wake its wait) by itself, so this
/// thread only covers a real hang: a loop stuck where it cannot look (a write to a terminal
/// that no longer drains, say) after the terminal has gone (stdout no longer a terminal:
/// treated as SIGHUP) or after a signal has waited longer than the grace period. It then
/// saves the copy of the reading memory the loop handed it (within [`LAST_SAVE_LIMIT`]),
/// restores the terminal and ends the process by the signal.
fn spawn_watchdog(signals: Vec<(i32, Arc<AtomicBool>)>, last_chance: LastChance) {
    std::thread::spawn(move || {
        use std::io::IsTerminal;
        let mut waiting: Option<(i32, Instant)> = None;
        while ACTIVE.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(100));
            let pending = if io::stdout().is_terminal() {
                signals
                    .iter()
                    .find(|(_, f)| f.load(Ordering::SeqCst))
                    .map(|(sig, _)| *sig)
            } else {
                Some(SIGHUP)
            };
            match (pending, waiting) {
                (None, _) => waiting = None,
                (Some(sig), None) => waiting = Some((sig, Instant::now())),
                (Some(_), Some((sig, since))) => {
                    if since.elapsed() > WATCHDOG_GRACE && ACTIVE.load(Ordering::SeqCst) {
                        last_chance.save_within(LAST_SAVE_LIMIT);
                        restore_without_blocking();
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                        std::process::exit(128 + sig);
                    }
                }
            }
        }
    });
}

/// Puts the terminal in raw mode on the alternate screen; restores it when dropped.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<Self> {
        // Before raw mode: the modes an abort puts back (see `term::emergency`).
        term::emergency::arm()?;
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard;
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor, once. Errors are ignored:
/// after a hang-up there may be no terminal left to write to.
///
/// Writes through a duplicate of fd 1, not `io::stdout()`: this also runs on other threads
/// (the panic hook for a panic anywhere, the watchdog), and stdout's lock may be held for good
/// by the main thread (main.rs keeps it locked while the reader runs), which would deadlock.
/// Frames are flushed as they are drawn, so nothing of ours is left in stdout's buffer.
pub fn restore() {
    if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
        restore_through(std::fs::File::from(fd));
    }
}

/// [`restore`] for the watchdog, whose loop may be stuck in a write to a terminal that takes
/// no more output: the bytes go through a new, non-blocking opening of the same terminal (a
/// duplicate would share the blocking mode, and setting it there would change it for the
/// shell too), so they are dropped rather than waited on; raw mode is left all the same.
fn restore_without_blocking() {
    use rustix::fs::{Mode, OFlags};
    let reopened = rustix::fs::open(
        "/proc/self/fd/1",
        OFlags::WRONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    );
    match reopened {
        Ok(fd) => restore_through(std::fs::File::from(fd)),
        Err(_) => restore_through(io::sink()),
    }
}

fn restore_through(mut out: impl Write) {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        term::emergency::disarm();
        // Cooked mode before the main screen comes back: on the panic hook's path the loop may
        // still be reading the terminal on another thread, and in raw mode it could take the
        // first keys of a line typed at the shell the moment the screen says the reader left.
        let _ = terminal::disable_raw_mode();
        // End a frame a panic may have interrupted, or the terminal would stay frozen.
        let _ = execute!(
            out,
            EndSynchronizedUpdate,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = out.flush();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
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
