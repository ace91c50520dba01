//! End to end: the real binary in tmux at 80x24 on the built-in archive. Opens, fuzzy-jumps
//! by a Chinese fragment, steps to the next column, shows the help, survives resizes, quits
//! with status 0 and leaves the terminal as it was (main screen, cursor shown, cooked mode).
//!
//! Without tmux the test is skipped with a notice, except under CI (env `CI` set), where a
//! missing tmux is a failure: a green CI must mean this ran.

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

/// Starts the reader in a private tmux server at 80x24, or returns None (after a notice) when
/// tmux is missing outside CI. After the reader exits, the pane prints `EXIT=<status>` and the
/// tty's canonical-mode flag, and stays open for inspection. The reader's pid is written to
/// `pid_file`.
fn start(name: &str, pid_file: &std::path::Path) -> Option<Tmux> {
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
    let pid_file = pid_file.display();
    let script = format!(
        "env -u MAGREADER_ARCHIVE -u NO_COLOR sh -c 'echo $$ > \"{pid_file}\"; exec \"{bin}\"'; \
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
    let Some(tmux) = start("keys", &dir.path().join("pid")) else {
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
    let s = tmux.wait_for("the help", |s| s.contains("Keys (Esc closes)"));
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
        let Some(tmux) = start(&sig.to_lowercase(), &pid_file) else {
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
