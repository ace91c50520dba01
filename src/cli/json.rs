//! The `--json` shapes of `list`, `toc` and `find`. These are a stable interface for scripts
//! (documented in the README): fields may be added, never renamed or removed.
//!
//! Optional values are always present, as `null` when absent, so scripts can rely on the keys.

use serde::Serialize;

use crate::archive::{Article, Issue, Missing, Section};

/// One element of `magreader list --json`.
#[derive(Debug, Serialize)]
pub struct ListEntry<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    /// `2025 No.6 · Nov/Dec · Vol.136`, as shown in the reader.
    pub label: String,
    pub year: u32,
    pub number: Option<u32>,
    pub volume: Option<u32>,
    pub months: Option<&'a str>,
    pub published: Option<&'a str>,
    pub source: &'a str,
    pub cover: Option<&'a str>,
    /// Number of articles, front matter included.
    pub articles: usize,
    /// Number of CONTENTS entries not found in the body.
    pub missing: usize,
}

impl<'a> ListEntry<'a> {
    pub fn new(issue: &'a Issue) -> Self {
        ListEntry {
            id: &issue.id,
            kind: issue.kind.as_str(),
            title: &issue.title,
            label: issue.label(),
            year: issue.year,
            number: issue.number,
            volume: issue.volume,
            months: issue.months.as_deref(),
            published: issue.published.as_deref(),
            source: &issue.source,
            cover: issue.cover.as_deref(),
            articles: issue.article_count(),
            missing: issue.missing.len(),
        }
    }
}

/// `magreader toc ISSUE --json`.
#[derive(Debug, Serialize)]
pub struct Toc<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    pub label: String,
    pub sections: Vec<TocSection<'a>>,
    pub missing: Vec<TocMissing<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TocSection<'a> {
    /// Section id, stable within the issue.
    pub id: &'a str,
    /// `column`, `chapter` or `front`.
    pub kind: &'static str,
    /// 1-based column number as used by the reader's `1`–`9` keys; `null` for front matter.
    pub column: Option<usize>,
    pub name: &'a str,
    pub name_zh: Option<&'a str>,
    pub page: Option<u32>,
    pub articles: Vec<TocArticle<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TocArticle<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    pub page: Option<u32>,
    pub byline: Option<&'a str>,
    /// Whether the CONTENTS page lists the article (unlisted: short news items).
    pub listed: bool,
}

#[derive(Debug, Serialize)]
pub struct TocMissing<'a> {
    pub section: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
}

pub fn section_kind(section: &Section) -> &'static str {
    match section.kind {
        crate::archive::SectionKind::Column => "column",
        crate::archive::SectionKind::Chapter => "chapter",
        crate::archive::SectionKind::Front => "front",
    }
}

impl<'a> Toc<'a> {
    pub fn new(issue: &'a Issue) -> Self {
        let mut column = 0;
        let sections = issue
            .sections
            .iter()
            .map(|s| {
                let number = (s.kind != crate::archive::SectionKind::Front).then(|| {
                    column += 1;
                    column
                });
                TocSection {
                    id: &s.id,
                    kind: section_kind(s),
                    column: number,
                    name: &s.name,
                    name_zh: s.name_zh.as_deref(),
                    page: s.page,
                    articles: s.articles.iter().map(TocArticle::new).collect(),
                }
            })
            .collect();
        Toc {
            id: &issue.id,
            kind: issue.kind.as_str(),
            title: &issue.title,
            label: issue.label(),
            sections,
            missing: issue.missing.iter().map(TocMissing::new).collect(),
        }
    }
}

impl<'a> TocArticle<'a> {
    fn new(a: &'a Article) -> Self {
        TocArticle {
            id: &a.id,
            title: &a.title,
            title_zh: a.title_zh.as_deref(),
            subtitle: a.subtitle.as_deref(),
            page: a.page,
            byline: a.byline.as_deref(),
            listed: a.listed,
        }
    }
}

impl<'a> TocMissing<'a> {
    fn new(m: &'a Missing) -> Self {
        TocMissing {
            section: &m.section,
            title: &m.title,
            title_zh: m.title_zh.as_deref(),
        }
    }
}

/// One element of `magreader find QUERY --json`.
#[derive(Debug, Serialize)]
pub struct FindHit<'a> {
    pub issue: &'a str,
    pub article: &'a str,
    /// The section's display name (`Spotlight`), as shown in the plain output.
    pub section: &'a str,
    pub section_id: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
    /// Fuzzy-match score; higher is better. Only comparable within one query.
    pub score: i64,
}

/// Pretty-printed JSON with a trailing newline, so `jq` and humans both read it.
pub fn write<T: Serialize>(out: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
