//! Full-text search on a background thread, so typing in the reader's search popup never
//! waits for the archive to be scanned. The thread searches issue by issue, sends each
//! issue's hits as soon as they are found, and stops at the next issue boundary once
//! cancelled (or dropped), which is within one issue's scan (well under a millisecond per
//! issue of this magazine's size).
//!
//! ```no_run
//! # use std::sync::Arc;
//! # use magreader::search::{query::Query, fulltext::{FullTextIndex, SearchOptions}, job::SearchJob};
//! # let archive = Arc::new(magreader::archive::load_builtin().0);
//! let index = Arc::new(FullTextIndex::new(&archive));
//! let query = Query::new("digital economy").unwrap();
//! let mut job = SearchJob::spawn(archive.clone(), index.clone(), query, SearchOptions::default());
//! // Each frame: take what has arrived; a new keystroke replaces `job` (dropping cancels it).
//! let polled = job.poll();
//! # let _ = polled;
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use super::fulltext::{FullTextIndex, Hit, Position, SearchOptions};
use super::query::Query;
use crate::archive::Archive;

/// What [`SearchJob::poll`] found since the last call.
#[derive(Debug, Default)]
pub struct Polled {
    /// New hits, in archive order, following the ones returned before.
    pub hits: Vec<Hit>,
    /// (issues searched, issues in total) as of the latest message.
    pub progress: Option<(usize, usize)>,
    /// The search has finished (every issue searched, or the limit reached).
    pub done: bool,
}

enum Message {
    Batch {
        hits: Vec<Hit>,
        progress: (usize, usize),
    },
    Done,
}

/// A running search. Dropping it cancels the thread.
pub struct SearchJob {
    query: String,
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    finished: bool,
}

impl SearchJob {
    /// Starts searching `archive` (the one `index` was built for) on a new thread.
    pub fn spawn(
        archive: Arc<Archive>,
        index: Arc<FullTextIndex>,
        query: Query,
        options: SearchOptions,
    ) -> SearchJob {
        SearchJob::spawn_from(archive, index, query, options, Position::default())
    }

    /// [`SearchJob::spawn`] for a search that goes on from `from`, where a search for the same
    /// query and options stopped: its hits are not sent again.
    pub fn spawn_from(
        archive: Arc<Archive>,
        index: Arc<FullTextIndex>,
        query: Query,
        options: SearchOptions,
        from: Position,
    ) -> SearchJob {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let typed = query.as_str().to_string();
        let stop = cancel.clone();
        thread::spawn(move || {
            let mut search = index.search(&archive, &query, options).resume(from);
            // Quiet stretches (issues without hits) still report progress now and then.
            let mut quiet = 0;
            while !stop.load(Ordering::Relaxed) {
                let Some(hits) = search.next_batch() else {
                    let _ = tx.send(Message::Done);
                    return;
                };
                quiet += 1;
                if !hits.is_empty() || quiet >= 16 {
                    quiet = 0;
                    let progress = search.progress();
                    if tx.send(Message::Batch { hits, progress }).is_err() {
                        return; // the job was dropped
                    }
                }
            }
        });
        SearchJob {
            query: typed,
            rx,
            cancel,
            finished: false,
        }
    }

    /// The query this job searches for, as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Everything that has arrived, without waiting.
    pub fn poll(&mut self) -> Polled {
        let mut out = Polled {
            done: self.finished,
            ..Polled::default()
        };
        loop {
            match self.rx.try_recv() {
                Ok(Message::Batch { hits, progress }) => {
                    out.hits.extend(hits);
                    out.progress = Some(progress);
                }
                Ok(Message::Done) | Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    out.done = true;
                    break;
                }
                Err(TryRecvError::Empty) => break,
            }
        }
        out
    }

    /// Waits for the search to finish and returns the remaining hits (tests, scripts).
    pub fn wait(mut self) -> Vec<Hit> {
        let mut hits = Vec::new();
        while !self.finished {
            match self.rx.recv() {
                Ok(Message::Batch { hits: h, .. }) => hits.extend(h),
                Ok(Message::Done) | Err(_) => self.finished = true,
            }
        }
        hits
    }

    /// Asks the thread to stop at the next issue boundary.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_done(&self) -> bool {
        self.finished
    }
}

impl Drop for SearchJob {
    fn drop(&mut self) {
        self.cancel();
    }
}
