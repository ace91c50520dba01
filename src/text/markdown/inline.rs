//! The layout's inline pieces that are not plain Markdown: text the parser hands over in
//! pieces (joined so `^[1-3]` is seen whole), raw inline HTML (never shown as a tag), line
//! breaks, and the link list after the text.

use std::borrow::Cow;
use std::ops::Range;

use super::super::html::{self, Meaning};
use super::super::tex;
use super::{Layout, Pending, Style};

impl Layout<'_> {
    /// Text, gathered while the parser hands it over in pieces (it splits at every `[`), so
    /// that `^[1-3]` is seen whole by [`tex::raised`].
    pub(super) fn text(&mut self, t: &str, style: Style, range: Range<usize>, verbatim: bool) {
        if let Some(p) = &mut self.pending
            && p.style == style
            && p.range.end == range.start
        {
            p.text.push_str(t);
            p.range.end = range.end;
            p.verbatim &= verbatim;
            return;
        }
        self.end_text();
        self.pending = Some(Pending {
            text: t.to_string(),
            style,
            range,
            verbatim,
        });
    }

    pub(super) fn end_text(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let shown = match p.style {
            Style::Code => Cow::Borrowed(p.text.as_str()),
            _ => tex::raised(&p.text),
        };
        match shown {
            Cow::Borrowed(t) if p.verbatim => {
                self.inline.push_sanitised(t, p.style, p.range.start);
            }
            t => self.inline.push(&t, p.style, p.range.start, false),
        }
    }

    /// A line break inside the block (Markdown's hard break, `<br>`); none at its start.
    pub(super) fn line_break(&mut self, at: usize) {
        if !self.inline.is_empty() && !self.inline.text.ends_with('\n') {
            self.inline.hard_break(at);
        }
    }

    /// Raw inline HTML: never shown as a tag; `<br>` and the ends of `<p>` are line breaks.
    pub(super) fn inline_html(&mut self, raw: &str, range: Range<usize>) {
        match html::meaning(raw) {
            Some(Meaning::LineBreak | Meaning::BlockStart) => self.line_break(range.start),
            Some(Meaning::Gap) => self.inline.push(" ", Style::Text, range.start, false),
            Some(Meaning::Nothing) => {}
            None => {
                let style = self.styles.last().copied().unwrap_or(Style::Text);
                self.inline.push(raw, style, range.start, false);
            }
        }
    }

    /// The numbered targets of the article's links, after its text.
    pub(super) fn link_list(&mut self) {
        let lines = self.links.list(self.width, self.src.len());
        if !lines.is_empty() {
            self.need_gap = true;
            self.emit(lines);
        }
    }
}
