//! End to end: the real binary in tmux at 80x24 on the built-in archive. Opens, fuzzy-jumps
//! by a Chinese fragment, steps to the next column, shows the help, survives resizes, quits
//! with status 0 and leaves the terminal as it was (main screen, cursor shown, cooked mode).
//! Search: `/` and `n` move the view, Ctrl-F with a Chinese phrase opens the article at the
//! hit; reading memory: quitting and starting again lands on the same text. Every reader
//! keeps its reading memory in the test's temporary directory (`MAGREADER_STATE_DIR`).
//!
//! Without tmux the test is skipped with a notice, except under CI (env `CI` set), where a
//! missing tmux is a failure: a green CI must mean this ran.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn ok(&self, args: &[&str]) {
        let out = self.cmd(args);
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", "e2e", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen after 10 s.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `pred` holds and the screen has stopped changing (two captures 100 ms
    /// apart agree): tmux may be captured in the middle of a frame being written.
    fn settled(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.wait_for(what, &pred);
            if s == last {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("the screen never settled while waiting for {what}:\n{s}");
            }
            last = s;
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.ok(&args);
    }

    fn text(&self, text: &str) {
        self.ok(&["send-keys", "-t", "e2e", "-l", text]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The last line of the screen that has text: the reader's status line.
fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// Starts the reader (with arguments `args`) in a private tmux server at 80x24, or returns
/// None (after a notice) when tmux is missing outside CI. After the reader exits, the pane
/// prints `EXIT=<status>` and the tty's canonical-mode flag, and stays open for inspection.
/// The reader's pid is written to `dir/pid`; its reading memory lives in `dir/state`.
fn start(name: &str, dir: &Path, args: &str) -> Option<Tmux> {
    if !tmux_available() {
        if std::env::var_os("CI").is_some() {
            panic!("tmux is required for the end-to-end test under CI (install it in .ci/run)");
        }
        eprintln!("NOTICE: tmux not found; skipping the tmux end-to-end test");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_magreader");
    let tmux = Tmux {
        socket: format!("magreader-e2e-{name}-{}", std::process::id()),
    };
    let pid_file = dir.join("pid");
    let pid_file = pid_file.display();
    let state = dir.join("state");
    let state = state.display();
    let script = format!(
        "env -u MAGREADER_ARCHIVE -u NO_COLOR MAGREADER_STATE_DIR=\"{state}\" \
         sh -c 'echo $$ > \"{pid_file}\"; exec \"{bin}\" {args}'; \
         echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon; sleep 60"
    );
    tmux.ok(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
        "-c",
        &script,
    ]);
    tmux.wait_for("the reader to start", |s| s.contains("Issues ("));
    Some(tmux)
}

/// Checks the pane after the reader ended: exit status, cooked tty, main screen, cursor.
fn assert_restored(tmux: &Tmux, status: &str) {
    let s = tmux.wait_for("the exit status", |s| s.contains("EXIT="));
    assert!(s.contains(&format!("EXIT={status}")), "{s}");
    let s = tmux.wait_for("the tty mode", |s| s.contains("icanon"));
    assert!(
        s.lines().any(|l| l.trim() == "icanon"),
        "tty left in raw mode:\n{s}"
    );
    assert!(!s.contains("Issues ("), "the reader's screen is gone:\n{s}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "back on the main screen"
    );
    assert_eq!(tmux.display("#{cursor_flag}"), "1", "cursor shown again");
}

#[test]
fn reader_in_tmux() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start("keys", dir.path(), "") else {
        return;
    };
    let s = tmux.screen();
    // Open: three panes, newest issue first.
    assert!(s.contains("Contents 2025-06"), "{s}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "reader uses the alternate screen"
    );

    // Ctrl-P + a Chinese fragment + Enter opens that article.
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("两会概览");
    tmux.wait_for("the ranked hit", |s| {
        s.contains("An overview of the Two Sessions")
    });
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the article", |s| {
        status_line(s).contains("2024-03 \u{203A} Spotlight") && !s.contains("Jump to article")
    });
    assert!(
        s.contains("2024年全国两会概览"),
        "title block shows the Chinese title:\n{s}"
    );

    // `]` opens the first article of the next column.
    tmux.text("]");
    tmux.wait_for("the next column", |s| {
        status_line(s).contains("\u{203A} Special Report")
    });

    // `?` shows the help, Esc closes it.
    tmux.text("?");
    let s = tmux.settled("the help", |s| s.contains("Keys (Esc closes)"));
    assert!(s.contains("q Ctrl-C") && s.contains("1-9"), "{s}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("Keys (Esc closes)"));

    // Resize: narrow shows the article alone; a tiny window the notice; back to 80x24.
    tmux.ok(&["resize-window", "-t", "e2e", "-x", "50", "-y", "20"]);
    tmux.wait_for("the narrow layout", |s| {
        !s.contains("Issues (") && s.contains("Special Report") && s.lines().count() <= 20
    });
    tmux.ok(&["resize-window", "-t", "e2e", "-x", "12", "-y", "3"]);
    tmux.wait_for("the enlarge notice", |s| s.contains("enlarge"));
    tmux.ok(&["resize-window", "-t", "e2e", "-x", "80", "-y", "24"]);
    tmux.wait_for("three panes again", |s| {
        s.contains("Issues (") && status_line(s).contains("Special Report")
    });

    // `q` exits 0 and restores the terminal.
    tmux.text("q");
    assert_restored(&tmux, "0");
}

/// SIGTERM and SIGHUP (an SSH connection dropping) restore the terminal, and the reader then
/// dies by that signal (status 128 + signal number, as the shell reports it).
#[test]
fn signals_restore_the_terminal() {
    for (sig, status) in [("TERM", "143"), ("HUP", "129")] {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let Some(tmux) = start(&sig.to_lowercase(), dir.path(), "") else {
            return;
        };
        tmux.keys(&["C-p"]);
        tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        let out = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(pid.trim())
            .output()
            .unwrap();
        assert!(out.status.success(), "kill: {out:?}");
        assert_restored(&tmux, status);
    }
}

/// The article pane's part of each screen row (after the second pane separator), trimmed.
fn article_text(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(1)
        .take(22)
        .map(|l| l.splitn(3, '|').nth(2).unwrap_or("").trim().to_string())
        .collect()
}

/// Opens an article by fuzzy jump and waits for it.
fn open_by_title(tmux: &Tmux, query: &str, crumb: &str) -> String {
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text(query);
    tmux.wait_for("a ranked hit", |s| {
        s.contains("matches)") || s.contains("1 match)")
    });
    tmux.keys(&["Enter"]);
    tmux.settled("the article", |s| {
        status_line(s).contains(crumb) && !s.contains("Jump to article")
    })
}

#[test]
fn search_in_the_article_and_n_move_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start("search", dir.path(), "") else {
        return;
    };
    // "United for impact": "closing" is near the top and again some pages down.
    let before = open_by_title(&tmux, "united for impact", "\u{203A} United for impact");
    tmux.text("/closing");
    let s = tmux.settled("the prompt and the first match", |s| {
        status_line(s).contains("/closing_") && status_line(s).contains("match 1/2")
    });
    assert_eq!(
        article_text(&s),
        article_text(&before),
        "the first match is on screen: the view stays"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("the kept search", |s| status_line(s).contains("match 1/2"));
    tmux.text("n");
    let after = tmux.settled("the second match", |s| status_line(s).contains("match 2/2"));
    assert_ne!(
        article_text(&after),
        article_text(&before),
        "n moved the view"
    );
    assert!(
        article_text(&after).iter().any(|l| l.contains("closing")),
        "the match is on screen:\n{after}"
    );
    // n again wraps to the first with a notice; N goes back.
    tmux.text("n");
    tmux.wait_for("the wrap notice", |s| {
        status_line(s).contains("search hit BOTTOM") || status_line(s).contains("continuing at TOP")
    });
    tmux.text("q");
    assert_restored(&tmux, "0");
}

#[test]
fn quit_and_start_again_reopens_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start("resume1", dir.path(), "") else {
        return;
    };
    open_by_title(&tmux, "united for impact", "\u{203A} United for impact");
    tmux.keys(&["Space"]);
    tmux.keys(&["Space"]);
    tmux.keys(&["Down"]);
    let screen = tmux.settled("the scrolled article", |s| !status_line(s).contains(" 1/"));
    // The text lines at the top (a blank line between paragraphs may be the top row; the
    // reopened view starts at the paragraph after it).
    let words = |s: &str| -> Vec<String> {
        article_text(s)
            .into_iter()
            .filter(|l| !l.is_empty())
            .take(10)
            .collect()
    };
    let text = words(&screen);
    assert!(
        text.len() == 10 && status_line(&screen).contains("United"),
        "{screen}"
    );
    tmux.text("q");
    assert_restored(&tmux, "0");
    drop(tmux);

    let Some(tmux) = start("resume2", dir.path(), "") else {
        return;
    };
    let again = tmux.settled("the same article", |s| {
        status_line(s).contains("\u{203A} United for impact")
    });
    assert_eq!(words(&again), text, "the same text at the top:\n{again}");
    tmux.text("q");
    assert_restored(&tmux, "0");
    drop(tmux);

    // --fresh starts on the contents instead.
    let Some(tmux) = start("resume3", dir.path(), "--fresh") else {
        return;
    };
    let s = tmux.settled("the reader", |s| s.contains("Contents"));
    assert!(!status_line(&s).contains("United for impact"), "{s}");
    tmux.text("q");
    assert_restored(&tmux, "0");
}

#[test]
fn full_text_search_by_a_chinese_phrase_opens_the_article_at_the_hit() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start("fulltext", dir.path(), "") else {
        return;
    };
    tmux.keys(&["C-f"]);
    tmux.wait_for("the full-text popup", |s| s.contains("Search all issues"));
    tmux.text("促进平台经济");
    let s = tmux.settled("the hit", |s| s.contains("Search all issues (1 article)"));
    assert!(s.contains("Voices about standards"), "{s}");
    tmux.keys(&["Enter"]);
    let s = tmux.settled("the article at the hit", |s| {
        status_line(s).contains("2025-03 \u{203A} Spotlight")
            && status_line(s).contains("match 1/1")
            && !s.contains("Search all issues")
    });
    assert!(
        article_text(&s).iter().any(|l| l.contains("促进平台经济")),
        "the hit is on screen:\n{s}"
    );
    tmux.text("q");
    assert_restored(&tmux, "0");
}
