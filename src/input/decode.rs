//! Keys from the bytes a terminal sends: the local one (`tty`) and an SSH client's (`serve`)
//! go through this one decoder, so both readers take the same keys the same way. Covers what
//! the reader's keymap uses: printable UTF-8 (Chinese included), Enter, Tab, Shift-Tab,
//! Backspace, Esc, Ctrl-letters, arrows, Home/End, PgUp/PgDn, in both the CSI (`ESC [`) and
//! SS3 (`ESC O`) forms terminals send. Anything else (function keys, Alt chords, mouse or focus
//! reports, a bracketed-paste marker) is dropped whole.
//!
//! A lone ESC is ambiguous with the start of a sequence cut between two reads, so an ESC or
//! an unfinished sequence at the end of the bytes waits: [`KeyDecoder::flush`] (called when
//! nothing more arrived within [`ESC_WAIT`]) turns a lone ESC into the Esc key and drops any
//! other unfinished sequence. No sequence can hold the keys after it back for longer than that
//! (a terminal's half answer such as `ESC [ ?` would otherwise leave the reader deaf).

use std::time::Duration;

use crate::app::Key;

/// How long a trailing ESC waits for the rest of a sequence before it counts as Esc.
pub const ESC_WAIT: Duration = Duration::from_millis(30);

/// Longest escape sequence kept while waiting for its end; longer ones are dropped.
const MAX_PENDING: usize = 32;

#[derive(Debug, Default)]
pub struct KeyDecoder {
    /// Bytes of an unfinished sequence or UTF-8 character.
    pending: Vec<u8>,
    /// The last byte was CR: a following LF is the same Enter (pasted CRLF).
    after_cr: bool,
}

/// What the start of the buffer holds.
enum Step {
    /// A key (or nothing, for input the reader ignores), and the bytes it took.
    Done(Option<Key>, usize),
    /// More bytes are needed to tell.
    Incomplete,
}

impl KeyDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes `bytes` (after anything left pending) into keys.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Key> {
        self.pending.extend_from_slice(bytes);
        let mut keys = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            match step(&self.pending[at..]) {
                Step::Done(key, used) => {
                    let lf_after_cr = self.after_cr && self.pending[at] == b'\n';
                    self.after_cr = self.pending[at] == b'\r';
                    if let Some(k) = key.filter(|_| !lf_after_cr) {
                        keys.push(k);
                    }
                    at += used;
                }
                Step::Incomplete if self.pending.len() - at > MAX_PENDING => {
                    // Not a sequence we will ever finish: drop it all.
                    at = self.pending.len();
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        keys
    }

    /// Whether bytes are waiting for the rest of a sequence.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Nothing more came: a pending lone ESC is the Esc key; any other partial sequence or
    /// character is dropped.
    pub fn flush(&mut self) -> Vec<Key> {
        let keys = if self.pending == [0x1b] {
            vec![Key::Esc]
        } else {
            Vec::new()
        };
        self.pending.clear();
        keys
    }
}

fn step(b: &[u8]) -> Step {
    let first = b[0];
    let key = match first {
        0x1b => return escape(b),
        b'\r' | b'\n' => Key::Enter,
        b'\t' => Key::Tab,
        0x7f | 0x08 => Key::Backspace,
        // Ctrl-A .. Ctrl-Z (Tab, LF, CR and Ctrl-H are taken above, as terminals send them).
        0x01..=0x1a => Key::Ctrl(char::from(b'a' + first - 1)),
        0x00 | 0x1c..=0x1f => return Step::Done(None, 1),
        _ => return utf8(b),
    };
    Step::Done(Some(key), 1)
}

/// A UTF-8 character at the start of `b`.
fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0x20..=0x7e => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        // A stray continuation byte or an invalid lead: skip it.
        _ => return Step::Done(None, 1),
    };
    if b.len() < len {
        // A character cut between packets, unless what is there already cannot be one.
        if b[1..].iter().all(|c| c & 0xc0 == 0x80) {
            return Step::Incomplete;
        }
        return Step::Done(None, 1);
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => Step::Done(s.chars().next().map(Key::Char), len),
        Err(_) => Step::Done(None, 1),
    }
}

/// An escape sequence (or a lone ESC) at the start of `b`.
fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else {
        return Step::Incomplete;
    };
    match second {
        b'[' => csi(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&f) if (0x40..=0x7e).contains(&f) => Step::Done(final_key(f), 3),
            // Not SS3 (Alt-O, then e.g. the ESC of the next key): leave that byte be.
            Some(_) => Step::Done(None, 2),
        },
        // ESC ESC: the first is Esc on its own.
        0x1b => Step::Done(Some(Key::Esc), 1),
        // Alt chords: the reader has none; drop ESC and the key (whole UTF-8 char).
        _ => match utf8(&b[1..]) {
            Step::Done(_, used) => Step::Done(None, 1 + used),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

/// `ESC [ params final`: params are digits, `;` and the like (0x30..=0x3f), then
/// intermediates (0x20..=0x2f), then one final byte (0x40..=0x7e).
fn csi(b: &[u8]) -> Step {
    let mut i = 2;
    while i < b.len() && (0x20..=0x3f).contains(&b[i]) {
        i += 1;
    }
    let Some(&fin) = b.get(i) else {
        return Step::Incomplete;
    };
    if !(0x40..=0x7e).contains(&fin) {
        // Not a CSI after all: drop the ESC [ and read on.
        return Step::Done(None, 2);
    }
    let params = std::str::from_utf8(&b[2..i]).unwrap_or("");
    let key = if fin == b'~' {
        // `5~`, or with modifiers `5;2~`: the first number names the key.
        match params.split(';').next().unwrap_or("") {
            "1" | "7" => Some(Key::Home),
            "4" | "8" => Some(Key::End),
            "5" => Some(Key::PageUp),
            "6" => Some(Key::PageDown),
            _ => None,
        }
    } else if params.starts_with(['<', '?', '>', '=']) {
        // Mouse and private replies, never keys.
        None
    } else {
        final_key(fin)
    };
    Step::Done(key, i + 1)
}

/// The key named by the final byte of `ESC [ x` or `ESC O x` (modifiers ignored, as locally).
fn final_key(f: u8) -> Option<Key> {
    Some(match f {
        b'A' => Key::Up,
        b'B' => Key::Down,
        b'C' => Key::Right,
        b'D' => Key::Left,
        b'H' => Key::Home,
        b'F' => Key::End,
        b'Z' => Key::BackTab,
        _ => return None,
    })
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
