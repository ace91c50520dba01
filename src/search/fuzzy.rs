//! Fuzzy title index: one query over every article of every issue, matching English and
//! Chinese titles, column names and issue ids.
//!
//! The query is split at whitespace into terms; every term must match (as a fuzzy subsequence,
//! fzf's algorithm as nucleo implements it, ignoring case and Latin accents) one of an
//! article's fields, and the article's score is the sum of each term's best field score. A
//! term that is no subsequence of a field still matches a word of it a typo away, or spelt the
//! British or American way (`wrold`, `standardisation`; see `fuzzy_typo`), scoring less than
//! the word as typed would.
//! Matching terms per field rather than over one joined string keeps a term from being
//! scattered across unrelated fields, and lets `spotlight 2025-06` mean "the Spotlight column
//! of issue 2025-06" in either order.
//!
//! A keystroke has to rank tens of thousands of titles within a few milliseconds, so:
//! * each distinct field text is scored once per term (`fuzzy_texts`, `fuzzy_score`): column
//!   names and issue ids are shared by many articles;
//! * only the best `limit` are kept (`fuzzy_rank`), and only those get `Hit`s and matched
//!   positions; an article that cannot beat them is only checked to match, not scored;
//! * [`Narrowing`]: a query that extends the previous one (the usual keystroke) can only match
//!   what that one matched, so only those articles are scored again; and the score tables of
//!   recent terms are kept, so words already typed are not scored again.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use super::fuzzy_rank::rank;
use super::fuzzy_score::{Scorer, TermTable};
use super::fuzzy_texts::{TextId, Texts, TextsBuilder, fold};
use super::fuzzy_typo::may_widen;
use crate::archive::Archive;
use crate::archive::parallel::map_in_order;

/// One ranked match. Serialises (for `magreader find --json`) to exactly `issue`, `article`,
/// `section`, `title`, `title_zh`, `score`; the rest is for the reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Issue id, e.g. `2025-06`.
    pub issue: String,
    /// Article id (unique within the issue).
    pub article: String,
    /// The column's (section's) English name as printed.
    pub section: String,
    pub title: String,
    pub title_zh: Option<String>,
    pub score: i64,
    /// The column's Chinese name, shown beside the English one in the reader.
    #[serde(skip)]
    pub section_zh: Option<String>,
    /// Where the article sits in the archive: indices into `issues`, `sections`, `articles`.
    #[serde(skip)]
    pub location: Location,
    /// Matched character indices per field, for highlighting.
    #[serde(skip)]
    pub matched: Matched,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub issue: usize,
    pub section: usize,
    pub article: usize,
}

/// Char indices (not byte indices) of matched characters, sorted and unique, in each field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matched {
    pub title: Vec<usize>,
    pub title_zh: Vec<usize>,
    pub section: Vec<usize>,
    pub section_zh: Vec<usize>,
    pub issue: Vec<usize>,
}

/// The searchable fields of one article as text ids, in the order `TITLE` .. `ISSUE` name.
struct Entry {
    location: Location,
    fields: [TextId; FIELD_COUNT],
    /// The article id as stored (not searched).
    article_id: TextId,
}

const FIELD_COUNT: usize = 5;
const TITLE: usize = 0;
const TITLE_ZH: usize = 1;
const SECTION: usize = 2;
const SECTION_ZH: usize = 3;
const ISSUE: usize = 4;

/// Tells indexes apart, so that a [`Narrowing`] is never applied to another index.
static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

/// Every article title of an archive, ready to be ranked per keystroke. Immutable once built
/// (one can be shared by several readers); per-popup state lives in a [`Narrowing`].
pub struct TitleIndex {
    id: u64,
    entries: Vec<Entry>,
    texts: Texts,
}

impl std::fmt::Debug for TitleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TitleIndex")
            .field("entries", &self.entries.len())
            .field("texts", &self.texts.len())
            .finish()
    }
}

/// What a popup remembers between keystrokes: what the previous query matched, so that the
/// next keystroke, when it only adds to the query, rescores just those articles; and the score
/// tables of recent terms. Start with `Narrowing::default()` (nothing known). After any other
/// edit (a backspace) every article is visited again, with the tables still of use; a state
/// left by another index is ignored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrowing {
    index: u64,
    query: String,
    /// Entries the query matched, in archive order; `None`: every entry (a blank query) or
    /// nothing known yet, as `index` tells.
    matched: Option<Vec<u32>>,
    /// Score tables of the latest terms, newest first (at most [`KEPT_TABLES`]).
    tables: Vec<TermTable>,
}

/// Score tables a popup keeps: the terms of the current query and a few before it (a table is
/// 4 bytes per distinct text: 150 KB for 1,000 issues).
const KEPT_TABLES: usize = 6;

impl TitleIndex {
    /// Indexes every article of every issue, in archive order (newest issue first, contents
    /// order within an issue), which is also the order of equally scored hits.
    pub fn new(archive: &Archive) -> Self {
        let articles: usize = archive.issues.iter().map(|i| i.article_count()).sum();
        let threads = if articles < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
        };
        TitleIndex::in_parts(archive, threads)
    }

    /// [`TitleIndex::new`], built in at most `parts` parts.
    fn in_parts(archive: &Archive, parts: usize) -> Self {
        let parts = issue_parts(archive, parts);
        // Built in parts, one per thread, and joined in archive order: a large archive's
        // titles are most of `magreader find`'s work after loading. A text repeated in two
        // parts (a column name) gets an id in each; it is then scored once per part.
        let (part_entries, part_texts): (Vec<Vec<Entry>>, Vec<Texts>) =
            map_in_order(parts.len(), 1, |k| build_part(archive, parts[k].clone()))
                .into_iter()
                .unzip();
        let (texts, bases) = Texts::join(part_texts);
        let mut entries = Vec::with_capacity(part_entries.iter().map(Vec::len).sum());
        for (part, base) in part_entries.into_iter().zip(bases) {
            entries.extend(part.into_iter().map(|mut e| {
                for f in e.fields.iter_mut().chain([&mut e.article_id]) {
                    *f += base;
                }
                e
            }));
        }
        assert!(
            u32::try_from(entries.len()).is_ok(),
            "fewer than 2^32 articles"
        );
        TitleIndex {
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
            entries,
            texts,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` matches, best first; equal scores in archive order. An empty (or
    /// blank) query lists articles in archive order with score 0.
    pub fn query(&self, q: &str, limit: usize) -> Vec<Hit> {
        self.query_narrowing(q, limit, &mut Narrowing::default())
    }

    /// [`TitleIndex::query`] for a popup that keeps `state` between keystrokes: when `q`
    /// extends the query `state` was left by, only what that query matched is scored.
    /// The hits are exactly those of a fresh `query(q, limit)`. Leaves `state` for `q`.
    pub fn query_narrowing(&self, q: &str, limit: usize, state: &mut Narrowing) -> Vec<Hit> {
        let same_index = state.index == self.id;
        let narrows = same_index && q.starts_with(state.query.as_str());
        let previous = if narrows { state.matched.take() } else { None };
        let mut kept = if same_index {
            std::mem::take(&mut state.tables)
        } else {
            Vec::new()
        };
        let mut scorer = Scorer::new(&self.texts, q, &mut kept);
        // A word that grew into (more) typo tolerance may match articles the shorter one did
        // not: those are added to what the previous query matched.
        let previous = match previous {
            Some(prev) if narrows => match widened(&state.query, q) {
                widened if widened.is_empty() => Some(prev),
                widened => Some(self.with_typo_matches(prev, &mut scorer, &widened)),
            },
            other => other,
        };
        let (ranked, matched): (Vec<(u32, u32)>, _) = if scorer.term_count() > 0 {
            let fields = |e: u32| &self.entries[e as usize].fields[..];
            let found = match previous {
                Some(prev) => rank(&mut scorer, prev.into_iter(), fields, limit),
                None => rank(&mut scorer, 0..self.entries.len() as u32, fields, limit),
            };
            (found.best, Some(found.matched))
        } else {
            let n = self.entries.len().min(limit) as u32;
            ((0..n).map(|e| (0, e)).collect(), None)
        };
        let hits = ranked
            .iter()
            .map(|&(score, e)| self.hit(&mut scorer, e, score))
            .collect();
        let scorer_terms = scorer.term_count();
        let mut tables = scorer.into_tables();
        tables.extend(kept);
        // The current query's tables come first and are always kept.
        tables.truncate(KEPT_TABLES.max(scorer_terms));
        *state = Narrowing {
            index: self.id,
            query: q.to_string(),
            matched,
            tables,
        };
        hits
    }

    /// `prev` (entries in archive order) and every entry with a field that terms `terms` match
    /// a typo away, in archive order.
    fn with_typo_matches(
        &self,
        prev: Vec<u32>,
        scorer: &mut Scorer<'_>,
        terms: &[usize],
    ) -> Vec<u32> {
        let typo = scorer.typo_texts(terms);
        let mut prev = prev.into_iter().peekable();
        let mut out = Vec::new();
        for (e, entry) in self.entries.iter().enumerate() {
            let e = e as u32;
            let was = prev.next_if_eq(&e).is_some();
            if was || entry.fields.iter().any(|&f| typo[f as usize]) {
                out.push(e);
            }
        }
        out
    }

    /// The hit for entry `e`, with the matched positions of each term in its best field.
    fn hit(&self, scorer: &mut Scorer<'_>, e: u32, score: u32) -> Hit {
        let e = &self.entries[e as usize];
        let mut matched: [Vec<usize>; FIELD_COUNT] = Default::default();
        for t in 0..scorer.term_count() {
            if let Some((field, _)) = scorer.best(t, &e.fields) {
                scorer.positions(t, e.fields[field], &mut matched[field]);
            }
        }
        for m in matched.iter_mut() {
            m.sort_unstable();
            m.dedup();
        }
        let [title, title_zh, section, section_zh, issue] = matched;
        let text = |f: usize| self.texts.str(e.fields[f]).to_string();
        let opt = |f: usize| Some(text(f)).filter(|s| !s.is_empty());
        Hit {
            issue: text(ISSUE),
            article: self.texts.str(e.article_id).to_string(),
            section: text(SECTION),
            title: text(TITLE),
            title_zh: opt(TITLE_ZH),
            score: i64::from(score),
            section_zh: opt(SECTION_ZH),
            location: e.location,
            matched: Matched {
                title,
                title_zh,
                section,
                section_zh,
                issue,
            },
        }
    }
}

/// Fewer articles than this and a second thread would cost more than it saves.
const PARALLEL_FROM: usize = 4_000;
/// More threads than this gain nothing building one index.
const MAX_THREADS: usize = 4;

/// The issues cut into at most `parts` runs of about as many articles each, in order.
fn issue_parts(archive: &Archive, parts: usize) -> Vec<Range<usize>> {
    let total: usize = archive.issues.iter().map(|i| i.article_count()).sum();
    let per_part = total.div_ceil(parts.max(1)).max(1);
    let mut out = Vec::new();
    let (mut start, mut count) = (0, 0);
    for (i, issue) in archive.issues.iter().enumerate() {
        count += issue.article_count();
        if count >= per_part {
            out.push(start..i + 1);
            (start, count) = (i + 1, 0);
        }
    }
    if start < archive.issues.len() {
        out.push(start..archive.issues.len());
    }
    out
}

/// The entries of the issues `issues` and their texts, ids counted from 0.
fn build_part(archive: &Archive, issues: Range<usize>) -> (Vec<Entry>, Texts) {
    let articles: usize = archive.issues[issues.clone()]
        .iter()
        .map(|i| i.article_count())
        .sum();
    let mut texts = TextsBuilder::with_capacity(3 * articles);
    let mut entries = Vec::with_capacity(articles);
    for ii in issues {
        let issue = &archive.issues[ii];
        let issue_id = texts.intern(clean(&issue.id));
        for (si, section) in issue.sections.iter().enumerate() {
            let name = texts.intern(clean(&section.name));
            let name_zh = texts.intern(clean(section.name_zh.as_deref().unwrap_or("")));
            for (ai, article) in section.articles.iter().enumerate() {
                let title = texts.add(&clean(&article.title));
                let title_zh = texts.add(&clean(article.title_zh.as_deref().unwrap_or("")));
                entries.push(Entry {
                    location: Location {
                        issue: ii,
                        section: si,
                        article: ai,
                    },
                    fields: [title, title_zh, name, name_zh, issue_id],
                    article_id: texts.add(&article.id),
                });
            }
        }
    }
    (entries, texts.finish())
}

/// The words of query `new`, which extends `old`, that may match an article the same word of
/// `old` did not: words grown long enough for (more) typo tolerance, or into a British ending
/// (see `fuzzy_typo`). Every other word of `new` asks at least as much as it did in `old`, so
/// an article `new` matches either matched `old` or has a field one of these words matches a
/// typo away.
fn widened(old: &str, new: &str) -> Vec<usize> {
    let folded = |w: &str| w.chars().map(fold).collect::<Vec<char>>();
    old.split_whitespace()
        .zip(new.split_whitespace())
        .enumerate()
        .filter(|(_, (o, n))| o != n && may_widen(&folded(o), &folded(n)))
        .map(|(i, _)| i)
        .collect()
}

/// Archive text is untrusted; index the text as it will be displayed so that matched indices
/// line up with what the reader draws.
fn clean(s: &str) -> Cow<'_, str> {
    crate::text::sanitize::sanitize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_built_in_parts_answers_as_one_built_whole() {
        let (mut archive, _) = crate::archive::load_builtin();
        // More issues than parts, and a part boundary inside a run of equal column names.
        let copies = archive.issues.clone();
        archive.issues.extend(copies);
        let whole = TitleIndex::in_parts(&archive, 1);
        for parts in [2, 3, 7] {
            let split = TitleIndex::in_parts(&archive, parts);
            assert!(issue_parts(&archive, parts).len() > 1);
            for q in [
                "standards",
                "iso",
                "标准",
                "wrold standards day",
                "standardisation",
                "2025-06 spot",
                "",
            ] {
                assert_eq!(
                    split.query(q, 50),
                    whole.query(q, 50),
                    "{q} in {parts} parts"
                );
            }
        }
    }

    #[test]
    fn issue_parts_cover_every_issue_once_in_order() {
        let (archive, _) = crate::archive::load_builtin();
        for parts in 1..8 {
            let cut = issue_parts(&archive, parts);
            assert!(cut.len() <= parts.max(1));
            let joined: Vec<usize> = cut.into_iter().flatten().collect();
            assert_eq!(joined, (0..archive.issues.len()).collect::<Vec<_>>());
        }
    }
}
