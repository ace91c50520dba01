//! The CJK-aware wrapper: a table of cases, then property tests over arbitrary Unicode.

use magreader::text::width::str_width;
use magreader::text::wrap::{wrap, wrap_str};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Check every guarantee of `wrap` for one input; returns the lines for further asserts.
fn check(text: &str, width: usize) -> Vec<&str> {
    let ranges = wrap(text, width);
    let w = width.max(1);
    let mut pos = 0;
    for r in &ranges {
        assert!(
            r.start >= pos && r.start <= r.end,
            "{ranges:?} out of order for {text:?}"
        );
        let gap = &text[pos..r.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "non-whitespace {gap:?} dropped at width {w} in {text:?}: {ranges:?}"
        );
        let line = &text[r.clone()];
        let lw = str_width(line);
        assert!(
            lw <= w || line.graphemes(true).count() == 1,
            "line {line:?} is {lw} wide > {w} (text {text:?})"
        );
        pos = r.end;
    }
    assert!(
        text[pos..].chars().all(char::is_whitespace),
        "tail {:?} dropped from {text:?}",
        &text[pos..]
    );
    ranges.into_iter().map(|r| &text[r]).collect()
}

#[test]
fn table() {
    // (text, width, expected lines)
    let cases: &[(&str, usize, &[&str])] = &[
        // English at spaces.
        (
            "Standards make trade easier",
            10,
            &["Standards", "make trade", "easier"],
        ),
        ("one two", 7, &["one two"]),
        ("one two", 6, &["one", "two"]),
        // Chinese between ideographs; odd width 17 leaves the last column empty rather than
        // splitting a character.
        (
            "标准化工作是经济社会发展的技术支撑",
            17,
            &["标准化工作是经济", "社会发展的技术支", "撑"],
        ),
        // Mixed: the English word stays whole, Chinese breaks anywhere.
        (
            "中国标准化协会发布ISO标准",
            10,
            &["中国标准化", "协会发布", "ISO标准"],
        ),
        (
            "采用ISO 9001质量管理体系",
            8,
            &["采用ISO", "9001质量", "管理体系"],
        ),
        // Punctuation at the edge: "，" would start line 2, so "会" moves down with it.
        ("中国标准化协会，发布", 14, &["中国标准化协", "会，发布"]),
        ("中国标准化协会。", 14, &["中国标准化协", "会。"]),
        // Opening bracket never ends a line.
        (
            "发布了《标准化法》的解释",
            8,
            &["发布了", "《标准化", "法》的解", "释"],
        ),
        (
            "他说：“标准很重要。”然后",
            10,
            &["他说：“标", "准很重", "要。”然后"],
        ),
        // Wide char at the last column: width 5 fits two ideographs plus one ASCII char.
        ("ab中文字", 5, &["ab中", "文字"]),
        ("a中文字", 4, &["a中", "文字"]),
        // Width 1 and 2.
        ("ab 中", 1, &["a", "b", "中"]),
        ("中文", 2, &["中", "文"]),
        ("中，", 2, &["中", "，"]),
        // "，" is two columns: it cannot share a 2-column line, so it must start one.
        ("a，b", 2, &["a", "，", "b"]),
        // Emoji (wide) and a ZWJ family (one cluster).
        ("hi 👍 ok", 4, &["hi", "👍", "ok"]),
        (
            "👨\u{200d}👩\u{200d}👧👍",
            2,
            &["👨\u{200d}👩\u{200d}👧", "👍"],
        ),
        // Combining marks stay on their base.
        (
            "cafe\u{301} cafe\u{301}",
            5,
            &["cafe\u{301}", "cafe\u{301}"],
        ),
        (
            "e\u{301}e\u{301}e\u{301}",
            2,
            &["e\u{301}e\u{301}", "e\u{301}"],
        ),
        // Tabs are whitespace (sanitize expands them before layout); ratatui draws them 0 wide.
        ("a\tb c", 3, &["a\tb", "c"]),
        // A long URL is cut by grapheme, never starting a line with '.' or ','.
        (
            "see https://www.example.com/standards.",
            12,
            &["see https://", "www.example.", "com/", "standards."],
        ),
        ("aaaaaaaaaaa.com", 5, &["aaaaa", "aaaaa", "a.com"]),
        ("aaaaa.com", 5, &["aaaa", "a.com"]),
        // …… and —— (each char 1 column wide) are never split, unless nothing else fits.
        ("一二三四……五", 9, &["一二三", "四……五"]),
        // A dash may start a line (UAX #14 B2); it moves as a unit.
        ("一二三四——五", 9, &["一二三四", "——五"]),
        ("一二三四……五", 10, &["一二三四……", "五"]),
        ("……", 1, &["…", "…"]),
        // Hard breaks.
        ("a\nb", 10, &["a", "b"]),
        ("a\n\nb", 10, &["a", "", "b"]),
    ];
    let mut bad = Vec::new();
    for (text, width, want) in cases {
        let got = check(text, *width);
        if &got != want {
            bad.push(format!("wrap({text:?}, {width}) = {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn wide_char_exception_is_only_single_clusters() {
    // At width 1 a wide cluster cannot fit anywhere: it is alone on its line.
    for line in wrap_str("中文，。abc", 1) {
        assert!(
            str_width(line) <= 1 || line.graphemes(true).count() == 1,
            "{line:?}"
        );
    }
}

#[test]
fn no_line_starts_with_forbidden_punctuation_when_avoidable() {
    let text = "标准化是为了在一定范围内获得最佳秩序，对现实问题或潜在问题制定共同使用和重复使用的条款的活动。";
    for width in 6..40 {
        let lines = check(text, width);
        for l in &lines[1..] {
            let c = l.chars().next().unwrap();
            assert!(
                !"，。、：；！？）》」』】〕”’".contains(c),
                "{width}: {lines:?}"
            );
        }
        for l in &lines {
            let c = l.chars().last().unwrap();
            assert!(!"（《「『【〔“‘".contains(c), "{width}: {lines:?}");
        }
    }
}

/// Characters that exercise the interesting paths, plus arbitrary ones.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,12}",
        3 => Just(" ".to_string()),
        3 => "[中文标准化组织国际委员会]{1,6}",
        2 => proptest::sample::select(vec![
            "，", "。", "、", "：", "；", "！", "？", "）", "（", "《", "》", "「", "」", "“", "”",
            "‘", "’", "……", "——", "…", "—", ",", ".", "(", ")", "!", "?", ":", "-", "/",
        ])
        .prop_map(str::to_string),
        1 => proptest::sample::select(vec![
            "👍", "👨\u{200d}👩\u{200d}👧", "🇨🇳", "e\u{301}", "\u{301}", "\u{200b}", "\u{a0}",
            "\u{3000}", "\t", "\n", "\r\n", "ｶﾞ", "\u{17D8}", "\u{1b}", "\u{ad}", "https://x.org/a",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_too_wide_never_loses_text(t in text(), width in 0usize..30) {
        check(&t, width);
    }

    #[test]
    fn arbitrary_unicode(t in "\\PC{0,60}", width in 1usize..12) {
        check(&t, width);
    }
}
