//! One reader per SSH session, on its own thread: the same `App` and event loop as the local
//! reader (`tui::event_loop`), with keys decoded from the channel's bytes and frames written
//! to the channel. Its state (focus, scroll, search, popups) is its own; the archive and its
//! indexes are shared.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::terminal::{
    Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::layout::Size;
use russh::ChannelId;
use russh::server::Handle;

use crate::app::App;
use crate::event_loop::{self, Screen, TermScreen};
use crate::memory::Memory;
use crate::term::{self, TermBackend};
use crate::ui::Theme;

use super::channel_events::{ChannelEvents, ChannelInbox};
use super::output::{ChannelWriter, Killer, Outbox, Outlet, pump};
use super::shared::{Shared, log};

/// What the connection handler passes to a session's thread.
#[derive(Debug)]
pub enum SessionEvent {
    /// Bytes typed by the reader, with their share of the connection's input budget (given
    /// back when they have been decoded).
    Data(Vec<u8>, tokio::sync::OwnedSemaphorePermit),
    /// A window-change request.
    Resize(u16, u16),
    /// The client closed the channel or sent EOF.
    Closed,
}

/// Clamps a client's window size to what a session draws (see [`term::MAX_SIZE`]): a
/// client cannot make the server hold huge frame buffers.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    term::clamp_size(cols, rows)
}

/// Everything a session needs to start.
pub struct Session {
    pub shared: Arc<Shared>,
    pub memory: Memory,
    pub size: (u16, u16),
    pub events: tokio::sync::mpsc::Receiver<SessionEvent>,
    pub handle: Handle,
    pub channel: ChannelId,
    pub runtime: tokio::runtime::Handle,
    pub killer: Killer,
    /// Who this is, for the log (address and key fingerprint).
    pub who: String,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Quit,
    ClientClosed,
    Idle,
    Shutdown,
    Stalled,
}

impl Session {
    /// Runs the session on a new thread.
    pub fn spawn(self) -> io::Result<()> {
        std::thread::Builder::new()
            .name("magreader-session".into())
            .spawn(move || self.run())
            .map(|_| ())
    }

    fn run(self) {
        let Session {
            shared,
            memory,
            size,
            events,
            handle,
            channel,
            runtime,
            killer,
            who,
        } = self;
        let outbox = Outbox::new();
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let pumping = runtime.spawn(pump(handle, channel, rx, Arc::clone(&outbox)));
        let (outlet, writer) = Outlet::new(tx, Arc::clone(&outbox));

        let mut app = App::with_shared(
            Arc::clone(&shared.archive),
            Arc::clone(&shared.index),
            Arc::clone(&shared.fulltext),
            size.0,
            size.1,
        );
        app.standards = Arc::clone(&shared.standards);
        app.notice = shared.notice.clone();
        app.attach_memory(memory);
        app.resume_last();

        let started = Instant::now();
        let inbox = ChannelInbox {
            rx: events,
            runtime: runtime.clone(),
        };
        let mut source = ChannelEvents::new(inbox, shared.config.idle_timeout);
        let stall = shared.config.stall_timeout;
        let stop = || shared.shutting_down() || outbox.stalled(stall) || outbox.is_closed();
        let mut screen = match SessionScreen::new(writer, outlet, size, Arc::clone(&outbox)) {
            Ok(screen) => screen,
            Err(e) => {
                log(format_args!("{who}: session could not start: {e}"));
                killer.kill();
                return;
            }
        };
        // A panic in this session (a bug) ends this session only: it is caught here, so the
        // client is told and its terminal restored, and the server and other sessions go on.
        let result = guarded(|| {
            event_loop::event_loop(&mut screen, &mut source, &mut app, &shared.theme, &stop)
        });
        let _ = guarded(|| {
            app.save_memory();
            Ok(())
        });

        let end = if app.quit {
            End::Quit
        } else if outbox.stalled(stall) {
            End::Stalled
        } else if shared.shutting_down() {
            End::Shutdown
        } else if source.idle {
            End::Idle
        } else {
            End::ClientClosed
        };
        let secs = started.elapsed().as_secs();
        match (&result, end) {
            (Err(Failure::Io(e)), _) => log(format_args!(
                "{who}: session ended on an error after {secs} s: {e}"
            )),
            (Err(Failure::Panic(why)), _) => log(format_args!(
                "{who}: session ended on an internal error after {secs} s (the other sessions go on): {why}"
            )),
            (Ok(()), End::Stalled) => log(format_args!(
                "{who}: dropped after {secs} s: the client stopped reading ({} bytes sent, {} waiting for over {} s)",
                outbox.sent(),
                outbox.backlog(),
                stall.as_secs()
            )),
            (Ok(()), _) => log(format_args!(
                "{who}: session ended ({end:?}) after {secs} s"
            )),
        }
        if end == End::Stalled || matches!(result, Err(Failure::Io(_))) {
            killer.kill();
            return;
        }
        let why = match (&result, end) {
            (Err(_), _) => Some(
                "the session ended on an internal error (it is in the server's log); \
                 please connect again"
                    .to_string(),
            ),
            (_, End::Idle) => Some(format!(
                "closed after {} of no keys",
                humanize(shared.config.idle_timeout)
            )),
            (_, End::Shutdown) => Some("the server is shutting down; see you soon".to_string()),
            _ => None,
        };
        if end != End::ClientClosed || result.is_err() {
            let _ = guarded(|| screen.goodbye(why.as_deref()));
        }
        drop(screen);
        // Dropping the writer (inside the screen, dropped above) ends the pump, which closes
        // the channel; a client that does not take the last bytes in time is cut off.
        let finished =
            runtime.block_on(async { tokio::time::timeout(Duration::from_secs(3), pumping).await });
        if finished.is_err() {
            killer.kill();
        }
    }
}

/// How a session's loop failed.
#[derive(Debug)]
enum Failure {
    /// Writing to the channel failed.
    Io(io::Error),
    /// The session panicked (a bug), with the panic's message.
    Panic(String),
}

/// Runs `f`, turning a panic into [`Failure::Panic`] with its message.
fn guarded<T>(f: impl FnOnce() -> io::Result<T>) -> Result<T, Failure> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(Failure::Io),
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            Err(Failure::Panic(why))
        }
    }
}

fn humanize(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 && s.is_multiple_of(3600) {
        format!("{} h", s / 3600)
    } else if s >= 60 && s.is_multiple_of(60) {
        format!("{} min", s / 60)
    } else {
        format!("{s} s")
    }
}

/// The session's screen: a fixed-size terminal over the channel writer (`term::TermBackend`,
/// which writes only what changed and nothing for a frame that changed nothing) that skips
/// frames while the client is behind (see `output`).
struct SessionScreen {
    screen: TermScreen<TermBackend<ChannelWriter>>,
    outlet: Outlet,
    size: (u16, u16),
    outbox: Arc<Outbox>,
}

impl SessionScreen {
    fn new(
        writer: ChannelWriter,
        outlet: Outlet,
        size: (u16, u16),
        outbox: Arc<Outbox>,
    ) -> io::Result<Self> {
        let backend = TermBackend::new(writer, Size::new(size.0, size.1));
        let mut screen = TermScreen::fixed(backend, size.0, size.1)?;
        execute!(
            screen.terminal.backend_mut().writer_mut(),
            EnterAlternateScreen,
            cursor::Hide,
            Clear(ClearType::All)
        )?;
        outlet.commit()?;
        Ok(SessionScreen {
            screen,
            outlet,
            size,
            outbox,
        })
    }

    /// Leaves the alternate screen with the cursor back and, if given, a last line saying
    /// why the session ended.
    fn goodbye(&mut self, why: Option<&str>) -> io::Result<()> {
        let out = self.screen.terminal.backend_mut().writer_mut();
        // Ends a frame a panic may have cut short, or the client's terminal stays frozen.
        execute!(
            out,
            EndSynchronizedUpdate,
            LeaveAlternateScreen,
            cursor::Show
        )?;
        if let Some(why) = why {
            write!(out, "magreader: {why}\r\n")?;
        }
        self.outlet.commit()
    }
}

impl Screen for SessionScreen {
    fn size(&mut self) -> io::Result<Option<(u16, u16)>> {
        Ok(None)
    }

    fn draw(&mut self, app: &App, theme: &Theme) -> io::Result<()> {
        if !self.outbox.ready() {
            // The client is behind: skip this frame; the next one sent carries every change.
            return Ok(());
        }
        if (app.width, app.height) != self.size {
            self.size = (app.width, app.height);
            self.screen
                .terminal
                .backend_mut()
                .set_size(app.width, app.height);
            self.screen.resize(app.width, app.height)?;
        }
        self.screen.draw(app, theme)?;
        self.outlet.commit()
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.screen.copy(text)?;
        self.outlet.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_failure_with_its_message_and_the_thread_goes_on() {
        let got = guarded::<()>(|| panic!("index {} out of range", 7));
        assert!(matches!(got, Err(Failure::Panic(ref m)) if m == "index 7 out of range"));
        let got = guarded::<()>(|| std::panic::panic_any(3u8));
        assert!(matches!(got, Err(Failure::Panic(ref m)) if m.contains("without a message")));
        let got = guarded(|| Err::<(), _>(io::Error::other("channel gone")));
        assert!(matches!(got, Err(Failure::Io(_))));
        assert!(matches!(guarded(|| Ok(5)), Ok(5)));
    }
}
