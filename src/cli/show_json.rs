//! `magreader show ISSUE [ARTICLE] --json`: an article's fields and its stored Markdown, or a
//! whole issue's articles in reading order. Stable for scripts like the other `--json` shapes
//! (docs/json.md): fields may be added, never renamed or removed.

use serde::Serialize;

use super::json::section_kind;
use crate::archive::{Article, Issue, Section};

/// One article. The title fields are as `toc --json` gives them; `section*` place it.
#[derive(Debug, Serialize)]
pub struct ShowArticle<'a> {
    pub issue: &'a str,
    pub section: &'a str,
    pub section_id: &'a str,
    /// `column`, `chapter` or `front`, as in `toc --json`.
    pub section_kind: &'static str,
    pub id: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    pub page: Option<u32>,
    pub byline: Option<&'a str>,
    pub listed: bool,
    /// The stored Markdown, byte for byte; `null` when the file cannot be read.
    pub body: Option<&'a str>,
    /// Why the body cannot be read (naming the file); `null` when it can.
    pub problem: Option<String>,
}

/// A whole issue: its head as in `list --json`/`toc --json`, then every article in reading
/// order, front matter included where the issue keeps it.
#[derive(Debug, Serialize)]
pub struct ShowIssue<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    pub label: String,
    pub articles: Vec<ShowArticle<'a>>,
}

impl<'a> ShowArticle<'a> {
    pub fn new(issue: &'a Issue, section: &'a Section, article: &'a Article) -> Self {
        let (body, problem) = match article.body.load() {
            Ok(text) => (Some(text), None),
            Err(p) => (None, Some(p.to_string())),
        };
        ShowArticle {
            issue: &issue.id,
            section: &section.name,
            section_id: &section.id,
            section_kind: section_kind(section),
            id: &article.id,
            title: &article.title,
            title_zh: article.title_zh.as_deref(),
            subtitle: article.subtitle.as_deref(),
            page: article.page,
            byline: article.byline.as_deref(),
            listed: article.listed,
            body,
            problem,
        }
    }
}

impl<'a> ShowIssue<'a> {
    pub fn new(issue: &'a Issue) -> Self {
        ShowIssue {
            id: &issue.id,
            kind: issue.kind.as_str(),
            title: &issue.title,
            label: issue.label(),
            articles: issue
                .sections
                .iter()
                .flat_map(|s| {
                    s.articles
                        .iter()
                        .map(move |a| ShowArticle::new(issue, s, a))
                })
                .collect(),
        }
    }
}
