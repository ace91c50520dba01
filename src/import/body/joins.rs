//! Sentences the layout cut: a paragraph that stops mid-sentence, and what continues it after
//! a caption, a table with its notes, or a page break.

use super::*;

/// A text block that could be the first half of a sentence broken by furniture.
pub(super) fn is_open_sentence(b: &Block) -> bool {
    match b {
        Block::Text(l) => {
            let last = l.last().map(String::as_str).unwrap_or("");
            l.len() == 1
                && heading_level(last).is_none()
                && !last.trim_start().starts_with(['-', '|', '>'])
                && !last.trim_start().starts_with("* ")
                && !is_rule(last)
                && !is_chinese(last)
                && !is_caption_label(last)
                && last.split_whitespace().count() >= 4
                && !ends_sentence(last)
        }
        Block::Table(_) => false,
    }
}

/// Words a sentence cannot end on: a paragraph ending in one was cut by the layout.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "from", "as",
    "that", "which", "through", "into", "than", "its", "their", "is", "are", "was", "were", "be",
    "been", "has", "have", "had",
];

/// The last word of a text block.
pub(super) fn last_word(b: &Block) -> String {
    match b {
        Block::Text(l) => l
            .last()
            .and_then(|x| x.split_whitespace().last())
            .unwrap_or("")
            .trim_matches('*')
            .to_lowercase(),
        Block::Table(_) => String::new(),
    }
}

/// `…while UIC 615-` ‖ `4-2003 requires …`: an identifier broken at its hyphen.
pub(super) fn ends_in_hyphen(b: &Block) -> bool {
    let w = last_word(b);
    w.len() >= 2 && w.ends_with('-') && w[..w.len() - 1].ends_with(|c: char| c.is_alphanumeric())
}

/// A text block that continues the sentence `open` left unfinished: it starts with a
/// lower-case letter, or, after a function word or a hyphen, with anything that is not a
/// heading, a list, a quote or a caption.
pub(super) fn continues(open: &Block, b: &Block) -> bool {
    match b {
        Block::Text(l) => l.first().is_some_and(|f| {
            let t = f.trim_start();
            // A web or mail address is not the rest of a sentence.
            let first = t.split_whitespace().next().unwrap_or("");
            let address = first.trim_end_matches(['.', ',']).contains(['.', '@', '/']);
            let Some(c) = t.chars().next() else {
                return false;
            };
            // `e.g., Q30: …` under a table is a note on it, not the rest of a sentence.
            if t.starts_with("e.g.") || t.starts_with("i.e.") {
                return false;
            }
            let cut = FUNCTION_WORDS.contains(&last_word(open).as_str())
                || (ends_in_hyphen(open) && (c.is_ascii_digit() || c.is_lowercase()));
            heading_level(t).is_none()
                && !address
                && (c.is_lowercase()
                    || (cut
                        && c.is_alphanumeric()
                        && !is_caption_label(t)
                        && !t.starts_with(['-', '*', '|', '>'])))
        }),
        Block::Table(_) => false,
    }
}

/// Words that open a paragraph of their own (`In the realm of …`, `Firstly, …`).
pub(super) const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "as",
    "with",
    "for",
    "by",
    "regarding",
    "firstly",
    "secondly",
    "thirdly",
    "finally",
    "first,",
    "second,",
    "third,",
    "moreover,",
    "however,",
    "meanwhile,",
    "the",
    "this",
    "these",
    "it",
    "we",
    "our",
    "china",
    "to",
];

/// A whole paragraph that stops without a full stop, and a whole paragraph after it that opens
/// with a capitalised word that is no paragraph's usual opener: one paragraph cut by a page
/// break (`… from the three BRI` ‖ `International Cooperation Summit Forums have …`).
pub(super) fn runs_on(open: &Block, next: &str) -> bool {
    let Block::Text(l) = open else {
        return false;
    };
    let last = l.last().map(String::as_str).unwrap_or("");
    let first_word = next.split_whitespace().next().unwrap_or("").to_lowercase();
    last.len() > 150
        && next.len() > 150
        && !ends_sentence(last)
        && heading_level(next).is_none()
        && next.starts_with(char::is_uppercase)
        && !OPENERS.contains(&first_word.as_str())
}

/// Blocks that can fall into a sentence: captions and labels, a one-sentence photo caption,
/// a table.
pub(super) fn is_furniture(b: &Block) -> bool {
    match b {
        Block::Text(l) => {
            l.iter().all(|x| x.trim().len() < 200 && !ends_sentence(x))
                || (l.len() == 1 && (is_caption_label(&l[0]) || l[0].trim().len() < 300))
        }
        Block::Table(_) => true,
    }
}
