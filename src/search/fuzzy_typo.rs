//! Typo tolerance for the fuzzy jump: a query word that is no subsequence of a text still
//! matches it when a word of the text is within a small edit distance of it, or is the same
//! word in the other spelling (British `standardisation`, American `standardization`).
//!
//! * **Edit distance** is optimal string alignment (Damerau–Levenshtein without editing a
//!   transposed pair again): `wrold` is one edit from `world`. It is measured against the
//!   closest *prefix* of a title word, so a word still being typed (`standardisat`) finds
//!   its word. One edit is allowed in words of 5 to 8 letters, two from 9 letters on; shorter
//!   words, and words with digits or other characters, must match as typed (one edit from a
//!   four-letter word is the start of too many words: `care` would find `carbon`).
//! * **Spelling**: [`american`] maps the common British endings (`-ise`, `-isation`, `-yse`,
//!   `-our`, `-tre`, `-ogue`, `-ence`, `-mme`, doubled `l` before `-ed`/`-ing`/`-er`) to the
//!   American ones, on both the query word and the title words, so either spelling finds the
//!   other at no cost in edits.
//!
//! Only ASCII letter words take part. The title words are collected once (on first need) into
//! a vocabulary, so a query word is compared with each distinct word once, not with every
//! title; a text then matches when one of its words is a match.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::fuzzy_texts::Texts;
use crate::archive::parallel::map_in_order;

/// Edits allowed for a query word of `len` letters.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Longest query word that is compared by edit distance (the distance rows live on the stack).
const MAX_WORD: usize = 48;

/// The score of a typo-tolerant match of a word of `len` letters at `edits` edits. The same
/// word in the other spelling (no edit) is the word: it scores `perfect`, what the word as
/// typed scores at the start of a title word. A misspelt word scores less than the word typed
/// correctly scores anywhere in a title (a contiguous match of `len` characters scores at
/// least 16 per character), so a title holding the word as typed ranks above one that holds
/// it a typo away.
pub(super) fn typo_score(len: usize, edits: usize, perfect: u32) -> u32 {
    if edits == 0 {
        return perfect;
    }
    (16 * len as u32)
        .saturating_sub(1 + 8 * edits as u32)
        .max(1)
}

/// How a query word is matched with typos: what [`TypoTerm::class`] says about whether a longer
/// word can match more (see `fuzzy::TitleIndex::query_narrowing`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypoTerm {
    word: Vec<u8>,
    spelled: Vec<u8>,
    edits: usize,
}

impl TypoTerm {
    /// `None` when `folded` (a query word as the matcher folds it) takes no typo tolerance.
    pub fn new(folded: &[char]) -> Option<TypoTerm> {
        if folded.len() < 5
            || folded.len() > MAX_WORD
            || !folded.iter().all(|c| c.is_ascii_lowercase())
        {
            return None;
        }
        let word: Vec<u8> = folded.iter().map(|&c| c as u8).collect();
        let spelled = american(&word);
        Some(TypoTerm {
            edits: allowed_edits(word.len()),
            word,
            spelled,
        })
    }

    /// (edits allowed, whether the spelling rules change the word). A word extended by a
    /// letter matches no text its shorter form did not, as long as the edits allowed stay the
    /// same and the spelling rules leave the longer word alone; see [`may_widen`].
    fn class(&self) -> (usize, bool) {
        (self.edits, self.respells())
    }

    pub fn len(&self) -> usize {
        self.word.len()
    }

    /// Whether the spelling rules change this word (it has another spelling to look for).
    pub fn respells(&self) -> bool {
        self.spelled != self.word
    }

    /// Edits from this word to vocabulary word `w` (already lowercase), `None` when too
    /// many; 0 for the same word in the other spelling. A word that holds the query word as
    /// a subsequence is left out: the matcher finds those.
    fn edits_to(&self, w: &[u8], w_spelled: &[u8]) -> Option<usize> {
        if is_subsequence(&self.word, w) {
            return None;
        }
        if w_spelled.starts_with(&self.spelled) || w_spelled.starts_with(&self.word) {
            return Some(0);
        }
        // A word shorter than this one by more than the edits allowed is that many edits
        // away at least: most of the vocabulary, spared the table below.
        if w.len() + self.edits < self.word.len() {
            return None;
        }
        prefix_distance(&self.word, w, self.edits)
    }
}

/// Whether a query that extends `old` (a query word) to `new` may match a text the old word
/// did not: then what the old query matched is no bound on the new one.
pub(super) fn may_widen(old: &[char], new: &[char]) -> bool {
    let (old, new) = (TypoTerm::new(old), TypoTerm::new(new));
    match (old, new) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n.respells() || o.class().0 != n.class().0,
    }
}

/// A vocabulary word, lowercase, and its [`american`] spelling.
type VocabWord = (Box<[u8]>, Box<[u8]>);

/// The distinct ASCII letter words of every interned text, and which each text holds.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Words {
    /// Each distinct word, lowercase, and its [`american`] spelling.
    vocab: Vec<VocabWord>,
    /// Per text, its range in `ids`.
    ranges: Vec<(u32, u32)>,
    ids: Vec<u32>,
}

/// Vocabulary words already seen, and their ids.
type Known = HashMap<Box<[u8]>, u32, BuildHasherDefault<WordHasher>>;

/// Fewer texts than this and a second thread would cost more than it saves.
const PARALLEL_FROM: usize = 20_000;
/// More threads than this gain nothing.
const MAX_THREADS: usize = 4;

impl Words {
    /// Collected when a query first needs them (`magreader find` too). A large archive's texts
    /// are cut into runs collected on a thread each and joined in order; the result is the
    /// same as collecting them in one pass (ids in the order words are first met).
    pub fn new(texts: &Texts) -> Words {
        let n = texts.len();
        let threads = if n < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |t| t.get().min(MAX_THREADS))
        };
        Words::in_parts(texts, threads)
    }

    /// [`Words::new`], collected in at most `threads` parts.
    fn in_parts(texts: &Texts, threads: usize) -> Words {
        let n = texts.len();
        if threads <= 1 || n == 0 {
            return Words::collect(texts, 0..n).0;
        }
        let per = n.div_ceil(threads);
        let mut parts = map_in_order(n.div_ceil(per), 1, |k| {
            Words::collect(texts, k * per..((k + 1) * per).min(n))
        });
        let (mut w, mut known) = parts.remove(0);
        for (part, _) in parts {
            let ids: Vec<u32> = part
                .vocab
                .into_iter()
                .map(|(word, american)| match known.get(&word) {
                    Some(&wid) => wid,
                    None => {
                        let wid = w.vocab.len() as u32;
                        w.vocab.push((word.clone(), american));
                        known.insert(word, wid);
                        wid
                    }
                })
                .collect();
            let base = w.ids.len() as u32;
            w.ranges
                .extend(part.ranges.iter().map(|&(a, b)| (a + base, b + base)));
            w.ids.extend(part.ids.iter().map(|&i| ids[i as usize]));
        }
        w
    }

    /// The words of texts `range` (a quick hash, and no allocation for a word seen before).
    fn collect(texts: &Texts, range: std::ops::Range<usize>) -> (Words, Known) {
        let mut w = Words::default();
        let mut lower = Vec::new();
        // About one word of three letters or more in every eight bytes of a title.
        let bytes: usize = range.clone().map(|id| texts.str(id as u32).len()).sum();
        w.ids.reserve(bytes / 8);
        let mut known = Known::with_capacity_and_hasher(bytes / 64, Default::default());
        w.ranges.reserve(range.len());
        for id in range {
            let start = w.ids.len() as u32;
            let text = texts.str(id as u32).as_bytes();
            for word in text.split(|b| !b.is_ascii_alphabetic()) {
                // A word of one or two letters is within two edits of any short word: it
                // would only add noise.
                if word.len() < 3 {
                    continue;
                }
                lower.clear();
                lower.extend(word.iter().map(u8::to_ascii_lowercase));
                let wid = match known.get(&lower[..]) {
                    Some(&wid) => wid,
                    None => {
                        let wid = w.vocab.len() as u32;
                        let word: Box<[u8]> = lower.as_slice().into();
                        w.vocab
                            .push((word.clone(), american(&lower).into_boxed_slice()));
                        known.insert(word, wid);
                        wid
                    }
                };
                w.ids.push(wid);
            }
            w.ranges.push((start, w.ids.len() as u32));
        }
        (w, known)
    }

    /// Per vocabulary word, the edits from `term` to it (`u8::MAX`: not a match).
    pub fn edits(&self, term: &TypoTerm) -> Vec<u8> {
        self.vocab
            .iter()
            .map(|(w, s)| term.edits_to(w, s).map_or(u8::MAX, |e| e as u8))
            .collect()
    }

    /// Whether some word of text `id` is within the edits allowed, by the table
    /// [`Words::edits`] made: [`Words::best_in`] without finding the best.
    pub fn any_in(&self, id: u32, edits: &[u8]) -> bool {
        let (a, b) = self.ranges[id as usize];
        self.ids[a as usize..b as usize]
            .iter()
            .any(|&w| edits[w as usize] != u8::MAX)
    }

    /// The fewest edits to any word of text `id`, by the table [`Words::edits`] made.
    pub fn best_in(&self, id: u32, edits: &[u8]) -> Option<usize> {
        let (a, b) = self.ranges[id as usize];
        self.ids[a as usize..b as usize]
            .iter()
            .map(|&w| edits[w as usize])
            .min()
            .filter(|&e| e != u8::MAX)
            .map(usize::from)
    }
}

/// A multiply-rotate hash for short words and titles (keys from the archive, hashed to find
/// repeats, never stored where a collision could cost more than a comparison).
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write(&n.to_le_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The char range of the word in `text` that [`Words::best_in`] picked (the first word with
/// the fewest edits), for highlighting.
pub(super) fn matched_word(text: &str, term: &TypoTerm) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut chars = 0;
    let mut start: Option<(usize, usize)> = None; // (byte, char) where the current word began
    let check = |from: (usize, usize), to: (usize, usize), best: &mut Option<_>| {
        let word = &text.as_bytes()[from.0..to.0];
        if word.len() < 3 {
            return;
        }
        let lower = word.to_ascii_lowercase();
        if let Some(e) = term.edits_to(&lower, &american(&lower))
            && best.as_ref().is_none_or(|(b, _)| e < *b)
        {
            *best = Some((e, from.1..to.1));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphabetic() {
            start.get_or_insert((i, chars));
        } else if let Some(s) = start.take() {
            check(s, (i, chars), &mut best);
        }
        chars += 1;
    }
    if let Some(s) = start {
        check(s, (text.len(), chars), &mut best);
    }
    best.map(|(_, r)| r)
}

fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut n = needle.iter().peekable();
    for h in hay {
        if n.peek() == Some(&h) {
            n.next();
        }
    }
    n.peek().is_none()
}

/// Optimal-string-alignment distance from `q` to the closest prefix of `w`, when at most
/// `max`; stops as soon as a row shows more.
pub(super) fn prefix_distance(q: &[u8], w: &[u8], max: usize) -> Option<usize> {
    // Beyond |q| + max letters of `w`, a longer prefix only costs more.
    let w = &w[..w.len().min(q.len() + max)];
    if q.len() > MAX_WORD {
        return None;
    }
    let n = w.len();
    let mut rows = [[0u8; MAX_WORD + 3]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(n + 1) {
        *cell = j as u8;
    }
    let mut best = rows[0][..=n].iter().min().copied().unwrap_or(0);
    for i in 1..=q.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i as u8;
        let mut row_min = rows[cur][0];
        for j in 1..=n {
            let cost = u8::from(q[i - 1] != w[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        if usize::from(row_min) > max {
            return None;
        }
        best = rows[cur][..=n].iter().min().copied().unwrap_or(0);
    }
    (usize::from(best) <= max).then_some(usize::from(best))
}

/// A lowercase word in American spelling, for the common British endings. Applied to query and
/// title words alike, so it only has to map both spellings to one form, not to a real word.
pub fn american(word: &[u8]) -> Vec<u8> {
    let w = word;
    let mut out = w.to_vec();
    // (British ending, American ending, letters that must come before it)
    const ENDINGS: &[(&str, &str, usize)] = &[
        ("isations", "izations", 3),
        ("isation", "ization", 3),
        ("ising", "izing", 3),
        ("isers", "izers", 3),
        ("iser", "izer", 3),
        ("ised", "ized", 3),
        ("ises", "izes", 3),
        ("ise", "ize", 3),
        ("ysing", "yzing", 2),
        ("ysed", "yzed", 2),
        ("yses", "yzes", 2),
        ("yse", "yze", 2),
        ("ours", "ors", 3),
        ("oured", "ored", 3),
        ("ouring", "oring", 3),
        ("ourite", "orite", 3),
        ("ourable", "orable", 3),
        ("our", "or", 3),
        ("tres", "ters", 3),
        ("tre", "ter", 3),
        ("ogues", "ogs", 3),
        ("ogue", "og", 3),
        ("ences", "enses", 3),
        ("ence", "ense", 3),
        ("mmes", "ms", 4),
        ("mme", "m", 4),
        ("lled", "led", 2),
        ("lling", "ling", 2),
        ("ller", "ler", 2),
        ("llers", "lers", 2),
    ];
    for (british, american, stem) in ENDINGS {
        if w.len() >= british.len() + stem && w.ends_with(british.as_bytes()) {
            out.truncate(w.len() - british.len());
            out.extend_from_slice(american.as_bytes());
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us(w: &str) -> String {
        String::from_utf8(american(w.as_bytes())).unwrap()
    }

    #[test]
    fn words_collected_in_parts_are_those_collected_in_one_pass() {
        let mut b = super::super::fuzzy_texts::TextsBuilder::default();
        for t in [
            "Standards for smart care",
            "",
            "Smart cities and standards",
            "标准化 reform of standards",
            "World Standards Day",
            "care, care and CARE",
            "a b cd",
        ] {
            b.add(t);
        }
        let texts = b.finish();
        let whole = Words::in_parts(&texts, 1);
        for parts in 2..=8 {
            assert_eq!(Words::in_parts(&texts, parts), whole, "{parts} parts");
        }
    }

    #[test]
    fn british_and_american_spellings_meet() {
        for (gb, us_) in [
            ("standardisation", "standardization"),
            ("organise", "organize"),
            ("organised", "organized"),
            ("analyse", "analyze"),
            ("colour", "color"),
            ("behaviour", "behavior"),
            ("favourite", "favorite"),
            ("centre", "center"),
            ("catalogue", "catalog"),
            ("defence", "defense"),
            ("programme", "program"),
            ("travelled", "traveled"),
            ("modelling", "modeling"),
        ] {
            assert_eq!(us(gb), us(us_), "{gb} / {us_}");
        }
        // Short words keep their ending: "four" is not "for", "our" not "or".
        assert_eq!(us("four"), "four");
        assert_eq!(us("tour"), "tour");
        assert_eq!(us("rise"), "rise");
    }

    #[test]
    fn distance_counts_a_transposition_as_one() {
        assert_eq!(prefix_distance(b"wrold", b"world", 1), Some(1));
        assert_eq!(prefix_distance(b"world", b"world", 1), Some(0));
        assert_eq!(prefix_distance(b"wrold", b"wolrd", 1), None, "two edits");
        assert_eq!(prefix_distance(b"wrold", b"wolrd", 2), Some(2));
        // Against a prefix: a word being typed.
        assert_eq!(
            prefix_distance(b"standardisat", b"standardization", 2),
            Some(1)
        );
        assert_eq!(prefix_distance(b"stnd", b"standards", 1), Some(1));
        assert_eq!(prefix_distance(b"qqqq", b"standards", 1), None);
    }

    /// The textbook distance, every cell, as a check on the early exit and the prefix cut.
    fn reference(q: &[u8], w: &[u8]) -> usize {
        let (m, n) = (q.len(), w.len());
        let mut d = vec![vec![0usize; n + 1]; m + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=m {
            for j in 1..=n {
                let cost = usize::from(q[i - 1] != w[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        *d[m].iter().min().unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn prefix_distance_is_the_textbook_one(q in "[abcd]{1,10}", w in "[abcd]{0,14}", max in 0usize..3) {
            let want = reference(q.as_bytes(), w.as_bytes());
            let got = prefix_distance(q.as_bytes(), w.as_bytes(), max);
            proptest::prop_assert_eq!(got, (want <= max).then_some(want));
        }
    }

    #[test]
    fn only_long_enough_letter_words_take_typos() {
        let t = |s: &str| TypoTerm::new(&s.chars().collect::<Vec<_>>());
        assert!(t("wrold").is_some());
        assert!(t("iso").is_none(), "three letters must match as typed");
        assert!(t("care").is_none(), "so must four");
        assert!(t("2025").is_none());
        assert!(t("标准化标准").is_none());
        assert_eq!(t("wrold").unwrap().edits, 1);
        assert_eq!(t("standardisation").unwrap().edits, 2);
    }

    #[test]
    fn the_matched_word_is_found_for_highlighting() {
        let term = TypoTerm::new(&"wrold".chars().collect::<Vec<_>>()).unwrap();
        // Char indices: the curly apostrophe is one char.
        assert_eq!(matched_word("It’s World Day", &term), Some(5..10));
        let term = TypoTerm::new(&"standardisation".chars().collect::<Vec<_>>()).unwrap();
        assert_eq!(
            matched_word("Mongolia's standardization", &term),
            Some(11..26)
        );
    }
}
