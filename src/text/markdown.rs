//! Markdown → styled, wrapped lines (first version: paragraphs only; being completed).

use pulldown_cmark::{Event, Parser};

use super::sanitize::sanitize;
use super::wrap::wrap;

/// Semantic style of a run of text; the UI maps these to colours and modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    Text,
    Emphasis,
    Strong,
    Heading,
    Caption,
    ListMarker,
    Quote,
    Code,
    Link,
    Table,
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
    /// Byte offset in the Markdown source of the first character on this line.
    pub offset: usize,
}

/// Lay out `markdown` into lines at most `width` columns wide.
pub fn layout(markdown: &str, width: usize) -> Vec<Line> {
    let mut text = String::new();
    for ev in Parser::new(markdown) {
        match ev {
            Event::Text(t) | Event::Code(t) => text.push_str(&sanitize(&t)),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    wrap(&text, width)
        .into_iter()
        .map(|r| Line {
            spans: vec![Span {
                text: text[r].to_string(),
                style: Style::Text,
            }],
            offset: 0,
        })
        .collect()
}

/// Plain text of [`layout`]: lines joined by '\n', styles dropped.
pub fn to_plain(markdown: &str, width: usize) -> String {
    let lines: Vec<String> = layout(markdown, width)
        .into_iter()
        .map(|l| l.spans.into_iter().map(|s| s.text).collect())
        .collect();
    lines.join("\n")
}
