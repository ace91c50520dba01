//! The full-text search popup (Ctrl-F): one query over the text and titles of every article
//! of every issue, one row per article (its first hit). `Enter` opens the article at the hit
//! with the in-article search primed with the same query.
//!
//! Typing never waits for the archive to be scanned: each keystroke searches on the spot for
//! at most [`INLINE_BUDGET`] (the built-in archive takes well under a millisecond once
//! folded, so its results are in the very next frame), and if that was not enough, hands the
//! rest to a background `SearchJob` (dropping the previous one cancels it), whose results
//! `Action::Tick` collects. The job goes on from the issue where the inline search stopped.

use std::fmt;
use std::time::{Duration, Instant};

use crate::search::fulltext::{Field, Hit, SearchOptions};
use crate::search::job::SearchJob;
use crate::search::query::Query;

use super::Action;
use super::article::ArticleRef;
use super::article_search::prime;
use super::navigate::open_article_at;
use super::scrolled::ScrolledList;
use super::state::{App, Popup};

/// Most articles listed for one query; a query this broad is better narrowed by typing on.
pub const FULLTEXT_LIMIT: usize = 2000;

/// Each result takes two rows: where it is, then the snippet.
pub const ROWS_PER_HIT: usize = 2;

/// How long a keystroke may search before the rest goes to a background thread: a fraction
/// of a frame, so typing stays smooth on any archive.
pub const INLINE_BUDGET: Duration = Duration::from_millis(4);

pub struct FullTextPopup {
    pub query: String,
    /// The query is the last one, shown selected: typing replaces it.
    pub query_selected: bool,
    /// Results so far, in archive order (newest issue first).
    pub hits: Vec<Hit>,
    /// The running search, until it is done.
    pub job: Option<SearchJob>,
    /// (issues searched, issues in all).
    pub progress: (usize, usize),
    /// The selected result and the first shown (read as `popup.selected`, `popup.top`).
    pub list: ScrolledList,
    /// When the current query was typed, and how long until its search was complete.
    pub started: Instant,
    pub took: Option<Duration>,
}

impl fmt::Debug for FullTextPopup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FullTextPopup")
            .field("query", &self.query)
            .field("hits", &self.hits.len())
            .field("running", &self.job.is_some())
            .field("progress", &self.progress)
            .field("selected", &self.selected)
            .finish()
    }
}

impl FullTextPopup {
    /// Whether a search is still running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }
}

fn options() -> SearchOptions {
    SearchOptions {
        limit: Some(FULLTEXT_LIMIT),
        per_article: Some(1),
    }
}

/// Ctrl-F: the popup, with the last query (selected) and its results.
pub(super) fn open(app: &mut App) {
    let query = app.last_fulltext.clone();
    app.popups.push(Popup::FullText(FullTextPopup {
        query_selected: !query.is_empty(),
        query,
        hits: Vec::new(),
        job: None,
        progress: (0, app.archive.issues.len()),
        list: ScrolledList::default(),
        started: Instant::now(),
        took: None,
    }));
    if !app.last_fulltext.is_empty() {
        requery(app);
    }
}

pub(super) fn action(app: &mut App, action: Action) {
    let page = super::layout::popup_rows(app.width, app.height, 1) / ROWS_PER_HIT;
    let Some(Popup::FullText(f)) = app.popups.last_mut() else {
        return;
    };
    let replacing = std::mem::take(&mut f.query_selected);
    let len = f.hits.len();
    if f.step(action, len, page, None) {
        return;
    }
    match action {
        Action::Input(c) => {
            if replacing {
                f.query.clear();
            }
            f.query.push(c);
            app.last_fulltext = f.query.clone();
            requery(app);
        }
        Action::Backspace => {
            if replacing {
                f.query.clear();
            } else {
                f.query.pop();
            }
            app.last_fulltext = f.query.clone();
            requery(app);
        }
        Action::Open => open_hit(app),
        _ => {}
    }
}

/// Searches for the popup's query: on the spot for up to `app.fulltext_budget` (normally
/// [`INLINE_BUDGET`]), at least one issue, the rest in the background.
fn requery(app: &mut App) {
    let archive = app.archive.clone();
    let index = app.fulltext.clone();
    let budget = app.fulltext_budget;
    let Some(Popup::FullText(f)) = app.popups.last_mut() else {
        return;
    };
    f.job = None; // cancels the previous search
    f.hits.clear();
    f.list = ScrolledList::default();
    f.started = Instant::now();
    f.took = None;
    f.progress = (0, archive.issues.len());
    let Some(query) = Query::new(&f.query) else {
        f.progress = (archive.issues.len(), archive.issues.len());
        return;
    };
    let mut search = index.search(&archive, &query, options());
    loop {
        match search.next_batch() {
            Some(hits) => f.hits.extend(hits),
            None => {
                f.progress = (archive.issues.len(), archive.issues.len());
                f.took = Some(f.started.elapsed());
                return;
            }
        }
        f.progress = search.progress();
        if f.started.elapsed() >= budget {
            break;
        }
    }
    let from = search.position();
    drop(search);
    f.job = Some(SearchJob::spawn_from(
        archive,
        index,
        query,
        options(),
        from,
    ));
}

/// Takes the results that have arrived (`Action::Tick`).
pub(super) fn poll(app: &mut App) {
    for p in &mut app.popups {
        let Popup::FullText(f) = p else { continue };
        let Some(job) = f.job.as_mut() else { continue };
        let polled = job.poll();
        f.hits.extend(polled.hits);
        if let Some(progress) = polled.progress {
            f.progress = progress;
        }
        if polled.done {
            f.job = None;
            f.progress = (f.progress.1, f.progress.1);
            f.took = Some(f.started.elapsed());
        }
    }
}

fn open_hit(app: &mut App) {
    let Some(Popup::FullText(f)) = app.popups.last() else {
        return;
    };
    let Some(hit) = f.hits.get(f.selected).cloned() else {
        app.notice = Some(match f.query.trim() {
            "" => "type a phrase to search every issue; Esc to cancel".into(),
            _ if f.busy() => "still searching".into(),
            _ => "no article has that text; Esc to cancel".into(),
        });
        return;
    };
    let query = Query::new(&f.query);
    app.popups.pop();
    let at = ArticleRef {
        issue: hit.issue,
        section: hit.section,
        article: hit.article,
    };
    let in_body = hit.field == Field::Body;
    open_article_at(app, at, in_body.then_some(hit.range.start));
    if let Some(q) = query {
        prime(app, q, in_body.then_some(hit.range.start));
    }
}
