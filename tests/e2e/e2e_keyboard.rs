//! End to end, in tmux: the reader's keyboard and its end when the terminal goes away.
//!
//! * Bytes a terminal may leave half sent (a reply cut short, a paste start with no end, a
//!   stray key on a slow link) must not leave the reader deaf: `q` typed after them quits.
//! * Every way out that can save (a hang-up: tmux's server killed, as an SSH window closed;
//!   SIGTERM; SIGHUP; `q`) must keep the place read up to the moment it happened, not the last
//!   periodic save. (The watchdog's way out is in e2e_stuck_terminal.rs.)

use crate::tmux_support;

use std::time::{Duration, Instant};

use tmux_support::*;

/// Starts the reader on the built-in archive, fresh, and waits for its first frame.
fn start(tmux: &Tmux) -> u32 {
    let pid_file = tmux.start_reader(&["--fresh"]);
    tmux.wait_for("the reader", |s| s.contains("Issues ("));
    tmux.wait_display("#{alternate_on}", "1");
    std::fs::read_to_string(pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn q_quits_after_an_incomplete_escape_sequence() {
    // Hex bytes for `send-keys -H`: ESC [ ?, ESC [ <, ESC [ 200 ~ (bracketed paste start),
    // ESC [ 1 ; (a modified key cut short).
    let cases: [(&str, &[&str]); 4] = [
        ("ESC [ ?", &["1b", "5b", "3f"]),
        ("ESC [ <", &["1b", "5b", "3c"]),
        ("ESC [ 200 ~", &["1b", "5b", "32", "30", "30", "7e"]),
        ("ESC [ 1 ;", &["1b", "5b", "31", "3b"]),
    ];
    let Some(tmux) = Tmux::shell("keyboard", 80, 24) else {
        return;
    };
    for (name, bytes) in cases {
        start(&tmux);
        let mut args = vec!["-H"];
        args.extend_from_slice(bytes);
        tmux.keys(&args);
        // A key typed within ESC_WAIT of the junk may still be taken as its end (so may any
        // letter: it is a final byte), as over SSH; a person's next key comes later. So q is
        // typed until it quits, a few times at most: with a reader that waits for the rest
        // of the sequence for ever, no q ever does.
        let mut tries = 0;
        while tmux.display("#{alternate_on}") == "1" {
            tries += 1;
            assert!(
                tries <= 5,
                "{name}: q does not quit; screen:\n{}",
                tmux.screen()
            );
            tmux.keys(&["q"]);
            let typed = Instant::now();
            while tmux.display("#{alternate_on}") == "1" && typed.elapsed() < Duration::from_secs(1)
            {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        assert_shell_usable(&tmux, "0", name);
    }
}

/// The reading position of the one article in `state.json`, if saved.
fn saved_offset(tmux: &Tmux) -> Option<u64> {
    let text = std::fs::read_to_string(tmux.state_dir().join("state.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let articles = v["articles"]["2025-06"].as_object()?;
    articles.values().next()?["position"]["offset"].as_u64()
}

/// Opens Spotlight's first article alone, pages well into it, ends the reader by `way_out`
/// at once (long before the next periodic save, every 3 s) and checks that the place was kept.
fn keeps_the_place(name: &str, way_out: fn(&Tmux, u32)) {
    let Some(tmux) = Tmux::shell(name, 80, 24) else {
        return;
    };
    let pid = start(&tmux);
    tmux.keys(&["3"]);
    tmux.keys(&["z"]);
    let at_start = tmux.settled("the article", |s| s.contains(" 1/"));
    assert!(at_start.contains("Space page"), "{at_start}");
    for _ in 0..6 {
        tmux.keys(&["Space"]);
    }
    let paged = tmux.settled("paged on", |s| !s.contains(" 1/"));
    let line = paged.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    way_out(&tmux, pid);
    let start = Instant::now();
    while is_running(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{name}: the reader (pid {pid}) still runs 10 s later"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Six pages of 21 lines: the saved place is far into the article, not at its start.
    let offset = saved_offset(&tmux).unwrap_or(0);
    assert!(
        offset > 2000,
        "{name}: saved offset {offset}, status line: {line}"
    );
}

fn kill(sig: &str, pid: u32) {
    let out = std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "kill -{sig}: {out:?}");
}

/// tmux's server killed: the terminal hangs up under the reader, as when an SSH window closes.
#[test]
fn a_hang_up_keeps_the_place_read_up_to_it() {
    keeps_the_place("hangup-save", |tmux, _| tmux.ok(&["kill-server"]));
}

#[test]
fn sigterm_keeps_the_place_read_up_to_it() {
    keeps_the_place("term-save", |_, pid| kill("TERM", pid));
}

#[test]
fn sighup_keeps_the_place_read_up_to_it() {
    keeps_the_place("hup-save", |_, pid| kill("HUP", pid));
}

#[test]
fn q_keeps_the_place_read_up_to_it() {
    keeps_the_place("quit-save", |tmux, _| tmux.keys(&["q"]));
}
