//! Markdown (an article body) → styled lines that fit a width, for the reader and for
//! `magreader show`.
//!
//! One blank line separates blocks (not the items of a tight list). Headings, emphasis, strong,
//! inline code and link text get their own [`Style`]; a live link's text is followed by `[n]`
//! and the article by the numbered list of targets ([`super::links`]), a dead link (`#`) is
//! plain text. Hard line breaks (two trailing spaces, a trailing backslash, `<br>`) end a line
//! at every width. Raw HTML never shows as tags ([`super::html`]); TeX math is shown as text
//! ([`super::tex`]). Lists get a
//! marker (`- ` or `N. `) and a hanging indent; block quotes a `> ` prefix (ASCII, so the chrome
//! is the same width in every terminal). Tables — GFM pipe tables, and paragraphs whose every
//! line contains a tab — are aligned when they fit, else one wrapped record per row. A paragraph
//! starting with `[Caption] ` is a caption, shown without the marker.
//!
//! All text is sanitised ([`super::sanitize`]) and every line is at most `width` columns wide as
//! ratatui measures it, including list and quote prefixes at tiny widths (prefixes shrink, then
//! disappear, to leave room for text). A cluster wider than the whole text column — a CJK
//! character at width 1 — is shown as `?` rather than overflowing (ratatui would drop it).

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};

use super::html;
use super::links::Links;
use super::sanitize::sanitize_markdown;
use super::styled::{StyledText, line, span};
use super::table::{self, Align, Row};
use super::tex;
use super::width::str_width;
use crate::archive::model::CAPTION_MARK;

mod inline;

/// Semantic style of a run of text; the UI maps these to colours and modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// Body text.
    Text,
    Emphasis,
    Strong,
    Heading,
    /// A figure or photo caption (`[Caption] ` paragraphs) and image alt text.
    Caption,
    /// `- ` / `1. ` in front of a list item.
    ListMarker,
    /// Text inside a block quote, and the `> ` prefix.
    Quote,
    /// Inline code and code blocks.
    Code,
    /// The visible text of a link, and its target in the list after the text.
    Link,
    /// A link's number: `[1]` after its text and before its target in the list.
    LinkNumber,
    /// A table body cell.
    Table,
    /// A table header cell.
    TableHeader,
    /// Horizontal rules, table rules and record separators.
    Rule,
}

/// A run of text with one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One output line, never wider than the layout width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    /// Byte offset in the Markdown source of the first character on this line (for a blank
    /// line, of the block after it). Non-decreasing down the lines, so a reading position can
    /// be kept as an offset and found again after re-wrapping at another width.
    pub offset: usize,
}

impl Line {
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Display width, as ratatui measures it.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| str_width(&s.text)).sum()
    }
}

/// The parser's extensions: GFM tables, and TeX math (`$p=0.0074$`), so its dollar signs are
/// markup rather than text (see [`super::tex`]).
pub const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_MATH);

/// Lay out `markdown` into lines at most `width` columns wide (0 is treated as 1).
pub fn layout(markdown: &str, width: usize) -> Vec<Line> {
    layout_with_links(markdown, width).lines
}

/// [`layout`], and where the list of link targets starts in it, for output that can make the
/// targets hyperlinks (`show` to a terminal with OSC 8).
pub struct Laid {
    pub lines: Vec<Line>,
    /// Index of the first line after the text: the link list (from its blank line), or
    /// `lines.len()` when there are no links.
    pub list_start: usize,
    /// The link targets, numbered from 1.
    pub targets: Vec<String>,
}

/// See [`Laid`].
pub fn layout_with_links(markdown: &str, width: usize) -> Laid {
    // Sanitise the source first so escape sequences are recognised whole (Markdown would split
    // their text into several events); text events are sanitised again for entities.
    let clean = sanitize_markdown(markdown);
    let mut l = Layout::new(&clean.text, width.max(1));
    for (event, range) in Parser::new_ext(&clean.text, OPTIONS).into_offset_iter() {
        l.event(event, range);
    }
    l.end_text();
    l.flush();
    let list_start = l.out.len();
    l.link_list();
    let mut lines = l.out;
    for line in &mut lines {
        line.offset = clean.original_offset(line.offset);
    }
    Laid {
        lines,
        list_start,
        targets: l.links.into_targets(),
    }
}

/// The text of [`layout`]: lines joined by `\n` (no trailing newline), styles dropped.
pub fn to_plain(markdown: &str, width: usize) -> String {
    let lines: Vec<String> = layout(markdown, width).iter().map(Line::text).collect();
    lines.join("\n")
}

/// Longest horizontal rule (a rule fills the text column up to this).
const RULE_MAX: usize = 80;

/// Least text width kept free of list/quote prefixes: half the line, at least 2 columns (so
/// a CJK character fits whenever the line can hold one), at most 10.
fn text_min(width: usize) -> usize {
    (width / 2).clamp(width.min(2), 10)
}

enum Container {
    Quote,
    List {
        next: Option<u64>,
        items: usize,
        loose: bool,
    },
    Item {
        marker: String,
        first: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    Heading,
    Code,
    Html,
}

#[derive(Default)]
struct TableState {
    aligns: Vec<Align>,
    rows: Vec<Row>,
    cells: Vec<String>,
    in_head: bool,
    row_offset: usize,
}

struct Pending {
    text: String,
    style: Style,
    range: Range<usize>,
    verbatim: bool,
}

struct Layout<'a> {
    src: &'a str,
    width: usize,
    out: Vec<Line>,
    need_gap: bool,
    containers: Vec<Container>,
    inline: StyledText,
    styles: Vec<Style>,
    block: Block,
    table: Option<TableState>,
    links: Links,
    /// The number of each link being read, innermost last (`None` for a dead link).
    open_links: Vec<Option<usize>>,
    /// Text not yet added to `inline` (see [`Layout::text`]).
    pending: Option<Pending>,
    /// The raw text of the HTML block being read, and where it starts.
    html: String,
    html_at: usize,
}

impl<'a> Layout<'a> {
    fn new(src: &'a str, width: usize) -> Self {
        Layout {
            src,
            width,
            out: Vec::new(),
            need_gap: false,
            containers: Vec::new(),
            inline: StyledText::default(),
            styles: Vec::new(),
            block: Block::Paragraph,
            table: None,
            links: Links::default(),
            open_links: Vec::new(),
            html: String::new(),
            html_at: 0,
            pending: None,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if !matches!(event, Event::Text(_)) {
            self.end_text();
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Html(t) => self.html.push_str(&t),
            Event::InlineHtml(t) => self.inline_html(&t, range),
            Event::Text(t) => {
                let style = self.styles.last().copied().unwrap_or(match self.block {
                    Block::Code => Style::Code,
                    _ => Style::Text,
                });
                // `src` is sanitised Markdown: a verbatim slice of it needs no second scan.
                let verbatim = self.src.get(range.clone()) == Some(&*t);
                self.text(&t, style, range, verbatim);
            }
            Event::Code(t) => {
                // The range covers the backticks; the code text starts after them.
                let src = self.src.get(range.clone()).unwrap_or("");
                let start = src.find(&*t).map_or(range.start, |i| range.start + i);
                self.inline.push(&t, Style::Code, start, src.contains(&*t));
            }
            Event::SoftBreak => self.inline.soft_break(),
            Event::HardBreak => self.line_break(range.start),
            Event::Rule => {
                self.flush();
                let w = self.text_width().min(RULE_MAX);
                self.emit(vec![(vec![span(&"-".repeat(w), Style::Rule)], range.start)]);
                self.need_gap = true;
            }
            Event::TaskListMarker(done) => {
                let mark = if done { "[x] " } else { "[ ] " };
                self.inline
                    .push(mark, Style::ListMarker, range.start, false);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                let style = self.styles.last().copied().unwrap_or(Style::Text);
                self.inline
                    .push(&tex::to_text(&t), style, range.start, false);
            }
            Event::FootnoteReference(t) => {
                self.inline.push(&t, Style::Text, range.start, false);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.block = Block::Paragraph;
                if let Some(Container::Item { .. }) = self.containers.last() {
                    let n = self.containers.len();
                    if let Some(Container::List { loose, .. }) = self.containers.get_mut(n - 2) {
                        *loose = true;
                    }
                }
            }
            Tag::Heading { .. } => self.begin(Block::Heading),
            Tag::CodeBlock(_) => self.begin(Block::Code),
            Tag::HtmlBlock => {
                self.begin(Block::Html);
                self.html.clear();
                self.html_at = range.start;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Tag::List(first) => {
                self.flush();
                if self.in_tight_item() {
                    // A list nested in a tight item follows the item's text directly.
                    self.need_gap = false;
                }
                self.containers.push(Container::List {
                    next: first,
                    items: 0,
                    loose: false,
                });
            }
            Tag::Item => {
                self.flush();
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next, items, loose }) => {
                        if *items > 0 {
                            self.need_gap = *loose;
                        }
                        *items += 1;
                        match next {
                            Some(n) => {
                                let m = format!("{n}. ");
                                *n += 1;
                                m
                            }
                            None => "- ".to_string(),
                        }
                    }
                    _ => "- ".to_string(),
                };
                self.containers.push(Container::Item {
                    marker,
                    first: true,
                });
            }
            Tag::Table(aligns) => {
                self.flush();
                let aligns = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Right => Align::Right,
                        Alignment::Center => Align::Center,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
                self.table = Some(TableState {
                    aligns,
                    ..TableState::default()
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.in_head = matches!(tag, Tag::TableHead);
                    t.row_offset = range.start;
                    t.cells.clear();
                }
            }
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.styles.push(Style::Emphasis),
            Tag::Strong => self.styles.push(Style::Strong),
            Tag::Link { dest_url, .. } => {
                let n = self.links.number(&dest_url);
                // A dead link (`#`) is plain text: nothing to follow, so nothing to mark.
                let s = match n {
                    Some(_) => Style::Link,
                    None => self.styles.last().copied().unwrap_or(Style::Text),
                };
                self.styles.push(s);
                self.open_links.push(n);
            }
            Tag::Image { .. } => self.styles.push(Style::Caption),
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                let s = self.styles.last().copied().unwrap_or(Style::Text);
                self.styles.push(s);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::HtmlBlock => {
                let text = html::strip(&std::mem::take(&mut self.html));
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        self.line_break(self.html_at);
                    }
                    self.inline.push(line, Style::Text, self.html_at, false);
                }
                self.flush();
                self.block = Block::Paragraph;
            }
            TagEnd::Link => {
                self.styles.pop();
                if let Some(Some(n)) = self.open_links.pop() {
                    // A no-break space: the number stays with the link's last word.
                    let at = range.end.saturating_sub(1);
                    self.inline.push("\u{a0}", Style::Text, at, false);
                    self.inline
                        .push(&format!("[{n}]"), Style::LinkNumber, at, false);
                }
            }
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => {
                self.flush();
                self.block = Block::Paragraph;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => {
                self.flush();
                self.containers.pop();
                if !matches!(tag, TagEnd::Item) {
                    self.need_gap = true;
                }
            }
            TagEnd::TableCell => {
                self.inline.expand_tabs();
                // Line breaks in a cell (`<br>`) stay: the table draws them.
                let lines: Vec<&str> = self.inline.text.split('\n').map(str::trim).collect();
                let cell = lines.join("\n").trim().to_string();
                self.inline.clear();
                if let Some(t) = &mut self.table {
                    t.cells.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let cells = std::mem::take(&mut t.cells);
                    t.rows.push(Row {
                        cells,
                        header: t.in_head,
                        offset: t.row_offset,
                    });
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let lines = table::render(&t.rows, &t.aligns, self.text_width());
                    self.emit(lines);
                    self.need_gap = true;
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Image
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.styles.pop();
            }
            _ => {}
        }
    }

    fn begin(&mut self, block: Block) {
        self.flush();
        self.block = block;
    }

    /// Lay out the inline text gathered so far as one block.
    fn flush(&mut self) {
        if self.inline.is_empty() || self.table.is_some() {
            return;
        }
        let mut text = std::mem::take(&mut self.inline);
        let width = self.text_width();
        let lines = if self.block == Block::Paragraph && table::is_tab_table(&text) {
            table::render(&table::tab_rows(&text), &[], width)
        } else {
            text.expand_tabs();
            let mut from = 0;
            let base = match self.block {
                Block::Heading => Style::Heading,
                Block::Code => Style::Code,
                _ if text.text.starts_with(CAPTION_MARK) => {
                    from = CAPTION_MARK.len();
                    Style::Caption
                }
                _ if self.in_quote() => Style::Quote,
                _ => Style::Text,
            };
            text.restyle(|s| if s == Style::Text { base } else { s });
            text.wrap_lines(from, width)
        };
        self.emit(lines);
        self.need_gap = true;
        text.clear();
        self.inline = text;
    }

    /// Inside an item of a list that has no paragraphs (so far).
    fn in_tight_item(&self) -> bool {
        let n = self.containers.len();
        matches!(
            (
                n.checked_sub(2).map(|i| &self.containers[i]),
                self.containers.last()
            ),
            (
                Some(Container::List { loose: false, .. }),
                Some(Container::Item { .. })
            )
        )
    }

    fn in_quote(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Quote))
    }

    /// Prefix pieces for the current containers, outermost first, fitted to the width.
    /// `first` shows item markers not yet shown; otherwise items indent by their width.
    fn prefix(&self, first: bool) -> Vec<(String, Style)> {
        if self.containers.is_empty() {
            // Most blocks: nothing to fit (asked once per line, so worth the shortcut).
            return Vec::new();
        }
        let mut pieces = Vec::new();
        for c in &self.containers {
            match c {
                Container::Quote => pieces.push(("> ".to_string(), Style::Quote)),
                Container::Item { marker, first: f } if first && *f => {
                    pieces.push((marker.clone(), Style::ListMarker));
                }
                Container::Item { marker, .. } => {
                    pieces.push((" ".repeat(marker.len()), Style::Text));
                }
                Container::List { .. } => {}
            }
        }
        fit_prefix(pieces, self.width - text_min(self.width))
    }

    /// Columns left for text after the prefixes (at least 1). Markers and their indents are
    /// equally wide, so this holds for every line of a block.
    fn text_width(&self) -> usize {
        let w: usize = self.prefix(false).iter().map(|p| p.0.len()).sum();
        (self.width - w).max(1)
    }

    /// Append block lines (text-column spans + offset), adding prefixes and the block gap.
    fn emit(&mut self, lines: Vec<(Vec<Span>, usize)>) {
        for (spans, offset) in lines {
            if self.need_gap && !self.out.is_empty() {
                self.out.push(Line {
                    spans: Vec::new(),
                    offset,
                });
            }
            self.need_gap = false;
            let prefix: Vec<Span> = self
                .prefix(true)
                .into_iter()
                .map(|(t, s)| span(&t, s))
                .collect();
            for c in &mut self.containers {
                if let Container::Item { first, .. } = c {
                    *first = false;
                }
            }
            self.out.push(line(&prefix, spans, offset));
        }
    }
}

/// Keep the innermost prefix pieces that fit in `budget` columns (pieces are ASCII); an
/// innermost piece that alone is too wide is cut. Outer pieces that do not fit are dropped.
fn fit_prefix(pieces: Vec<(String, Style)>, budget: usize) -> Vec<(String, Style)> {
    let mut kept = Vec::new();
    let mut left = budget;
    for (text, style) in pieces.into_iter().rev() {
        if text.len() <= left {
            left -= text.len();
            kept.push((text, style));
        } else {
            if kept.is_empty() && left > 0 {
                kept.push((text[..left].to_string(), style));
            }
            break;
        }
    }
    kept.reverse();
    kept
}
