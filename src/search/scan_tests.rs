use std::ops::ControlFlow;

use proptest::prelude::*;

use super::*;
use crate::archive::{SectionKind, fixture};
use crate::search::fulltext::{FullTextIndex, SearchOptions};

fn archive(issues: Vec<Vec<(String, String, Option<String>)>>) -> Archive {
    Archive {
        issues: issues
            .into_iter()
            .enumerate()
            .map(|(n, articles)| {
                let articles = articles
                    .into_iter()
                    .enumerate()
                    .map(|(k, (title, body, byline))| Article {
                        byline,
                        ..fixture::article(&format!("a{k}"), &title, &body)
                    })
                    .collect();
                fixture::issue(&format!("2025-{n:02}"), 2025, n as u32, articles)
            })
            .collect(),
    }
}

fn scanned(ar: &Archive, q: &Query, width: usize) -> Vec<Found> {
    let mut all = Vec::new();
    scan(ar, q, width, |found| {
        all.extend(found);
        ControlFlow::Continue(())
    });
    all
}

/// What the careful path gives: the folded index's hits, each with its snippet.
fn careful(ar: &Archive, q: &Query, width: usize) -> Vec<Found> {
    let index = FullTextIndex::new(ar);
    index
        .search(ar, q, SearchOptions::default())
        .map(|hit| Found {
            snippet: snippet(hit.field_text(ar), hit.range.clone(), width),
            hit,
        })
        .collect()
}

/// Text made of what folding treats specially: case, whitespace runs and NUL, CJK across a
/// line break, `İ` (lowercases to two characters) and the Kelvin sign (to ASCII `k`).
const TEXT: &str = "([a-zA-Z]{1,5}|[ \t\n]{1,3}|\0|[标准化中]{1,3}|[İ\u{212A}σΣÄä\u{307}]|[.,])";

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_quick_path_finds_exactly_what_the_index_finds(
        issues in prop::collection::vec(
            prop::collection::vec(
                (
                    proptest::string::string_regex(&format!("{TEXT}{{0,6}}")).unwrap(),
                    proptest::string::string_regex(&format!("{TEXT}{{0,40}}")).unwrap(),
                    proptest::option::of(proptest::string::string_regex("[a-zK ]{0,6}").unwrap()),
                ),
                0..4,
            ),
            1..20,
        ),
        query in proptest::string::string_regex(&format!("{TEXT}{{1,4}}")).unwrap(),
    ) {
        let ar = archive(issues);
        if let Some(q) = Query::new(&query) {
            prop_assert_eq!(scanned(&ar, &q, 40), careful(&ar, &q, 40));
        }
    }
}

/// English-like text for the raw-byte matcher of ASCII queries: words in any case, ASCII and
/// Unicode whitespace runs (ideographic and no-break spaces, NEL), NUL, Chinese and accented
/// letters next to the words, and now and then the Kelvin sign or `İ`, which send a text back
/// to the careful path.
const PROSE: &str =
    "([a-cA-C]{1,4}|[ \t\n]{1,3}|[\u{3000}\u{a0}\u{85}\0]|[标准]{1,2}|[éÄσ.,]|\u{212A}|\u{130})";

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn ascii_phrases_matched_on_raw_bytes_are_the_index_hits(
        issues in prop::collection::vec(
            prop::collection::vec(
                (
                    proptest::string::string_regex(&format!("{PROSE}{{0,6}}")).unwrap(),
                    proptest::string::string_regex(&format!("{PROSE}{{0,60}}")).unwrap(),
                    Just(None),
                ),
                0..4,
            ),
            1..12,
        ),
        query in "[ ]?[a-cA-CkK]{1,3}([ \t][a-cA-C]{1,3}){0,2}[ ]?",
    ) {
        let ar = archive(issues);
        if let Some(q) = Query::new(&query) {
            prop_assert_eq!(scanned(&ar, &q, 40), careful(&ar, &q, 40));
        }
    }
}

#[test]
fn many_issues_on_several_threads_come_back_in_order() {
    let issues = (0..50)
        .map(|n| {
            vec![(
                format!("Title {n}"),
                format!("Body {n}: international\nstandards, and ISO STANDARDS.\n"),
                None,
            )]
        })
        .collect();
    let ar = archive(issues);
    let q = Query::new("standards").unwrap();
    let got = scanned(&ar, &q, 80);
    assert_eq!(got.len(), 100);
    assert_eq!(got, careful(&ar, &q, 80));
    let issues: Vec<usize> = got.iter().map(|f| f.hit.issue).collect();
    assert!(issues.windows(2).all(|w| w[0] <= w[1]), "{issues:?}");
}

#[test]
fn stopping_early_hands_on_nothing_more() {
    let issues = (0..50)
        .map(|n| vec![(format!("Title {n}"), "standards\n".into(), None)])
        .collect();
    let ar = archive(issues);
    let q = Query::new("standards").unwrap();
    let mut calls = 0;
    scan(&ar, &q, 80, |found| {
        calls += 1;
        assert_eq!(found[0].hit.issue, calls - 1);
        if calls == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(calls, 3);
}

#[test]
fn bodies_are_read_from_their_files_and_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a0.md");
    std::fs::write(&path, "Some International  Standards here.\n").unwrap();
    let bad = dir.path().join("a1.md");
    std::fs::write(&bad, b"international standards \xff\n").unwrap();
    let mut ar = archive(vec![vec![
        ("T".into(), String::new(), None),
        ("U".into(), String::new(), None),
    ]]);
    let articles = &mut ar.issues[0].sections[0].articles;
    articles[0].body = crate::archive::Body::from_file(path);
    articles[1].body = crate::archive::Body::from_file(bad);
    let q = Query::new("international standards").unwrap();
    let got = scanned(&ar, &q, 80);
    assert_eq!(
        got.len(),
        1,
        "the body that is not UTF-8 has no hits: {got:?}"
    );
    assert_eq!(got[0].hit.range, 5..29);
    assert!(!ar.issues[0].sections[0].articles[0].body.is_loaded());
    assert_eq!(got, careful(&ar, &q, 80));
}

#[test]
fn front_matter_hits_come_after_the_columns_in_both_paths() {
    let mut ar = archive(vec![vec![
        ("Masthead".into(), "Standards press office.\n".into(), None),
        ("Feature".into(), "On standards.\n".into(), None),
    ]]);
    let mut front = ar.issues[0].sections[0].clone();
    front.kind = SectionKind::Front;
    front.id = "front".into();
    front.articles.truncate(1);
    ar.issues[0].sections[0].articles.remove(0);
    ar.issues[0].sections.insert(0, front);
    let q = Query::new("standards").unwrap();
    let got = scanned(&ar, &q, 80);
    let sections: Vec<usize> = got.iter().map(|f| f.hit.section).collect();
    assert_eq!(sections, [1, 0], "the column (section 1) first: {got:?}");
    assert_eq!(got, careful(&ar, &q, 80));
}
