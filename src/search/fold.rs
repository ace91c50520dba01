//! The searchable form of a text: every whitespace run becomes one space, letters are
//! lowercased (for case-insensitive search), and a line break between two CJK characters
//! disappears. A sparse map leads from positions in the folded text back to byte offsets in
//! the original, so a hit found with a plain substring search lands on the source text.
//!
//! Why these rules: a query's space must match the `\n` of a soft line break and the run of
//! spaces a wrapper left (so a phrase split over two lines matches), and the Markdown layout
//! (`text::styled`) joins two CJK characters across a source line break without a space, so
//! search does too. The folded text is the same length as the source almost everywhere (ASCII
//! lowercasing keeps lengths; a single `\n` or space stays one byte), so the map only needs a
//! checkpoint where the two drift apart: after a collapsed run and after a character whose
//! lowercase form has a different UTF-8 length.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use unicode_width::UnicodeWidthChar;

/// A text in searchable form, with the way back to the source.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// (position in `text`, source offset) where the two stop advancing together; between
    /// checkpoints a folded byte maps to the source byte at the same distance.
    map: Vec<(usize, usize)>,
}

/// Whitespace for search purposes. NUL counts too: it separates fields in the full-text index,
/// so it must never occur inside folded text.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\0'
}

/// Printable ASCII other than space: copied as is (lowercased) by the fast path. The quick
/// paths that fold only part of a text (`scan`, `snippet`) cut between one of these and an
/// [`is_blank`] byte: folding looks back no further than the last whitespace run, so the part
/// folds to exactly the matching part of the whole's folded text.
pub fn is_plain(b: u8) -> bool {
    (0x21..=0x7e).contains(&b)
}

/// The ASCII whitespace a quick path cuts beside (see [`is_plain`]): space, tab, `\n`, `\r`.
pub fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r')
}

/// Two spaces, which folding makes one. Built once: building a finder costs more than most
/// searches of one stretch.
pub(super) static DOUBLE_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"  "));

/// Length of the leading stretch of `b` that is printable ASCII or space (0x20..=0x7E), eight
/// bytes at a time: the scan is most of the cost of folding English text.
fn printable_prefix(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut j = 0;
    while let Some(chunk) = b.get(j..j + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // Some byte below 0x20; some byte above 0x7E (every non-ASCII byte included).
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let above = (x.wrapping_add(ONES) | x) & HIGH;
        if below | above != 0 {
            break;
        }
        j += 8;
    }
    while j < b.len() && (0x20..=0x7e).contains(&b[j]) {
        j += 1;
    }
    j
}

/// A character two columns wide; two of them around a source line break are joined.
fn wide(c: char) -> bool {
    c.width() == Some(2)
}

impl Folded {
    /// Folds `src`, lowercasing when `lowercase`.
    pub fn new(src: &str, lowercase: bool) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(src.len() + 1),
            map: Vec::new(),
        };
        fold_into(src, lowercase, &mut f.text, &mut f.map, 0);
        f
    }

    /// Source offset of folded position `pos`, read as a match's start or (`end`) its end;
    /// see [`map_back`]. A position inside a character whose folded form is longer than its
    /// source (rare: `İ` lowercases to two characters) moves to that character's start or end.
    pub fn to_source(&self, src: &str, pos: usize, end: bool) -> usize {
        map_back(&self.map, 0, src, pos, end)
    }
}

/// Appends the folded form of `src` to `out`, and checkpoints (relative to `base`, the folded
/// position where `src` starts, and to `src`'s own offsets) to `map`. Shared by [`Folded`] and
/// the full-text index, which folds many fields into one string.
pub fn fold_into(
    src: &str,
    lowercase: bool,
    out: &mut String,
    map: &mut Vec<(usize, usize)>,
    base: usize,
) {
    let start = out.len();
    // Every text gets a first checkpoint, so mapping back never looks at a neighbour's.
    map.push((base, 0));
    // Where folded and source positions last agreed (folded position relative to `start`).
    let mut anchor = (0usize, 0usize);
    let mut sync = |out: &String, map: &mut Vec<(usize, usize)>, at_src: usize| {
        let rel = out.len() - start;
        if anchor.1 + (rel - anchor.0) != at_src {
            anchor = (rel, at_src);
            map.push((base + rel, at_src));
        }
    };
    // Open whitespace run: (source start, contains a line break).
    let mut run: Option<(usize, bool)> = None;
    let mut prev: Option<char> = None;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: most of the archive is English prose.
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = src[i..].chars().next().expect("in bounds");
            (c, c.len_utf8())
        };
        if is_space(c) {
            let brk = c == '\n' || c == '\r';
            run = Some(match run {
                Some((s, had)) => (s, had || brk),
                None => (i, brk),
            });
            i += len;
            continue;
        }
        if let Some((s, brk)) = run.take() {
            let joined = brk && prev.is_some_and(wide) && wide(c);
            if !joined {
                sync(out, map, s);
                out.push(' ');
            }
        }
        sync(out, map, i);
        if is_plain(b) {
            // Fast path for English prose: copy a stretch of printable ASCII in one go and
            // lowercase it in place. Single spaces fold to themselves, so the stretch only
            // stops before a double space or a space that ends it (a run may go on there).
            let mut j = i + printable_prefix(&bytes[i..]);
            if let Some(d) = DOUBLE_SPACE.find(&bytes[i..j]) {
                j = i + d;
            }
            if bytes[j - 1] == b' ' {
                j -= 1;
            }
            let at = out.len();
            out.push_str(&src[i..j]);
            if lowercase {
                out[at..].make_ascii_lowercase();
            }
            prev = Some(bytes[j - 1] as char);
            i = j;
            continue;
        }
        if !lowercase {
            out.push(c);
        } else if b < 0x80 || ('\u{3000}'..='\u{9FFF}').contains(&c) {
            // ASCII controls, and CJK, kana and CJK punctuation: no case, skip the tables.
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        prev = Some(c);
        i += len;
    }
    if let Some((s, _)) = run {
        sync(out, map, s);
        out.push(' ');
    }
    sync(out, map, src.len());
}

/// Maps a folded position back through checkpoints `map` (positions include `base`).
///
/// A position where a checkpoint sits has two readings: the end of what came before and the
/// start of what comes next (they differ across a dropped CJK line break or a collapsed run).
/// A match's start takes the next piece's start (`end == false`); a match's end takes the end
/// of the previous piece (`end == true`), so a hit never swallows the whitespace after it.
pub fn map_back(map: &[(usize, usize)], base: usize, src: &str, pos: usize, end: bool) -> usize {
    let abs = base + pos;
    let at = map.partition_point(|&(p, _)| p <= abs);
    let before = map.partition_point(|&(p, _)| p < abs);
    let mut off = if end && before < at && before > 0 {
        // Extend the previous piece, but never past where the next one starts.
        let (p, o) = map[before - 1];
        (o + (abs - p)).min(map[at - 1].1)
    } else {
        match at.checked_sub(1) {
            Some(k) => map[k].1 + (abs - map[k].0),
            None => 0,
        }
    }
    .min(src.len());
    while !src.is_char_boundary(off) {
        if end { off += 1 } else { off -= 1 }
    }
    off
}

/// True when the query asks for exact case (smartcase: it has a capital letter).
pub fn wants_exact_case(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(src: &str, folded: &str, lowercase: bool) -> Folded {
        let f = Folded::new(src, lowercase);
        assert_eq!(f.text, folded);
        f
    }

    #[test]
    fn collapses_runs_and_lowercases() {
        let f = roundtrip("Hello,\n\n  World ", "hello, world ", true);
        // "world" starts at folded 7, source 10.
        assert_eq!(f.to_source("Hello,\n\n  World ", 7, false), 10);
        assert_eq!(f.to_source("Hello,\n\n  World ", 6, false), 6);
        assert_eq!(f.to_source("Hello,\n\n  World ", 12, true), 15);
        assert_eq!(f.to_source("Hello,\n\n  World ", 13, true), 16);
    }

    #[test]
    fn keeps_case_when_asked() {
        roundtrip("Hello\tWorld", "Hello World", false);
    }

    #[test]
    fn joins_cjk_across_a_line_break_only() {
        let src = "标准\n化 标准  化";
        let f = roundtrip(src, "标准化 标准 化", true);
        // The third 化 (folded byte 6) is at source byte 7.
        assert_eq!(f.to_source(src, 6, false), 7);
        assert_eq!(&src[f.to_source(src, 17, false)..], "化");
    }

    #[test]
    fn maps_through_length_changing_lowercase() {
        // 'İ' (2 bytes) lowercases to "i̇" (3 bytes).
        let src = "İx Ab";
        let f = Folded::new(src, true);
        assert_eq!(f.text, "i\u{307}x ab");
        let x = f.text.find('x').unwrap();
        assert_eq!(&src[f.to_source(src, x, false)..], "x Ab");
        let a = f.text.find('a').unwrap();
        assert_eq!(&src[f.to_source(src, a, false)..], "Ab");
        // Inside the expansion: clamps to a character boundary.
        assert!(src.is_char_boundary(f.to_source(src, 1, false)));
    }

    /// The rules written the slow, obvious way, to check the fast path against.
    fn reference(src: &str) -> String {
        let chars: Vec<char> = src.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if is_space(chars[i]) {
                let s = i;
                while i < chars.len() && is_space(chars[i]) {
                    i += 1;
                }
                let brk = chars[s..i].iter().any(|&c| c == '\n' || c == '\r');
                let joined =
                    brk && s > 0 && wide(chars[s - 1]) && chars.get(i).is_some_and(|&c| wide(c));
                if !joined {
                    out.push(' ');
                }
            } else {
                out.extend(chars[i].to_lowercase());
                i += 1;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees_with_the_rules_and_maps_back(
            src in "([a-zA-Z.,]{1,6}|[ \t\n]{1,3}|[标准化中国]{1,3}|[ÄÖİσΣ\u{3000}\u{a0}]){0,40}",
            from in 0usize..40,
            len in 1usize..8,
        ) {
            let f = Folded::new(&src, true);
            proptest::prop_assert_eq!(&f.text, &reference(&src));
            // A query cut from the source finds (at least) itself, and every match maps back
            // to source text that folds to the query.
            let chars: Vec<(usize, char)> = src.char_indices().collect();
            let from = from.min(chars.len());
            let to = (from + len).min(chars.len());
            let start = chars.get(from).map_or(src.len(), |c| c.0);
            let end = chars.get(to).map_or(src.len(), |c| c.0);
            let query = &src[start..end];
            // Per character, as folding does (str::to_lowercase would apply final sigma).
            let lower: String = query.chars().flat_map(char::to_lowercase).collect();
            if let Some(q) = crate::search::query::Query::new(&lower) {
                let want = reference(&lower);
                let hits = q.find_all(&src);
                for r in &hits {
                    // Equal, except that a match on part of an expanded character (`i` in
                    // `İ`, which folds to `i̇`) covers the whole source character.
                    let got = reference(&src[r.clone()]);
                    proptest::prop_assert!(
                        got == want || (got.contains(&want) && got.contains('\u{307}')),
                        "{:?} for {:?}", got, want
                    );
                }
                if !query.starts_with(is_space) && !query.ends_with(is_space) {
                    proptest::prop_assert!(!hits.is_empty(), "{:?} in {:?}", query, src);
                }
            }
        }
    }

    #[test]
    fn smartcase_needs_a_capital() {
        assert!(wants_exact_case("ISO"));
        assert!(!wants_exact_case("iso 9001 标准化"));
    }
}
