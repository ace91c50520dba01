//! What a block of a speech article looks like: a heading (a speech's title), decoration
//! around it, closing words, an enumeration that cannot be cut.

use super::Block;
use crate::import::lines::{ends_sentence, heading_level, strip_markup};

/// A block that is a heading: a Markdown heading, or one short line with no sentence end
/// (exports without Markdown print headings that way).
pub(super) fn is_heading(b: &Block, lines: &[&str]) -> bool {
    // A pull quote's marks (`“` and `”` on lines of their own) frame a heading.
    let words: Vec<usize> = b
        .iter()
        .copied()
        .filter(|&i| !is_decoration(&vec![i], lines))
        .collect();
    let (Some(&first), true) = (words.first(), (1..=2).contains(&words.len())) else {
        return false;
    };
    let l = lines[first];
    let t = strip_markup(
        &words
            .iter()
            .map(|&i| lines[i])
            .collect::<Vec<_>>()
            .join(" "),
    );
    (words.len() == 1 && heading_level(l).is_some())
        || (!t.is_empty()
            && t.len() <= 120
            && !ends_sentence(&t)
            && t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '“'))
}

/// A block of decoration alone: quote marks, a square.
pub(super) fn is_decoration(b: &Block, lines: &[&str]) -> bool {
    b.iter().all(|&i| {
        lines[i]
            .trim()
            .chars()
            .all(|c| matches!(c, '“' | '”' | '"' | '■' | '*' | '#' | ' '))
    })
}

pub(super) const CLOSINGS: &[&str] = &[
    "in closing",
    "in conclusion",
    "let us",
    "let's",
    "thank you",
    "we look forward",
    "i look forward",
    "i wish the",
    "wish the forum",
];

pub(super) const ORDINALS_AFTER_FIRST: &[&str] = &[
    "secondly", "second,", "thirdly", "third,", "fourthly", "fourth,", "fifthly", "finally",
    "lastly",
];

pub(super) fn text_of(b: &Block, lines: &[&str]) -> String {
    b.iter()
        .map(|&i| strip_markup(lines[i]))
        .collect::<Vec<_>>()
        .join(" ")
}
