//! Every standard an archive mentions, and where: built once (at load for the reader, once per
//! run for `magreader standards`), never per keystroke.

use std::collections::{BTreeSet, HashMap};

use super::fulltext::{Field, Hit, in_result_order};
use crate::archive::{Archive, Article};
use crate::standards::recognise::{Found, each};

/// Fewer issues per thread than this and starting the thread costs more than it saves.
const ISSUES_PER_THREAD: usize = 8;

/// One standard: its undated designation, the editions the archive names, every mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    pub designation: String,
    pub body: String,
    pub number: String,
    /// Years (ASTM: two digits) the archive gives, oldest first.
    pub editions: Vec<String>,
    /// In archive order: newest issue first, columns in reading order, then the front matter;
    /// within an article the title fields before the body, each in text order.
    pub mentions: Vec<Hit>,
}

impl Standard {
    /// Whether `query` names this standard.
    pub fn named_by(&self, query: &crate::standards::StandardQuery) -> bool {
        query.matches(&self.designation, &self.number)
    }

    /// The mentions grouped by article, in the order of `mentions`.
    pub fn articles(&self) -> Vec<&[Hit]> {
        self.mentions
            .chunk_by(|a, b| (a.issue, a.section, a.article) == (b.issue, b.section, b.article))
            .collect()
    }
}

/// The standards of an archive, sorted by body, then number (numerically: `ISO 9001` before
/// `ISO 14001`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandardsIndex {
    pub standards: Vec<Standard>,
}

impl StandardsIndex {
    /// Reads every title and body of `archive` once. Bodies are read from their files and not
    /// kept, on several threads for a large archive.
    pub fn build(archive: &Archive) -> StandardsIndex {
        let per_issue = per_issue(archive);
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut standards: Vec<(Standard, BTreeSet<String>)> = Vec::new();
        for (f, hit) in per_issue.into_iter().flatten() {
            let i = *at.entry(f.designation.clone()).or_insert_with(|| {
                standards.push((
                    Standard {
                        designation: f.designation,
                        body: f.body,
                        number: f.number,
                        editions: Vec::new(),
                        mentions: Vec::new(),
                    },
                    BTreeSet::new(),
                ));
                standards.len() - 1
            });
            let (s, editions) = &mut standards[i];
            if let Some(e) = f.edition {
                editions.insert(e);
            }
            s.mentions.push(hit);
        }
        let mut standards: Vec<Standard> = standards
            .into_iter()
            .map(|(mut s, e)| {
                s.editions = e.into_iter().collect();
                s
            })
            .collect();
        standards.sort_by_cached_key(sort_key);
        StandardsIndex { standards }
    }

    /// The standards mentioned in one article with their mentions there, in the order the
    /// article first mentions them.
    pub fn in_article(
        &self,
        issue: usize,
        section: usize,
        article: usize,
    ) -> Vec<(usize, Vec<&Hit>)> {
        let mut out: Vec<(usize, Vec<&Hit>)> = self
            .standards
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let here: Vec<&Hit> = s
                    .mentions
                    .iter()
                    .filter(|h| (h.issue, h.section, h.article) == (issue, section, article))
                    .collect();
                (!here.is_empty()).then_some((i, here))
            })
            .collect();
        out.sort_by_key(|(_, hits)| (field_rank(hits[0].field), hits[0].range.start));
        out
    }
}

/// Where a field's mentions come in an article: titles before the body.
fn field_rank(field: Field) -> usize {
    Field::ALL
        .iter()
        .position(|f| *f == field)
        .unwrap_or(usize::MAX)
}

/// Body first, then the number's digit runs as numbers, then the text.
fn sort_key(s: &Standard) -> (String, Vec<u64>, String) {
    let runs = s
        .number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .map(|r| r.parse::<u64>().unwrap_or(u64::MAX))
        .collect();
    (s.body.clone(), runs, s.designation.clone())
}

type IssueMentions = Vec<(Found, Hit)>;

/// Each issue's mentions, in archive order.
fn per_issue(archive: &Archive) -> Vec<IssueMentions> {
    crate::archive::parallel::map_in_order(archive.issues.len(), ISSUES_PER_THREAD, |i| {
        issue_mentions(archive, i)
    })
}

fn issue_mentions(archive: &Archive, i: usize) -> IssueMentions {
    let mut out = Vec::new();
    for (si, section) in in_result_order(&archive.issues[i]) {
        for (ai, article) in section.articles.iter().enumerate() {
            article_mentions(article, |field, f| {
                let hit = Hit {
                    issue: i,
                    section: si,
                    article: ai,
                    field,
                    range: f.range.clone(),
                };
                out.push((f, hit));
            });
        }
    }
    out
}

/// Every designation in an article's titles and body, with the field it is in. A body that
/// cannot be read has none (`magreader check` names it).
pub fn article_mentions(article: &Article, mut take: impl FnMut(Field, Found)) {
    for field in [Field::Title, Field::TitleZh, Field::Subtitle] {
        if let Some(text) = field.text(article) {
            each(text, |f| take(field, f));
        }
    }
    if let Ok(text) = article.body.read_uncached() {
        each(&text, |f| take(Field::Body, f));
    }
}

#[cfg(test)]
#[path = "standards_tests.rs"]
mod tests;
