//! Fast iteration over extended grapheme clusters with their display widths.
//!
//! Full UAX #29 segmentation (`unicode-segmentation`) runs at roughly 70 MB/s, which alone would
//! cap the wrapper below its 50 MB/s target. But for almost every character of this archive —
//! ASCII, Latin, CJK ideographs and punctuation, kana — the answer is trivial: a boundary lies
//! on both sides. So a character from those "simple" ranges, followed by another simple
//! character (or the end), is a cluster by itself; anything else (combining marks, ZWJ, emoji,
//! Hangul, regional indicators, CR LF, …) is handed to `unicode-segmentation`'s cursor, which
//! sees the whole text and so needs no extra context. The result is identical (tested against
//! `graphemes(true)` on arbitrary strings).

use unicode_segmentation::GraphemeCursor;
use unicode_width::UnicodeWidthChar;

use super::width::grapheme_width;

/// Characters whose Grapheme_Cluster_Break property is Other or Control (never Extend,
/// SpacingMark, Prepend, ZWJ, Regional_Indicator or a Hangul jamo/syllable), so that two of
/// them in a row always have a boundary between them. CR is excluded (CR × LF).
fn simple(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c != '\r';
    }
    matches!(
        u,
        0xA0..=0x2FF          // Latin-1 Supplement .. Spacing Modifier Letters
        | 0x2010..=0x2027     // dashes, quotes, ellipsis
        | 0x2030..=0x205E     // per mille .. punctuation
        | 0x3000..=0x3029     // CJK symbols and punctuation (U+302A.. are marks)
        | 0x3030..=0x303F
        | 0x3041..=0x3096     // Hiragana (U+3099, U+309A are marks)
        | 0x309B..=0x30FF     // Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xFF01..=0xFF60 // Fullwidth forms (the halfwidth sound marks come later)
    )
}

/// Width of a simple character as a cluster of its own (same as `grapheme_width`).
fn simple_width(c: char) -> usize {
    if c.is_control() {
        0
    } else {
        c.width().unwrap_or(0)
    }
}

/// Iterator of (byte start, cluster, width) over a string.
pub struct Clusters<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Clusters<'a> {
    pub fn new(text: &'a str) -> Self {
        Clusters { text, pos: 0 }
    }
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str, usize);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let &b = bytes.get(start)?;
        // ASCII followed by ASCII (or the end): the overwhelmingly common case.
        if b < 0x80 && b != b'\r' && bytes.get(start + 1).is_none_or(|&n| n < 0x80) {
            self.pos = start + 1;
            let w = usize::from(!b.is_ascii_control());
            return Some((start, &self.text[start..start + 1], w));
        }
        let mut chars = self.text[start..].chars();
        let c = chars.next()?;
        if simple(c) && chars.next().is_none_or(simple) {
            self.pos = start + c.len_utf8();
            return Some((start, &self.text[start..self.pos], simple_width(c)));
        }
        let mut cursor = GraphemeCursor::new(start, self.text.len(), true);
        let end = match cursor.next_boundary(self.text, 0) {
            Ok(Some(end)) => end,
            // Cannot happen with the whole text as the chunk; end the cluster after `c`.
            _ => start + c.len_utf8(),
        };
        self.pos = end;
        let g = &self.text[start..end];
        Some((start, g, grapheme_width(g)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn same_as_unicode_segmentation(s: &str) {
        let fast: Vec<(usize, &str, usize)> = Clusters::new(s).collect();
        let slow: Vec<(usize, &str, usize)> = s
            .grapheme_indices(true)
            .map(|(i, g)| (i, g, grapheme_width(g)))
            .collect();
        assert_eq!(fast, slow, "{s:?}");
    }

    #[test]
    fn simple_ranges_have_no_cluster_joiners() {
        // Every simple character next to every kind of neighbour segments identically.
        let neighbours = [
            "a",
            "中",
            "\u{301}",
            "\u{200d}",
            "\r",
            "\n",
            "\u{1f1e8}",
            "가",
            "ﾞ",
        ];
        for u in (0..0x3000).chain(0x3000..0xA000).chain(0xFF00..0xFFA0) {
            let Some(c) = char::from_u32(u) else { continue };
            if !simple(c) {
                continue;
            }
            for n in neighbours {
                same_as_unicode_segmentation(&format!("{c}{n}{c}"));
                same_as_unicode_segmentation(&format!("{n}{c}{c}"));
            }
        }
    }

    #[test]
    fn tricky_clusters() {
        for s in [
            "",
            "a\r\nb",
            "\r",
            "e\u{301}\u{302}x",
            "👨\u{200d}👩\u{200d}👧a",
            "🇨🇳🇯🇵🇺",
            "각\u{11a8}가",
            "ｶﾞｷﾟ",
            "क्षि",
            "\u{600}1",
            "中\u{302a}文",
        ] {
            same_as_unicode_segmentation(s);
        }
    }

    proptest! {
        #[test]
        fn matches_unicode_segmentation(s in "\\PC{0,40}|(?s).{0,40}") {
            same_as_unicode_segmentation(&s);
        }
    }
}
