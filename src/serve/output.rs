//! A session's output: frames go from the reader's thread through a [`ChannelWriter`] to a
//! pump task that hands them to russh, which sends them as the client's SSH window allows.
//!
//! Memory stays bounded per session: the [`Outbox`] counts bytes handed over but not yet
//! taken by russh, the session stops drawing while that backlog is over [`PAUSE_AT`] (the
//! next frame then carries every change since, as ratatui draws the difference from the last
//! frame sent), and a session whose backlog makes no progress for the stall timeout is
//! dropped by closing its TCP connection ([`Killer`]). russh's own buffering is bounded by the
//! client's channel window. Each session has its own pump and thread, so a reader who stops
//! reading holds up nobody else.

use std::io::{self, Write};
use std::net::Shutdown;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;

/// Backlog above which the session stops drawing until the client catches up.
pub const PAUSE_AT: usize = 64 * 1024;

/// Backlog at which a write fails outright (a single frame bigger than this, which no
/// screen size makes; a safety net under [`PAUSE_AT`]).
pub const HARD_CAP: usize = 4 * 1024 * 1024;

/// Shared by a session's writer (reader thread) and its pump (async task).
#[derive(Debug)]
pub struct Outbox {
    backlog: AtomicUsize,
    /// When the oldest waiting bytes started waiting, or the pump last made progress.
    since: Mutex<Instant>,
    /// The channel or connection is gone.
    closed: AtomicBool,
    /// Bytes taken by russh so far.
    sent: AtomicUsize,
}

impl Outbox {
    pub fn new() -> Arc<Self> {
        Arc::new(Outbox {
            backlog: AtomicUsize::new(0),
            since: Mutex::new(Instant::now()),
            closed: AtomicBool::new(false),
            sent: AtomicUsize::new(0),
        })
    }

    /// Bytes written by the session and not yet taken by russh.
    pub fn backlog(&self) -> usize {
        self.backlog.load(Ordering::SeqCst)
    }

    /// Bytes taken by russh so far (for the log).
    pub fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    /// Whether the session should draw now (the client is keeping up).
    pub fn ready(&self) -> bool {
        self.backlog() <= PAUSE_AT
    }

    /// Output has waited longer than `limit` without any of it being taken.
    pub fn stalled(&self, limit: Duration) -> bool {
        self.backlog() > 0 && self.lock_since().elapsed() > limit
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    fn lock_since(&self) -> std::sync::MutexGuard<'_, Instant> {
        self.since.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn queued(&self, n: usize) {
        if self.backlog.fetch_add(n, Ordering::SeqCst) == 0 {
            // The clock starts when output starts waiting, not at the last send.
            *self.lock_since() = Instant::now();
        }
    }

    fn taken(&self, n: usize) {
        self.backlog.fetch_sub(n, Ordering::SeqCst);
        self.sent.fetch_add(n, Ordering::SeqCst);
        *self.lock_since() = Instant::now();
    }
}

/// A `Write` for the session's terminal backend. It only collects bytes: the session sends
/// a whole frame with [`Outlet::commit`], so a frame is one chunk.
pub struct ChannelWriter {
    buf: Arc<Mutex<Vec<u8>>>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut buf = self.buf.lock().unwrap_or_else(|p| p.into_inner());
        if buf.len() + data.len() > HARD_CAP {
            return Err(io::Error::other("the reader's output backlog is full"));
        }
        buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The session's side of its output: what the [`ChannelWriter`] collected goes to the pump
/// on [`Outlet::commit`].
pub struct Outlet {
    buf: Arc<Mutex<Vec<u8>>>,
    tx: mpsc::UnboundedSender<Vec<u8>>,
    outbox: Arc<Outbox>,
}

impl Outlet {
    /// The outlet and the writer feeding it.
    pub fn new(tx: mpsc::UnboundedSender<Vec<u8>>, outbox: Arc<Outbox>) -> (Self, ChannelWriter) {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = ChannelWriter {
            buf: Arc::clone(&buf),
        };
        (Outlet { buf, tx, outbox }, writer)
    }

    /// Sends what was written since the last commit (nothing if nothing was: the terminal
    /// backend writes nothing for a frame that changed nothing).
    pub fn commit(&self) -> io::Result<()> {
        let chunk = {
            let mut buf = self.buf.lock().unwrap_or_else(|p| p.into_inner());
            if buf.is_empty() {
                return Ok(());
            }
            std::mem::take(&mut *buf)
        };
        if self.outbox.is_closed() {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        if self.outbox.backlog() + chunk.len() > HARD_CAP {
            return Err(io::Error::other("the reader's output backlog is full"));
        }
        self.outbox.queued(chunk.len());
        self.tx
            .send(chunk)
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

/// Sends queued output to the channel until the writer is dropped, then ends the channel
/// properly (exit status 0, EOF, close) so the client returns to its shell.
pub async fn pump(
    handle: Handle,
    channel: ChannelId,
    mut rx: mpsc::UnboundedReceiver<Vec<u8>>,
    outbox: Arc<Outbox>,
) {
    while let Some(chunk) = rx.recv().await {
        let n = chunk.len();
        if handle.data(channel, chunk).await.is_err() {
            outbox.closed.store(true, Ordering::SeqCst);
            return;
        }
        outbox.taken(n);
    }
    let _ = handle.exit_status_request(channel, 0).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
    outbox.closed.store(true, Ordering::SeqCst);
}

/// Ends a connection from outside russh by shutting its socket down: used when the
/// connection's own message queue cannot be trusted to move (a client that stopped reading
/// blocks it), for the login grace period, and for stragglers at shutdown.
#[derive(Debug, Clone)]
pub struct Killer(Arc<OwnedFd>);

impl Killer {
    pub fn new(stream: &tokio::net::TcpStream) -> io::Result<Self> {
        Ok(Killer(Arc::new(stream.as_fd().try_clone_to_owned()?)))
    }

    pub fn kill(&self) {
        if let Ok(fd) = self.0.try_clone() {
            let _ = std::net::TcpStream::from(fd).shutdown(Shutdown::Both);
        }
    }
}
