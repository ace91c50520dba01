//! Fuzzy title index: one query over every article of every issue, matching English and
//! Chinese titles, column names and issue ids.
//!
//! The query is split at whitespace into terms; every term must match (as a fuzzy subsequence,
//! skim's algorithm) one of an article's fields, and the article's score is the sum of each
//! term's best field score. Matching terms per field rather than over one joined string keeps a
//! term from being scattered across unrelated fields, and lets `spotlight 2025-06` mean "the
//! Spotlight column of issue 2025-06" in either order.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::archive::Archive;

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

/// The searchable fields of one article, in the order [`Field`] names them.
struct Entry {
    location: Location,
    fields: [String; FIELD_COUNT],
    article_id: String,
}

const FIELD_COUNT: usize = 5;

#[derive(Clone, Copy)]
enum Field {
    Title = 0,
    TitleZh = 1,
    Section = 2,
    SectionZh = 3,
    Issue = 4,
}

const FIELDS: [Field; FIELD_COUNT] = [
    Field::Title,
    Field::TitleZh,
    Field::Section,
    Field::SectionZh,
    Field::Issue,
];

/// Every article title of an archive, ready to be ranked per keystroke.
pub struct TitleIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for TitleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TitleIndex")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl TitleIndex {
    /// Indexes every article of every issue, in archive order (newest issue first, contents
    /// order within an issue), which is also the order of equally scored hits.
    pub fn new(archive: &Archive) -> Self {
        let mut entries = Vec::new();
        for (ii, issue) in archive.issues.iter().enumerate() {
            for (si, section) in issue.sections.iter().enumerate() {
                for (ai, article) in section.articles.iter().enumerate() {
                    entries.push(Entry {
                        location: Location {
                            issue: ii,
                            section: si,
                            article: ai,
                        },
                        fields: [
                            clean(&article.title),
                            clean(article.title_zh.as_deref().unwrap_or("")),
                            clean(&section.name),
                            clean(section.name_zh.as_deref().unwrap_or("")),
                            clean(&issue.id),
                        ],
                        article_id: article.id.clone(),
                    });
                }
            }
        }
        TitleIndex {
            entries,
            // Case never matters in titles: `wsd` must find `WSD-themed`.
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` matches, best first. An empty (or blank) query lists articles in archive
    /// order with score 0.
    pub fn query(&self, q: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<&str> = q.split_whitespace().collect();
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|e| self.score_entry(e, &terms))
            .collect();
        // Stable: equal scores keep archive order.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(limit);
        hits
    }

    fn score_entry(&self, e: &Entry, terms: &[&str]) -> Option<Hit> {
        let mut total = 0i64;
        let mut matched: [Vec<usize>; FIELD_COUNT] = Default::default();
        for term in terms {
            let (field, score, indices) = FIELDS
                .iter()
                .filter_map(|&f| {
                    self.matcher
                        .fuzzy_indices(&e.fields[f as usize], term)
                        .map(|(s, idx)| (f, s, idx))
                })
                .max_by_key(|(_, s, _)| *s)?;
            total += score;
            matched[field as usize].extend(indices);
        }
        for m in matched.iter_mut() {
            m.sort_unstable();
            m.dedup();
        }
        let [title, title_zh, section, section_zh, issue] = matched;
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Some(Hit {
            issue: e.fields[Field::Issue as usize].clone(),
            article: e.article_id.clone(),
            section: e.fields[Field::Section as usize].clone(),
            title: e.fields[Field::Title as usize].clone(),
            title_zh: opt(&e.fields[Field::TitleZh as usize]),
            score: total,
            section_zh: opt(&e.fields[Field::SectionZh as usize]),
            location: e.location,
            matched: Matched {
                title,
                title_zh,
                section,
                section_zh,
                issue,
            },
        })
    }
}

/// Archive text is untrusted; index the text as it will be displayed so that matched indices
/// line up with what the reader draws.
fn clean(s: &str) -> String {
    crate::text::sanitize::sanitize(s).into_owned()
}
