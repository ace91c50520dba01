//! The local terminal's life around the event loop (`event_loop`): raw mode and the alternate
//! screen, signals, the watchdog, suspending on Ctrl-Z and restoring on every way out.
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
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::App;
use crate::archive::Archive;
use crate::event_loop::{Screen, TermScreen, event_loop};
use crate::input::{TtyEvents, tty};
use crate::memory::Memory;
use crate::memory::last_chance::LastChance;
use crate::term::{self, TermBackend};
use crate::ui::Theme;

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

/// Whether the terminal is in raw mode on the alternate screen, so restoring is needed (and
/// done once, whoever gets there first: the guard, the panic hook or the signal path).
static ACTIVE: AtomicBool = AtomicBool::new(false);

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
