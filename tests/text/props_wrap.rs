//! Property tests at the widths tests/text_wrap.rs leaves out: arbitrary Unicode, long
//! paragraphs, widths up to 300 (the widest terminal the reader is tested at). The wrapper
//! never exceeds the width and never loses a character; the Markdown layout of plain text
//! keeps every non-blank character, in order, on lines no wider than the width.

use magreader::text::markdown::{layout, to_plain};
use magreader::text::width::str_width;
use magreader::text::wrap::wrap;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Arbitrary text: any printable character, CJK runs, spaces, long unbreakable runs.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "\\PC{1,30}",
        2 => "[a-zA-Z]{1,15}",
        2 => " {1,3}",
        2 => "[标准化组织国际，。《》“”（）…—]{1,20}",
        1 => "[a-z]{100,400}",
        1 => prop::sample::select(vec![
            "👨\u{200d}👩\u{200d}👧", "🇨🇳", "e\u{301}", "\u{200b}", "\u{a0}", "\u{3000}", "ｶﾞ",
            "\u{ad}", "\t", "\n",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn wrap_fits_and_keeps_every_character(t in text(), width in 1usize..=300) {
        let mut pos = 0;
        for r in wrap(&t, width) {
            prop_assert!(r.start >= pos && r.start <= r.end);
            let gap = &t[pos..r.start];
            prop_assert!(gap.chars().all(char::is_whitespace), "lost {:?}", gap);
            let line = &t[r.clone()];
            prop_assert!(
                str_width(line) <= width || line.graphemes(true).count() == 1,
                "{:?} is {} wide > {}", line, str_width(line), width
            );
            pos = r.end;
        }
        prop_assert!(t[pos..].chars().all(char::is_whitespace), "lost tail {:?}", &t[pos..]);
    }

    #[test]
    fn layout_fits_at_any_width(t in text(), width in 1usize..=300) {
        for line in layout(&t, width) {
            prop_assert!(line.width() <= width, "{:?} wider than {}", line.text(), width);
        }
    }

    /// Line offsets (reading positions) stay inside the text and never go back, also when a
    /// control's marker (`^@` for one NUL byte) is split across lines at tiny widths. Found by
    /// the wrap_layout fuzz target.
    #[test]
    fn layout_offsets_stay_in_the_text(
        parts in prop::collection::vec(prop_oneof![
            "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202e}]",
            "[a-z标准 ]{0,6}",
            Just("\u{1b}[2J".to_string()),
            Just("\u{1b}]0;t\u{7}".to_string()),
        ], 0..20),
        width in prop_oneof![0usize..=4, 5usize..=300],
    ) {
        let t = parts.concat();
        let mut last = 0;
        for line in layout(&t, width) {
            prop_assert!(line.offset >= last && line.offset <= t.len(),
                "offset {} after {} in {:?} (len {}) at width {}", line.offset, last, t, t.len(), width);
            last = line.offset;
        }
    }

    /// Plain paragraphs (no Markdown syntax — which includes `$` math and `^` superscripts —
    /// no controls): every non-blank character survives,
    /// in order, at widths where every grapheme cluster fits (a cluster wider than the line,
    /// like `、` + a spacing mark, 3 columns, is drawn as `?`).
    #[test]
    fn layout_keeps_every_character_of_plain_text(
        words in prop::collection::vec("[^\\p{C}\\s\\\\`*_\\[\\]<>#|!&~=+\\-.:0-9$^]{1,20}", 1..40),
        width in 2usize..=300,
    ) {
        let md = words.join(" ");
        let widest = md.graphemes(true).map(str_width).max().unwrap_or(0);
        prop_assume!(widest <= width);
        let keep = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(keep(&to_plain(&md, width)), keep(&md));
    }
}
