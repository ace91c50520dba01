//! The distinct texts the fuzzy jump matches against, each stored once.
//!
//! Column names, Chinese column names and issue ids repeat across thousands of articles, and an
//! archive's Chinese titles are often missing (one empty text). Interning them means a keystroke
//! scores each distinct text at most once per query term, however many articles share it.
//!
//! Each text is kept twice, cheaply: as the display string (an arena of UTF-8, for building
//! hits) and as nucleo's matching form. An ASCII text's matching form is its own bytes; any
//! other text's is its chars (one per `char`, not per grapheme, so that matched positions are
//! char indices, which is what the reader highlights). A 64-bit mask of the folded characters a
//! text contains lets a query term that needs a character the text lacks skip it without
//! running the matcher.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars::{normalize, to_lower_case};

use super::fuzzy_typo::{WordHasher, Words};

/// Index of a distinct text.
pub(super) type TextId = u32;

/// Where one text lives in the arenas.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Byte range in `arena`.
    start: u32,
    end: u32,
    /// Char range in `chars`; `None` for an ASCII text (matched as its bytes).
    chars: Option<(u32, u32)>,
    mask: u64,
}

/// Interned texts: build with [`TextsBuilder`].
#[derive(Debug, Default)]
pub(super) struct Texts {
    arena: String,
    chars: Vec<char>,
    slots: Vec<Slot>,
    /// The texts' words for typo tolerance, collected the first time a query needs them.
    words: OnceLock<Words>,
}

impl Texts {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn str(&self, id: TextId) -> &str {
        let s = self.slots[id as usize];
        &self.arena[s.start as usize..s.end as usize]
    }

    /// The text as nucleo matches it.
    pub fn utf32(&self, id: TextId) -> Utf32Str<'_> {
        let s = self.slots[id as usize];
        match s.chars {
            // Bytes, not `str` slicing: this is in the loop over every candidate title, and an
            // ASCII text needs no check for character boundaries.
            None => Utf32Str::Ascii(&self.arena.as_bytes()[s.start as usize..s.end as usize]),
            Some((a, b)) => Utf32Str::Unicode(&self.chars[a as usize..b as usize]),
        }
    }

    /// The texts of `parts` one after another, in one set sized to hold them exactly; with
    /// the id each part's first text has in it (its ids, plus that, are theirs here). Equal
    /// texts of two parts keep an id each.
    pub fn join(parts: Vec<Texts>) -> (Texts, Vec<TextId>) {
        let total = |f: fn(&Texts) -> usize| parts.iter().map(f).sum::<usize>();
        let (bytes, chars, slots) = (
            total(|t| t.arena.len()),
            total(|t| t.chars.len()),
            total(|t| t.slots.len()),
        );
        // The joined arenas stay under 4 GiB, so the offsets below cannot overflow.
        as_u32(bytes);
        as_u32(chars);
        as_u32(slots);
        let mut out = Texts {
            arena: String::with_capacity(bytes),
            chars: Vec::with_capacity(chars),
            slots: Vec::with_capacity(slots),
            words: OnceLock::new(),
        };
        let mut bases = Vec::with_capacity(parts.len());
        for part in parts {
            bases.push(as_u32(out.slots.len()));
            let (bytes, chars) = (as_u32(out.arena.len()), as_u32(out.chars.len()));
            out.arena.push_str(&part.arena);
            out.chars.extend_from_slice(&part.chars);
            out.slots.extend(part.slots.iter().map(|s| Slot {
                start: s.start + bytes,
                end: s.end + bytes,
                chars: s.chars.map(|(a, b)| (a + chars, b + chars)),
                mask: s.mask,
            }));
        }
        (out, bases)
    }

    /// The words of every text (see `fuzzy_typo`), collected on first use.
    pub fn words(&self) -> &Words {
        self.words.get_or_init(|| Words::new(self))
    }

    /// False when the text lacks a character of a term with this mask (so cannot match it).
    pub fn may_contain(&self, id: TextId, term_mask: u64) -> bool {
        self.slots[id as usize].mask & term_mask == term_mask
    }
}

/// Collects texts, giving equal texts one id.
#[derive(Default)]
pub(super) struct TextsBuilder<'a> {
    texts: Texts,
    ids: HashMap<Cow<'a, str>, TextId, BuildHasherDefault<WordHasher>>,
}

impl<'a> TextsBuilder<'a> {
    /// Room for about `texts` texts (of 50 bytes or so: titles).
    pub fn with_capacity(texts: usize) -> Self {
        let mut b = TextsBuilder::default();
        b.texts.slots.reserve(texts);
        b.texts.arena.reserve(texts * 50);
        // Room for a Chinese title of some twenty characters for every third text.
        b.texts.chars.reserve(texts * 7);
        b
    }

    /// The id of `text`, shared with every equal text interned before: for texts that repeat
    /// (column names, issue ids).
    pub fn intern(&mut self, text: Cow<'a, str>) -> TextId {
        if let Some(&id) = self.ids.get(text.as_ref()) {
            return id;
        }
        let id = self.push(&text);
        self.ids.insert(text, id);
        id
    }

    /// A new id for `text` (the empty text excepted, which is interned): for texts that
    /// rarely repeat (titles, article ids), where hashing every one to find the few that do
    /// would cost more at start-up than scoring them twice.
    pub fn add(&mut self, text: &str) -> TextId {
        if text.is_empty() {
            return self.intern(Cow::Borrowed(""));
        }
        self.push(text)
    }

    fn push(&mut self, text: &str) -> TextId {
        let t = &mut self.texts;
        let id = TextId::try_from(t.slots.len()).expect("fewer than 2^32 titles");
        let bytes = offsets(&t.arena, text);
        let chars = (!text.is_ascii()).then(|| {
            let from = t.chars.len();
            t.chars.extend(text.chars());
            (as_u32(from), as_u32(t.chars.len()))
        });
        t.arena.push_str(text);
        t.slots.push(Slot {
            start: bytes.start,
            end: bytes.end,
            chars,
            mask: mask(text),
        });
        id
    }

    /// The texts collected (joined with others by [`Texts::join`]).
    pub fn finish(self) -> Texts {
        self.texts
    }
}

fn offsets(arena: &str, text: &str) -> Range<u32> {
    as_u32(arena.len())..as_u32(arena.len() + text.len())
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).expect("title text under 4 GiB")
}

/// A character as the matcher compares it (ignoring case, Latin letters without their
/// diacritics): exactly what nucleo does to a haystack character with `ignore_case` and
/// `normalize` set, so that a term folded with this matches what nucleo would match.
pub(super) fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if ('\u{3000}'..='\u{9fff}').contains(&c) {
        // CJK: no case, no accents (a test checks); skips two table look-ups per character.
        c
    } else {
        to_lower_case(normalize(c))
    }
}

/// The bits of every folded character of `text`.
pub(super) fn mask(text: &str) -> u64 {
    if text.is_ascii() {
        // The common case, at start-up for every title: a table look-up per byte.
        return text.bytes().fold(0, |m, b| m | ASCII_BITS[usize::from(b)]);
    }
    text.chars().fold(0, |m, c| m | char_bit(fold(c)))
}

/// `char_bit(fold(c))` for every ASCII `c`.
static ASCII_BITS: [u64; 128] = {
    let mut bits = [0; 128];
    let mut b = 0;
    while b < 128 {
        bits[b] = char_bit((b as u8).to_ascii_lowercase() as char);
        b += 1;
    }
    bits
};

/// One bit per folded character class: letters and digits get a bit each, other characters
/// share bits. Only ever used as "a text without this bit cannot contain that character".
pub(super) const fn char_bit(c: char) -> u64 {
    let n = c as u32;
    let bit = match c {
        'a'..='z' => n - 'a' as u32,
        '0'..='9' => 26 + n - '0' as u32,
        _ if c.is_ascii() => 36 + n % 4,
        _ => 40 + n % 24,
    };
    1 << bit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_an_id_and_read_back() {
        let mut b = TextsBuilder::default();
        let a = b.intern("Spotlight".into());
        let z = b.intern("聚焦".into());
        let a2 = b.intern(String::from("Spotlight").into());
        let e = b.intern("".into());
        let t = b.finish();
        assert_eq!((a, a2), (0, 0));
        assert_eq!(t.len(), 3);
        assert_eq!((t.str(a), t.str(z), t.str(e)), ("Spotlight", "聚焦", ""));
        assert!(matches!(t.utf32(a), Utf32Str::Ascii(b"Spotlight")));
        assert!(matches!(t.utf32(z), Utf32Str::Unicode(['聚', '焦'])));
    }

    #[test]
    fn added_texts_are_not_shared_except_the_empty_one() {
        let mut b = TextsBuilder::default();
        let e = b.intern("".into());
        let (x, y) = (b.add("Title"), b.add("Title"));
        let t = b.finish();
        assert_ne!(x, y);
        assert_eq!((t.str(x), t.str(y)), ("Title", "Title"));
        let mut b = TextsBuilder::default();
        assert_eq!(b.add(""), b.intern("".into()));
        assert_eq!(e, 0);
    }

    #[test]
    fn ascii_mask_table_is_the_char_mask() {
        for b in 0..128u8 {
            assert_eq!(mask(&(b as char).to_string()), char_bit(fold(b as char)));
        }
    }

    #[test]
    fn mask_rejects_only_texts_missing_a_character() {
        let mut b = TextsBuilder::default();
        let en = b.intern("WSD-themed Café".into());
        let t = b.finish();
        assert!(t.may_contain(en, mask("wsdcafe")), "case and accents fold");
        assert!(t.may_contain(en, mask("-")));
        assert!(!t.may_contain(en, mask("x")));
        assert!(!t.may_contain(en, mask("9")));
    }

    #[test]
    fn fold_is_nucleos_folding_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(fold(c), to_lower_case(normalize(c)), "{c:?}");
        }
    }
}
