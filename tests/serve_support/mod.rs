//! Shared by the `serve_*` tests: a `magreader serve` child process on 127.0.0.1 (a free
//! port, a temporary host key and state directory), and russh clients for it. Every wait is
//! bounded, so a hang fails the test instead of blocking CI.

#![allow(dead_code)]

pub mod screen;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect};

pub use screen::Screen;

/// Longest any single step may take.
pub const STEP: Duration = Duration::from_secs(15);

/// A client key from a seed: tests need distinct, repeatable keys.
pub fn key(seed: u8) -> PrivateKey {
    let pair = Ed25519Keypair::from_seed(&[seed; 32]);
    PrivateKey::new(KeypairData::from(pair), format!("test{seed}")).unwrap()
}

/// The `authorized_keys` line for `key`.
pub fn authorized_line(key: &PrivateKey) -> String {
    key.public_key().to_openssh().unwrap()
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    log: Arc<Mutex<Vec<String>>>,
    lines: mpsc::Receiver<String>,
}

impl Server {
    /// Starts `magreader serve --listen 127.0.0.1:0` with `extra` flags, in a fresh
    /// directory; `keys` are written to its authorized_keys unless `extra` has `--open`.
    pub fn start(keys: &[&PrivateKey], extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_magreader"));
        cmd.arg("serve")
            .args(["--listen", "127.0.0.1:0", "--host-key"])
            .arg(dir.path().join("host_ed25519"))
            .env("MAGREADER_STATE_DIR", dir.path().join("state"))
            .env_remove("MAGREADER_ARCHIVE")
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if !extra.contains(&"--open") {
            let path = dir.path().join("authorized_keys");
            let text: String = keys.iter().map(|k| authorized_line(k) + "\n").collect();
            std::fs::write(&path, text).unwrap();
            cmd.arg("--authorized-keys").arg(&path);
        }
        cmd.args(extra);
        let mut child = cmd.spawn().expect("start magreader serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, lines) = mpsc::channel();
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    log.lock().unwrap().push(line.clone());
                    let _ = tx.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            addr: "127.0.0.1:1".parse().unwrap(),
            dir,
            log,
            lines,
        };
        let line = server.wait_log("listening on ");
        let addr = line
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap();
        server.addr = addr.parse().unwrap();
        server
    }

    /// Waits (bounded) for a log line containing `needle`, and returns it.
    pub fn wait_log(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + STEP;
        if let Some(l) = self.log().into_iter().find(|l| l.contains(needle)) {
            return l;
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) if l.contains(needle) => return l,
                Ok(_) => {}
                Err(_) => panic!(
                    "no log line with {needle:?} within {STEP:?}; log:\n{}",
                    self.log().join("\n")
                ),
            }
        }
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's peak resident memory so far (VmHWM), in KiB.
    pub fn peak_rss_kib(&self) -> u64 {
        status_kib(self.pid(), "VmHWM:")
    }

    pub fn rss_kib(&self) -> u64 {
        status_kib(self.pid(), "VmRSS:")
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends SIGTERM and waits (bounded) for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        // SAFETY: plain kill(2) on our own child.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + STEP;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Accepts any host key: the test just started that server.
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub type Conn = client::Handle<Trusting>;

/// Connects and signs in with `key`; `Ok(false)` when the server refused the key.
pub async fn connect(addr: SocketAddr, key: &PrivateKey) -> (Conn, bool) {
    let config = Arc::new(client::Config::default());
    let mut conn = tokio::time::timeout(STEP, client::connect(config, addr, Trusting))
        .await
        .expect("connect timed out")
        .expect("connect");
    let auth = tokio::time::timeout(
        STEP,
        conn.authenticate_publickey(
            "reader",
            PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None),
        ),
    )
    .await
    .expect("auth timed out")
    .expect("auth");
    (conn, auth.success())
}

/// A session channel with what it has received.
pub struct Reader {
    pub channel: russh::Channel<client::Msg>,
    pub screen: Screen,
    /// Everything received on the channel (stdout and stderr), in order.
    pub bytes: Vec<u8>,
    pub exit_status: Option<u32>,
    pub closed: bool,
    /// Replies to requests sent with want_reply.
    pub successes: usize,
    pub failures: usize,
}

impl Reader {
    /// Opens a session; with `pty`, asks for a terminal of that size first; then a shell.
    pub async fn open(conn: &Conn, pty: Option<(u32, u32)>) -> Reader {
        let channel = tokio::time::timeout(STEP, conn.channel_open_session())
            .await
            .expect("channel open timed out")
            .expect("channel open");
        let (w, h) = pty.unwrap_or((80, 24));
        if pty.is_some() {
            channel
                .request_pty(true, "xterm-256color", w, h, 0, 0, &[])
                .await
                .unwrap();
        }
        channel.request_shell(true).await.unwrap();
        Reader::on(channel, w as usize, h as usize)
    }

    /// Watches a channel opened by the test itself (for requests `open` does not make), with a
    /// screen of `w`x`h` and nothing received yet.
    pub fn on(channel: russh::Channel<client::Msg>, w: usize, h: usize) -> Reader {
        Reader {
            channel,
            screen: Screen::new(w, h),
            bytes: Vec::new(),
            exit_status: None,
            closed: false,
            successes: 0,
            failures: 0,
        }
    }

    /// Takes one message (waiting at most `wait`); false when none came or the channel ended.
    pub async fn pump(&mut self, wait: Duration) -> bool {
        match tokio::time::timeout(wait, self.channel.wait()).await {
            Err(_) => false,
            Ok(None) => {
                self.closed = true;
                false
            }
            Ok(Some(msg)) => {
                match msg {
                    ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. } => {
                        self.screen.feed(&data);
                        self.bytes.extend_from_slice(&data);
                    }
                    ChannelMsg::ExitStatus { exit_status } => self.exit_status = Some(exit_status),
                    ChannelMsg::Success => self.successes += 1,
                    ChannelMsg::Failure => self.failures += 1,
                    ChannelMsg::Close => self.closed = true,
                    _ => {}
                }
                true
            }
        }
    }

    /// Reads until `done(self)` holds; panics with the screen after [`STEP`].
    pub async fn until(&mut self, what: &str, done: impl Fn(&Reader) -> bool) {
        let deadline = Instant::now() + STEP;
        while !done(self) {
            assert!(
                Instant::now() < deadline && !self.closed,
                "waited {STEP:?} for {what} (closed: {}); screen:\n{}\nbytes: {:?}",
                self.closed,
                self.screen.text(),
                String::from_utf8_lossy(&self.bytes[self.bytes.len().saturating_sub(400)..])
            );
            self.pump(Duration::from_millis(100)).await;
        }
    }

    /// Reads until nothing has arrived for `quiet`.
    pub async fn settle(&mut self, quiet: Duration) {
        let deadline = Instant::now() + STEP;
        while Instant::now() < deadline && self.pump(quiet).await {}
    }

    /// Reads until the channel is closed.
    pub async fn until_closed(&mut self) {
        let deadline = Instant::now() + STEP;
        while !self.closed {
            assert!(
                Instant::now() < deadline,
                "channel not closed within {STEP:?}; got: {:?}",
                String::from_utf8_lossy(&self.bytes)
            );
            self.pump(Duration::from_millis(100)).await;
        }
    }

    pub async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        self.screen.text()
    }

    /// Everything received, as text.
    pub fn received(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

pub async fn disconnect(conn: &Conn) {
    let _ = conn
        .disconnect(Disconnect::ByApplication, "bye", "en")
        .await;
}

/// A path inside the server's directory.
pub fn path_in(server: &Server, rel: &str) -> PathBuf {
    server.dir.path().join(rel)
}
