//! End to end, in tmux: the reader is started from an interactive shell, then ended by
//! SIGTERM, SIGHUP, SIGINT, SIGABRT or a panic. Afterwards the shell must be usable — typed commands
//! run, `stty -a` shows `echo` and `icanon` (and the rest of cooked mode) back on — and the
//! pane is back on the main screen with the cursor shown. SIGKILL, which no program can
//! handle, is the control: it shows these checks do see a tty left raw.

use crate::tmux_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tmux_support::*;

/// Starts the reader (built-in archive) from the shell; returns the file holding its pid.
/// Its reading memory goes to the tmux shell's temporary MAGREADER_STATE_DIR.
fn start_reader(tmux: &Tmux) -> PathBuf {
    let pid_file = tmux.start_reader(&[]);
    tmux.wait_for("the reader", |s| s.contains("Issues ("));
    tmux.wait_display("#{alternate_on}", "1");
    // Mid-interaction: a popup open, a query typed.
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("stand");
    // Read by the reader before it is ended: keys still queued in the terminal would go to
    // the shell afterwards (`standlast=$?` ...), and the checks would read a wrong status.
    tmux.wait_for("the query", |s| s.contains("> stand"));
    pid_file
}

fn kill(sig: &str, pid_file: &Path) {
    let pid = std::fs::read_to_string(pid_file).expect("pid file");
    let out = std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.trim())
        .output()
        .unwrap();
    assert!(out.status.success(), "kill -{sig}: {out:?}");
}

/// After the reader ended: the shell is usable (see [`tmux_support::assert_shell_usable`])
/// and the reader's screen is gone.
fn assert_reader_gone(tmux: &Tmux, status: &str, what: &str) {
    assert_shell_usable(tmux, status, what);
    let s = tmux.screen();
    assert!(!s.contains("Jump to article"), "{what}: reader gone:\n{s}");
}

fn signal_case(sig: &str, status: &str) {
    let Some(tmux) = Tmux::shell(&format!("sig-{}", sig.to_lowercase()), 80, 24) else {
        return;
    };
    let pid_file = start_reader(&tmux);
    kill(sig, &pid_file);
    tmux.wait_display("#{alternate_on}", "0");
    // As a person types only once the prompt is back: the main screen returns a moment before
    // the process has ended (an abort restores from a signal handler while the reader's other
    // threads still run), and the status is only the shell's to report after that.
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let start = std::time::Instant::now();
    while is_running(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "SIG{sig}: the reader (pid {pid}) still runs"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_reader_gone(&tmux, status, &format!("SIG{sig}"));
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_case("TERM", "143");
}

/// An SSH connection dropping.
#[test]
fn sighup_restores_the_terminal() {
    signal_case("HUP", "129");
}

/// `kill -INT` from elsewhere (typing Ctrl-C in the reader is a key, not a signal: raw mode).
#[test]
fn sigint_restores_the_terminal() {
    signal_case("INT", "130");
}

/// An abort (what an allocation failure ends in, past every destructor and the panic hook).
#[test]
fn sigabrt_restores_the_terminal() {
    signal_case("ABRT", "134");
}

/// The control: SIGKILL cannot be caught, so the tty stays raw — and the checks above see it.
#[test]
fn sigkill_leaves_the_tty_raw_and_the_checks_see_it() {
    let Some(tmux) = Tmux::shell("sig-kill", 80, 24) else {
        return;
    };
    let pid_file = start_reader(&tmux);
    kill("KILL", &pid_file);
    let flags = tmux.stty_flags("stty");
    assert!(
        flags.iter().any(|f| f == "-icanon") && flags.iter().any(|f| f == "-echo"),
        "a tty left raw shows -icanon -echo: {flags:?}"
    );
    // Put it back, to show the same checks pass once the modes are restored.
    tmux.run("stty sane");
    assert_cooked(&tmux.stty_flags("sane"), "after stty sane");
}

/// The terminal going away under the reader (an SSH connection dropping: sshd closes the
/// pty). Here tmux's server is killed, closing the pane's pty; the shell gets SIGHUP, the
/// reader (its own process group, a job of the shell) may get none, and reads end-of-file on
/// its tty from then on. It must end by itself, promptly, not spin.
#[test]
fn a_vanished_terminal_ends_the_reader() {
    let Some(tmux) = Tmux::shell("vanish", 80, 24) else {
        return;
    };
    let pid_file = start_reader(&tmux);
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // Idle, waiting for input (as a reader is when the connection drops): killed mid-frame
    // it would notice through a failed write.
    tmux.wait_for("the query", |s| s.contains("stand"));
    std::thread::sleep(Duration::from_millis(700));
    assert!(is_running(pid), "the reader runs (pid {pid})");
    tmux.ok(&["kill-server"]);
    let start = std::time::Instant::now();
    while is_running(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the reader (pid {pid}) still runs 10 s after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    println!(
        "reader ended {:?} after its terminal went away",
        start.elapsed()
    );
}

/// Env var telling [`panic_child`] it was started by [`a_panic_restores_the_terminal`].
const PANIC_CHILD: &str = "MAGREADER_E2E_PANIC_CHILD";
const PANIC_MESSAGE: &str = "deliberate test panic in the reader";

/// A panic while the reader runs: this test binary is started again in the tmux shell, running
/// only [`panic_child`], which opens the real reader (`tui::run`, with its real panic hook) and
/// panics from another thread once the reader is up. The hook must restore the terminal before
/// the panic message is printed; the child then exits with status 101 like a panicking program.
/// This needs no test hook in the reader itself.
/// `panic_child` as the test harness names it: its module path below the crate root.
fn panic_child_name() -> String {
    match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::panic_child"),
        None => "panic_child".into(),
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    let Some(tmux) = Tmux::shell("panic", 80, 24) else {
        return;
    };
    let exe = std::env::current_exe().unwrap();
    // The shell's environment already points MAGREADER_STATE_DIR at a temporary directory.
    tmux.start_tracked(&format!(
        "env {PANIC_CHILD}=1 RUST_BACKTRACE=0 '{}' {} --exact --ignored --nocapture --test-threads=1",
        exe.display(),
        panic_child_name()
    ));
    tmux.wait_for("the reader", |s| s.contains("Issues ("));
    tmux.wait_display("#{alternate_on}", "0");
    // The message is on the main screen, and the shell prompt after it: the child has ended.
    let s = tmux.wait_for("the panic message, then the prompt", |s| {
        s.find(PANIC_MESSAGE)
            .is_some_and(|at| s[at..].contains(PROMPT.trim_end()))
    });
    assert!(s.contains("panicked"), "{s}");
    assert_reader_gone(&tmux, "101", "panic");
}

/// Child of [`a_panic_restores_the_terminal`]; does nothing when run any other way.
#[test]
#[ignore = "run by a_panic_restores_the_terminal inside tmux"]
fn panic_child() {
    if std::env::var_os(PANIC_CHILD).is_none() {
        return;
    }
    let (archive, _) = magreader::archive::load_builtin();
    // The reader chains its hook in front of this one, so this runs after the terminal is
    // restored: print the message as usual, then end the process as a panic in the reader's
    // own thread would (status 101), before the reader's loop can draw again.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        std::process::exit(101);
    }));
    // As main.rs does, keep stdout locked on this thread for the whole run: restoring from
    // the panicking thread must not wait for that lock.
    let _held = std::io::stdout().lock();
    std::thread::spawn(|| {
        // Long enough for the reader to draw its first frame.
        std::thread::sleep(Duration::from_millis(2500));
        panic!("{PANIC_MESSAGE}");
    });
    let _ = magreader::tui::run(archive, magreader::tui::Options::default());
    unreachable!("the reader was ended by the panic");
}
