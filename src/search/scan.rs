//! One full-text query over a whole archive, once: `magreader search`'s path.
//!
//! The reader keeps a [`super::fulltext::FullTextIndex`], folded once and searched on every
//! keystroke. A command searches once, so folding all 150 MB of a large archive first would
//! cost more than the search. Here each text is tested on its raw bytes first (see
//! `prefilter`); only the texts that may match are read as text, folded and searched with
//! [`Query::find_all`], the rules every search shares, so the hits are exactly the index's
//! (a test compares them). Bodies are read straight from their files and not kept, issues are
//! shared out among threads, and each hit's snippet is made on the thread that found it, while
//! its text is at hand. Results come back in archive order, issue by issue.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use super::find::Query;
use super::fold::{is_blank, is_plain};
use super::fulltext::{Field, Hit, in_result_order};
use super::prefilter::{Prefilter, may_fold_to_space};
use super::snippet::{Snippet, snippet};
use crate::archive::{Archive, Article};

/// More threads than this gain nothing reading one archive.
const MAX_THREADS: usize = 8;
/// Fewer issues per thread than this and starting the thread costs more than it saves.
const ISSUES_PER_THREAD: usize = 8;

/// A hit and its snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub hit: Hit,
    pub snippet: Snippet,
}

/// Searches every issue of `archive` for `query`, making each hit's snippet `snippet_width`
/// columns wide, and hands `take` each issue's hits (possibly none) in archive order, until
/// `take` says to stop or every issue is searched.
pub fn scan(
    archive: &Archive,
    query: &Query,
    snippet_width: usize,
    mut take: impl FnMut(Vec<Found>) -> ControlFlow<()>,
) {
    let prefilter = Prefilter::new(query);
    let search = |i: usize| issue_found(archive, i, query, prefilter.as_ref(), snippet_width);
    let issues = archive.issues.len();
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(issues / ISSUES_PER_THREAD);
    if threads <= 1 {
        for i in 0..issues {
            if take(search(i)).is_break() {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, search) = (&next, &stop, &search);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= issues || tx.send((i, search(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Issues finish out of order; each is handed on once those before it are.
        let mut waiting: Vec<Option<Vec<Found>>> = (0..issues).map(|_| None).collect();
        let mut due = 0;
        for (i, found) in rx {
            waiting[i] = Some(found);
            while let Some(found) = waiting.get_mut(due).and_then(Option::take) {
                due += 1;
                if take(found).is_break() {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
}

/// The hits in issue `i`, sections in [`in_result_order`], fields in [`Field::ALL`] order
/// within an article.
fn issue_found(
    archive: &Archive,
    i: usize,
    query: &Query,
    prefilter: Option<&Prefilter>,
    width: usize,
) -> Vec<Found> {
    let mut out = Vec::new();
    for (si, section) in in_result_order(&archive.issues[i]) {
        for (ai, article) in section.articles.iter().enumerate() {
            // Searches `text` from byte `from` on (no match starts before it; see
            // `search_body`), snippets taken from the whole text.
            let mut add = |field: Field, text: &str, from: usize| {
                for found in query.find_all(&text[from..]) {
                    let range = from + found.start..from + found.end;
                    out.push(Found {
                        snippet: snippet(text, range.clone(), width),
                        hit: Hit {
                            issue: i,
                            section: si,
                            article: ai,
                            field,
                            range,
                        },
                    });
                }
            };
            for field in Field::ALL {
                if field == Field::Body {
                    search_body(article, prefilter, |text, from| add(field, text, from));
                } else if let Some(text) = field.text(article)
                    && prefilter.is_none_or(|p| p.may_match(text.as_bytes()))
                {
                    add(field, text, 0);
                }
            }
        }
    }
    out
}

/// Hands `search` the article's body if its raw bytes pass, with where to start searching. A
/// body that cannot be read (or is not UTF-8) has no hits, as in the index; `magreader check`
/// names it.
///
/// No match starts before the prefilter's first candidate, so the text before it need not be
/// folded: the search starts at a cut before the candidate (and before any whitespace ahead
/// of it, where a query starting with a space would begin) that lies just after whitespace
/// and on a printable ASCII character. Folding looks back no further than the last whitespace
/// run, so the folded text from there is exactly the end of the whole's, and the matches found
/// from there, shifted, are the whole's (a test compares the two paths).
fn search_body(article: &Article, prefilter: Option<&Prefilter>, search: impl FnOnce(&str, usize)) {
    let Some(raw) = article.body.raw_uncached() else {
        return;
    };
    let first = match prefilter {
        Some(p) => match p.first_candidate(&raw) {
            Some(at) => at,
            None => return,
        },
        None => 0,
    };
    if let Ok(text) = std::str::from_utf8(&raw) {
        search(text, cut_before(&raw, first));
    }
}

/// The cut described at [`search_body`], at or before `at`; 0 when there is none.
fn cut_before(b: &[u8], at: usize) -> usize {
    let mut s = at.min(b.len());
    while s > 0 && may_fold_to_space(b[s - 1]) {
        s -= 1;
    }
    (1..=s)
        .rev()
        .find(|&j| is_plain(b[j]) && is_blank(b[j - 1]))
        .unwrap_or(0)
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
