//! The reading-memory schema (what `state.json` holds) and the merge of two copies of it.
//!
//! Two readers may run at once (two SSH sessions). Each keeps its own copy and, on save,
//! re-reads the file and merges before writing, under a lock, so neither clobbers the other:
//!
//! * **Positions, read marks, last-opened article**: last writer wins *per article*, by the
//!   time the value was set (not the time of the save). Ties keep the saving reader's value.
//! * **Bookmarks**: the union of both copies, a bookmark being identified by (issue, article,
//!   offset, label). Deleting one records a tombstone with the deletion time; a bookmark is
//!   dropped when a tombstone with its identity is at least as new as the bookmark, so a
//!   deletion in one reader is not undone by the other's old copy, while bookmarking the same
//!   spot again later works. Tombstones are kept (the newest [`MAX_TOMBSTONES`]).
//!
//! Times are milliseconds since the Unix epoch. The file names its schema version; a newer
//! version than this build knows is left alone (see `file`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Schema version written by this build.
pub const SCHEMA: u32 = 1;

/// Tombstones kept after a merge (newest first); older deletions may then be resurrected by a
/// reader whose copy predates them, which after this many deletions is an acceptable risk.
pub const MAX_TOMBSTONES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub schema: u32,
    #[serde(default)]
    pub last_opened: Option<LastOpened>,
    /// Issue id → article id → what is remembered about that article.
    #[serde(default)]
    pub articles: BTreeMap<String, BTreeMap<String, ArticleState>>,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub deleted_bookmarks: Vec<Tombstone>,
    /// The jump list (Ctrl-O / Ctrl-N), so "back" still works after a restart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jumps: Option<Jumps>,
}

impl Default for State {
    fn default() -> Self {
        State {
            schema: SCHEMA,
            last_opened: None,
            articles: BTreeMap::new(),
            bookmarks: Vec::new(),
            deleted_bookmarks: Vec::new(),
            jumps: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastOpened {
    pub issue: String,
    pub article: String,
    pub at: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<ReadMark>,
}

/// A reading position: a byte offset into the article's Markdown body, plus the text found
/// there, so the position can be found again if a re-import shifts the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub offset: usize,
    #[serde(default)]
    pub anchor: String,
    pub at: u64,
    /// The article was left at its very top (title block on screen): it reopens there,
    /// not at the first body line that `offset` 0 would show.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub top: bool,
}

/// A place on the jump list: an article by ids and a reading position in it (`None`: its
/// top, title block included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JumpPlace {
    pub issue: String,
    pub article: String,
    #[serde(default)]
    pub offset: Option<usize>,
}

/// The jump list: places left by jumps, oldest first, and where the reader is in it
/// (`index == places.len()`: past the newest, at a place not on the list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jumps {
    pub places: Vec<JumpPlace>,
    pub index: usize,
    /// When the list last changed; the newer list wins a merge whole (it is one history).
    #[serde(default)]
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadMark {
    pub read: bool,
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub issue: String,
    pub article: String,
    /// Byte offset into the article's Markdown body.
    pub offset: usize,
    pub label: Option<String>,
    pub created: u64,
}

impl Bookmark {
    fn key(&self) -> (&str, &str, usize, Option<&str>) {
        (
            &self.issue,
            &self.article,
            self.offset,
            self.label.as_deref(),
        )
    }
}

/// A deleted bookmark's identity and when it was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub issue: String,
    pub article: String,
    pub offset: usize,
    pub label: Option<String>,
    pub deleted: u64,
}

impl Tombstone {
    pub fn of(b: &Bookmark, deleted: u64) -> Tombstone {
        Tombstone {
            issue: b.issue.clone(),
            article: b.article.clone(),
            offset: b.offset,
            label: b.label.clone(),
            deleted,
        }
    }

    fn key(&self) -> (&str, &str, usize, Option<&str>) {
        (
            &self.issue,
            &self.article,
            self.offset,
            self.label.as_deref(),
        )
    }
}

/// The newer of two stamped values; `ours` on a tie.
fn newer<T: Clone>(ours: &Option<T>, theirs: &Option<T>, at: impl Fn(&T) -> u64) -> Option<T> {
    match (ours, theirs) {
        (Some(o), Some(t)) if at(t) > at(o) => Some(t.clone()),
        (Some(o), _) => Some(o.clone()),
        (None, t) => t.clone(),
    }
}

/// Merges the saving reader's copy (`ours`) with what is on disk (`theirs`); see the module
/// docs for the rules. The result is what gets written, and becomes the reader's copy.
pub fn merge(ours: &State, theirs: &State) -> State {
    let mut out = State {
        schema: SCHEMA,
        last_opened: newer(&ours.last_opened, &theirs.last_opened, |l| l.at),
        jumps: newer(&ours.jumps, &theirs.jumps, |j| j.at),
        ..State::default()
    };
    let keys: BTreeSet<(&String, &String)> = [ours, theirs]
        .iter()
        .flat_map(|s| &s.articles)
        .flat_map(|(issue, articles)| articles.keys().map(move |a| (issue, a)))
        .collect();
    for (issue, article) in keys {
        let get = |s: &State| s.articles.get(issue).and_then(|a| a.get(article)).cloned();
        let (o, t) = (
            get(ours).unwrap_or_default(),
            get(theirs).unwrap_or_default(),
        );
        let merged = ArticleState {
            position: newer(&o.position, &t.position, |p| p.at),
            read: newer(&o.read, &t.read, |r| r.at),
        };
        out.articles
            .entry(issue.clone())
            .or_default()
            .insert(article.clone(), merged);
    }

    // Tombstones: union, newest deletion per identity.
    let mut tombs: BTreeMap<_, &Tombstone> = BTreeMap::new();
    for t in ours
        .deleted_bookmarks
        .iter()
        .chain(&theirs.deleted_bookmarks)
    {
        tombs
            .entry(t.key())
            .and_modify(|e| {
                if t.deleted > e.deleted {
                    *e = t;
                }
            })
            .or_insert(t);
    }
    // Bookmarks: union by identity (the earliest creation kept), minus deleted ones.
    let mut marks: BTreeMap<_, &Bookmark> = BTreeMap::new();
    for b in ours.bookmarks.iter().chain(&theirs.bookmarks) {
        if tombs.get(&b.key()).is_some_and(|t| t.deleted >= b.created) {
            continue;
        }
        marks
            .entry(b.key())
            .and_modify(|e| {
                if b.created < e.created {
                    *e = b;
                }
            })
            .or_insert(b);
    }
    out.bookmarks = marks.into_values().cloned().collect();
    out.bookmarks
        .sort_by(|a, b| (a.created, a.key()).cmp(&(b.created, b.key())));
    let mut tombs: Vec<Tombstone> = tombs.into_values().cloned().collect();
    tombs.sort_by_key(|t| std::cmp::Reverse(t.deleted));
    tombs.truncate(MAX_TOMBSTONES);
    out.deleted_bookmarks = tombs;
    out
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
