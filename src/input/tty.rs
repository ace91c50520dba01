//! Keys from the local terminal: raw bytes read from its file descriptor and decoded by the
//! same [`KeyDecoder`] as an SSH channel's, instead of crossterm's event reader.
//!
//! crossterm's reader waits without end for the rest of an escape sequence it has begun (a
//! terminal's half answer `ESC [ ?`, a paste start `ESC [ 200 ~` with no end), and spins once
//! the terminal hangs up. Here an unfinished sequence is settled after [`ESC_WAIT`], and the end
//! of input (a read of 0 bytes, or `EIO` from a hung-up terminal) is [`Input::Closed`].
//!
//! The wait for input also wakes on signals: `SIGWINCH` and the ones the reader handles are
//! written to a pipe (by signal-hook) that is polled with the terminal, so a resize or a
//! `SIGTERM` is seen at once rather than at the next timeout.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use signal_hook::SigId;

use super::decode::{ESC_WAIT, KeyDecoder};
use crate::app::Key;
use crate::event_loop::{EventSource, Input};

/// Bytes taken from the terminal per read: more than a fast typist or a pasted line needs,
/// and the event loop reads again at once while there is more.
const READ_SIZE: usize = 4096;

/// The local terminal as an [`EventSource`].
pub struct TtyEvents {
    input: OwnedFd,
    /// Read end of the signal pipe (non-blocking).
    wake: UnixStream,
    signal_ids: Vec<SigId>,
    decoder: KeyDecoder,
    keys: VecDeque<Key>,
    closed: bool,
}

impl TtyEvents {
    /// Reads keys from `input` (the terminal, or in tests a pipe), waking also on `SIGWINCH`
    /// and on each signal of `wake_on`.
    pub fn new(input: OwnedFd, wake_on: &[i32]) -> io::Result<TtyEvents> {
        let (wake, notify) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        notify.set_nonblocking(true)?;
        let mut signal_ids = Vec::new();
        for &sig in [signal_hook::consts::SIGWINCH].iter().chain(wake_on) {
            signal_ids.push(signal_hook::low_level::pipe::register(
                sig,
                notify.try_clone()?,
            )?);
        }
        Ok(TtyEvents {
            input,
            wake,
            signal_ids,
            decoder: KeyDecoder::new(),
            keys: VecDeque::new(),
            closed: false,
        })
    }

    /// Empties the signal pipe (any number of signals is one wake-up).
    fn drain_wake(&mut self) {
        let mut buf = [0u8; 64];
        while matches!(self.wake.read(&mut buf), Ok(n) if n > 0) {}
    }

    /// One read from the terminal: its keys, or the end of input.
    fn read_input(&mut self) -> io::Result<Option<Input>> {
        let mut buf = [0u8; READ_SIZE];
        match rustix::io::read(&self.input, &mut buf) {
            Ok(0) => Ok(Some(self.close())),
            Ok(n) => {
                self.keys.extend(self.decoder.feed(&buf[..n]));
                Ok(Some(self.keys.pop_front().map_or(Input::Other, Input::Key)))
            }
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => Ok(None),
            // A terminal that hung up answers reads with EIO (Linux) instead of end-of-file.
            Err(rustix::io::Errno::IO) => Ok(Some(self.close())),
            Err(e) => Err(e.into()),
        }
    }

    fn close(&mut self) -> Input {
        self.closed = true;
        Input::Closed
    }
}

impl EventSource for TtyEvents {
    fn next(&mut self, wait: Duration) -> io::Result<Option<Input>> {
        if let Some(k) = self.keys.pop_front() {
            return Ok(Some(Input::Key(k)));
        }
        if self.closed {
            return Ok(Some(Input::Closed));
        }
        let wait = if self.decoder.has_pending() {
            wait.min(ESC_WAIT)
        } else {
            wait
        };
        let timeout = Timespec::try_from(wait).unwrap_or(Timespec {
            tv_sec: 1,
            tv_nsec: 0,
        });
        let mut fds = [
            PollFd::new(&self.input, PollFlags::IN),
            PollFd::new(&self.wake, PollFlags::IN),
        ];
        match poll(&mut fds, Some(&timeout)) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let (tty, woken) = (fds[0].revents(), fds[1].revents());
        if !woken.is_empty() {
            self.drain_wake();
            // The loop looks at the size and the signal flags before it waits again.
            return Ok(Some(Input::Other));
        }
        if tty.intersects(PollFlags::NVAL) {
            return Ok(Some(self.close()));
        }
        if !tty.is_empty() {
            // Readable, or hung up (HUP/ERR): the read says which.
            return self.read_input();
        }
        // Nothing came in time: an unfinished sequence is settled now.
        if self.decoder.has_pending() {
            self.keys.extend(self.decoder.flush());
            return Ok(self.keys.pop_front().map(Input::Key));
        }
        Ok(None)
    }
}

impl Drop for TtyEvents {
    fn drop(&mut self) {
        for id in self.signal_ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// A duplicate of standard input, which the reader requires to be its terminal.
pub fn stdin_fd() -> io::Result<OwnedFd> {
    io::stdin().as_fd().try_clone_to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A source reading from a pipe, and the pipe's write end.
    fn piped() -> (TtyEvents, UnixStream) {
        let (read, write) = UnixStream::pair().unwrap();
        (TtyEvents::new(read.into(), &[]).unwrap(), write)
    }

    /// Every input until nothing more comes within a tick (or the end).
    fn drain(src: &mut TtyEvents) -> Vec<Input> {
        let mut out = Vec::new();
        while let Some(i) = src.next(Duration::from_millis(100)).unwrap() {
            let end = i == Input::Closed;
            out.push(i);
            if end {
                break;
            }
        }
        out
    }

    fn keys(inputs: &[Input]) -> Vec<Key> {
        inputs
            .iter()
            .filter_map(|i| match i {
                Input::Key(k) => Some(*k),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_unfinished_sequence_does_not_hold_back_the_keys_after_it() {
        // A terminal's half answer, a paste start with no end, a stray ESC [ <: each is
        // settled after ESC_WAIT, and the q typed afterwards is a key.
        for junk in [&b"\x1b[?"[..], b"\x1b[<", b"\x1b[200~", b"\x1b[1;"] {
            let (mut src, mut w) = piped();
            w.write_all(junk).unwrap();
            let first = drain(&mut src);
            assert_eq!(keys(&first), [], "{junk:?}");
            w.write_all(b"q").unwrap();
            assert_eq!(keys(&drain(&mut src)), [Key::Char('q')], "{junk:?}");
        }
    }

    #[test]
    fn a_lone_esc_is_esc_and_keys_decode_as_over_ssh() {
        let (mut src, mut w) = piped();
        w.write_all("\x1b[Bj蒙\x03\x1b".as_bytes()).unwrap();
        assert_eq!(
            keys(&drain(&mut src)),
            [
                Key::Down,
                Key::Char('j'),
                Key::Char('蒙'),
                Key::Ctrl('c'),
                Key::Esc
            ]
        );
    }

    #[test]
    fn the_end_of_input_is_closed_and_stays_closed() {
        let (mut src, mut w) = piped();
        w.write_all(b"j").unwrap();
        drop(w);
        assert_eq!(drain(&mut src), [Input::Key(Key::Char('j')), Input::Closed]);
        assert_eq!(src.next(Duration::ZERO).unwrap(), Some(Input::Closed));
    }

    #[test]
    fn a_signal_wakes_the_wait() {
        let (mut src, _w) = piped();
        let sig = signal_hook::consts::SIGUSR2;
        let (read, _write) = UnixStream::pair().unwrap();
        let mut woken = TtyEvents::new(read.into(), &[sig]).unwrap();
        signal_hook::low_level::raise(sig).unwrap();
        // An hour's wait returns at once with something for the loop to look at.
        assert_eq!(
            woken.next(Duration::from_secs(3600)).unwrap(),
            Some(Input::Other)
        );
        // Nothing for the other source, which does not listen for it.
        assert_eq!(src.next(Duration::ZERO).unwrap(), None);
    }
}
