//! Load on `magreader serve` over 127.0.0.1: 50 readers, each with its own key, scroll an
//! article for 10 s, one key at a time, timing each keystroke until its frame has arrived
//! (the end of the frame's synchronized update); meanwhile a 51st client stops reading its
//! socket while it keeps sending window changes and keys. The server must stay responsive,
//! drop the client that stopped reading, keep its memory bounded and not panic.
//!
//! Prints the figures for BENCHMARKS.md; run with
//! `cargo test --release --test serve_load -- --nocapture` for release figures.

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
const SCROLL_FOR: Duration = Duration::from_secs(10);
/// The end of a frame the server sends: large frames end their synchronized update, small
/// ones (a one-line scroll in reading mode) go out bare and end with the colour reset that
/// ends every frame. A small frame is one write, so it arrives in one piece.
const FRAME_END: &[u8] = b"\x1b[?2026l";
const SMALL_FRAME_END: &[u8] = b"\x1b[0m";

fn frame_done(bytes: &[u8]) -> bool {
    bytes.windows(FRAME_END.len()).any(|w| w == FRAME_END) || bytes.ends_with(SMALL_FRAME_END)
}

/// One reader: opens the WASIC article, then scrolls down and up a line at a time for
/// [`SCROLL_FOR`]; returns each keystroke's time to its frame.
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
    let start = Instant::now();
    let mut down = true;
    while start.elapsed() < SCROLL_FOR {
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

/// The client that stops reading: signs in, sees its first frame, then stops reading and
/// asks for a 200x60 screen and toggles the help overlay until its connection is cut or the
/// time is up. Its local address goes to `local`; `sent` counts the requests it got out.
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
    stop.store(true, Ordering::SeqCst);
    // It goes on until the server cuts it off (or, failing that, well after the readers).
    let until = Instant::now() + SCROLL_FOR + STEP;
    let sending = async {
        // A big screen, then the help overlay toggled over and over: frames that keep
        // changing and that it never reads.
        if r.channel.window_change(200, 60, 0, 0).await.is_err() {
            return;
        }
        sent.fetch_add(1, Ordering::SeqCst);
        while Instant::now() < until {
            if r.channel.data_bytes(&b"?"[..]).await.is_err() {
                break;
            }
            sent.fetch_add(1, Ordering::SeqCst);
        }
    };
    // Its own sends block once the server stops reading it in turn; that is fine.
    let _ = tokio::time::timeout(SCROLL_FOR + STEP, sending).await;
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_readers_scroll_while_one_stops_reading() {
    let keys: Vec<_> = (0..=SESSIONS as u8).map(|i| key(100 + i)).collect();
    let refs: Vec<_> = keys.iter().collect();
    let mut server = Server::start(
        &refs,
        &[
            "--max-sessions",
            "64",
            "--max-per-ip",
            "64",
            "--stall-timeout",
            "3s",
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
    let readers: Vec<_> = (0..SESSIONS)
        .map(|i| tokio::spawn(scroll(addr, 100 + i as u8)))
        .collect();
    let mut times = Vec::new();
    let mut per_reader = Vec::new();
    for r in readers {
        let t = match r.await {
            Ok(t) => t,
            Err(e) => panic!(
                "a reader failed: {e}; server log:\n{}",
                server.log().join("\n")
            ),
        };
        per_reader.push(t.len());
        times.extend(t);
    }
    let slow_addr = slow_local
        .lock()
        .unwrap()
        .expect("the slow client connected");
    let elapsed = began.elapsed();

    // The client that stopped reading is dropped (waiting at most STEP more), and named in
    // the log.
    let deadline = Instant::now() + STEP;
    let dropped_line = loop {
        let line = server
            .log()
            .into_iter()
            .find(|l| l.contains(&slow_addr.to_string()) && l.contains("dropped after"));
        if line.is_some() || Instant::now() > deadline {
            break line;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let dropped_after = began.elapsed();
    slow.abort();
    let peak = server.peak_rss_kib();
    let log = server.log();
    assert!(
        !log.iter().any(|l| l.contains("panicked")),
        "server log:\n{}",
        log.join("\n")
    );
    assert!(server.is_running(), "the server survived");

    times.sort();
    let (median, p99, max) = (
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        *times.last().unwrap(),
    );
    per_reader.sort();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "serve load: {SESSIONS} readers x {} s, {} keystrokes ({}..{} per reader); \
         keystroke to frame: median {:.1} ms, p99 {:.1} ms, max {:.1} ms; server RSS {} KiB \
         before, peak {} KiB; slow client sent {} requests, its drop seen {:.1} s into the test: {}; wall {:.1} s; \
         loadavg {}",
        SCROLL_FOR.as_secs(),
        times.len(),
        per_reader[0],
        per_reader[per_reader.len() - 1],
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        rss_before,
        peak,
        sent.load(Ordering::SeqCst),
        dropped_after.as_secs_f64(),
        dropped_line.as_deref().unwrap_or("not dropped"),
        elapsed.as_secs_f64(),
        load.trim()
    );
    assert!(
        dropped_line.is_some(),
        "the client that stopped reading was not dropped; log:\n{}",
        log.join("\n")
    );
    // Responsive: every reader kept getting frames, none waited long. Generous bounds: this
    // runs in debug builds on a shared 2-core machine.
    assert!(
        per_reader[0] >= 10,
        "a reader got only {} frames",
        per_reader[0]
    );
    assert!(p99 < Duration::from_secs(2), "p99 {p99:?}");
    // Bounded memory: far below what 51 unbounded output queues would take.
    assert!(peak < 400 * 1024, "peak RSS {peak} KiB");

    // And a new reader still gets in and reads.
    let (conn, ok) = connect(addr, &keys[0]).await;
    assert!(ok);
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("a frame after the load", |r| r.text().contains("Contents"))
        .await;
    disconnect(&conn).await;
}
