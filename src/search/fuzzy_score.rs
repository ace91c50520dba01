//! Scoring query terms against interned texts with nucleo's matcher (fzf's algorithm): each
//! distinct text is scored at most once per term and query, remembered in a table.
//!
//! nucleo wants its needle already folded the way it folds haystack characters (case and Latin
//! accents), and a score is a pure function of (text, term): the matcher's scratch memory is
//! reset on every call, unlike the skim matcher this replaced, whose scores depended on what it
//! had scored before.

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fuzzy_texts::{TextId, Texts, char_bit, fold};
use super::fuzzy_typo::{TypoTerm, matched_word, typo_score};

/// One whitespace-separated word of a query, folded for the matcher.
pub(super) struct Term {
    /// Folded chars; `ascii` holds the same as bytes when they are all ASCII.
    chars: Vec<char>,
    ascii: Option<Vec<u8>>,
    mask: u64,
    /// How the word matches a text it is no subsequence of, when it may (see `fuzzy_typo`).
    typo: Option<TypoTerm>,
}

impl Term {
    pub fn new(word: &str) -> Term {
        let chars: Vec<char> = word.chars().map(fold).collect();
        let ascii = chars
            .iter()
            .all(char::is_ascii)
            .then(|| chars.iter().map(|&c| c as u8).collect());
        let mask = chars.iter().fold(0, |m, &c| m | char_bit(c));
        let typo = TypoTerm::new(&chars);
        Term {
            chars,
            ascii,
            mask,
            typo,
        }
    }

    fn needle(&self) -> Utf32Str<'_> {
        match &self.ascii {
            Some(bytes) => Utf32Str::Ascii(bytes),
            None => Utf32Str::Unicode(&self.chars),
        }
    }
}

/// The query's terms with a score table per term.
pub(super) struct Scorer<'t> {
    texts: &'t Texts,
    terms: Vec<Term>,
    /// Per term, per text: [`UNSCORED`], [`NO_MATCH`], [`MATCHES`] or the score.
    table: Vec<Vec<u32>>,
    /// Per term, the edits to each vocabulary word (see `fuzzy_typo::Words`), made on first
    /// need.
    edits: Vec<Option<Vec<u8>>>,
    /// Per term, the table of the same word one character shorter when a query before kept
    /// it (the word being typed, a key ago), and neither word takes typos: see
    /// [`Scorer::ceiling`].
    shorter: Vec<Option<Vec<u32>>>,
    matcher: Matcher,
}

/// A term's score table, kept between queries: a score is a function of the term and the text
/// alone, so a later query with the same term (the words before the one being typed, or the
/// query a backspace returns to) reuses what was computed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TermTable {
    term: Vec<char>,
    cells: Vec<u32>,
}

const UNSCORED: u32 = u32::MAX;
const NO_MATCH: u32 = u32::MAX - 1;
/// Known to match, score not computed (see [`Scorer::matches`]).
const MATCHES: u32 = u32::MAX - 2;

/// nucleo's scoring constants (`score.rs`, with `prefer_prefix` off): a matched character
/// scores 16 plus a bonus of at most 10 (a word start after whitespace), doubled for the first
/// character; gaps only subtract.
const SCORE_MATCH: u32 = 16;
const MAX_BONUS: u32 = 10;

/// How the matcher scores: case never matters in titles (`wsd` finds `WSD-themed`), and Latin
/// letters match without their accents (`sao` finds `São`).
fn config() -> Config {
    let mut c = Config::DEFAULT;
    c.ignore_case = true;
    c.normalize = true;
    c
}

impl<'t> Scorer<'t> {
    /// A scorer for `query` that takes the tables of its terms out of `kept` when they are
    /// there (tables of the same `texts`).
    pub fn new(texts: &'t Texts, query: &str, kept: &mut Vec<TermTable>) -> Self {
        let terms: Vec<Term> = query.split_whitespace().map(Term::new).collect();
        // Cloned, not taken: the shorter word's table stays kept for a backspace.
        let shorter = terms
            .iter()
            .map(|term| {
                // A shorter word of one character is left out: the matcher scores a
                // one-character needle by a shortcut that need not find its best place
                // (`a` then `ae` showed it), so its score bounds nothing. Other than ASCII
                // words are left to the plain bound, as only those were checked at length.
                if term.typo.is_some() || term.ascii.is_none() {
                    return None;
                }
                let (_, head) = term.chars.split_last().filter(|(_, h)| h.len() >= 2)?;
                let plain = |k: &TermTable| TypoTerm::new(&k.term).is_none();
                kept.iter()
                    .find(|k| k.term == head && k.cells.len() == texts.len() && plain(k))
                    .map(|k| k.cells.clone())
            })
            .collect();
        let table = terms
            .iter()
            .map(|term| {
                let same = |k: &TermTable| k.term == term.chars && k.cells.len() == texts.len();
                match kept.iter().position(same) {
                    Some(i) => kept.remove(i).cells,
                    None => vec![UNSCORED; texts.len()],
                }
            })
            .collect();
        Scorer {
            texts,
            edits: vec![None; terms.len()],
            shorter,
            terms,
            table,
            matcher: Matcher::new(config()),
        }
    }

    /// The tables of this query's terms, for [`Scorer::new`] to reuse.
    pub fn into_tables(self) -> Vec<TermTable> {
        self.terms
            .into_iter()
            .zip(self.table)
            .map(|(t, cells)| TermTable {
                term: t.chars,
                cells,
            })
            .collect()
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The highest score any text can give term `t`: a term of n characters matched
    /// contiguously at a word start scores `16n + 10(n + 1)`, and nothing scores more. (A test
    /// checks both halves of that against the matcher.)
    pub fn best_possible(&self, t: usize) -> u32 {
        let n = self.terms[t].chars.len() as u32;
        SCORE_MATCH * n + MAX_BONUS * (n + 1)
    }

    /// Whether term `t` matches text `id` at all (a subsequence after folding, or failing
    /// that a word within the typo tolerance), without scoring a subsequence: what the matcher
    /// accepts, at the cost of one pass over the text.
    pub fn matches(&mut self, t: usize, id: TextId) -> bool {
        if self.table[t][id as usize] == UNSCORED {
            let term = &self.terms[t];
            let found =
                self.texts.may_contain(id, term.mask) && is_subsequence(self.texts.utf32(id), term);
            self.table[t][id as usize] = if found { MATCHES } else { self.typo(t, id) };
        }
        self.table[t][id as usize] != NO_MATCH
    }

    /// Per text, whether one of `terms` matches one of its words a typo away (whether or not
    /// it is also a subsequence): cheap, no text is scored.
    pub fn typo_texts(&mut self, terms: &[usize]) -> Vec<bool> {
        let words = self.texts.words();
        let mut out = vec![false; self.texts.len()];
        for &t in terms {
            let Some(typo) = &self.terms[t].typo else {
                continue;
            };
            let edits = self.edits[t].get_or_insert_with(|| words.edits(typo));
            // No word of the vocabulary is near: no text is.
            if edits.iter().all(|&e| e == u8::MAX) {
                continue;
            }
            for (id, hit) in out.iter_mut().enumerate() {
                *hit = *hit || words.any_in(id as TextId, edits);
            }
        }
        out
    }

    /// The score of term `t` on a text it is no subsequence of: a typo-tolerant match of one
    /// of its words (see `fuzzy_typo`), or [`NO_MATCH`].
    fn typo(&mut self, t: usize, id: TextId) -> u32 {
        let Some(typo) = &self.terms[t].typo else {
            return NO_MATCH;
        };
        let words = self.texts.words();
        let edits = self.edits[t].get_or_insert_with(|| words.edits(typo));
        let perfect = SCORE_MATCH * typo.len() as u32 + MAX_BONUS * (typo.len() as u32 + 1);
        words
            .best_in(id, edits)
            .map_or(NO_MATCH, |e| typo_score(typo.len(), e, perfect))
    }

    /// The most term `t` can score on the best of `fields`: its score where the table has
    /// it, else [`Scorer::best_possible`]; `None` when no field contains the term. Costs no
    /// scoring.
    pub fn bound(&mut self, t: usize, fields: &[TextId]) -> Option<u32> {
        let mut most = None;
        for &id in fields {
            if !self.matches(t, id) {
                continue;
            }
            let cell = self.table[t][id as usize];
            let b = if cell == MATCHES {
                self.ceiling(t, id)
            } else {
                cell
            };
            most = most.max(Some(b));
        }
        most
    }

    /// The most term `t` can score on text `id`, known to match it, without scoring it:
    /// [`Scorer::best_possible`], or less when the word one character shorter was scored on
    /// the text a key ago. The longer word's best match, less its last character, is a match
    /// of the shorter word (the gap before that character only ever subtracted), and a
    /// character after the first adds at most `SCORE_MATCH + MAX_BONUS`; so the longer word
    /// scores at most that much above the shorter one. Only for ASCII words without typos, of
    /// two characters or more, whose table holds the matcher's best score itself. (The
    /// narrowing proptest and the fuzzy benchmark check the hits against a fresh query.)
    fn ceiling(&self, t: usize, id: TextId) -> u32 {
        let best = self.best_possible(t);
        match self.shorter[t].as_ref().map(|cells| cells[id as usize]) {
            Some(score) if score < MATCHES => best.min(score + SCORE_MATCH + MAX_BONUS),
            _ => best,
        }
    }

    /// Term `t`'s score on text `id`, or `None` when the text does not contain the term.
    pub fn score(&mut self, t: usize, id: TextId) -> Option<u32> {
        let perfect = self.best_possible(t);
        let cell = self.table[t][id as usize];
        if cell == UNSCORED || cell == MATCHES {
            let term = &self.terms[t];
            let hay = self.texts.utf32(id);
            let exact = if !self.texts.may_contain(id, term.mask) {
                NO_MATCH
            } else if word_start_in_ascii(hay, term.ascii.as_deref()) {
                // The best score there is (see `best_possible`): no need for the matcher's
                // dynamic program. Common: a title containing the word being typed.
                perfect
            } else {
                self.matcher
                    .fuzzy_match(hay, term.needle())
                    .map_or(NO_MATCH, u32::from)
            };
            self.table[t][id as usize] = if exact == NO_MATCH {
                self.typo(t, id)
            } else if self.terms[t].typo.as_ref().is_some_and(TypoTerm::respells) {
                // The other spelling is the same word: a title holding it whole ranks as one
                // holding the word as typed would, above the letters found scattered.
                match self.typo(t, id) {
                    NO_MATCH => exact,
                    other => exact.max(other),
                }
            } else {
                exact
            };
        }
        let cell = self.table[t][id as usize];
        (cell != NO_MATCH).then_some(cell)
    }

    /// The best of `fields` for term `t`: (position in `fields`, score); the first field wins
    /// a tie. `None` when no field contains the term.
    pub fn best(&mut self, t: usize, fields: &[TextId]) -> Option<(usize, u32)> {
        let mut best: Option<(usize, u32)> = None;
        for (i, &id) in fields.iter().enumerate() {
            if let Some(s) = self.score(t, id)
                && best.is_none_or(|(_, b)| s > b)
            {
                best = Some((i, s));
            }
        }
        best
    }

    /// The sum over terms of each term's best field score; `None` unless every term matches
    /// some field.
    pub fn total(&mut self, fields: &[TextId]) -> Option<u32> {
        let mut total = 0;
        for t in 0..self.terms.len() {
            total += self.best(t, fields)?.1;
        }
        Some(total)
    }

    /// Char indices of term `t`'s best match in text `id` (appended to `out`, unsorted).
    /// A typo-tolerant match highlights the whole word it matched.
    pub fn positions(&mut self, t: usize, id: TextId, out: &mut Vec<usize>) {
        let mut idx = Vec::new();
        let term = &self.terms[t];
        let found = self
            .matcher
            .fuzzy_indices(self.texts.utf32(id), term.needle(), &mut idx);
        match (found, &term.typo) {
            (None, Some(typo)) => {
                out.extend(matched_word(self.texts.str(id), typo).unwrap_or(0..0))
            }
            _ => out.extend(idx.into_iter().map(|i| i as usize)),
        }
    }
}

/// Whether ASCII `hay` contains the ASCII (folded) `needle` contiguously, ignoring case, at a
/// word start: at the beginning or after whitespace, and starting with a letter or digit. That
/// is exactly where nucleo gives every character of the match the largest bonus (a word start
/// after whitespace, carried along a consecutive run), so the match scores `best_possible`.
fn word_start_in_ascii(hay: Utf32Str<'_>, needle: Option<&[u8]>) -> bool {
    let (Utf32Str::Ascii(hay), Some(needle)) = (hay, needle) else {
        return false;
    };
    let Some(&first) = needle.first() else {
        return false;
    };
    if !first.is_ascii_alphanumeric() || needle.len() > hay.len() {
        return false;
    }
    (0..=hay.len() - needle.len()).any(|i| {
        (i == 0 || hay[i - 1].is_ascii_whitespace())
            && hay[i..i + needle.len()]
                .iter()
                .zip(needle)
                .all(|(h, n)| h.to_ascii_lowercase() == *n)
    })
}

/// Whether `term` (folded) is a subsequence of `hay` folded as the matcher folds it.
fn is_subsequence(hay: Utf32Str<'_>, term: &Term) -> bool {
    match (hay, &term.ascii) {
        // An ASCII text folds to ASCII: a term with other characters cannot match it.
        (Utf32Str::Ascii(_), None) => false,
        (Utf32Str::Ascii(bytes), Some(needle)) => ascii_subsequence(bytes, needle),
        (Utf32Str::Unicode(chars), _) => subsequence(chars, &term.chars, |&c| fold(c)),
    }
}

/// Whether the lowercase ASCII `needle` is a subsequence of `hay`, ignoring case: each of its
/// characters looked for with `memchr` past the last one found. This test runs on every
/// candidate title of every keystroke; a title usually holds the next character soon, or
/// not at all, and the search skips to it instead of lowercasing each byte on the way.
fn ascii_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &n in needle {
        let upper = n.to_ascii_uppercase();
        let at = if upper == n {
            memchr::memchr(n, rest)
        } else {
            memchr::memchr2(n, upper, rest)
        };
        match at {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// Whether `needle` is a subsequence of `hay` mapped by `fold`.
fn subsequence<T: Copy + PartialEq>(hay: &[T], needle: &[T], fold: impl Fn(&T) -> T) -> bool {
    let mut j = 0;
    for h in hay {
        if j == needle.len() {
            break;
        }
        if fold(h) == needle[j] {
            j += 1;
        }
    }
    j == needle.len()
}

#[cfg(test)]
mod tests {
    use super::super::fuzzy_texts::TextsBuilder;
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[a-dA-D ÀáÄ’标准\\-(]{0,12}", "[a-dA-D (\\-\t]{0,16}",]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// `matches` agrees with the matcher, and no score beats `best_possible`.
        #[test]
        fn matches_and_bound_agree_with_the_matcher(hay in text(), word in "[a-dA-Dáä标准(-]{1,4}|[a-d]{1,3}") {
            let mut b = TextsBuilder::default();
            let id = b.intern(hay.clone().into());
            let texts = b.finish();
            let mut plain = Scorer::new(&texts, &word, &mut Vec::new());
            let mut scored = Scorer::new(&texts, &word, &mut Vec::new());
            let found = plain.matches(0, id);
            let score = scored.score(0, id);
            prop_assert_eq!(found, score.is_some(), "{:?} in {:?}", word, hay);
            prop_assert!(score.unwrap_or(0) <= scored.best_possible(0));
            // The word-start shortcut gives what the matcher would.
            let mut m = Matcher::new(config());
            let term = Term::new(&word);
            let direct = m.fuzzy_match(texts.utf32(id), term.needle()).map(u32::from);
            prop_assert_eq!(score, direct, "{:?} in {:?}", word, hay);
            // Asked again after `matches`, the score is the same.
            prop_assert_eq!(plain.score(0, id), score);
        }
    }

    #[test]
    fn best_possible_is_reached_by_a_word_start() {
        let mut b = TextsBuilder::default();
        let ids = [
            b.intern("Stan".into()),
            b.intern("New standards".into()),
            b.intern("cost-stan".into()),
        ];
        let texts = b.finish();
        let mut s = Scorer::new(&texts, "stan", &mut Vec::new());
        assert_eq!(s.score(0, ids[0]), Some(s.best_possible(0)));
        assert_eq!(s.score(0, ids[1]), Some(s.best_possible(0)));
        assert!(s.score(0, ids[2]).unwrap() < s.best_possible(0));
    }
}
