//! One SSH connection: who may sign in, and what is refused. A connection gets one session
//! channel with a PTY, which runs a reader (`session`); no shell, no exec, no subsystem, no
//! forwarding of any kind, no agent or X11: every such request is answered with failure.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use russh::server::{Auth, Msg, PublicKeyOffer, Session as SshSession, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};
use tokio::sync::{Semaphore, mpsc};

use crate::memory::Memory;

use super::auth::memory_name;
use super::limits::{Permit, Refusal};
use super::output::Killer;
use super::session::{Session, SessionEvent, clamp_size};
use super::shared::{Shared, log};

/// Input events queued for a session's thread. When it is full the handler waits, which
/// stops russh reading that connection: a client sending faster than its reader keeps up
/// (a flood) is slowed down by TCP, and costs nobody else anything.
const QUEUE: usize = 256;

/// Bytes of typed input that may wait for a session's thread. Counting messages alone is not
/// enough: a client may send each as a full packet (32 KiB), which made 256 of them 8 MiB per
/// session waiting in memory, and minutes of keys still to handle after the client had gone.
pub const INPUT_BUDGET: usize = 64 * 1024;

/// Whether the limits let this connection read, and the permit holding its place.
#[derive(Debug)]
pub enum Admission {
    Admitted(Permit),
    /// Let in only to be told why not (holds a place among the overflow).
    Refused(Refusal, Permit),
}

pub struct Conn {
    shared: Arc<Shared>,
    peer: SocketAddr,
    id: u64,
    admission: Admission,
    killer: Killer,
    /// Set once a reader session started (the login grace timer looks at it).
    started: Arc<AtomicBool>,
    /// The key's memory name and fingerprint, once signed in with a key.
    key: Option<(String, String)>,
    channel: Option<ChannelId>,
    pty: Option<(u16, u16)>,
    events: Option<mpsc::Sender<SessionEvent>>,
    /// [`INPUT_BUDGET`] bytes of input, taken by each `Data` event until its bytes are decoded.
    input_budget: Arc<Semaphore>,
    /// Kinds of request already refused and logged (each is logged once per connection, so a
    /// client retrying a forward cannot flood the log).
    refusals_logged: HashSet<&'static str>,
}

impl Conn {
    pub fn new(
        shared: Arc<Shared>,
        peer: SocketAddr,
        id: u64,
        admission: Admission,
        killer: Killer,
        started: Arc<AtomicBool>,
    ) -> Self {
        Conn {
            shared,
            peer,
            id,
            admission,
            killer,
            started,
            key: None,
            channel: None,
            pty: None,
            events: None,
            input_budget: Arc::new(Semaphore::new(INPUT_BUDGET)),
            refusals_logged: HashSet::new(),
        }
    }

    /// The connection in the log: its id (which every line of it carries), address and key.
    fn who(&self) -> String {
        match &self.key {
            Some((_, fp)) => format!("#{} {} {fp}", self.id, self.peer),
            None => format!("#{} {} (no key)", self.id, self.peer),
        }
    }

    /// Logs the refusal of a `what` request, the first time this connection makes one.
    fn log_refusal_once(&mut self, what: &'static str) {
        if self.refusals_logged.insert(what) {
            log(format_args!("{}: refused: {what}", self.who()));
        }
    }

    /// Whether `key` may sign in.
    fn key_allowed(&self, key: &russh::keys::PublicKey) -> bool {
        match &self.shared.keys {
            Some(keys) => keys.allows(key),
            None => true,
        }
    }

    /// Writes one line to the channel, then ends it with exit status 1.
    fn refuse(&self, channel: ChannelId, line: &str, session: &mut SshSession) {
        let _ = session.data(channel, format!("magreader: {line}\r\n").into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    /// The client ended the reader's channel (EOF or close): the reader is told once, and
    /// nothing more is sent to it.
    async fn client_ended(&mut self, channel: ChannelId) {
        if Some(channel) == self.channel {
            self.send(SessionEvent::Closed).await;
            self.events = None;
        }
    }

    async fn send(&mut self, event: SessionEvent) {
        let Some(tx) = &self.events else { return };
        if tx.send(event).await.is_err() {
            // The reader has ended.
            self.events = None;
        }
    }

    fn start_reader(&mut self, channel: ChannelId, size: (u16, u16), session: &mut SshSession) {
        let memory = match (&self.key, self.shared.is_open()) {
            (Some((name, _)), false) => Memory::open(&self.shared.config.readers_dir.join(name)),
            _ => Memory::session_only(),
        };
        let (tx, rx) = mpsc::channel(QUEUE);
        let reader = Session {
            shared: Arc::clone(&self.shared),
            memory,
            size,
            events: rx,
            handle: session.handle(),
            channel,
            runtime: tokio::runtime::Handle::current(),
            killer: self.killer.clone(),
            who: self.who(),
        };
        match reader.spawn() {
            Ok(()) => {
                self.events = Some(tx);
                self.started.store(true, Ordering::SeqCst);
                log(format_args!(
                    "{}: session started at {}x{}",
                    self.who(),
                    size.0,
                    size.1
                ));
            }
            Err(e) => {
                log(format_args!("{}: cannot start a session: {e}", self.who()));
                self.refuse(
                    channel,
                    "the server cannot start a reader now; try again later",
                    session,
                );
            }
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.shared.forget(self.id);
    }
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        // With --open anyone may read, key or not.
        Ok(if self.shared.is_open() {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.key_allowed(offer.public_key) {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.key_allowed(key.public_key) {
            log(format_args!("{}: unknown key refused", self.peer));
            return Ok(Auth::reject());
        }
        let fp = key
            .public_key
            .fingerprint(russh::keys::HashAlg::Sha256)
            .to_string();
        self.key = Some((memory_name(key.public_key), fp));
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            // One reader per connection, so connection limits are session limits.
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        // Everything arrives through this handler's callbacks; the channel object is not
        // read, and dropping it keeps russh from queueing messages for it.
        drop(channel);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.events.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        self.pty = Some(clamp_size(cols, rows));
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.events.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        if let Admission::Refused(why, _) = &self.admission {
            log(format_args!("{}: refused: {why}", self.who()));
            let line = why.to_string();
            self.refuse(channel, &line, session);
            return Ok(());
        }
        let Some(size) = self.pty else {
            log(format_args!("{}: refused: no terminal (PTY)", self.who()));
            self.refuse(
                channel,
                "this server shows the magazine reader, which needs a terminal; \
                 connect with `ssh -t` from a terminal",
                session,
            );
            return Ok(());
        };
        self.start_reader(channel, size, session);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        log(format_args!("{}: refused: exec request", self.who()));
        session.channel_failure(channel)?;
        let _ = session.extended_data(
            channel,
            1,
            b"magreader: this server runs no commands; connect without one to read\r\n".to_vec(),
        );
        let _ = session.exit_status_request(channel, 1);
        let _ = session.close(channel);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        log(format_args!(
            "{}: refused: subsystem {:?}",
            self.who(),
            crate::text::sanitize::sanitize(name)
        ));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.log_refusal_once("X11 forwarding");
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.log_refusal_once("agent forwarding");
        Ok(false)
    }

    /// `ssh -R`.
    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.log_refusal_once("remote port forwarding");
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.log_refusal_once("remote socket forwarding");
        Ok(false)
    }

    /// `ssh -L`: refused by dropping `_reply` unanswered (russh then rejects the channel).
    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from_address: &str,
        _from_port: u32,
        _reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.log_refusal_once("local port forwarding");
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        _socket_path: &str,
        _reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.log_refusal_once("local socket forwarding");
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            let (w, h) = clamp_size(cols, rows);
            if self.events.is_some() {
                self.send(SessionEvent::Resize(w, h)).await;
            } else if self.pty.is_some() {
                self.pty = Some((w, h));
            }
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.events.is_none() {
            return Ok(());
        }
        // Wait for room: this handler waiting stops russh reading the connection, so the
        // client is slowed down by TCP rather than queued for.
        let n = data.len().clamp(1, INPUT_BUDGET) as u32;
        let Ok(room) = Arc::clone(&self.input_budget).acquire_many_owned(n).await else {
            return Ok(());
        };
        self.send(SessionEvent::Data(data.to_vec(), room)).await;
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.client_ended(channel).await;
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.client_ended(channel).await;
        Ok(())
    }
}
