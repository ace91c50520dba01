//! A copy of the reading memory that another thread can save when the reader's own thread
//! cannot: the local reader's watchdog ends a reader stuck after a hang-up or a signal (a write
//! to a terminal that no longer drains, say), and without this the place read since the last
//! periodic save would be lost with it.
//!
//! The reader's loop hands over a copy whenever the memory changed ([`LastChance::keep`]);
//! the watchdog saves it ([`LastChance::save_within`]) with a deadline, so a save that cannot
//! finish (a state directory on a hung network filesystem) does not keep the process alive.
//! Saving an older copy after the reader saved a newer state loses nothing: saves merge, and
//! the newer entries win by their time stamps.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Memory;

#[derive(Clone, Default)]
pub struct LastChance(Arc<Mutex<Option<Memory>>>);

impl LastChance {
    pub fn new() -> LastChance {
        LastChance::default()
    }

    /// Keeps a copy of `memory` if it has unsaved changes not yet copied.
    pub fn keep(&self, memory: &Memory) {
        if !memory.is_dirty() {
            return;
        }
        let Ok(mut kept) = self.0.lock() else {
            return;
        };
        if kept.as_ref().map(Memory::changes) != Some(memory.changes()) {
            *kept = Some(memory.clone());
        }
    }

    /// Saves the copy (if it has unsaved changes), waiting at most `limit`. Returns whether
    /// it was saved in time.
    pub fn save_within(&self, limit: Duration) -> bool {
        let kept = self.0.clone();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let saved = match kept.lock() {
                Ok(mut kept) => match kept.as_mut() {
                    Some(m) => m.save_if_dirty().is_ok(),
                    None => true,
                },
                Err(_) => false,
            };
            let _ = done.send(saved);
        });
        finished.recv_timeout(limit).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "First paragraph.\n\nSecond paragraph, where the reader stopped.\n";

    #[test]
    fn the_kept_copy_is_saved_with_the_latest_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Memory::open(dir.path());
        let last = LastChance::new();
        assert!(last.save_within(Duration::from_secs(10)), "nothing to save");
        m.set_position("i", "a", BODY, 5);
        last.keep(&m);
        let at = BODY.find("where").unwrap();
        m.set_position("i", "a", BODY, at);
        last.keep(&m);
        assert!(last.save_within(Duration::from_secs(10)));
        let saved = Memory::open(dir.path());
        assert_eq!(saved.resume_offset("i", "a", BODY), Some(at));
    }

    #[test]
    fn a_save_that_cannot_finish_is_given_up() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Memory::open(dir.path());
        m.set_last_opened("i", "a");
        let last = LastChance::new();
        last.keep(&m);
        // Another reader holds the save lock (for ever, as far as this save can tell).
        let _held = crate::memory::file::lock(dir.path()).unwrap();
        assert!(!last.save_within(Duration::from_millis(100)));
    }
}
