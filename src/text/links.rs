//! An article's links: which are live, their numbers, and the numbered list of targets drawn
//! after the text (as glow does), so a reader can see where a link goes and copy it.
//!
//! A terminal shows link text, not its target, and an SSH reader cannot click; so each live
//! link's text is followed by `[n]` and the article ends with `[n] target` lines. A target that
//! goes nowhere (`#`, `#anchor` — page anchors of the export — or nothing) is a dead link: its
//! text is plain text, with no number. The same target twice keeps its first number.
//! [`targets`] gives the same list to the reader's copy key (`y`).

use pulldown_cmark::{Event, Parser, Tag};

use super::markdown::{Span, Style};
use super::sanitize::sanitize;
use super::styled::{StyledText, span};
use super::width::str_width;

/// A link target as shown and copied: sanitised (entities in the source may decode to
/// controls), and without `mailto:`, which is a browser's business, not a reader's.
pub fn shown_target(dest: &str) -> Option<String> {
    let t = dest.trim();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    let t = t.strip_prefix("mailto:").unwrap_or(t);
    Some(sanitize(t).into_owned())
}

/// The live link targets of a Markdown body, numbered from 1 in the order [`Links`] numbers
/// them while laying it out.
pub fn targets(markdown: &str) -> Vec<String> {
    let mut links = Links::default();
    for event in Parser::new_ext(markdown, super::markdown::OPTIONS) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            links.number(&dest_url);
        }
    }
    links.targets
}

/// Link numbering during one layout.
#[derive(Default)]
pub struct Links {
    targets: Vec<String>,
}

impl Links {
    /// The number of a live target (the same target keeps its number); `None` for a dead one.
    pub fn number(&mut self, dest: &str) -> Option<usize> {
        let t = shown_target(dest)?;
        Some(match self.targets.iter().position(|x| *x == t) {
            Some(i) => i + 1,
            None => {
                self.targets.push(t);
                self.targets.len()
            }
        })
    }

    /// The targets, numbered from 1.
    pub fn into_targets(self) -> Vec<String> {
        self.targets
    }

    /// The list after the text: a `Links` label, then `[n] target` per link with targets
    /// aligned after the widest number. A target is never broken inside unless it alone is
    /// longer than the line (a target that fits the line but not beside its number goes on a
    /// line of its own under it); lines are at most `width` wide. `offset` is given to
    /// every line (the end of the source, so offsets stay non-decreasing).
    pub fn list(&self, width: usize, offset: usize) -> Vec<(Vec<Span>, usize)> {
        if self.targets.is_empty() {
            return Vec::new();
        }
        let mut out = alone("Links", Style::Heading, width, offset);
        let num_w = format!("[{}] ", self.targets.len()).len();
        // Below this the numbers go on lines of their own, to leave the targets room.
        let hang = if width >= num_w + 12 { num_w } else { 0 };
        for (i, t) in self.targets.iter().enumerate() {
            let label = format!("[{}]", i + 1);
            // A target that fits the line but not beside its number goes on the next line,
            // whole, rather than broken inside.
            let beside = hang > 0 && (str_width(t) <= width - hang || str_width(t) > width);
            let room = if beside { width - hang } else { width };
            let mut text = StyledText::default();
            text.push(t, Style::Link, offset, false);
            if !beside {
                out.extend(alone(&label, Style::LinkNumber, width, offset));
            }
            for (k, (mut spans, off)) in text.wrap_lines(0, room).into_iter().enumerate() {
                if beside {
                    let lead = if k == 0 {
                        format!("{label:<hang$}")
                    } else {
                        " ".repeat(hang)
                    };
                    spans.insert(0, span(&lead, Style::LinkNumber));
                }
                out.push((spans, off));
            }
        }
        out
    }
}

/// `text` wrapped on lines of its own (a label must fit a one-column pane too).
fn alone(text: &str, style: Style, width: usize, offset: usize) -> Vec<(Vec<Span>, usize)> {
    let mut t = StyledText::default();
    t.push(text, style, offset, false);
    t.wrap_lines(0, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_links_have_no_number_and_repeats_keep_theirs() {
        let mut l = Links::default();
        assert_eq!(l.number("#"), None);
        assert_eq!(l.number(""), None);
        assert_eq!(l.number("#fig1"), None);
        assert_eq!(l.number("https://a.org"), Some(1));
        assert_eq!(l.number("mailto:x@y.cn"), Some(2));
        assert_eq!(l.number("https://a.org"), Some(1));
        assert_eq!(l.targets, ["https://a.org", "x@y.cn"]);
    }

    #[test]
    fn targets_are_sanitised() {
        let t = targets("[a](https://x.org/&#27;[2J)");
        assert_eq!(t.len(), 1);
        assert!(!super::super::sanitize::has_controls(&t[0]), "{t:?}");
    }
}
