//! A session's input: keys and resizes from the connection handler, and the idle timeout.
//!
//! The waiting and the clock sit behind [`Inbox`], so the idle rule (no key for the timeout
//! ends the session; each key starts the count again) is tested with a clock the test moves
//! by hand, not by waiting.

use std::io;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::error::TryRecvError;

use crate::app::Key;
use crate::event_loop::{EventSource, Input};
use crate::input::{ESC_WAIT, KeyDecoder};

use super::session::SessionEvent;

pub(super) enum Received {
    Event(SessionEvent),
    Nothing,
    /// The handler is gone (the connection ended).
    Gone,
}

/// Where a session's events come from, and what time it is.
pub(super) trait Inbox {
    fn now(&self) -> Instant;
    /// The next event, waiting at most `wait` (not at all for zero).
    fn recv(&mut self, wait: Duration) -> Received;
}

/// The connection handler's channel and the real clock.
pub(super) struct ChannelInbox {
    pub rx: tokio::sync::mpsc::Receiver<SessionEvent>,
    /// To wait on `rx` with a timeout from the session's (non-runtime) thread.
    pub runtime: tokio::runtime::Handle,
}

impl Inbox for ChannelInbox {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn recv(&mut self, wait: Duration) -> Received {
        if wait.is_zero() {
            return match self.rx.try_recv() {
                Ok(ev) => Received::Event(ev),
                Err(TryRecvError::Empty) => Received::Nothing,
                Err(TryRecvError::Disconnected) => Received::Gone,
            };
        }
        let rx = &mut self.rx;
        match self
            .runtime
            .block_on(async { tokio::time::timeout(wait, rx.recv()).await })
        {
            Ok(Some(ev)) => Received::Event(ev),
            Ok(None) => Received::Gone,
            Err(_) => Received::Nothing,
        }
    }
}

/// Keys and resizes for the reader; ends the loop when the channel closes or the reader has
/// typed nothing for the idle timeout.
pub(super) struct ChannelEvents<I: Inbox = ChannelInbox> {
    inbox: I,
    decoder: KeyDecoder,
    keys: std::collections::VecDeque<Key>,
    idle_timeout: Duration,
    last_key: Instant,
    closed: bool,
    /// True once the session ended for want of keys.
    pub idle: bool,
}

impl<I: Inbox> ChannelEvents<I> {
    pub fn new(inbox: I, idle_timeout: Duration) -> Self {
        ChannelEvents {
            last_key: inbox.now(),
            inbox,
            decoder: KeyDecoder::new(),
            keys: Default::default(),
            idle_timeout,
            closed: false,
            idle: false,
        }
    }
}

impl<I: Inbox> EventSource for ChannelEvents<I> {
    fn next(&mut self, wait: Duration) -> io::Result<Option<Input>> {
        if let Some(k) = self.keys.pop_front() {
            return Ok(Some(Input::Key(k)));
        }
        if self.closed {
            return Ok(Some(Input::Closed));
        }
        let idle_for = self.inbox.now().saturating_duration_since(self.last_key);
        let idle_left = self.idle_timeout.saturating_sub(idle_for);
        if idle_left.is_zero() {
            self.idle = true;
            self.closed = true;
            return Ok(Some(Input::Closed));
        }
        // Wake up when the timeout runs out, not a whole wait later.
        let mut wait = wait.min(idle_left);
        if self.decoder.has_pending() {
            wait = wait.min(ESC_WAIT);
        }
        let input = match self.inbox.recv(wait) {
            Received::Event(SessionEvent::Data(bytes, _room)) => {
                self.last_key = self.inbox.now();
                self.keys.extend(self.decoder.feed(&bytes));
                Some(self.keys.pop_front().map_or(Input::Other, Input::Key))
            }
            Received::Event(SessionEvent::Resize(w, h)) => Some(Input::Resize(w, h)),
            Received::Event(SessionEvent::Closed) | Received::Gone => {
                self.closed = true;
                Some(Input::Closed)
            }
            Received::Nothing if self.decoder.has_pending() => {
                self.keys.extend(self.decoder.flush());
                self.keys.pop_front().map(Input::Key)
            }
            Received::Nothing => None,
        };
        Ok(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::rc::Rc;
    use std::sync::Arc;

    /// A clock moved only by the test (and by waits that time out), and events that arrive
    /// at given times.
    struct Script {
        now: Rc<Cell<Instant>>,
        arrivals: VecDeque<(Instant, SessionEvent)>,
        /// Every wait asked for.
        waits: Rc<RefCell<Vec<Duration>>>,
    }

    impl Inbox for Script {
        fn now(&self) -> Instant {
            self.now.get()
        }

        fn recv(&mut self, wait: Duration) -> Received {
            self.waits.borrow_mut().push(wait);
            let until = self.now.get() + wait;
            match self.arrivals.front() {
                Some((at, _)) if *at <= until => {
                    self.now.set(self.now.get().max(*at));
                    Received::Event(self.arrivals.pop_front().unwrap().1)
                }
                _ => {
                    self.now.set(until);
                    Received::Nothing
                }
            }
        }
    }

    const TIMEOUT: Duration = Duration::from_secs(30 * 60);
    const EPSILON: Duration = Duration::from_millis(1);

    struct Fixture {
        events: ChannelEvents<Script>,
        start: Instant,
        now: Rc<Cell<Instant>>,
        waits: Rc<RefCell<Vec<Duration>>>,
    }

    impl Fixture {
        /// A session started now, with `keys` typed at the given offsets from its start.
        fn new(keys: &[(Duration, &[u8])]) -> Fixture {
            let start = Instant::now();
            let now = Rc::new(Cell::new(start));
            let waits = Rc::default();
            let budget = Arc::new(tokio::sync::Semaphore::new(1 << 20));
            let arrivals = keys
                .iter()
                .map(|(at, bytes)| {
                    let room = Arc::clone(&budget)
                        .try_acquire_many_owned(bytes.len() as u32)
                        .unwrap();
                    (start + *at, SessionEvent::Data(bytes.to_vec(), room))
                })
                .collect();
            let script = Script {
                now: Rc::clone(&now),
                arrivals,
                waits: Rc::clone(&waits),
            };
            Fixture {
                events: ChannelEvents::new(script, TIMEOUT),
                start,
                now,
                waits,
            }
        }

        /// Moves the clock to `at` after the start (never back).
        fn at(&self, at: Duration) {
            assert!(
                self.start + at >= self.now.get(),
                "the clock only goes forward"
            );
            self.now.set(self.start + at);
        }

        /// What the loop gets when it asks without waiting.
        fn poll(&mut self) -> Option<Input> {
            self.events.next(Duration::ZERO).unwrap()
        }
    }

    #[test]
    fn a_session_with_no_key_for_just_under_the_timeout_goes_on() {
        let mut f = Fixture::new(&[]);
        f.at(TIMEOUT - EPSILON);
        assert_eq!(f.poll(), None);
        assert!(!f.events.idle);
    }

    #[test]
    fn a_session_with_no_key_for_the_timeout_is_closed_as_idle() {
        let mut f = Fixture::new(&[]);
        f.at(TIMEOUT);
        assert_eq!(f.poll(), Some(Input::Closed));
        assert!(f.events.idle);
        // And stays closed.
        assert_eq!(f.poll(), Some(Input::Closed));
    }

    #[test]
    fn a_key_starts_the_count_again() {
        let typed = TIMEOUT - EPSILON;
        let mut f = Fixture::new(&[(typed, b"j")]);
        f.at(typed);
        assert_eq!(f.poll(), Some(Input::Key(Key::Char('j'))));
        // A whole timeout after the start, but only a moment after the key.
        f.at(TIMEOUT);
        assert_eq!(f.poll(), None);
        f.at(typed + TIMEOUT - EPSILON);
        assert_eq!(f.poll(), None);
        assert!(!f.events.idle);
        f.at(typed + TIMEOUT);
        assert_eq!(f.poll(), Some(Input::Closed));
        assert!(f.events.idle);
    }

    #[test]
    fn a_resize_is_not_a_key() {
        let mut f = Fixture::new(&[]);
        let start = f.start;
        f.events
            .inbox
            .arrivals
            .push_back((start + TIMEOUT / 2, SessionEvent::Resize(100, 30)));
        f.at(TIMEOUT / 2);
        assert_eq!(f.poll(), Some(Input::Resize(100, 30)));
        f.at(TIMEOUT);
        assert_eq!(f.poll(), Some(Input::Closed));
        assert!(f.events.idle);
    }

    /// The loop's long waits are cut to what is left of the timeout, so the session ends
    /// when the timeout runs out rather than a whole wait later.
    #[test]
    fn waiting_for_keys_stops_when_the_timeout_runs_out() {
        let mut f = Fixture::new(&[]);
        let mut inputs = Vec::new();
        for _ in 0..10 {
            let input = f.events.next(TIMEOUT * 10).unwrap();
            inputs.push(input.clone());
            if input == Some(Input::Closed) {
                break;
            }
        }
        assert_eq!(inputs, [None, Some(Input::Closed)]);
        assert_eq!(*f.waits.borrow(), [TIMEOUT]);
        assert_eq!(f.now.get(), f.start + TIMEOUT);
        assert!(f.events.idle);
    }

    #[test]
    fn the_channel_closing_is_not_idleness() {
        let mut f = Fixture::new(&[]);
        let start = f.start;
        f.events
            .inbox
            .arrivals
            .push_back((start + EPSILON, SessionEvent::Closed));
        assert_eq!(f.events.next(TIMEOUT).unwrap(), Some(Input::Closed));
        assert!(!f.events.idle);
    }
}
