use super::*;

fn hits<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
    find_all(text, query)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn lowercase_query_ignores_case() {
    let t = "ISO and iso and Iso";
    assert_eq!(hits(t, "iso"), ["ISO", "iso", "Iso"]);
}

#[test]
fn a_capital_makes_the_query_exact_case() {
    let t = "ISO and iso and Iso";
    assert_eq!(hits(t, "Iso"), ["Iso"]);
    assert_eq!(hits(t, "ISO"), ["ISO"]);
    assert!(Query::new("Iso").unwrap().is_exact_case());
    assert!(!Query::new("iso").unwrap().is_exact_case());
}

#[test]
fn a_failed_exact_case_candidate_does_not_hide_an_overlapping_match() {
    // Lowercased, "aA" is found at 0 first; the real "Aa" starts at 1.
    assert_eq!(find_all("aAa", "Aa"), vec![1..3_usize]);
}

#[test]
fn finds_chinese_and_mixed_text() {
    let t = "中国标准化研究院（CNIS）和标准化工作";
    // 中国 is 6 bytes; 中国标准化研究院（CNIS）和 is 37.
    assert_eq!(find_all(t, "标准化"), [6..15, 37..46]);
    assert_eq!(hits(t, "院（cnis）"), ["院（CNIS）"]);
    assert_eq!(hits("ISO标准与IEC标准", "iec标准"), ["IEC标准"]);
}

#[test]
fn matches_across_a_soft_break_and_whitespace_runs() {
    let t = "the China-ASEAN\nStandardization   Cooperation\n\tForum";
    assert_eq!(
        hits(t, "china-asean standardization cooperation forum"),
        ["China-ASEAN\nStandardization   Cooperation\n\tForum"]
    );
    // The query's own whitespace runs count as one space too.
    assert_eq!(hits(t, "cooperation    forum"), ["Cooperation\n\tForum"]);
    // But a space is required where the text has one.
    assert!(find_all(t, "cooperationforum").is_empty());
}

#[test]
fn a_line_break_between_chinese_characters_is_no_space() {
    // How a wrapped Chinese paragraph may arrive from the source; the layout joins it too.
    let t = "中国与蒙古国在标准\n化领域开展合作";
    assert_eq!(hits(t, "标准化领域"), ["标准\n化领域"]);
    // Between Latin and CJK the break stays a space.
    assert_eq!(hits("ISO\n标准", "iso 标准"), ["ISO\n标准"]);
}

#[test]
fn empty_and_blank_queries_match_nothing() {
    assert!(find_all("some text", "").is_empty());
    assert!(find_all("some  text", "  ").is_empty());
    assert!(find_all("some\ntext", "\n").is_empty());
    assert!(Query::new(" \t").is_none());
}

#[test]
fn regex_special_characters_are_literal() {
    let t = "cost (USD) is $5.00 [approx.] a+b a*b a.b \\d+ ^x|y";
    let cases = [
        ("(usd)", "(USD)"),
        ("$5.00", "$5.00"),
        ("[approx.]", "[approx.]"),
        ("a+b", "a+b"),
        ("a*b", "a*b"),
        ("a.b", "a.b"),
        ("\\d+", "\\d+"),
        ("^x|y", "^x|y"),
    ];
    for (q, want) in cases {
        assert_eq!(hits(t, q), [want], "{q}");
    }
    // As a regex each of these would match here; literally they do not.
    assert!(find_all("axb", "a.b").is_empty());
    assert!(find_all("aab", "a*b").is_empty());
    assert!(find_all("x", "^x|y").is_empty());
    assert!(find_all("5", "\\d+").is_empty());
}

#[test]
fn matches_do_not_overlap() {
    assert_eq!(find_all("aaaa", "aa"), [0..2, 2..4]);
}

#[test]
fn ranges_are_on_character_boundaries_of_the_source() {
    let t = "Ünïcödé  TEXT ünïcödé";
    for r in find_all(t, "ünïcödé") {
        assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        assert_eq!(t[r].to_lowercase(), "ünïcödé");
    }
    assert_eq!(find_all(t, "ünïcödé").len(), 2);
}

#[test]
fn next_match_goes_forward_and_wraps() {
    let m = [2..4, 10..12, 20..22];
    assert_eq!(next_match(&m, 0), Some((0, false)));
    // At or after: a match starting exactly at pos is the next one.
    assert_eq!(next_match(&m, 10), Some((1, false)));
    // From match 1, `n` passes its start + 1.
    assert_eq!(next_match(&m, 11), Some((2, false)));
    assert_eq!(next_match(&m, 21), Some((0, true)));
    assert_eq!(next_match(&[], 0), None);
}

#[test]
fn prev_match_goes_back_and_wraps() {
    let m = [2..4, 10..12, 20..22];
    assert_eq!(prev_match(&m, 20), Some((1, false)));
    assert_eq!(prev_match(&m, 100), Some((2, false)));
    assert_eq!(prev_match(&m, 2), Some((2, true)));
    assert_eq!(prev_match(&m, 0), Some((2, true)));
    assert_eq!(prev_match(&[], 5), None);
}
