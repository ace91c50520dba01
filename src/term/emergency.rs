//! Restoring the terminal when the process is aborted (`SIGABRT`: an allocation failure ends a
//! Rust program that way, past every `Drop` and the panic hook). Only async-signal-safe calls
//! may run in a signal handler, so the terminal's modes are saved here before raw mode is
//! entered, and the handler puts them back with one system call and writes the fixed bytes
//! that leave the alternate screen (with system calls only: dup, open, dup2, ioctl, write),
//! then lets the abort go on.

use std::os::fd::AsFd;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use rustix::fs::{Mode, OFlags};
use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};

/// The modes before raw mode, put back by the handler.
static SAVED: OnceLock<Termios> = OnceLock::new();

/// Whether the reader has the terminal (raw mode, alternate screen) right now.
static ARMED: AtomicBool = AtomicBool::new(false);

/// End a synchronized update, leave the alternate screen, show the cursor (what
/// `tui::restore` sends, as fixed bytes).
const LEAVE: &[u8] = b"\x1b[?2026l\x1b[?1049l\x1b[?25h";

/// Saves the terminal's modes (before raw mode) and installs the abort handler, once.
pub fn arm() -> std::io::Result<()> {
    let modes = tcgetattr(std::io::stdin().as_fd())?;
    let _ = SAVED.set(modes);
    static INSTALLED: OnceLock<()> = OnceLock::new();
    if INSTALLED.get().is_none() {
        // SAFETY: the action only loads an atomic, reads a value set before it was armed,
        // and makes system calls (write, ioctl, and signal-hook's re-raise), all
        // async-signal-safe.
        unsafe {
            signal_hook::low_level::register(signal_hook::consts::SIGABRT, on_abort)?;
        }
        let _ = INSTALLED.set(());
    }
    ARMED.store(true, Ordering::SeqCst);
    Ok(())
}

/// The terminal has been restored the ordinary way: nothing for the handler to do.
pub fn disarm() {
    ARMED.store(false, Ordering::SeqCst);
}

fn on_abort() {
    if ARMED.swap(false, Ordering::SeqCst) {
        // SAFETY: fds 0 and 1 are the terminal for as long as the reader runs.
        let (stdin, stdout) = unsafe {
            (
                std::os::fd::BorrowedFd::borrow_raw(0),
                std::os::fd::BorrowedFd::borrow_raw(1),
            )
        };
        // The reader's main thread may be drawing on another CPU right now, and a frame it
        // writes after the bytes below would land on the shell's screen (a scroll region, a
        // synchronized update left open). So the handler keeps its own copy of the terminal
        // and points fd 1 at /dev/null: what the drawing thread writes from now on is lost.
        let terminal = rustix::io::dup(stdout).ok();
        if let Ok(null) = rustix::fs::open("/dev/null", OFlags::WRONLY, Mode::empty()) {
            let _ = rustix::stdio::dup2_stdout(&null);
        }
        // Modes first: another thread of ours may still be reading the terminal, and in
        // cooked mode it cannot take a partly typed line meant for the shell, which the main
        // screen coming back (below) invites.
        if let Some(modes) = SAVED.get() {
            let _ = tcsetattr(stdin, OptionalActions::Now, modes);
        }
        if let Some(terminal) = &terminal {
            let _ = rustix::io::write(terminal, LEAVE);
        }
    }
    // The handler replaced the default action; end the process as the abort meant to.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGABRT);
}
