//! What the issue list and the contents pane show, line by line, for a given width. Pure, so
//! the state can keep the selection in view and the renderer draws exactly these lines.

use crate::text::width::str_width;

use crate::archive::{Issue, SectionKind};

/// An article of the open issue, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub section: usize,
    pub article: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentsLine {
    /// A blank line before each column header but the first.
    Blank,
    /// A column header; `number` is the column's jump key (front matter has none).
    Header {
        section: usize,
        number: Option<usize>,
    },
    /// An article's English title, with the Chinese title beside it when `zh_beside`.
    Title { item: usize, zh_beside: bool },
    /// The Chinese title beneath the English one.
    TitleZh { item: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentsModel {
    /// Selectable articles in display order: columns in contents order, front matter last.
    pub items: Vec<ItemRef>,
    pub lines: Vec<ContentsLine>,
}

/// Columns in their contents order, then front-matter sections: the order the contents pane
/// shows and `{` / `}` step through.
pub fn section_order(issue: &Issue) -> Vec<usize> {
    let (mut cols, front): (Vec<usize>, Vec<usize>) =
        (0..issue.sections.len()).partition(|&i| issue.sections[i].kind != SectionKind::Front);
    cols.extend(front);
    cols
}

/// Indentation of article lines under their column header.
pub const ITEM_INDENT: usize = 2;

pub fn contents_model(issue: &Issue, width: u16) -> ContentsModel {
    let mut items = Vec::new();
    let mut lines = Vec::new();
    let mut number = 0;
    for si in section_order(issue) {
        let section = &issue.sections[si];
        if !lines.is_empty() {
            lines.push(ContentsLine::Blank);
        }
        let num = (section.kind != SectionKind::Front).then(|| {
            number += 1;
            number
        });
        lines.push(ContentsLine::Header {
            section: si,
            number: num,
        });
        for (ai, article) in section.articles.iter().enumerate() {
            let item = items.len();
            items.push(ItemRef {
                section: si,
                article: ai,
            });
            match article.title_zh.as_deref().filter(|z| !z.is_empty()) {
                None => lines.push(ContentsLine::Title {
                    item,
                    zh_beside: false,
                }),
                Some(zh) => {
                    let beside = zh_fits_beside(&article.title, zh, article.page, width);
                    lines.push(ContentsLine::Title {
                        item,
                        zh_beside: beside,
                    });
                    if !beside {
                        lines.push(ContentsLine::TitleZh { item });
                    }
                }
            }
        }
    }
    ContentsModel { items, lines }
}

/// Whether `title  标题  page` fits on one line of `width` columns.
pub fn zh_fits_beside(title: &str, zh: &str, page: Option<u32>, width: u16) -> bool {
    let page_w = page.map_or(0, |p| p.to_string().len() + 1);
    ITEM_INDENT + str_width(title) + 2 + str_width(zh) + page_w <= usize::from(width)
}

impl ContentsModel {
    /// The first and last display line of item `item`.
    pub fn item_lines(&self, item: usize) -> Option<(usize, usize)> {
        let first = self
            .lines
            .iter()
            .position(|l| matches!(l, ContentsLine::Title { item: i, .. } if *i == item))?;
        let last = match self.lines.get(first + 1) {
            Some(ContentsLine::TitleZh { item: i }) if *i == item => first + 1,
            _ => first,
        };
        Some((first, last))
    }

    pub fn item_of(&self, r: ItemRef) -> Option<usize> {
        self.items.iter().position(|i| *i == r)
    }
}

/// Issue list lines: each issue's label, then its cover story when it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueLine {
    Label(usize),
    Cover(usize),
}

pub fn issue_lines(issues: &[Issue]) -> Vec<IssueLine> {
    let mut out = Vec::new();
    for (i, issue) in issues.iter().enumerate() {
        out.push(IssueLine::Label(i));
        if issue.cover.as_deref().is_some_and(|c| !c.is_empty()) {
            out.push(IssueLine::Cover(i));
        }
    }
    out
}
