//! The reader stuck writing to a terminal that no longer takes output (nobody reads the other
//! end of its pseudo-terminal: a frozen SSH link, a suspended terminal emulator), then sent
//! SIGTERM. Its loop cannot look at the signal, so the watchdog must end it, and first save
//! the place read, which the loop handed it before each frame.
//!
//! Driven through a pseudo-terminal opened here (no tmux): the test reads the reader's output
//! while it opens and pages an article, then stops reading, so the next frames fill the
//! terminal's buffer and the reader's write blocks.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A pseudo-terminal of 80x24: (master, slave).
fn openpty() -> (std::fs::File, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: out-pointers to locals; no name buffer; a valid winsize.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone.
    unsafe {
        (
            std::fs::File::from_raw_fd(master),
            OwnedFd::from_raw_fd(slave),
        )
    }
}

/// Waits until `pred` holds for the screen drawn so far; panics after 10 s.
fn wait_screen(vt: &Mutex<vt100::Parser>, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let s = vt.lock().unwrap().screen().contents();
        if pred(&s) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no {what}:\n{s}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_while_the_terminal_takes_no_output_saves_the_place_and_ends() {
    let state = tempfile::tempdir().unwrap();
    let (mut master, slave) = openpty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_magreader"));
    child
        .arg("--fresh")
        .env("MAGREADER_STATE_DIR", state.path())
        .env("TERM", "xterm-256color")
        .env_remove("MAGREADER_ARCHIVE")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
    // controlling terminal is the pseudo-terminal (so /dev/tty is it, as for a login).
    unsafe {
        child.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = child.spawn().expect("the reader starts");

    // Read (and draw) the reader's output until told to stop.
    let vt = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(24).unwrap(),
        std::num::NonZeroU16::new(80).unwrap(),
        0,
    )));
    let reading = Arc::new(AtomicBool::new(true));
    let mut out = master.try_clone().unwrap();
    let reader = {
        let (vt, reading) = (vt.clone(), reading.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while reading.load(Ordering::SeqCst) {
                match out.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => vt.lock().unwrap().process(&buf[..n]),
                }
            }
        })
    };

    wait_screen(&vt, "first frame", |s| s.contains("Issues ("));
    // Spotlight's first article, alone, paged well in.
    master.write_all(b"3z").unwrap();
    wait_screen(&vt, "the article", |s| s.contains(" 1/"));
    master.write_all(b"      ").unwrap();
    let status = wait_screen(&vt, "six pages on", |s| {
        s.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.contains("Space page") && !l.contains(" 1/"))
    });

    // Stop reading: the reader's next frames fill the terminal's buffer and its write
    // blocks. Each `z` switches reading mode and redraws the whole screen, without moving.
    reading.store(false, Ordering::SeqCst);
    // One at a time, so each gets its own frame (keys that come together share one).
    for _ in 0..300 {
        master.write_all(b"z").unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let wchan = std::fs::read_to_string(format!("/proc/{}/wchan", child.id())).unwrap();
    // Where its main thread waits: in a write, not in the poll for input (where the signal
    // would wake it and the loop would save without any watchdog).
    assert!(!wchan.contains("poll"), "the reader is not stuck: {wchan}");
    assert!(
        child.try_wait().unwrap().is_none(),
        "the reader runs, stuck"
    );
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let start = Instant::now();
    let ended = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the reader still runs 20 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(master);
    let _ = reader.join();
    assert_eq!(ended.signal(), Some(libc::SIGTERM), "{ended:?}");

    let text = std::fs::read_to_string(state.path().join("state.json"))
        .unwrap_or_else(|e| panic!("no state saved ({e}); status was:\n{status}"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let offset = v["articles"]["2025-06"]
        .as_object()
        .and_then(|a| a.values().next())
        .and_then(|a| a["position"]["offset"].as_u64())
        .unwrap_or(0);
    assert!(
        offset > 2000,
        "saved offset {offset}; status was:\n{status}"
    );
}
