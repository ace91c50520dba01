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

    /// Source offset of folded position `pos`. A position inside a character whose folded form
    /// is longer than its source (rare: `İ` lowercases to two characters) is moved to that
    /// character's start (`round_up == false`) or end.
    pub fn to_source(&self, src: &str, pos: usize, round_up: bool) -> usize {
        map_back(&self.map, 0, src, pos, round_up)
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
        if b < 0x80 {
            out.push(if lowercase {
                b.to_ascii_lowercase() as char
            } else {
                c
            });
        } else if lowercase {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
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
pub fn map_back(
    map: &[(usize, usize)],
    base: usize,
    src: &str,
    pos: usize,
    round_up: bool,
) -> usize {
    let abs = base + pos;
    let i = map.partition_point(|&(p, _)| p <= abs);
    let mut off = match i.checked_sub(1) {
        Some(k) => map[k].1 + (abs - map[k].0),
        None => 0,
    }
    .min(src.len());
    while !src.is_char_boundary(off) {
        if round_up { off += 1 } else { off -= 1 }
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

    #[test]
    fn smartcase_needs_a_capital() {
        assert!(wants_exact_case("ISO"));
        assert!(!wants_exact_case("iso 9001 标准化"));
    }
}
