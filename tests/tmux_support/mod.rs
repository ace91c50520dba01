//! Shared by the hostile_tmux, e2e_signals and e2e_tmux tests: an interactive shell in a private tmux
//! server, driven like a person at a terminal (type a command, read the screen).
//!
//! The shell is `dash -i`: it has no line editor, so it never touches the terminal modes
//! itself, and whatever mode a program leaves the tty in is what the next command sees (bash
//! would quietly restore its saved modes after a job killed by a signal, hiding a reader that
//! failed to). Without tmux the tests are skipped with a notice, except under CI (env `CI`
//! set), where a missing tmux fails them: a green CI must mean they ran.

#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The shell's prompt: unlikely to appear in any program's output.
pub const PROMPT: &str = "READY$ ";

/// A private tmux server (its own socket) with one session `t`, killed when dropped, with
/// every reader started through [`Tmux::start_reader`] (so a failed test leaves no process
/// behind).
pub struct Tmux {
    socket: String,
    /// The readers' state directory (`MAGREADER_STATE_DIR`): reading memory stays out of the
    /// user's own, and every test starts with none.
    state: tempfile::TempDir,
    /// Where readers started with [`Tmux::start_reader`] write their pids.
    pid_dir: tempfile::TempDir,
    readers: std::cell::Cell<usize>,
}

/// The binary under test, quoted for the shell.
pub fn bin() -> String {
    format!("'{}'", env!("CARGO_BIN_EXE_magreader"))
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `dash` when installed (Debian's /bin/sh), else `sh`.
fn shell() -> &'static str {
    if Path::new("/usr/bin/dash").exists() || Path::new("/bin/dash").exists() {
        "dash"
    } else {
        "sh"
    }
}

impl Tmux {
    /// Starts an interactive shell at `width`x`height`, or returns None (after a notice) when
    /// tmux is missing outside CI.
    pub fn shell(name: &str, width: u16, height: u16) -> Option<Tmux> {
        if !tmux_available() {
            if std::env::var_os("CI").is_some() {
                panic!("tmux is required for the tmux tests under CI (install it in .ci/run)");
            }
            eprintln!("NOTICE: tmux not found; skipping the tmux test {name}");
            return None;
        }
        let tmux = Tmux {
            socket: format!("magreader-{name}-{}", std::process::id()),
            state: tempfile::tempdir().expect("a temporary state directory"),
            pid_dir: tempfile::tempdir().expect("tempdir"),
            readers: std::cell::Cell::new(0),
        };
        // A clean environment for what the reader reads; the prompt set for the shell.
        let cmd = format!(
            "env -u MAGREADER_ARCHIVE -u NO_COLOR -u ENV MAGREADER_STATE_DIR='{}' PS1='{PROMPT}' {} -i",
            tmux.state.path().display(),
            shell()
        );
        tmux.ok(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            &cmd,
        ]);
        tmux.wait_for("the shell prompt", |s| s.contains(PROMPT.trim_end()));
        Some(tmux)
    }

    /// The readers' state directory (where `state.json` is kept).
    pub fn state_dir(&self) -> &Path {
        self.state.path()
    }

    /// Types a command line starting the reader with `args` (each quoted), and returns the
    /// file its pid is written to.
    pub fn start_reader(&self, args: &[&str]) -> std::path::PathBuf {
        let mut command = bin();
        for a in args {
            assert!(!a.contains(['\'', '"', '$', '\\']), "{a}");
            command.push_str(&format!(" '{a}'"));
        }
        self.start_tracked(&command)
    }

    /// Types a command line running `command` (a program and its arguments, single-quoted
    /// where needed, no `"` or `$`) as a job of the shell whose pid is recorded, so it is
    /// killed with the server if the test fails. Returns the file holding the pid.
    pub fn start_tracked(&self, command: &str) -> std::path::PathBuf {
        assert!(!command.contains(['"', '$']), "{command}");
        let n = self.readers.get();
        self.readers.set(n + 1);
        let pid_file = self.pid_dir.path().join(format!("reader-{n}.pid"));
        self.run(&format!(
            "sh -c \"echo \\$\\$ > '{}'; exec {command}\"",
            pid_file.display()
        ));
        pid_file
    }

    /// Pids of the programs started so far (those that got as far as writing theirs).
    pub fn reader_pids(&self) -> Vec<u32> {
        (0..self.readers.get())
            .filter_map(|n| {
                std::fs::read_to_string(self.pid_dir.path().join(format!("reader-{n}.pid"))).ok()
            })
            .filter_map(|s| s.trim().parse().ok())
            .collect()
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    pub fn ok(&self, args: &[&str]) {
        let out = self.cmd(args);
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The visible screen of the session's first pane, one line per row.
    pub fn screen(&self) -> String {
        self.screen_of("t:0")
    }

    pub fn screen_of(&self, target: &str) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", target]).stdout)
            .into_owned()
    }

    /// A tmux format evaluated for the first pane, e.g. `#{pane_title}`.
    pub fn display(&self, format: &str) -> String {
        self.display_of("t:0", format)
    }

    pub fn display_of(&self, target: &str, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", target, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen after 10 s.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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
    pub fn settled(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    /// Waits until a tmux format gives `want`; panics after 10 s.
    pub fn wait_display(&self, format: &str, want: &str) {
        let start = Instant::now();
        while self.display(format) != want {
            if start.elapsed() > Duration::from_secs(10) {
                panic!(
                    "{format} is {:?}, not {want:?}; screen:\n{}",
                    self.display(format),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t:0"];
        args.extend_from_slice(keys);
        self.ok(&args);
    }

    /// Types text literally (no key names).
    pub fn text(&self, text: &str) {
        self.ok(&["send-keys", "-t", "t:0", "-l", text]);
    }

    /// Types a shell command line and ends it with a newline (C-j, which a shell reads as the
    /// end of the line whatever mode the tty was left in; Enter sends CR, which a tty left in
    /// raw mode would no longer turn into a newline).
    pub fn run(&self, line: &str) {
        self.text(line);
        self.keys(&["C-j"]);
    }

    /// Runs `line` in the shell and returns what it printed: the text between two markers that
    /// only the output (not the echoed command line) contains. Works on a tty left raw too
    /// (no echo, no CR before LF): the markers are found anywhere on the screen. The status of
    /// the previous command is in `$last` for `line`.
    pub fn output_of(&self, line: &str, tag: &str) -> String {
        // `$((n+0))` is expanded by the shell, so `BEGIN-<tag>-7` appears only in the output.
        let begin = format!("BEGIN-{tag}-7");
        let end = format!("END-{tag}-7");
        self.run(&format!(
            "last=$?; echo BEGIN-{tag}-$((7+0)); {line}; echo END-{tag}-$((7+0))"
        ));
        let start = Instant::now();
        let s = loop {
            // Joined: on a tty left raw (no CR before LF) output runs on past the right edge.
            let s = String::from_utf8_lossy(
                &self.cmd(&["capture-pane", "-p", "-J", "-t", "t:0"]).stdout,
            )
            .into_owned();
            if s.rfind(&begin).is_some_and(|b| s[b..].contains(&end)) {
                break s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for the output of {line:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let b = s.rfind(&begin).unwrap() + begin.len();
        let e = b + s[b..].find(&end).unwrap();
        s[b..e].to_string()
    }

    /// The tty's modes as `stty -a` prints them, split into flags (`echo`, `-icanon`, …).
    pub fn stty_flags(&self, tag: &str) -> Vec<String> {
        self.output_of("stty -a", tag)
            .split(|c: char| c.is_whitespace() || c == ';')
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
        // A reader still running (a failed test) goes too, by its own pid only.
        for pid in self.reader_pids() {
            if is_running(pid) {
                let _ = Command::new("kill")
                    .arg("-KILL")
                    .arg(pid.to_string())
                    .output();
            }
        }
    }
}

/// Whether process `pid` exists and has not ended (a zombie counts as ended).
pub fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let state = s.rsplit_once(") ")?.1.chars().next()?;
            Some(state != 'Z' && state != 'X')
        })
        .unwrap_or(false)
}

/// Asserts the tty is in the mode a shell needs: `echo` and `icanon` on.
pub fn assert_cooked(flags: &[String], what: &str) {
    for f in ["echo", "icanon", "isig", "icrnl", "opost"] {
        assert!(
            flags.iter().any(|x| x == f),
            "{what}: `{f}` is off (tty not restored): {flags:?}"
        );
    }
}

/// After a program ended in the shell: the shell runs commands again and reports `status`,
/// the tty is in cooked mode, the main screen is back and the cursor is shown.
pub fn assert_shell_usable(tmux: &Tmux, status: &str, what: &str) {
    let out = tmux.output_of("echo EXIT=$last", "status");
    assert!(
        out.contains(&format!("EXIT={status}")),
        "{what}: exit status: {out:?}"
    );
    assert_cooked(&tmux.stty_flags("stty"), what);
    assert_eq!(tmux.display("#{alternate_on}"), "0", "{what}: main screen");
    assert_eq!(tmux.display("#{cursor_flag}"), "1", "{what}: cursor shown");
}
