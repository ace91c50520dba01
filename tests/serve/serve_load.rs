//! Load on `magreader serve` over 127.0.0.1: 50 readers, each with its own key, scroll an
//! article a line at a time, timing each keystroke until its frame has arrived (the end of the
//! frame's synchronized update); meanwhile a 51st client stops reading its socket while it
//! keeps sending window changes and keys. The server must stay responsive, keep its memory
//! bounded and not panic; and, with a short stall timeout, drop the client that stopped
//! reading.
//!
//! Responsive, without a time bound: the stall timeout is longer than the test, so the client
//! that stopped reading is never dropped and its output, once stuck, stays stuck. A server that
//! let it hold the others up would leave them waiting for good, and the bounded wait for each
//! frame (or the new reader's after the load) would fail. When its output gets stuck is not
//! visible from outside the server (some frames fit its window and russh's queue first), so
//! the readers start only once its session has shown it answers keys (the help opened), it
//! has stopped reading and got 300 requests out, and they go on for many seconds; one more
//! reader comes after them all.
//!
//! Prints the figures for BENCHMARKS.md (they are not checked: how fast is for the printout
//! and the benches, not a pass/fail bound); run with
//! `cargo test --release --test serve serve_load -- --nocapture` for release figures.

use crate::serve_support;

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use russh::client;
use serve_support::{Reader, STEP, Server, Trusting, connect, disconnect, key};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

const SESSIONS: usize = 50;
/// Keys each reader presses, `j` and `k` alternately, each after the last one's frame.
const KEYS: usize = 40;
/// The end of a frame the server sends: large frames end their synchronized update, small
/// ones (a one-line scroll in reading mode) go out bare and end with the colour reset that
/// ends every frame. A small frame is one write, so it arrives in one piece.
const FRAME_END: &[u8] = b"\x1b[?2026l";
const SMALL_FRAME_END: &[u8] = b"\x1b[0m";

fn frame_done(bytes: &[u8]) -> bool {
    bytes.windows(FRAME_END.len()).any(|w| w == FRAME_END) || bytes.ends_with(SMALL_FRAME_END)
}

/// One reader: opens the WASIC article, then scrolls down and up a line at a time, [`KEYS`]
/// keys; returns each keystroke's time to its frame.
async fn scroll(addr: std::net::SocketAddr, seed: u8) -> Vec<Duration> {
    let k = key(seed);
    let (conn, ok) = connect(addr, &k).await;
    assert!(ok);
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("the first frame", |r| r.text().contains("Issues ("))
        .await;
    r.send(b"\x10wasic").await;
    r.until("the query", |r| r.text().contains("> wasic")).await;
    r.send(b"\r").await;
    r.until("the article", |r| {
        r.text().contains("global automobile industry")
    })
    .await;
    r.settle(Duration::from_millis(200)).await;
    let mut times = Vec::new();
    let mut down = true;
    for _ in 0..KEYS {
        r.bytes.clear();
        let sent = Instant::now();
        r.send(if down { b"j" } else { b"k" }).await;
        down = !down;
        while !frame_done(&r.bytes) {
            assert!(
                sent.elapsed() < STEP,
                "reader {seed}: no frame {STEP:?} after a key; got {:?}; screen:\n{}",
                String::from_utf8_lossy(&r.bytes),
                r.text()
            );
            r.pump(Duration::from_millis(50)).await;
        }
        times.push(sent.elapsed());
    }
    r.send(b"q").await;
    r.until_closed().await;
    disconnect(&conn).await;
    times
}

/// A TCP stream whose reads stop for good once `stop` is set: a client that no longer reads
/// its socket, while it can still write.
struct StopsReading {
    inner: TcpStream,
    stop: Arc<AtomicBool>,
}

impl AsyncRead for StopsReading {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.stop.load(Ordering::SeqCst) {
            return Poll::Pending;
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for StopsReading {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The client that stops reading: signs in, sees its first frame and opens the help, then
/// stops reading and asks for a 200x60 screen and toggles the help overlay until its
/// connection is cut or the task is aborted. Its local address goes to `local`; `sent` counts
/// the requests it got out.
async fn stop_reading(
    addr: std::net::SocketAddr,
    seed: u8,
    sent: Arc<AtomicUsize>,
    local: Arc<std::sync::Mutex<Option<std::net::SocketAddr>>>,
) {
    let tcp = TcpStream::connect(addr).await.unwrap();
    *local.lock().unwrap() = Some(tcp.local_addr().unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let stream = StopsReading {
        inner: tcp,
        stop: Arc::clone(&stop),
    };
    // A smaller channel window than the default 2 MiB, so the server runs into it within the
    // test's time: the client decides its window, and this one never grows it again.
    let config = client::Config {
        window_size: 4 * 1024,
        ..Default::default()
    };
    let mut conn = client::connect_stream(Arc::new(config), stream, Trusting)
        .await
        .unwrap();
    let k = key(seed);
    let auth = conn
        .authenticate_publickey(
            "reader",
            russh::keys::PrivateKeyWithHashAlg::new(Arc::new(k), None),
        )
        .await
        .unwrap();
    assert!(auth.success());
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("the slow client's first frame", |r| {
        r.text().contains("Issues (")
    })
    .await;
    // Its session answers keys: the help opens.
    r.send(b"?").await;
    r.until("the slow client's help", |r| {
        r.text().contains("Keys (Esc closes)")
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    // A big screen, then the help overlay toggled over and over: frames that keep changing
    // and that it never reads. Its own sends block once the server stops reading it in turn;
    // that is fine.
    if r.channel.window_change(200, 60, 0, 0).await.is_err() {
        return;
    }
    sent.fetch_add(1, Ordering::SeqCst);
    while r.channel.data_bytes(&b"?"[..]).await.is_ok() {
        sent.fetch_add(1, Ordering::SeqCst);
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// The address the client that stops reading connects from, once it has.
fn slow_address(local: &std::sync::Mutex<Option<std::net::SocketAddr>>) -> String {
    local
        .lock()
        .unwrap()
        .expect("the slow client connected")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_readers_scroll_while_one_stops_reading() {
    let keys: Vec<_> = (0..=SESSIONS as u8).map(|i| key(100 + i)).collect();
    let refs: Vec<_> = keys.iter().collect();
    // No session is dropped for stalling during the test: the one that stops reading stays,
    // its output stuck, for as long as the readers read.
    let mut server = Server::start(
        &refs,
        &[
            "--max-sessions",
            "64",
            "--max-per-ip",
            "64",
            "--stall-timeout",
            "1h",
        ],
    );
    let addr = server.addr;
    let rss_before = server.rss_kib();
    let began = Instant::now();
    let sent = Arc::new(AtomicUsize::new(0));
    let slow_local = Arc::new(std::sync::Mutex::new(None));
    let slow = tokio::spawn(stop_reading(
        addr,
        100 + SESSIONS as u8,
        Arc::clone(&sent),
        Arc::clone(&slow_local),
    ));
    // The readers start once it has stopped reading and sent a good many requests.
    let deadline = Instant::now() + STEP;
    while sent.load(Ordering::SeqCst) < 300 {
        assert!(
            !slow.is_finished() && Instant::now() < deadline,
            "the slow client did not get its requests out"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let readers: Vec<_> = (0..SESSIONS)
        .map(|i| tokio::spawn(scroll(addr, 100 + i as u8)))
        .collect();
    let mut times = Vec::new();
    for r in readers {
        let t = match r.await {
            Ok(t) => t,
            Err(e) => panic!(
                "a reader failed: {e}; server log:\n{}",
                server.log().join("\n")
            ),
        };
        // Every key got its frame (each waited, bounded, for it).
        assert_eq!(t.len(), KEYS);
        times.extend(t);
    }
    let elapsed = began.elapsed();
    let slow_addr = slow_address(&slow_local);
    let peak = server.peak_rss_kib();
    let log = server.log();
    assert!(
        !log.iter().any(|l| l.contains("panicked")),
        "server log:\n{}",
        log.join("\n")
    );
    assert!(server.is_running(), "the server survived");
    // The client that stopped reading was there all along, never read past its first frame
    // and asked for frames far beyond its 4 KiB window: the readers were served beside it.
    assert!(
        !slow.is_finished()
            && !log
                .iter()
                .any(|l| l.contains(&slow_addr) && (l.contains("dropped") || l.contains("ended"))),
        "the client that stopped reading left early; log:\n{}",
        log.join("\n")
    );
    let requests = sent.load(Ordering::SeqCst);
    assert!(requests > 1, "it sent its window change and keys");

    times.sort();
    let (median, p99, max) = (
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        *times.last().unwrap(),
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "serve load: {SESSIONS} readers x {KEYS} keys, {} keystrokes; keystroke to frame: \
         median {:.1} ms, p99 {:.1} ms, max {:.1} ms; server RSS {} KiB before, peak {} KiB; \
         slow client sent {requests} requests and is still connected; wall {:.1} s; \
         loadavg {}",
        times.len(),
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        rss_before,
        peak,
        elapsed.as_secs_f64(),
        load.trim()
    );
    // Bounded memory: far below what 51 unbounded output queues would take.
    assert!(peak < 400 * 1024, "peak RSS {peak} KiB");

    // And a new reader still gets in and reads.
    let (conn, ok) = connect(addr, &keys[0]).await;
    assert!(ok);
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("a frame after the load", |r| r.text().contains("Contents"))
        .await;
    disconnect(&conn).await;
    slow.abort();
}

/// With a short stall timeout, the client that stops reading is dropped (named in the log),
/// while a reader beside it goes on reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped() {
    let (reader, stopper) = (key(160), key(161));
    let mut server = Server::start(&[&reader, &stopper], &["--stall-timeout", "3s"]);
    let sent = Arc::new(AtomicUsize::new(0));
    let slow_local = Arc::new(std::sync::Mutex::new(None));
    let slow = tokio::spawn(stop_reading(
        server.addr,
        161,
        Arc::clone(&sent),
        Arc::clone(&slow_local),
    ));
    // The reader reads until the drop is logged (the log wait is bounded).
    let (conn, ok) = connect(server.addr, &reader).await;
    assert!(ok);
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("the first frame", |r| r.text().contains("Issues ("))
        .await;
    while slow_local.lock().unwrap().is_none() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let slow_addr = slow_address(&slow_local);
    // Only that client can stall here.
    let line = server.wait_log("dropped after");
    assert!(
        line.contains(&slow_addr) && line.contains("the client stopped reading"),
        "{line}"
    );
    // The connection is closed: the client's sends fail and it ends.
    let _ = tokio::time::timeout(STEP, slow)
        .await
        .expect("the slow client ended");
    r.send(b"\x10wasic").await;
    r.until("the query", |r| r.text().contains("> wasic")).await;
    disconnect(&conn).await;
    assert!(server.is_running());
    assert!(!server.log().iter().any(|l| l.contains("panicked")));
}
