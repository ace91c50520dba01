//! Markdown → styled lines: block layout cases, hostile text, and width/offset properties.

use magreader::text::markdown::{Line, Style, layout, to_plain};
use magreader::text::sanitize::has_controls;
use magreader::text::width::str_width;
use proptest::prelude::*;

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

/// Draw `line` with ratatui into a buffer exactly `width` cells wide; true when every cluster
/// was drawn (ratatui silently stops at the edge, which is how overflow shows up on screen).
fn ratatui_draws_all(line: &Line, width: usize) -> bool {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let spans: Vec<ratatui::text::Span> = line
        .spans
        .iter()
        .map(|s| ratatui::text::Span::raw(s.text.as_str()))
        .collect();
    let rline = ratatui::text::Line::from(spans);
    let mut buf = Buffer::empty(Rect::new(0, 0, width as u16, 1));
    let (x, _) = buf.set_line(0, 0, &rline, width as u16);
    usize::from(x) == line.width()
}

/// Every guarantee that holds for any input at any width.
fn check(md: &str, width: usize) -> Vec<Line> {
    let lines = layout(md, width);
    let w = width.max(1);
    let mut last = 0;
    for l in &lines {
        assert!(
            ratatui_draws_all(l, w),
            "ratatui cuts {:?} at width {w}",
            l.text()
        );
        let t = l.text();
        assert!(
            l.width() <= w,
            "{t:?} is {} wide > {w} in {md:?}",
            l.width()
        );
        assert_eq!(l.width(), str_width(&t));
        assert!(
            !has_controls(&t) && !t.contains('\n'),
            "control in {t:?} from {md:?}"
        );
        assert!(
            l.offset >= last && l.offset <= md.len(),
            "offset {} after {last}",
            l.offset
        );
        last = l.offset;
    }
    lines
}

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    let md = "First paragraph here.\n\nSecond one.";
    assert_eq!(
        texts(&check(md, 40)),
        ["First paragraph here.", "", "Second one."]
    );
    assert_eq!(to_plain(md, 40), "First paragraph here.\n\nSecond one.");
}

#[test]
fn emphasis_runs_across_wrapped_lines() {
    let md = "Plain *emphasised words that wrap* end";
    let lines = check(md, 16);
    assert_eq!(
        texts(&lines),
        ["Plain emphasised", "words that wrap", "end"]
    );
    assert_eq!(lines[0].spans[1].text, "emphasised");
    assert_eq!(lines[0].spans[1].style, Style::Emphasis);
    assert_eq!(lines[1].spans.len(), 1);
    assert_eq!(lines[1].spans[0].style, Style::Emphasis);
    assert_eq!(lines[2].spans[0].style, Style::Text);
}

#[test]
fn headings_strong_code_links() {
    let md = "## A **big** title\n\nSee [the site](http://example.com) and `code`.";
    let lines = check(md, 60);
    // A live link is numbered, and its target listed after the text.
    assert_eq!(
        texts(&lines),
        [
            "A big title",
            "",
            "See the site\u{a0}[1] and code.",
            "",
            "Links",
            "[1] http://example.com"
        ]
    );
    assert!(
        lines[0]
            .spans
            .iter()
            .all(|s| s.style == Style::Heading || s.style == Style::Strong)
    );
    assert_eq!(lines[0].spans[1].style, Style::Strong);
    let link = lines[2]
        .spans
        .iter()
        .find(|s| s.text == "the site")
        .unwrap();
    assert_eq!(link.style, Style::Link);
    let code = lines[2].spans.iter().find(|s| s.text == "code").unwrap();
    assert_eq!(code.style, Style::Code);
}

#[test]
fn dead_links_are_plain_text_and_urls_stay_whole() {
    let md = "Click [here](#) or [there]() for https://www.iso.org/standard/62085.html today.";
    let lines = check(md, 40);
    assert_eq!(
        texts(&lines),
        [
            "Click here or there for",
            "https://www.iso.org/standard/62085.html",
            "today."
        ]
    );
    assert!(lines[0].spans.iter().all(|s| s.style == Style::Text));
}

#[test]
fn hard_breaks_end_lines_at_every_width() {
    // Two trailing spaces, a trailing backslash, `<br>`: each ends a line, whatever the width,
    // inside lists and quotes too.
    let md = "President: Wu Jinhui  \nVice President: Guo Kai\\\nTel: 010<br>Fax: 011\n\n\
              - Item one  \n  second line\n\n> Quote one  \n> quote two";
    for width in [12, 20, 40, 80, 120] {
        let plain = to_plain(md, width);
        for (a, b) in [
            ("Jinhui", "Vice"),
            ("Kai", "Tel"),
            ("010", "Fax"),
            ("one", "second"),
            ("Quote one", "quote two"),
        ] {
            let (ia, ib) = (plain.find(a).expect(a), plain.find(b).expect(b));
            assert!(
                plain[ia..ib].contains('\n'),
                "{a:?} and {b:?} share a line at {width}:\n{plain}"
            );
        }
    }
}

#[test]
fn cjk_source_lines_join_without_spaces() {
    let md = "标准化工作\n是技术支撑。\nISO and\nIEC";
    assert_eq!(to_plain(md, 80), "标准化工作是技术支撑。 ISO and IEC");
}

#[test]
fn lists_hang_under_their_marker() {
    let md = "- alpha beta gamma delta\n- two\n  - nested item text\n\n1. one\n2. two";
    let lines = check(md, 14);
    assert_eq!(
        texts(&lines),
        [
            "- alpha beta",
            "  gamma delta",
            "- two",
            "  - nested",
            "    item text",
            "",
            "1. one",
            "2. two"
        ]
    );
    assert_eq!(lines[0].spans[0].style, Style::ListMarker);
    assert_eq!(lines[1].spans[0].text, "  ");
}

#[test]
fn loose_lists_keep_gaps() {
    let md = "- one\n\n- two";
    assert_eq!(texts(&check(md, 20)), ["- one", "", "- two"]);
}

#[test]
fn ordered_lists_count_from_their_start() {
    let md = "7. seven\n8. eight\n9. nine\n10. ten";
    assert_eq!(
        texts(&check(md, 20)),
        ["7. seven", "8. eight", "9. nine", "10. ten"]
    );
}

#[test]
fn quotes_get_a_prefix_on_every_line() {
    let md = "> quoted words that need to wrap";
    let lines = check(md, 14);
    assert_eq!(
        texts(&lines),
        ["> quoted words", "> that need to", "> wrap"]
    );
    assert!(
        lines
            .iter()
            .all(|l| l.spans.iter().all(|s| s.style == Style::Quote))
    );
}

#[test]
fn captions_lose_their_marker() {
    let md = "Text.\n\n[Caption] A photo of the *meeting*.";
    let lines = check(md, 40);
    assert_eq!(texts(&lines), ["Text.", "", "A photo of the meeting."]);
    assert_eq!(lines[2].spans[0].style, Style::Caption);
    assert_eq!(lines[2].spans[1].style, Style::Emphasis);
}

#[test]
fn gfm_tables_align_when_they_fit() {
    let md = "| Year | Count |\n|---|--:|\n| 2023 | 5 |\n| 2024 | 120 |";
    let lines = check(md, 30);
    assert_eq!(
        texts(&lines),
        ["Year  Count", "----  -----", "2023      5", "2024    120"]
    );
    assert_eq!(lines[0].spans[0].style, Style::TableHeader);
    assert_eq!(lines[2].spans[0].style, Style::Table);
    assert_eq!(lines[2].offset, md.find("| 2023").unwrap());
}

#[test]
fn gfm_tables_become_records_when_too_wide() {
    let md = "| Standard | Title |\n|---|---|\n| GB/T 1.1 | Directives for standardization |";
    let lines = check(md, 20);
    assert_eq!(
        texts(&lines),
        [
            "GB/T 1.1",
            "  Title: Directives",
            "  for",
            "  standardization"
        ]
    );
}

#[test]
fn tab_separated_lines_are_tables() {
    let md = "Name\tValue\nLength\t12 m\nMass\t3 kg";
    assert_eq!(
        texts(&check(md, 40)),
        ["Name    Value", "Length  12 m", "Mass    3 kg"]
    );
    // One line without a tab: an ordinary paragraph, tabs expanded.
    let md = "Name\tValue\nplain line";
    assert_eq!(texts(&check(md, 40)), ["Name    Value plain line"]);
}

#[test]
fn code_blocks_keep_lines_and_indentation() {
    let md = "```\nfn main() {\n\tgo();\n}\n```";
    let lines = check(md, 40);
    assert_eq!(texts(&lines), ["fn main() {", "    go();", "}"]);
    assert!(
        lines
            .iter()
            .all(|l| l.spans.iter().all(|s| s.style == Style::Code))
    );
}

#[test]
fn rules_fill_the_width() {
    assert_eq!(
        texts(&check("a\n\n---\n\nb", 5)),
        ["a", "", "-----", "", "b"]
    );
}

#[test]
fn hostile_text_is_neutralised() {
    let md = "Before \u{1b}]0;pwned\u{7} after \u{1b}[2J clear \u{9b}31m c1 \u{7} bel \u{202e}bidi\u{202c} end";
    let plain = to_plain(md, 200);
    assert_eq!(plain, "Before ^[ after ^[ clear ^[ c1 ^G bel bidi end");
    // Entities decode to controls after parsing: caught too.
    let plain = to_plain("x &#27;[2J &#x9b; &#7; y", 80);
    assert!(!has_controls(&plain), "{plain:?}");
    // An escape sequence split by Markdown brackets is still removed whole.
    assert_eq!(
        to_plain(
            "a \u{1b}]8;;http://x/[y]\u{1b}\\link\u{1b}]8;;\u{1b}\\ b",
            80
        ),
        "a ^[link^[ b"
    );
}

#[test]
fn offsets_point_at_the_first_character() {
    let md = "# Title\n\nalpha beta gamma delta epsilon\n\n- item one\n- item two";
    for l in check(md, 12) {
        let t = l.text();
        let first_word = t.trim_start_matches(['-', ' ']).split(' ').next().unwrap();
        if !first_word.is_empty() {
            assert!(
                md[l.offset..].starts_with(first_word),
                "{t:?} at {}",
                l.offset
            );
        }
    }
    // Offsets are in the original source even after sanitising changed it.
    let md = "\u{1b}[1mbold\u{1b}[0m and more words here";
    let lines = check(md, 10);
    let last = lines.last().unwrap();
    assert!(md[last.offset..].starts_with(&last.text()), "{lines:?}");
}

#[test]
fn huge_widths_are_fine() {
    let md = "# T\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n\n> q";
    let lines = check(md, usize::MAX);
    assert_eq!(lines[2].text(), "-".repeat(80), "rules stop at 80 columns");
    assert_eq!(texts(&check("a b", 100_000)), ["a b"]);
}

#[test]
fn tiny_widths_never_overflow() {
    let md = "> - 中文列表项\n>   1. 嵌套\n\n| a | 标准 |\n|---|---|\n| 1 | 2 |\n\n中";
    for w in 0..12 {
        check(md, w);
    }
    // Width 1: a CJK character cannot be drawn; it becomes '?'.
    assert_eq!(texts(&check("中a", 1)), ["?", "a"]);
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z]{1,10}",
        4 => Just(" ".to_string()),
        4 => "[中文标准化组织，。《》“”（）]{1,8}",
        2 => proptest::sample::select(vec![
            "\n", "\n\n", "# ", "## ", "- ", "* ", "1. ", "> ", "    ", "\t", "|", "| --- |",
            "**", "*", "_", "`", "```\n", "[Caption] ", "[", "](u)", "---\n", "&#27;", "\\",
            "\n\n| h |  | 标准 化 |\n|---|:-:|--:|\n| 1 |  | x y z |\n\n",
            "\n\nk\tv\t\n中文\t\tlong words here\n\n",
            "<b>", "\u{1b}[31m", "\u{1b}]0;t\u{7}", "\u{9b}", "\u{202e}", "\r\n", "👍", "e\u{301}",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_markdown_at_any_width_fits(
        parts in proptest::collection::vec(piece(), 0..40),
        width in 1usize..120,
    ) {
        check(&parts.concat(), width);
    }

    #[test]
    fn plain_paragraph_text_is_never_lost(
        words in proptest::collection::vec("[a-z]{1,14}|[中文标准化，。]{1,6}", 1..30),
        width in 1usize..50,
    ) {
        let md = words.join(" ");
        let got: String = to_plain(&md, width).chars().filter(|c| !c.is_whitespace()).collect();
        let want: String = md.chars().filter(|c| !c.is_whitespace()).collect();
        // At width 1 a wide character becomes '?'; compare modulo that.
        if width >= 2 {
            prop_assert_eq!(got, want);
        } else {
            prop_assert_eq!(got.chars().count(), want.chars().count());
        }
    }
}
