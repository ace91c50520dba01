use super::*;
use crate::app::article::lay_out;
use crate::archive::Article;

fn article(body: &str) -> Article {
    Article {
        id: "a".into(),
        title: "Standards Day".into(),
        title_zh: Some("世界标准日".into()),
        subtitle: None,
        page: None,
        byline: None,
        listed: true,
        body: body.into(),
    }
}

const AT: ArticleRef = ArticleRef {
    issue: 0,
    section: 0,
    article: 0,
};

fn search(body: &str, width: u16, q: &str) -> (Vec<ArticleLine>, ArticleSearch) {
    let a = article(body);
    let lines = lay_out(&a, width);
    let s = ArticleSearch::new(Query::new(q).unwrap(), AT, width, &lines, body);
    (lines, s)
}

/// The highlighted text of every match, line pieces joined with `|`.
fn highlighted(lines: &[ArticleLine], s: &ArticleSearch) -> Vec<String> {
    s.matches
        .iter()
        .map(|m| {
            (m.start.line..=m.end.line)
                .map(|l| {
                    let text = lines[l].text();
                    let from = if l == m.start.line { m.start.col } else { 0 };
                    let to = if l == m.end.line {
                        m.end.col
                    } else {
                        text.len()
                    };
                    text[from..to].to_string()
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn a_phrase_split_by_the_wrapper_matches_and_both_parts_highlight() {
    let body = "The digital economy grows as the digital economy does.";
    for width in [10u16, 14, 20, 80] {
        let (lines, s) = search(body, width, "digital economy");
        assert_eq!(s.matches.len(), 2, "width {width}");
        for h in highlighted(&lines, &s) {
            assert_eq!(
                h.replace('|', " ").trim(),
                "digital economy",
                "width {width}"
            );
        }
    }
    // At width 14 the first occurrence is split over two lines.
    let (lines, s) = search(body, 14, "digital economy");
    let m = &s.matches[0];
    assert_ne!(m.start.line, m.end.line, "{lines:?}");
    assert_eq!(
        s.segments(m.start.line, lines[m.start.line].text().len())
            .len(),
        1
    );
    assert_eq!(
        s.segments(m.end.line, lines[m.end.line].text().len())[0]
            .0
            .start,
        0
    );
}

#[test]
fn cjk_phrases_match_across_a_wrapped_line_without_a_space() {
    let body =
        "2025年世界标准日主题活动在京举行，来自国际标准化组织的专家围绕可持续发展目标开展交流。";
    for width in [7u16, 9, 12, 30] {
        let (lines, s) = search(body, width, "国际标准化组织");
        assert_eq!(s.matches.len(), 1, "width {width}: {lines:?}");
        assert_eq!(
            highlighted(&lines, &s)[0].replace('|', ""),
            "国际标准化组织",
            "width {width}"
        );
    }
}

#[test]
fn paragraphs_are_searched_apart_and_the_title_block_is_searched() {
    let (_, s) = search("First ends here.\n\nNext begins.", 80, "here. Next");
    assert!(s.matches.is_empty());
    let (lines, s) = search("Body text.", 80, "标准");
    assert_eq!(s.matches.len(), 1);
    assert_eq!(s.matches[0].source, None, "in the title block");
    assert_eq!(lines[s.matches[0].start.line].pos, None);
}

#[test]
fn smartcase_and_literal_characters() {
    let body = "Standards and standards. Price: a.b* (see [1]).";
    // The title ("Standards Day") is searched too.
    assert_eq!(search(body, 80, "standards").1.matches.len(), 3);
    assert_eq!(search(body, 80, "Standards").1.matches.len(), 2);
    assert_eq!(search(body, 80, "a.b*").1.matches.len(), 1);
    assert_eq!(search(body, 80, "[1]").1.matches.len(), 1);
}

#[test]
fn list_markers_and_quote_bars_are_not_text() {
    let body = "- alpha beta gamma delta epsilon zeta\n\n> quoted words go on and on here";
    let (lines, s) = search(body, 16, "gamma delta");
    assert_eq!(s.matches.len(), 1, "{lines:?}");
    // The wrapped item continues under a hanging indent: the indent is skipped.
    let (_, s) = search(body, 12, "on and on here");
    assert_eq!(s.matches.len(), 1);
    let (_, s) = search(body, 80, "- alpha");
    assert!(s.matches.is_empty(), "the marker is layout");
}

#[test]
fn body_offsets_are_estimated_through_markup() {
    let body = "Plain words first. From **Figure 3** we see *the Law* too.";
    let (_, s) = search(body, 80, "figure 3");
    assert_eq!(s.matches[0].source, body.find("Figure 3"));
    let (_, s) = search(body, 80, "the law");
    assert_eq!(s.matches[0].source, body.find("the Law"));
    let (_, s) = search(body, 80, "words");
    assert_eq!(s.matches[0].source, body.find("words"));
    // Wrapped: a match on a later line is still placed exactly.
    let (_, s) = search(body, 12, "too");
    assert_eq!(s.matches[0].source, body.find("too"));
}

#[test]
fn nearest_pairs_a_body_offset_with_its_match() {
    let body = "one two one two one";
    let (_, s) = search(body, 80, "one");
    assert_eq!(s.matches.len(), 3);
    assert_eq!(s.nearest(0), Some(0));
    assert_eq!(s.nearest(8), Some(1));
    assert_eq!(s.nearest(100), Some(2));
}
