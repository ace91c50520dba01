//! Speaker boxes: a person's name over the speaker's post, and the words of the post that can
//! tell the speaker's paragraphs from the others'.

use super::Block;
use crate::import::lines::{ends_sentence, heading_level, is_blank, is_chinese, strip_markup};

/// A speaker's box: its blocks (name, then post) and the words that identify the speaker.
#[derive(Debug)]
pub(super) struct Box_ {
    pub(super) blocks: Vec<Block>,
    /// The name as printed, without an honorific.
    pub(super) name: String,
    pub(super) keys: Vec<String>,
}

/// Titles and honorifics a name may start with.
pub(super) const HONORIFICS: &[&str] = &["dr.", "mr.", "ms.", "mrs.", "prof.", "h.e.", "sir", "dr"];

/// Words of a post that name no one in particular.
pub(super) const COMMON: &[&str] = &[
    "academician",
    "academy",
    "administration",
    "administrator",
    "and",
    "assistant",
    "association",
    "board",
    "bureau",
    "center",
    "centre",
    "chair",
    "chairman",
    "chief",
    "china",
    "chinese",
    "committee",
    "council",
    "department",
    "development",
    "engineering",
    "deputy",
    "director",
    "division",
    "executive",
    "expert",
    "for",
    "former",
    "general",
    "group",
    "head",
    "institute",
    "international",
    "management",
    "manager",
    "member",
    "minister",
    "ministry",
    "national",
    "of",
    "office",
    "officer",
    "organization",
    "president",
    "professor",
    "regional",
    "research",
    "science",
    "sciences",
    "secretary",
    "senior",
    "society",
    "standardization",
    "standards",
    "state",
    "technology",
    "the",
    "university",
    "vice",
];

pub(super) fn blocks(lines: &[&str], idx: &[usize]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Block = Vec::new();
    for &i in idx {
        if is_blank(lines[i]) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(i);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A person's name as a box prints it: two to five capitalised words, perhaps after an
/// honorific, with no digits and no sentence punctuation.
pub(super) fn is_name(line: &str) -> bool {
    let t = strip_markup(line);
    if t.len() > 48 || t.chars().any(|c| c.is_ascii_digit()) || is_chinese(&t) {
        return false;
    }
    if t.ends_with(['.', ',', ':', ';', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let start = words
        .iter()
        .take_while(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
        .count();
    let rest = &words[start..];
    // `IEC President`, `Vice President`: a post, not a person.
    let post_word = rest.iter().any(|w| {
        (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
            || COMMON.contains(&w.to_lowercase().as_str())
    });
    !post_word
        && (2..=5).contains(&rest.len())
        && rest.iter().all(|w| {
            let initial = w.len() == 2 && w.ends_with('.');
            w.chars().next().is_some_and(char::is_uppercase)
                && (initial
                    || w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\''))
        })
}

/// The name without its honorific: `Ms. Yu Xinli` → `Yu Xinli`.
pub(super) fn bare_name(line: &str) -> String {
    strip_markup(line)
        .split_whitespace()
        .skip_while(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A speaker's post: a line or two that is not running text.
pub(super) fn is_post(block: &[usize], lines: &[&str]) -> bool {
    let text: Vec<String> = block.iter().map(|&i| strip_markup(lines[i])).collect();
    let joined = text.join(" ");
    // `Co., Ltd.` ends a company's name, not a sentence.
    let bare = ["Ltd.", "Co.", "Inc.", "Corp.", "Dr."]
        .iter()
        .find_map(|a| joined.strip_suffix(a))
        .unwrap_or(&joined);
    !joined.is_empty()
        && joined.len() <= 320
        && !ends_sentence(bare)
        && !is_name(lines[block[0]])
        && heading_level(lines[block[0]]).is_none()
        && block.len() <= 6
}

/// Words in a box that can identify its speaker in a speech: acronyms and proper names that
/// are not common words of a post.
pub(super) fn keys(box_blocks: &[Block], lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in box_blocks.iter().skip(1).chain(box_blocks.first()) {
        for &i in b.iter().skip(usize::from(std::ptr::eq(b, &box_blocks[0]))) {
            for w in strip_markup(lines[i]).split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                let w = w.trim_matches('-');
                let acronym =
                    w.len() >= 2 && w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2;
                let proper = w.len() >= 4 && w.chars().next().is_some_and(char::is_uppercase);
                if (acronym || proper) && !COMMON.contains(&w.to_lowercase().as_str()) {
                    out.push(w.to_string());
                    // `ITU-T`, `IEC-APRC`: speeches name the organisation without the suffix.
                    if acronym
                        && let Some((head, _)) = w.split_once('-')
                        && head.len() >= 2
                    {
                        out.push(head.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Finds the boxes among `bs`: (index of the box's first block, box).
pub(super) fn find_boxes(bs: &[Block], lines: &[&str]) -> Vec<(usize, Box_)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < bs.len() {
        let b = &bs[k];
        if is_name(lines[b[0]]) {
            // The post in the same block (hard line breaks), or in the next block.
            let box_blocks = if b.len() > 1 && is_post(&b[1..], lines) {
                Some(vec![b.clone()])
            } else if b.len() == 1 && bs.get(k + 1).is_some_and(|n| is_post(n, lines)) {
                Some(vec![b.clone(), bs[k + 1].clone()])
            } else {
                None
            };
            if let Some(blocks) = box_blocks {
                let n = blocks.len();
                let keys = keys(&blocks, lines);
                let name = bare_name(lines[b[0]]);
                out.push((k, Box_ { blocks, name, keys }));
                k += n;
                continue;
            }
        }
        k += 1;
    }
    out
}
