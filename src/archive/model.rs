//! The archive's data model: issues made of sections made of articles.
//!
//! These types are what every other layer (importer, CLI, reader, search) shares. The on-disk
//! form lives in `store.rs`; this file knows nothing about files.

use serde::{Deserialize, Serialize};

use super::body::Body;

/// Version of the on-disk format written by this build. Loaders refuse any other value.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueKind {
    Magazine,
    Report,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Magazine => "magazine",
            IssueKind::Report => "report",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// A magazine column (China Scene, Spotlight, ...), listed on the CONTENTS page.
    Column,
    /// A chapter of a report.
    Chapter,
    /// Masthead, editor's note, partner lists, cover lines, advertisements, captions moved out
    /// of sentences: kept so nothing is lost, but apart from the columns.
    Front,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable, human-typable id: `2025-03` for 2025 No. 3, `report-2025-01-bri` style for reports.
    pub id: String,
    pub kind: IssueKind,
    pub title: String,
    pub year: u32,
    pub number: Option<u32>,
    pub volume: Option<u32>,
    /// As printed, normalised: `May/Jun`, `Nov/Dec`, or `January` for a report.
    pub months: Option<String>,
    /// Publishing date as `YYYY-MM-DD` when the source gives one.
    pub published: Option<String>,
    /// File name of the raw source in `archive/sources/`.
    pub source: String,
    /// The cover story: the first cover line, shown in the issue list.
    pub cover: Option<String>,
    pub sections: Vec<Section>,
    /// Articles the CONTENTS page lists but the body does not contain.
    pub missing: Vec<Missing>,
    /// Article ids an earlier import gave that no article has now, each with the id of the
    /// article that holds its text, so reading positions and bookmarks still open.
    #[serde(default)]
    pub redirects: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub kind: SectionKind,
    pub name: String,
    pub name_zh: Option<String>,
    pub page: Option<u32>,
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Slug, unique within the issue.
    pub id: String,
    pub title: String,
    pub title_zh: Option<String>,
    pub subtitle: Option<String>,
    pub page: Option<u32>,
    /// `By Cao Xinxin`, `文/…`, `Interviewed by …`, as printed.
    pub byline: Option<String>,
    /// Whether the CONTENTS page (or report's table of contents) lists this article.
    pub listed: bool,
    /// Markdown body, read from its file on first use (see [`Body`]). Captions are paragraphs
    /// starting with `[Caption] `.
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    pub section: String,
    pub title: String,
    pub title_zh: Option<String>,
}

/// Marker that starts a caption paragraph in an article body.
pub const CAPTION_MARK: &str = "[Caption] ";

impl Issue {
    /// Sections that are columns or chapters, in reading order (front matter excluded). Column
    /// jump keys `1`–`9` count these.
    pub fn columns(&self) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(|s| s.kind != SectionKind::Front)
    }

    pub fn article_count(&self) -> usize {
        self.sections.iter().map(|s| s.articles.len()).sum()
    }

    /// Finds an article by id, with the section holding it. An id the issue used to have (an
    /// article merged away by a better import) finds the article that now holds its text.
    pub fn find_article(&self, id: &str) -> Option<(&Section, &Article)> {
        let (s, a) = self.locate(id)?;
        Some((&self.sections[s], &self.sections[s].articles[a]))
    }

    /// (section index, article index) of the article with this id, following `redirects`.
    pub fn locate(&self, id: &str) -> Option<(usize, usize)> {
        let at = |id: &str| {
            self.sections
                .iter()
                .enumerate()
                .find_map(|(s, sec)| sec.articles.iter().position(|a| a.id == id).map(|a| (s, a)))
        };
        at(id).or_else(|| self.redirects.get(id).and_then(|to| at(to)))
    }

    /// `2025 No.6 · Nov/Dec · Vol.136`, or the report's title.
    pub fn label(&self) -> String {
        match (self.kind, self.number) {
            (IssueKind::Magazine, Some(n)) => {
                let mut s = format!("{} No.{}", self.year, n);
                if let Some(m) = &self.months {
                    s.push_str(" · ");
                    s.push_str(m);
                }
                if let Some(v) = self.volume {
                    s.push_str(&format!(" · Vol.{v}"));
                }
                s
            }
            _ => format!("{} · {}", self.year, self.title),
        }
    }
}

/// The whole archive in memory, issues newest first.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub issues: Vec<Issue>,
}

impl Archive {
    pub fn issue(&self, id: &str) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    /// Sorts issues newest first: by year, then number (reports, with no number, by their
    /// months after the magazine issues of the same year), then id for a stable order.
    pub fn sort_newest_first(&mut self) {
        self.issues.sort_by(|a, b| {
            b.year
                .cmp(&a.year)
                .then(b.number.unwrap_or(0).cmp(&a.number.unwrap_or(0)))
                .then(a.id.cmp(&b.id))
        });
    }
}
