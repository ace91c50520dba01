//! The open article: its laid-out lines (title block, then the body from the text layer),
//! the scroll position, and the reading position anchored to the text.
//!
//! The reading position is kept as a text offset (the body offset of the top line), not a line
//! number, so a re-wrap at another width (resize, or focus changing pane widths) reopens the
//! view at the same sentence.

use std::collections::HashMap;
use std::rc::Rc;

use crate::archive::Article;
use crate::text::markdown::{self, Style};
use crate::text::sanitize::sanitize;

use super::scrolled::ScrolledText;

/// An article by position in the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleRef {
    pub issue: usize,
    pub section: usize,
    pub article: usize,
}

/// How a piece of article text should look; the renderer maps this to colours.
#[derive(Debug, Clone, PartialEq)]
pub enum Ink {
    /// Body text, styled by the Markdown layout.
    Body(Style),
    Title,
    TitleZh,
    Subtitle,
    Byline,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleLine {
    pub spans: Vec<(String, Ink)>,
    /// Byte offset into the stored body where this line's text starts; `None` for the title
    /// block, which comes before any body text.
    pub pos: Option<usize>,
    /// Bytes at the start of the line's text that are layout, not article text: a list
    /// marker or its hanging indent, a quote's `> `. Search skips them.
    pub prefix: usize,
}

impl ArticleLine {
    pub fn text(&self) -> String {
        self.spans.iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// Lays out an article for a text column `width` wide: the title block (English title, Chinese
/// title, subtitle, byline), a blank line, then the body. All text is sanitised first.
pub fn lay_out(article: &Article, width: u16) -> Vec<ArticleLine> {
    let width = width.max(1);
    let mut out = Vec::new();
    let block: [(Option<&str>, Ink); 4] = [
        (Some(article.title.as_str()), Ink::Title),
        (article.title_zh.as_deref(), Ink::TitleZh),
        (article.subtitle.as_deref(), Ink::Subtitle),
        (article.byline.as_deref(), Ink::Byline),
    ];
    for (text, ink) in block {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        // Titles are plain text: escape them so the Markdown layout wraps them verbatim.
        for line in markdown::layout(&escape_markdown(&sanitize(text)), usize::from(width)) {
            let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
            out.push(ArticleLine {
                spans: vec![(text, ink.clone())],
                pos: None,
                prefix: 0,
            });
        }
    }
    out.push(ArticleLine {
        spans: Vec::new(),
        pos: None,
        prefix: 0,
    });
    let start = out.len();
    // The layout sanitises text itself; giving it the body as stored keeps line offsets
    // pointing into the stored body.
    for line in markdown::layout(&article.body, usize::from(width)) {
        let prefix = prefix_len(&line.spans);
        out.push(ArticleLine {
            prefix,
            spans: line
                .spans
                .into_iter()
                .map(|s| (s.text, Ink::Body(s.style)))
                .collect(),
            pos: Some(line.offset),
        });
    }
    if out.len() == start {
        out.push(ArticleLine {
            spans: vec![("(no text)".to_string(), Ink::Byline)],
            pos: Some(0),
            prefix: 0,
        });
    }
    out
}

/// Bytes of the leading spans that the Markdown layout adds in front of text: list markers
/// (their own style), hanging indents (spaces only) and quote bars (`> `, possibly cut short
/// at tiny widths). Each prefix piece is a span of its own, so whole spans are counted.
fn prefix_len(spans: &[markdown::Span]) -> usize {
    spans
        .iter()
        .take_while(|s| match s.style {
            Style::ListMarker => true,
            Style::Quote => !s.text.is_empty() && s.text.chars().all(|c| c == '>' || c == ' '),
            _ => !s.text.is_empty() && s.text.chars().all(|c| c == ' '),
        })
        .map(|s| s.text.len())
        .sum()
}

/// Backslash-escapes ASCII punctuation (CommonMark allows it for every ASCII punctuation mark)
/// and keeps a leading marker like `1.` from turning a title into a list.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The line to show at the top for reading position `anchor`: among lines starting at or
/// before the anchor, the first of those with the greatest position (so a position inside a
/// paragraph lands on the line holding it, and the title block's `None` lands on line 0).
/// A blank line carries the position of the block after it; the block's first text line is
/// preferred, so re-wrapping does not shift the view by the blank line.
pub fn find_anchor(lines: &[ArticleLine], anchor: Option<usize>) -> usize {
    let best = lines
        .iter()
        .map(|l| l.pos)
        .filter(|p| *p <= anchor)
        .max()
        .unwrap_or(None);
    let blank = |l: &ArticleLine| l.spans.iter().all(|(t, _)| t.trim().is_empty());
    lines
        .iter()
        .position(|l| l.pos == best && !blank(l))
        .or_else(|| lines.iter().position(|l| l.pos == best))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::Style;

    fn line(text: &str, pos: Option<usize>) -> ArticleLine {
        ArticleLine {
            spans: vec![(text.to_string(), Ink::Body(Style::Text))],
            pos,
            prefix: 0,
        }
    }

    #[test]
    fn list_markers_indents_and_quote_bars_are_prefix() {
        let article = Article {
            id: "a".into(),
            title: "T".into(),
            title_zh: None,
            subtitle: None,
            page: None,
            byline: None,
            listed: true,
            body: "- first item that wraps over more than one line here\n\n> quoted text that \
                   also wraps over lines\n\nPlain."
                .into(),
        };
        let lines = lay_out(&article, 20);
        let texts: Vec<(String, usize)> = lines
            .iter()
            .filter(|l| l.pos.is_some() && !l.text().trim().is_empty())
            .map(|l| (l.text(), l.prefix))
            .collect();
        assert!(
            texts[0].0.starts_with("- first") && texts[0].1 == 2,
            "{texts:?}"
        );
        assert!(texts[1].0.starts_with("  ") && texts[1].1 == 2, "{texts:?}");
        let quote = texts.iter().find(|t| t.0.contains("quoted")).unwrap();
        assert_eq!(quote.1, 2, "{texts:?}");
        assert_eq!(texts.last().unwrap(), &("Plain.".to_string(), 0));
    }

    #[test]
    fn anchor_lands_on_the_line_holding_the_offset() {
        let lines = vec![
            line("Title", None),
            line("", None),
            line("first para", Some(0)),
            line("continues", Some(40)),
            line("", Some(90)),
            line("second para", Some(90)),
            line("more", Some(130)),
        ];
        assert_eq!(find_anchor(&lines, None), 0);
        assert_eq!(find_anchor(&lines, Some(0)), 2);
        assert_eq!(find_anchor(&lines, Some(39)), 2);
        assert_eq!(find_anchor(&lines, Some(40)), 3);
        assert_eq!(find_anchor(&lines, Some(90)), 5, "skips the blank line");
        assert_eq!(find_anchor(&lines, Some(500)), 6);
        assert_eq!(find_anchor(&[], Some(5)), 0);
    }
}

/// Wrapped articles by (article, width). Pane widths change with focus, so switching panes
/// back and forth reuses earlier layouts instead of re-wrapping.
#[derive(Debug, Default)]
pub struct LayoutCache {
    map: HashMap<(ArticleRef, u16), Rc<Vec<ArticleLine>>>,
}

/// Enough for a few articles at a few widths; the cache is dropped whole beyond this.
const CACHE_LIMIT: usize = 32;

impl LayoutCache {
    pub fn get(&mut self, at: ArticleRef, article: &Article, width: u16) -> Rc<Vec<ArticleLine>> {
        if let Some(lines) = self.map.get(&(at, width)) {
            return lines.clone();
        }
        if self.map.len() >= CACHE_LIMIT {
            self.map.clear();
        }
        let lines = Rc::new(lay_out(article, width));
        self.map.insert((at, width), lines.clone());
        lines
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The article pane's view of the open article.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub at: ArticleRef,
    pub width: u16,
    pub lines: Rc<Vec<ArticleLine>>,
    /// Index of the top visible line.
    pub top: usize,
    /// The reading position: `pos` of the top line when the user last scrolled.
    pub anchor: Option<usize>,
}

impl ArticleView {
    /// Scrolls to line `top`, kept within `0..=max_top` for a view `height` lines tall, and
    /// records the reading position there.
    pub fn scroll_to(&mut self, top: usize, height: usize) {
        self.show(top, height);
        self.anchor = self.lines.get(self.top).and_then(|l| l.pos);
    }

    /// Shows line `top`, kept within `0..=max_top`, leaving the reading position where it
    /// was: for a resize or a restored view, which are not the reader's own scrolling.
    pub fn show(&mut self, top: usize, height: usize) {
        self.top = top.min(self.max_top(height));
    }

    /// The article as a text scrolled `height` lines at a time, keeping one line of a page
    /// for context.
    pub fn scrolled(&self, height: usize) -> ScrolledText {
        ScrolledText {
            len: self.lines.len(),
            rows: height,
            overlap: 1,
        }
    }

    /// The last top line that still fills the view (the end of the text at the bottom).
    pub fn max_top(&self, height: usize) -> usize {
        self.scrolled(height).last_top()
    }

    /// Replaces the lines (a new width) and finds the reading position in them again. The top
    /// is clamped for display but the anchor is kept, so growing the window back returns to the
    /// same text.
    pub fn relayout(&mut self, lines: Rc<Vec<ArticleLine>>, width: u16, height: usize) {
        self.lines = lines;
        self.width = width;
        self.show(find_anchor(&self.lines, self.anchor), height);
    }
}
