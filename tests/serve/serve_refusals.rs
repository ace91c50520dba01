//! What `magreader serve` refuses, on 127.0.0.1 with a russh client: an unknown key, exec,
//! subsystems, port forwarding, a second session on one connection, a session without a
//! PTY, and connections over the session limits (told why).

use crate::serve_support;

use serve_support::{Reader, Server, connect, disconnect, key};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_key_cannot_sign_in() {
    let (known, stranger) = (key(10), key(11));
    let mut server = Server::start(&[&known], &[]);
    let (_conn, ok) = connect(server.addr, &stranger).await;
    assert!(!ok, "a key not in authorized_keys is refused");
    // That the refusal waits out the rejection delay is the server's russh configuration,
    // checked in `serve::server`'s unit tests rather than by timing it here.
    let (conn, ok) = connect(server.addr, &known).await;
    assert!(ok);
    disconnect(&conn).await;
    // The refusal happens before any signature is checked, so it is not logged as a
    // verified key; the known key's session is.
    assert!(server.is_running());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystem_and_forwarding_are_refused() {
    let k = key(12);
    let mut server = Server::start(&[&k], &[]);
    let (conn, ok) = connect(server.addr, &k).await;
    assert!(ok);

    let channel = conn.channel_open_session().await.unwrap();
    channel.exec(true, "cat /etc/passwd").await.unwrap();
    let mut r = Reader::on(channel, 80, 24);
    r.until_closed().await;
    assert_eq!(r.failures, 1, "exec answered with failure");
    assert_eq!(r.successes, 0);
    assert!(
        r.received().contains("runs no commands"),
        "{}",
        r.received()
    );
    assert!(!r.received().contains("root:"), "nothing was run");
    server.wait_log("refused: exec request");

    let (conn2, _) = connect(server.addr, &k).await;
    let channel = conn2.channel_open_session().await.unwrap();
    channel.request_subsystem(true, "sftp").await.unwrap();
    let mut r = Reader::on(channel, 80, 24);
    r.until("the subsystem reply", |r| r.failures + r.successes > 0)
        .await;
    assert_eq!((r.failures, r.successes), (1, 0), "sftp refused");
    server.wait_log("refused: subsystem \"sftp\"");

    // Port forwarding, both ways.
    assert!(
        conn2
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
            .await
            .is_err(),
        "local forwarding refused"
    );
    assert!(
        conn2.tcpip_forward("127.0.0.1", 0).await.is_err(),
        "remote forwarding refused"
    );
    // Each refusal is logged with the connection's id, once per kind: a second try of the
    // same forward adds no line.
    let local = server.wait_log("refused: local port forwarding");
    let remote = server.wait_log("refused: remote port forwarding");
    assert!(
        local.contains(": #") && remote.contains(": #"),
        "{local}\n{remote}"
    );
    assert!(
        conn2
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5556)
            .await
            .is_err()
    );
    // A later request of the connection, logged after the second forward was handled.
    assert!(
        conn2
            .channel_open_direct_streamlocal("/run/docker.sock")
            .await
            .is_err()
    );
    server.wait_log("refused: local socket forwarding");
    let forwards = server
        .log()
        .iter()
        .filter(|l| l.contains("refused: local port forwarding"))
        .count();
    assert_eq!(forwards, 1, "{:#?}", server.log());
    let exec = server.wait_log("refused: exec request");
    assert!(exec.contains(": #"), "{exec}");
    disconnect(&conn).await;
    disconnect(&conn2).await;
    assert!(server.is_running());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_without_a_pty_gets_one_line_and_is_closed() {
    let k = key(13);
    let mut server = Server::start(&[&k], &[]);
    let (conn, _) = connect(server.addr, &k).await;
    let mut r = Reader::open(&conn, None).await;
    r.until_closed().await;
    let got = r.received();
    assert!(got.contains("needs a terminal"), "{got:?}");
    assert_eq!(got.matches('\n').count(), 1, "one line: {got:?}");
    assert!(!got.contains('\x1b'), "no screen drawn: {got:?}");
    assert_eq!(r.exit_status, Some(1));
    server.wait_log("refused: no terminal");
    disconnect(&conn).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_after_the_limit_is_told_the_server_is_full() {
    let k = key(14);
    let mut server = Server::start(&[&k], &["--max-sessions", "2"]);
    let mut readers = Vec::new();
    for _ in 0..2 {
        let (conn, ok) = connect(server.addr, &k).await;
        assert!(ok);
        let mut r = Reader::open(&conn, Some((80, 24))).await;
        r.until("a frame", |r| r.text().contains("Issues (")).await;
        readers.push((conn, r));
    }
    let (conn, ok) = connect(server.addr, &k).await;
    assert!(ok, "the key is fine; the limit speaks after sign-in");
    let mut third = Reader::open(&conn, Some((80, 24))).await;
    third.until_closed().await;
    assert!(
        third.received().contains("server is full (2 readers"),
        "{}",
        third.received()
    );
    assert_eq!(third.exit_status, Some(1));
    server.wait_log("refused: the server is full");

    // The two readers are unaffected, and once one leaves, a new one gets in.
    let (first_conn, mut first) = readers.remove(0);
    first.send(b"q").await;
    first.until_closed().await;
    disconnect(&first_conn).await;
    server.wait_log("session ended (Quit)");
    let mut next = None;
    for _ in 0..50 {
        let (conn, _) = connect(server.addr, &k).await;
        let mut r = Reader::open(&conn, Some((80, 24))).await;
        r.settle(std::time::Duration::from_millis(300)).await;
        if r.text().contains("Issues (") {
            next = Some((conn, r));
            break;
        }
        disconnect(&conn).await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(next.is_some(), "a freed place is taken again");
    let (_, second) = &mut readers[0];
    second.send(b"?").await;
    second
        .until("help still works", |r| {
            r.text().contains("Keys (Esc closes)")
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_per_address_limit_holds() {
    let k = key(15);
    let mut server = Server::start(&[&k], &["--max-per-ip", "1"]);
    let (c1, _) = connect(server.addr, &k).await;
    let mut r1 = Reader::open(&c1, Some((80, 24))).await;
    r1.until("a frame", |r| r.text().contains("Issues (")).await;
    let (c2, _) = connect(server.addr, &k).await;
    let mut r2 = Reader::open(&c2, Some((80, 24))).await;
    r2.until_closed().await;
    assert!(
        r2.received()
            .contains("too many sessions from your address (1"),
        "{}",
        r2.received()
    );
    server.wait_log("refused: too many sessions");
    // One connection, one reader: a second session channel is refused.
    assert!(c1.channel_open_session().await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_with_a_reason() {
    let k = key(16);
    let mut server = Server::start(&[&k], &["--idle-timeout", "2s"]);
    let (conn, _) = connect(server.addr, &k).await;
    let mut r = Reader::open(&conn, Some((80, 24))).await;
    r.until("a frame", |r| r.text().contains("Issues (")).await;
    // When it closes (not before the timeout, at it, and a key restarting the count) is
    // tested with a hand-moved clock in `serve::channel_events`; here, that it closes and
    // says why. `until_closed` only bounds the wait.
    r.until_closed().await;
    assert!(
        r.received().contains("closed after 2 s of no keys"),
        "{}",
        r.received()
    );
    assert_eq!(r.exit_status, Some(0));
    server.wait_log("session ended (Idle)");
}

/// Bad files stop the server before it listens, naming the file, the line and what to do.
#[test]
fn bad_key_files_stop_the_server_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("authorized_keys");
    let good = serve_support::authorized_line(&key(17));
    std::fs::write(&keys, format!("# readers\n{good}\nssh-ed25519 broken\n")).unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_magreader"))
            .arg("serve")
            .args(["--listen", "127.0.0.1:0", "--host-key"])
            .arg(dir.path().join("host"))
            .args(extra)
            .env("MAGREADER_STATE_DIR", dir.path().join("state"))
            .output()
            .unwrap()
    };
    let out = run(&["--authorized-keys", keys.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains(&keys.display().to_string()), "{err}");

    let missing = dir.path().join("nope");
    let out = run(&["--authorized-keys", missing.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read the authorized keys file"),
        "{err}"
    );

    // A FIFO as the keys file is refused at once, not waited on (nobody writes to it).
    let fifo = dir.path().join("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let out = run(&["--authorized-keys", fifo.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("a FIFO (named pipe), not a regular file"),
        "{err}"
    );

    // An unreadable host key (here: readable by others) is named with the fix.
    std::fs::write(&keys, format!("{good}\n")).unwrap();
    let host = dir.path().join("host");
    std::fs::write(&host, "x").unwrap();
    let out = run(&["--authorized-keys", keys.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chmod 600"), "{err}");
    assert!(err.contains(&host.display().to_string()), "{err}");

    // Neither --authorized-keys nor --open: a usage error that names both.
    let out = run(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--authorized-keys"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_x11_and_environment_requests_are_refused() {
    let k = key(18);
    let server = Server::start(&[&k], &[]);
    let (conn, _) = connect(server.addr, &k).await;
    let channel = conn.channel_open_session().await.unwrap();
    channel.agent_forward(true).await.unwrap();
    channel
        .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .unwrap();
    channel
        .set_env(true, "LD_PRELOAD", "/tmp/x.so")
        .await
        .unwrap();
    let mut r = Reader::on(channel, 80, 24);
    r.until("three replies", |r| r.failures + r.successes >= 3)
        .await;
    assert_eq!((r.failures, r.successes), (3, 0));
    // Still usable for reading afterwards.
    r.channel
        .request_pty(true, "xterm", 80, 24, 0, 0, &[])
        .await
        .unwrap();
    r.channel.request_shell(true).await.unwrap();
    r.until("a frame", |r| r.text().contains("Issues (")).await;
    disconnect(&conn).await;
}
