//! Full-text search: one query over every article's title, Chinese title, subtitle, byline and
//! body in every issue, with the rules of [`super::query`] (smartcase, literal, whitespace runs).
//!
//! Speed comes from searching folded text (see `fold`) with one SIMD substring search
//! (`memchr::memmem`) per issue. Each issue is folded once, the first time a search reaches
//! it, and kept: the first query pays for folding, later ones only search. [`FullTextIndex::warm`]
//! folds everything up front (from a background thread at start-up, say). Searching proceeds
//! issue by issue in archive order (newest first), so results stream: [`Search`] yields hits
//! lazily and [`Search::next_batch`] gives one issue's worth at a time, for a background
//! thread that checks for cancellation between batches (see `job`).

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fold::{fold_into, map_back};
use super::query::Query;
use crate::archive::{Archive, Article, Issue, Section, SectionKind};

/// Which text of an article a hit is in. Fields are searched in this order within an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    TitleZh,
    Subtitle,
    Byline,
    Body,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::TitleZh,
        Field::Subtitle,
        Field::Byline,
        Field::Body,
    ];

    /// Name used in `search --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::TitleZh => "title_zh",
            Field::Subtitle => "subtitle",
            Field::Byline => "byline",
            Field::Body => "body",
        }
    }

    /// This field's text in `article`, if it has one.
    pub fn text(self, article: &Article) -> Option<&str> {
        match self {
            Field::Title => Some(&article.title),
            Field::TitleZh => article.title_zh.as_deref(),
            Field::Subtitle => article.subtitle.as_deref(),
            Field::Byline => article.byline.as_deref(),
            Field::Body => Some(&article.body),
        }
    }
}

/// An issue's sections in the order their hits are listed: columns and chapters (what the
/// reader came for) in reading order, then the front matter (masthead, cover lines, partner
/// lists), which would otherwise come first and bury them.
pub fn in_result_order(issue: &Issue) -> impl Iterator<Item = (usize, &Section)> {
    let front = |s: &&Section| s.kind == SectionKind::Front;
    let all = || issue.sections.iter().enumerate();
    all()
        .filter(move |(_, s)| !front(s))
        .chain(all().filter(move |(_, s)| front(s)))
}

/// One match. Indices point into the [`Archive`] the search ran over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub issue: usize,
    pub section: usize,
    pub article: usize,
    pub field: Field,
    /// Byte range of the match in the field's text (`article.body` for [`Field::Body`]).
    pub range: Range<usize>,
}

impl Hit {
    /// The issue, section and article of the hit.
    pub fn locate<'a>(&self, archive: &'a Archive) -> (&'a Issue, &'a Section, &'a Article) {
        let issue = &archive.issues[self.issue];
        let section = &issue.sections[self.section];
        (issue, section, &section.articles[self.article])
    }

    /// The text the hit's range is in.
    pub fn field_text<'a>(&self, archive: &'a Archive) -> &'a str {
        self.field.text(self.locate(archive).2).unwrap_or("")
    }

    /// Where the reader opens the article: the hit's byte offset in the body, or 0 (the top,
    /// where the title is) for a hit in the title, subtitle or byline.
    pub fn body_offset(&self) -> usize {
        match self.field {
            Field::Body => self.range.start,
            _ => 0,
        }
    }
}

/// Limits on one search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchOptions {
    /// Stop after this many hits (`None`: all).
    pub limit: Option<usize>,
    /// At most this many hits per article (`Some(1)`: one row per article mentioning it).
    pub per_article: Option<usize>,
}

/// One searchable field inside an [`IssueText`].
#[derive(Debug)]
struct FieldSpan {
    /// Folded range in `IssueText::text` (the NUL after it excluded).
    start: usize,
    end: usize,
    section: u32,
    article: u32,
    field: Field,
    /// This field's checkpoints in `IssueText::map`.
    map: Range<usize>,
}

/// One issue's fields, folded and lowercased, each followed by a NUL (which no folded query
/// contains, so no match spans two fields).
#[derive(Debug)]
struct IssueText {
    text: String,
    fields: Vec<FieldSpan>,
    map: Vec<(usize, usize)>,
}

impl IssueText {
    fn new(issue: &Issue) -> IssueText {
        let mut t = IssueText {
            text: String::new(),
            fields: Vec::new(),
            map: Vec::new(),
        };
        for (si, section) in in_result_order(issue) {
            for (ai, article) in section.articles.iter().enumerate() {
                // Bodies not read yet are read without being kept on the article: the index
                // holds the folded text, so keeping the raw one too would double the memory.
                // A body that cannot be read has no hits (`magreader check` names it).
                let body = article.body.read_uncached().unwrap_or_default();
                for field in Field::ALL {
                    let src = match field {
                        Field::Body => Some(&*body),
                        _ => field.text(article),
                    };
                    let Some(src) = src.filter(|s| !s.is_empty()) else {
                        continue;
                    };
                    let start = t.text.len();
                    let map_start = t.map.len();
                    fold_into(src, true, &mut t.text, &mut t.map, start);
                    t.fields.push(FieldSpan {
                        start,
                        end: t.text.len(),
                        section: si as u32,
                        article: ai as u32,
                        field,
                        map: map_start..t.map.len(),
                    });
                    t.text.push('\0');
                }
            }
        }
        t
    }

    /// Appends this issue's hits to `out`, at most `room` of them.
    fn search(
        &self,
        issue_index: usize,
        issue: &Issue,
        query: &Query,
        per_article: Option<usize>,
        room: usize,
        out: &mut Vec<Hit>,
    ) {
        let hay = self.text.as_bytes();
        let mut from = 0;
        let mut found = 0;
        // (section, article, hits so far) of the article being searched, for `per_article`.
        let mut current = (u32::MAX, u32::MAX, 0usize);
        while found < room {
            let Some(at) = query.find_in(hay, from) else {
                break;
            };
            let end = at + query.folded_len();
            let f = &self.fields[self.fields.partition_point(|f| f.start <= at) - 1];
            let article = &issue.sections[f.section as usize].articles[f.article as usize];
            let src = f.field.text(article).unwrap_or("");
            let map = &self.map[f.map.clone()];
            let range = map_back(map, f.start, src, at - f.start, false)
                ..map_back(map, f.start, src, end - f.start, true);
            if !query.confirms(&src[range.clone()]) {
                from = at + self.text[at..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if (current.0, current.1) != (f.section, f.article) {
                current = (f.section, f.article, 0);
            }
            current.2 += 1;
            out.push(Hit {
                issue: issue_index,
                section: f.section as usize,
                article: f.article as usize,
                field: f.field,
                range,
            });
            found += 1;
            from = end;
            if per_article.is_some_and(|n| current.2 >= n) {
                from = self.article_end(f);
            }
        }
    }

    /// Folded position just past the last field of `f`'s article.
    fn article_end(&self, f: &FieldSpan) -> usize {
        let i = self.fields.partition_point(|g| g.start <= f.start);
        self.fields[i..]
            .iter()
            .take_while(|g| (g.section, g.article) == (f.section, f.article))
            .last()
            .map_or(f.end, |g| g.end)
            .min(self.text.len())
    }
}

/// The searchable form of an archive, folded lazily issue by issue. Built for one [`Archive`]
/// and only valid with it (searching another archive panics if the issue count differs).
/// `Sync`: one index can serve searches on several threads.
#[derive(Debug)]
pub struct FullTextIndex {
    issues: Vec<OnceLock<IssueText>>,
}

impl FullTextIndex {
    /// Cheap: nothing is folded until a search (or [`FullTextIndex::warm`]) needs it.
    pub fn new(archive: &Archive) -> FullTextIndex {
        FullTextIndex {
            issues: archive.issues.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Folds every issue now, so the first query is as fast as the later ones.
    pub fn warm(&self, archive: &Archive) {
        for i in 0..self.issues.len() {
            self.issue(archive, i);
        }
    }

    /// Folds issues in archive order until all are folded or `stop` is set. Run it on a
    /// second thread beside a search (or from start-up in the reader): the two share the work
    /// through the per-issue `OnceLock`s, so neither folds an issue twice.
    pub fn warm_until(&self, archive: &Archive, stop: &AtomicBool) {
        for i in 0..self.issues.len() {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            self.issue(archive, i);
        }
    }

    fn issue(&self, archive: &Archive, i: usize) -> &IssueText {
        self.issues[i].get_or_init(|| IssueText::new(&archive.issues[i]))
    }

    /// A lazy search over `archive` (the one this index was built for).
    pub fn search<'a>(
        &'a self,
        archive: &'a Archive,
        query: &'a Query,
        options: SearchOptions,
    ) -> Search<'a> {
        assert_eq!(
            archive.issues.len(),
            self.issues.len(),
            "FullTextIndex used with a different archive than it was built for"
        );
        Search {
            index: self,
            archive,
            query,
            options,
            next_issue: 0,
            emitted: 0,
            buffer: Vec::new().into_iter(),
        }
    }
}

/// Where a [`Search`] stands between two [`Search::next_batch`] calls, so that another search
/// for the same query can go on from there ([`Search::resume`]) instead of searching those
/// issues again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// The next issue to search.
    pub next_issue: usize,
    /// Hits returned so far (they count towards the limit).
    pub emitted: usize,
}

/// A search in progress. As an iterator it yields hits in archive order, searching one more
/// issue whenever it runs dry.
pub struct Search<'a> {
    index: &'a FullTextIndex,
    archive: &'a Archive,
    query: &'a Query,
    options: SearchOptions,
    next_issue: usize,
    emitted: usize,
    buffer: std::vec::IntoIter<Hit>,
}

impl Search<'_> {
    /// Searches the next issue and returns its hits (possibly none); `None` when every issue
    /// has been searched or the limit is reached. Each call is short (one issue), so a
    /// background thread can check for cancellation between calls.
    pub fn next_batch(&mut self) -> Option<Vec<Hit>> {
        let room = self.options.limit.map_or(usize::MAX, |l| l - self.emitted);
        if room == 0 || self.next_issue >= self.index.issues.len() {
            return None;
        }
        let i = self.next_issue;
        self.next_issue += 1;
        let text = self.index.issue(self.archive, i);
        let mut hits = Vec::new();
        text.search(
            i,
            &self.archive.issues[i],
            self.query,
            self.options.per_article,
            room,
            &mut hits,
        );
        self.emitted += hits.len();
        Some(hits)
    }

    /// (issues searched, issues in the archive), for a progress indicator.
    pub fn progress(&self) -> (usize, usize) {
        (self.next_issue, self.index.issues.len())
    }

    /// Where this search stands (meaningful between [`Search::next_batch`] calls).
    pub fn position(&self) -> Position {
        Position {
            next_issue: self.next_issue,
            emitted: self.emitted,
        }
    }

    /// This search, going on from `at` (taken from a search for the same query and options).
    pub fn resume(mut self, at: Position) -> Self {
        self.next_issue = at.next_issue;
        self.emitted = at.emitted;
        self
    }
}

impl Iterator for Search<'_> {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        loop {
            if let Some(hit) = self.buffer.next() {
                return Some(hit);
            }
            self.buffer = self.next_batch()?.into_iter();
        }
    }
}

/// Convenience for one-off searches: every hit of `query` in `archive` (up to the limit).
/// Builds a throwaway index; keep a [`FullTextIndex`] to search one archive repeatedly.
pub fn search(archive: &Archive, query: &Query, options: SearchOptions) -> Vec<Hit> {
    let index = FullTextIndex::new(archive);
    index.search(archive, query, options).collect()
}

#[cfg(test)]
#[path = "fulltext_tests.rs"]
mod tests;
