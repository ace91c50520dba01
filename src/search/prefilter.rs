//! A quick test on a text's raw bytes that says "no match here" without folding it.
//!
//! Folding (see `fold`) lowercases, collapses whitespace runs and drops a line break between
//! two CJK characters; searching 150 MB means folding 150 MB first, which costs more than the
//! search. Most texts hold no match, so this tests the raw bytes with one regular expression
//! that matches wherever the folded text *could* hold the query, and only the texts it lets
//! through are folded and searched the careful way. It may let through texts without a match
//! (they are searched and found empty); it must never stop one that has a match:
//!
//! * each character of the folded query matches itself in any case (Unicode simple case
//!   folding, as `str::to_lowercase` maps one character to one; a test checks every one);
//! * a space matches any run of whitespace (or NUL, which folds to a space);
//! * between two non-ASCII characters any whitespace may sit (a dropped CJK line break);
//! * `İ` is the one character whose lowercase is two (`i̇`), so a text holding it always
//!   passes when the query has an `i` or a combining dot.
//!
//! A query of ASCII words takes a faster test of the same kind (see `AsciiWords`).

use memchr::memmem;
use regex::bytes::{Regex, RegexBuilder};

use super::query::Query;

/// See the module docs.
#[derive(Debug, Clone)]
pub struct Prefilter(Test);

/// What [`Prefilter::candidate`] says of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// No match.
    None,
    /// No match starts before this byte offset.
    At(usize),
    /// No match has its first word before this offset, and the buffer passed holds the text
    /// ASCII-lowercased.
    Lowered(usize),
}

#[derive(Debug, Clone)]
enum Test {
    Regex(Regex),
    Ascii(Box<AsciiWords>),
}

/// The test for a query of ASCII words, faster than the regex where a word is frequent (the
/// regex engine's case-insensitive literal search stops at every near miss): the text's
/// ASCII letters are lowercased into a copy, searched for the first word with a SIMD substring
/// search, and the other words are checked after it, any run of whitespace or non-ASCII bytes
/// between them (a superset of what folds to one space). Only the Kelvin sign (`K`, to `k`)
/// and `İ` (to `i` and a combining dot) fold to ASCII from something else (a test checks
/// every character); a text holding one of them the query could need passes.
#[derive(Debug, Clone)]
struct AsciiWords {
    first: memmem::Finder<'static>,
    rest: Vec<Vec<u8>>,
    specials: Vec<memmem::Finder<'static>>,
}

/// Non-ASCII characters whose lowercase holds an ASCII character, with that character.
pub(super) const TO_ASCII: &[(char, char)] = &[('\u{130}', 'i'), ('\u{212A}', 'k')];

impl AsciiWords {
    fn new(folded: &str) -> Option<AsciiWords> {
        if !folded.is_ascii() {
            return None;
        }
        let mut words = folded.split(' ').filter(|w| !w.is_empty());
        let first = memmem::Finder::new(words.next()?.as_bytes()).into_owned();
        let rest = words.map(|w| w.as_bytes().to_vec()).collect();
        let specials = TO_ASCII
            .iter()
            .filter(|(_, a)| folded.contains(*a))
            .map(|(c, _)| memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
            .collect();
        Some(AsciiWords {
            first,
            rest,
            specials,
        })
    }

    /// See [`Prefilter::candidate`]: where the first word first occurs with the others after
    /// it, found in the lowercased copy made in `lower`.
    fn candidate(&self, raw: &[u8], lower: &mut Vec<u8>) -> Candidate {
        if self.specials.iter().any(|f| f.find(raw).is_some()) {
            return Candidate::At(0);
        }
        lower.clear();
        lower.extend_from_slice(raw);
        lower.make_ascii_lowercase();
        let lower = &lower[..];
        // Every occurrence of the first word, overlapping ones too: in `aaa b` the match of
        // `aa b` starts at the second `a`.
        let mut p = 0;
        'next: while let Some(at) = self.first.find(&lower[p..]).map(|i| p + i) {
            p = at + 1;
            let mut j = at + self.first.needle().len();
            for word in &self.rest {
                let k = j + lower[j..]
                    .iter()
                    .take_while(|&&b| may_fold_to_space(b))
                    .count();
                if k == j || !lower[k..].starts_with(word) {
                    continue 'next;
                }
                j = k + word.len();
            }
            return Candidate::Lowered(at);
        }
        Candidate::None
    }
}

/// A byte that may be part of what folds to one space: ASCII whitespace, NUL, or any byte of
/// a non-ASCII character (a superset: Unicode whitespace, or a dropped CJK line break's
/// neighbours).
pub(super) fn may_fold_to_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0) || b >= 0x80
}

/// Characters whose lowercase form is more than one character (checked by a test against
/// every Unicode scalar value), with what in a folded query calls for them.
const EXPANDING: &[(char, &[char])] = &[('\u{130}', &['i', '\u{307}'])];

/// A folded query character in any case. The regex engine's case tables may be of an older
/// Unicode version than the standard library's lowercasing, so a cased character also names
/// its uppercase form itself.
fn char_pattern(c: char) -> String {
    let own = regex::escape(c.encode_utf8(&mut [0; 4]));
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c && !c.is_ascii() => {
            format!("(?:{own}|{})", regex::escape(u.encode_utf8(&mut [0; 4])))
        }
        _ => own,
    }
}

impl Prefilter {
    /// The prefilter for `query`; `None` when building it fails (an absurdly long query), in
    /// which case every text must be searched.
    pub fn new(query: &Query) -> Option<Prefilter> {
        let folded = query.folded();
        if let Some(words) = AsciiWords::new(folded) {
            return Some(Prefilter(Test::Ascii(Box::new(words))));
        }
        let mut pattern = String::from("(?:");
        let mut prev: Option<char> = None;
        for c in folded.chars() {
            if c == ' ' {
                pattern.push_str(r"[\s\x00]+");
                prev = None;
                continue;
            }
            if prev.is_some_and(|p| !p.is_ascii()) && !c.is_ascii() {
                pattern.push_str(r"[\s\x00]*");
            }
            pattern.push_str(&char_pattern(c));
            prev = Some(c);
        }
        pattern.push(')');
        for (expanding, wanted) in EXPANDING {
            if folded.contains(*wanted) {
                pattern.push('|');
                pattern.push_str(&regex::escape(expanding.encode_utf8(&mut [0; 4])));
            }
        }
        RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(1 << 24)
            .build()
            .ok()
            .map(|re| Prefilter(Test::Regex(re)))
    }

    /// False only when the folded form of `raw` (a text's UTF-8 bytes) cannot contain the query.
    pub fn may_match(&self, raw: &[u8]) -> bool {
        self.first_candidate(raw).is_some()
    }

    /// `None` when the folded form of `raw` cannot contain the query; otherwise a byte offset
    /// in `raw` before which no match of the query starts (0 when the test cannot tell).
    pub fn first_candidate(&self, raw: &[u8]) -> Option<usize> {
        match self.candidate(raw, &mut Vec::new()) {
            Candidate::None => None,
            Candidate::At(at) | Candidate::Lowered(at) => Some(at),
        }
    }

    /// [`Prefilter::first_candidate`], leaving the ASCII-lowercased copy of `raw` in `lower`
    /// when the test made one (a query of ASCII words, and `raw` holds no non-ASCII character
    /// that lowercases to a letter of it): what `raw_match` matches in.
    pub fn candidate(&self, raw: &[u8], lower: &mut Vec<u8>) -> Candidate {
        match &self.0 {
            Test::Regex(re) => {
                if re.is_match(raw) {
                    Candidate::At(0)
                } else {
                    Candidate::None
                }
            }
            Test::Ascii(words) => words.candidate(raw, lower),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::Folded;

    fn may(query: &str, text: &str) -> bool {
        Prefilter::new(&Query::new(query).unwrap())
            .unwrap()
            .may_match(text.as_bytes())
    }

    #[test]
    fn passes_what_folding_would_match_and_stops_the_rest() {
        assert!(may("international standards", "INTERNATIONAL\n  Standards"));
        assert!(may("iso", "the ISO group"));
        assert!(may("标准化", "标准\n化"));
        assert!(may("标准化", "标准化"));
        assert!(may("k", "\u{212A}elvin"), "the Kelvin sign lowercases to k");
        assert!(may("ix", "İx"), "İ lowercases to i and a combining dot");
        assert!(may("a b", "a\0b"));
        assert!(!may("international standards", "international standard"));
        assert!(!may("accenture", "accent"));
        assert!(!may("标准化", "标准和化"));
    }

    #[test]
    fn ascii_words_only_from_ascii_or_the_listed_characters() {
        let from: Vec<(char, char)> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .flat_map(|c| c.to_lowercase().filter(char::is_ascii).map(move |a| (c, a)))
            .collect();
        assert_eq!(from, TO_ASCII);
    }

    #[test]
    fn ascii_words_need_every_word_in_order_with_a_gap() {
        assert!(may("to the standards", "up TO\u{a0}The\n\nStandards"));
        assert!(may("the standards", "the the standards"));
        assert!(!may("the standards", "the\nstandard"));
        assert!(!may("the standards", "thestandards"));
        assert!(!may("the standards", "standards the"));
        assert!(may("kit", "\u{212A}IT"));
        assert!(may("ion", "İON"));
        assert!(may(" lead trail ", "lead trail"));
        assert!(
            may("aa b", "aaa b"),
            "overlapping occurrences of the first word"
        );
    }

    /// The case rule relies on every one-to-one lowercase mapping being a simple case folding
    /// the regex engine knows, and on `EXPANDING` listing every one-to-many mapping.
    #[test]
    fn every_character_lowercases_within_its_case_class() {
        let mut expanding = Vec::new();
        let mut classes = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            if lower.len() > 1 {
                expanding.push(c);
            } else if lower[0] != c {
                classes.push((c, lower[0]));
            }
        }
        let listed: Vec<char> = EXPANDING.iter().map(|e| e.0).collect();
        assert_eq!(expanding, listed);
        for (c, l) in EXPANDING {
            let folded = Folded::new(&c.to_string(), true).text;
            assert!(l.iter().all(|x| folded.contains(*x)), "{c:?}");
        }
        // One regex for all of them: `(?i)` on the lowercase must match the original.
        let mut text = String::new();
        let mut pattern = String::new();
        for (i, (c, l)) in classes.iter().enumerate() {
            if i > 0 {
                text.push(' ');
                pattern.push(' ');
            }
            text.push(*c);
            pattern.push_str(&char_pattern(*l));
        }
        let re = RegexBuilder::new(&format!("^{pattern}$"))
            .case_insensitive(true)
            .size_limit(1 << 26)
            .build()
            .unwrap();
        if !re.is_match(text.as_bytes()) {
            let failing: Vec<_> = classes
                .iter()
                .filter(|(c, l)| {
                    let one = RegexBuilder::new(&format!("^{}$", char_pattern(*l)))
                        .case_insensitive(true)
                        .build()
                        .unwrap();
                    !one.is_match(c.to_string().as_bytes())
                })
                .collect();
            panic!("not in the case class of their lowercase: {failing:?}");
        }
    }
}
