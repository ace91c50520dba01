//! `magreader serve` end to end on 127.0.0.1 with a russh client: a reader at 80x24 finds an
//! article with Ctrl-P and opens it, re-renders at 50x20 after a window change, quits; its
//! reading memory is kept under its key's fingerprint; SIGTERM ends sessions and the server
//! cleanly.

use crate::serve_support;

use std::time::Duration;

use serve_support::{Reader, Server, connect, disconnect, key};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_finds_an_article_resizes_and_quits() {
    let alice = key(1);
    let mut server = Server::start(&[&alice], &[]);
    // The host key was generated (mode 0600) and its fingerprint printed.
    let line = server.wait_log("host key ");
    assert!(line.contains("(new): SHA256:"), "{line}");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(server.dir.path().join("host_ed25519"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    let (conn, ok) = connect(server.addr, &alice).await;
    assert!(ok, "the authorized key signs in");
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("the first frame", |r| r.text().contains("Issues ("))
        .await;
    assert!(
        r.screen.row(23).contains("? help"),
        "status line at the bottom:\n{}",
        r.text()
    );

    // Ctrl-P, a query, Enter: the article opens with its full title.
    r.send(b"\x10").await;
    r.until("the jump popup", |r| r.text().contains("Jump to article"))
        .await;
    r.send(b"wasic").await;
    r.until("the query in the popup", |r| r.text().contains("wasic"))
        .await;
    r.send(b"\r").await;
    r.until("the article", |r| {
        !r.text().contains("Jump to article") && r.text().contains("global automobile industry")
    })
    .await;
    let text = r.text();
    assert!(
        text.contains("WASIC empowers high-quality development of"),
        "{text}"
    );
    assert!(
        text.contains("2025-06 › China Scene"),
        "status names the article:\n{text}"
    );
    assert_eq!(r.screen.outside, 0);

    // Window change: everything is drawn again for 50x20, nothing outside it.
    r.settle(Duration::from_millis(300)).await;
    r.channel.window_change(50, 20, 0, 0).await.unwrap();
    r.screen = serve_support::Screen::new(50, 20);
    r.until("the 50x20 frame", |r| r.screen.row(19).contains("2025-06"))
        .await;
    r.settle(Duration::from_millis(300)).await;
    let text = r.text();
    assert_eq!(r.screen.outside, 0, "drew outside 50x20:\n{text}");
    assert!(text.contains("WASIC empowers"), "{text}");
    // At 50 columns the reader shows the article alone (no issue list).
    assert!(!text.contains("Issues ("), "{text}");

    // q ends the session: the terminal is restored, exit status 0, channel closed.
    r.send(b"q").await;
    r.until_closed().await;
    assert_eq!(r.exit_status, Some(0));
    let got = r.received();
    let tail = &got[got.len().saturating_sub(40)..];
    assert!(
        tail.contains("\x1b[?1049l\x1b[?25h"),
        "alternate screen left: {tail:?}"
    );
    server.wait_log("session ended (Quit)");
    disconnect(&conn).await;

    // Reading memory under the key's fingerprint (hex): the article is remembered.
    let readers = server.dir.path().join("state/serve/readers");
    let dirs: Vec<_> = std::fs::read_dir(&readers).unwrap().flatten().collect();
    assert_eq!(dirs.len(), 1, "one reader");
    let name = dirs[0].file_name().into_string().unwrap();
    assert_eq!(name.len(), 64);
    let state = std::fs::read_to_string(dirs[0].path().join("state.json")).unwrap();
    assert!(state.contains("2025-06"), "{state}");

    // Signing in again reopens that article (memory per key).
    let (conn, _) = connect(server.addr, &alice).await;
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("the remembered article", |r| {
        r.text().contains("Hosted by China Automotive Technology")
    })
    .await;
    r.send(b"q").await;
    r.until_closed().await;
    disconnect(&conn).await;
    assert!(server.is_running());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_keep_their_own_state() {
    let (a, b) = (key(2), key(3));
    let server = Server::start(&[&a, &b], &[]);
    let (ca, _) = connect(server.addr, &a).await;
    let (cb, _) = connect(server.addr, &b).await;
    let mut ra = Reader::open(&ca, Some((80, 24))).await;
    let mut rb = Reader::open(&cb, Some((100, 30))).await;
    ra.until("a's first frame", |r| r.text().contains("Issues ("))
        .await;
    rb.until("b's first frame", |r| r.text().contains("Issues ("))
        .await;
    // a opens help; b does not see it, and b's screen is its own size.
    ra.send(b"?").await;
    ra.until("a's help", |r| r.text().contains("Keys (Esc closes)"))
        .await;
    rb.settle(Duration::from_millis(300)).await;
    assert!(
        !rb.text().contains("Keys (Esc closes)"),
        "b:\n{}",
        rb.text()
    );
    assert!(
        rb.screen.row(29).contains("2025 No.6"),
        "b's status line at the bottom of 100x30: {:?}",
        rb.screen.row(29)
    );
    assert_eq!(rb.screen.outside, 0);
    // An idle reader costs no traffic: frames that change nothing are not sent.
    let before = rb.bytes.len();
    let quiet_until = std::time::Instant::now() + Duration::from_millis(1200);
    while std::time::Instant::now() < quiet_until {
        rb.pump(Duration::from_millis(100)).await;
    }
    assert_eq!(rb.bytes.len(), before, "idle session sent bytes");
    disconnect(&ca).await;
    disconnect(&cb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_tells_each_session_and_exits_zero() {
    let a = key(4);
    let mut server = Server::start(&[], &["--open"]);
    let (conn, ok) = connect(server.addr, &a).await;
    assert!(ok, "--open lets any key in");
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("the first frame", |r| r.text().contains("Issues ("))
        .await;
    let status = server.terminate();
    assert_eq!(status.code(), Some(0), "log:\n{}", server.log().join("\n"));
    r.until_closed().await;
    assert!(r.received().contains("shutting down"), "told why");
    assert!(server.log().iter().any(|l| l.contains("SIGTERM")));
    // --open keeps no reading memory on disk.
    assert!(!server.dir.path().join("state/serve/readers").exists());
}
