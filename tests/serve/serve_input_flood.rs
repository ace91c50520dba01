//! A client that floods its session with keys faster than the reader can handle them: the
//! server stops reading that connection once a bounded amount of input waits, so the
//! server's memory does not grow by the queued input.

use crate::serve_support;

use std::time::{Duration, Instant};

use serve_support::{Reader, Server, connect, disconnect, key};
use tokio::io::AsyncWriteExt;

/// Keys that each cost the reader some work (a fuzzy query per letter), in full packets.
fn slow_keys() -> Vec<u8> {
    let mut v = b"\x10".to_vec();
    while v.len() < 32 * 1024 {
        v.extend_from_slice(
            b"standardization\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f",
        );
    }
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flooding_keys_does_not_grow_server_memory() {
    let k = key(40);
    let mut server = Server::start(&[&k], &[]);
    let before = server.rss_kib();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (conn, ok) = connect(server.addr, &k).await;
        assert!(ok);
        let mut r = Reader::open(&conn, Some((80, 24))).await;
        r.until("the first frame", |r| r.text().contains("Issues"))
            .await;
        let mut w = r.channel.make_writer();
        let keys = slow_keys();
        tasks.push(tokio::spawn(async move {
            let end = Instant::now() + Duration::from_secs(8);
            // The server stops reading a flooding client: a write may wait until the end.
            while let Some(left) = end.checked_duration_since(Instant::now()) {
                match tokio::time::timeout(left, w.write_all(&keys)).await {
                    Ok(Ok(())) => {}
                    _ => break,
                }
            }
            drop(w);
            (conn, r)
        }));
    }
    let mut peak = 0;
    let end = Instant::now() + Duration::from_secs(8);
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(250)).await;
        peak = peak.max(server.rss_kib());
    }
    eprintln!("server RSS {before} KiB before, {peak} KiB peak while 8 clients flood");
    for t in tasks {
        if let Ok((conn, _r)) = t.await {
            disconnect(&conn).await;
        }
    }
    assert!(server.is_running());
    assert!(
        peak < before + 24 * 1024,
        "server RSS grew from {before} KiB to {peak} KiB"
    );
}
