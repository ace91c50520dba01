//! End to end, in tmux: the reader's keyboard and its end when the terminal goes away.
//!
//! * Bytes a terminal may leave half sent (a reply cut short, a paste start with no end, a
//!   stray key on a slow link) must not leave the reader deaf: `q` typed after them quits.
//! * A hang-up (tmux's server killed, as an SSH window closed) must keep the place read up to
//!   the moment it happened, not the last periodic save.

mod tmux_support;

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

#[test]
fn a_hang_up_keeps_the_place_read_up_to_it() {
    let Some(tmux) = Tmux::shell("hangup-save", 80, 24) else {
        return;
    };
    let pid = start(&tmux);
    // Spotlight's first article, alone (reading mode), then paged well into it.
    tmux.keys(&["3"]);
    tmux.keys(&["z"]);
    let at_start = tmux.settled("the article", |s| s.contains(" 1/"));
    assert!(at_start.contains("Space page"), "{at_start}");
    for _ in 0..6 {
        tmux.keys(&["Space"]);
    }
    let paged = tmux.settled("paged on", |s| !s.contains(" 1/"));
    let line = paged.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    // The hang-up comes at once, long before the next periodic save (every 3 s).
    tmux.ok(&["kill-server"]);
    let start = Instant::now();
    while is_running(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the reader (pid {pid}) still runs 10 s after the hang-up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Six pages of 21 lines: the saved place is far into the article, not at its start.
    let offset = saved_offset(&tmux).unwrap_or(0);
    assert!(offset > 2000, "saved offset {offset}, status line: {line}");
}
