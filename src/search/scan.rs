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

use std::cell::RefCell;
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use super::fold::{is_blank, is_plain};
use super::fulltext::{Field, Hit, in_result_order};
use super::prefilter::{Candidate, Prefilter, may_fold_to_space};
use super::query::Query;
use super::raw_cjk::CjkQuery;
use super::raw_match::RawQuery;
use super::sketch::{Sketch, SketchStore};
use super::snippet::{Snippet, snippet};
use crate::archive::listing::OpenIssueDir;
use crate::archive::store::cache::Identity;
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
///
/// A query of Chinese characters or of ASCII words skips the bodies known not to hold it
/// (see `sketch`), and remembers what it learned of the others for the next search.
pub fn scan(
    archive: &Archive,
    query: &Query,
    snippet_width: usize,
    take: impl FnMut(Vec<Found>) -> ControlFlow<()>,
) {
    let how = How::new(query);
    let store = how
        .sketchable()
        .then(|| SketchStore::for_archive(archive))
        .flatten();
    scan_how(
        archive,
        &how.sketched_by(store.as_ref()),
        snippet_width,
        take,
    );
    if let Some(store) = store {
        let bodies = archive.issues.iter().flat_map(|i| &i.sections);
        store.save(bodies.map(|s| s.articles.len()).sum());
    }
}

/// [`scan`] with the sketches of `sketches` (if any), which it adds to but does not save.
pub fn scan_with(
    archive: &Archive,
    query: &Query,
    snippet_width: usize,
    sketches: Option<&SketchStore>,
    take: impl FnMut(Vec<Found>) -> ControlFlow<()>,
) {
    let how = How::new(query).sketched_by(sketches);
    scan_how(archive, &how, snippet_width, take);
}

fn scan_how(
    archive: &Archive,
    how: &How<'_>,
    snippet_width: usize,
    mut take: impl FnMut(Vec<Found>) -> ControlFlow<()>,
) {
    let search = |i: usize| issue_found(archive, i, how, snippet_width);
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
        // This thread searches too, between handing on results: were it to wait on the
        // channel, every issue found would wake it (a thousand sleeps and wake-ups showed in
        // profiles); it only waits for the last ones.
        for _ in 1..threads {
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
        let mut hand_on = |waiting: &mut Vec<Option<Vec<Found>>>| {
            while let Some(found) = waiting.get_mut(due).and_then(Option::take) {
                due += 1;
                if take(found).is_break() {
                    stop.store(true, Ordering::Relaxed);
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        };
        loop {
            while let Ok((i, found)) = rx.try_recv() {
                waiting[i] = Some(found);
            }
            if hand_on(&mut waiting).is_break() {
                return;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= issues {
                break;
            }
            waiting[i] = Some(search(i));
        }
        for (i, found) in rx {
            waiting[i] = Some(found);
            if hand_on(&mut waiting).is_break() {
                return;
            }
        }
        let _ = hand_on(&mut waiting);
    });
}

/// How one query is searched for: the rules, the raw-byte test, and the raw matcher when the
/// query is of ASCII words or of Chinese characters.
struct How<'a> {
    query: &'a Query,
    prefilter: Option<Prefilter>,
    raw: Option<RawQuery>,
    cjk: Option<CjkQuery>,
    /// For a Chinese query or one of ASCII words: what is known of the bodies, and the
    /// query's sketch.
    sketches: Option<(&'a SketchStore, Sketch)>,
}

impl<'a> How<'a> {
    fn new(query: &'a Query) -> How<'a> {
        How {
            query,
            prefilter: Prefilter::new(query),
            raw: RawQuery::new(query),
            cjk: CjkQuery::new(query),
            sketches: None,
        }
    }

    /// Whether sketches can rule bodies out: only the raw paths match nothing but what
    /// stands in the bytes (see `sketch`).
    fn sketchable(&self) -> bool {
        self.cjk.is_some() || self.raw.is_some()
    }

    /// This, skipping the bodies `sketches` rules out, when the query is [`How::sketchable`].
    fn sketched_by(self, sketches: Option<&'a SketchStore>) -> How<'a> {
        let sketches = sketches
            .filter(|_| self.sketchable())
            .map(|s| (s, Sketch::of(self.query.folded().as_bytes())));
        How { sketches, ..self }
    }
}

/// The hits in issue `i`, sections in [`in_result_order`], fields in [`Field::ALL`] order
/// within an article.
fn issue_found(archive: &Archive, i: usize, how: &How<'_>, width: usize) -> Vec<Found> {
    let (query, prefilter) = (how.query, how.prefilter.as_ref());
    let mut out = Vec::new();
    let issue = &archive.issues[i];
    // Its directory, held open while its bodies are read (see `archive::listing`).
    let dir = issue
        .sections
        .iter()
        .flat_map(|s| &s.articles)
        .find_map(|a| a.body.issue_dir())
        .and_then(|d| d.open());
    for (si, section) in in_result_order(issue) {
        for (ai, article) in section.articles.iter().enumerate() {
            // The hits of `text` (byte ranges in it), snippets taken from the whole text.
            let mut add = |field: Field, text: &str, found: Vec<Range<usize>>| {
                for range in found {
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
                    search_body(article, dir.as_ref(), how, |text, found| {
                        add(field, text, found)
                    });
                } else if let Some(text) = field.text(article)
                    && prefilter.is_none_or(|p| p.may_match(text.as_bytes()))
                {
                    add(field, text, query.find_all(text));
                }
            }
        }
    }
    out
}

/// Hands `search` the article's body and its hits if its raw bytes pass. A body that cannot
/// be read (or is not UTF-8) has no hits, as in the index; `magreader check` names it.
///
/// A query of ASCII words is matched on the raw bytes (see `raw_match`), in the lowercased
/// copy the prefilter made (or, for exact case, in the bytes themselves), and the text is
/// never folded. Any other query is searched in the
/// folded text, but no match starts before the prefilter's first candidate, so the text before
/// it need not be folded: the search starts at a cut before the candidate (and before any
/// whitespace ahead of it, where a query starting with a space would begin) that lies just
/// after whitespace and on a printable ASCII character. Folding looks back no further than the
/// last whitespace run, so the folded text from there is exactly the end of the whole's, and
/// the matches found from there, shifted, are the whole's. (Tests compare both paths with the
/// full index.)
fn search_body(
    article: &Article,
    dir: Option<&OpenIssueDir>,
    how: &How<'_>,
    search: impl FnOnce(&str, Vec<Range<usize>>),
) {
    // Buffers kept per thread: reading every body into new memory, and lowercasing it into
    // more, made the allocator a tenth of a search's time.
    thread_local! {
        static BUFFERS: RefCell<(Vec<u8>, Vec<u8>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with_borrow_mut(|(read, lower)| {
        // A body known to lack part of the query is not read.
        let known = how.sketches.zip(dir).and_then(|((store, query), dir)| {
            // The time first: the file must have been settled when it was looked at.
            let seen = std::time::SystemTime::now();
            let id = Identity::of_stat(&article.body.stat_in_dir(dir)?);
            Some((store, query, id, seen, store.get(&id)))
        });
        if let Some((_, query, _, _, Some(sketch))) = known
            && !sketch.holds(&query)
        {
            return;
        }
        let Some(raw) = article.body.raw_uncached_in_dir(dir, read) else {
            return;
        };
        if let Some((store, _, id, seen, None)) = known {
            store.remember(id, seen, Sketch::of(raw));
        }
        if let Some(cq) = &how.cjk {
            // Chinese: matched in the text as it is (see `raw_cjk`); only a body holding the
            // query's first character is checked as UTF-8.
            if cq.may_match(raw)
                && let Ok(text) = std::str::from_utf8(raw)
            {
                search(text, cq.find_all(text));
            }
            return;
        }
        if let Some(found) = how.raw.as_ref().and_then(|rq| rq.find_all_exact(raw)) {
            // Exact case: matched in the raw bytes, no copy. Most bodies have no hit and need
            // no UTF-8 check either (one that is not UTF-8 has no hits, as in the index).
            if !found.is_empty()
                && let Ok(text) = std::str::from_utf8(raw)
            {
                search(text, found);
            }
            return;
        }
        let candidate = match &how.prefilter {
            Some(p) => p.candidate(raw, lower),
            None => Candidate::At(0),
        };
        search_raw(raw, candidate, lower, how, search);
    });
}

fn search_raw(
    raw: &[u8],
    candidate: Candidate,
    lower: &[u8],
    how: &How<'_>,
    search: impl FnOnce(&str, Vec<Range<usize>>),
) {
    let (first, lowered) = match candidate {
        Candidate::None => return,
        Candidate::At(at) => (at, false),
        Candidate::Lowered(at) => (at, true),
    };
    let Ok(text) = std::str::from_utf8(raw) else {
        return;
    };
    let found = match &how.raw {
        Some(rq) if lowered => rq.find_all(raw, lower, first),
        _ => {
            let from = cut_before(raw, first);
            how.query
                .find_all(&text[from..])
                .into_iter()
                .map(|r| from + r.start..from + r.end)
                .collect()
        }
    };
    search(text, found);
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
