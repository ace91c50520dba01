//! Properties of the fuzzy jump over random titles and queries:
//! * narrowing (rescoring only what the previous keystroke matched) gives exactly the hits of
//!   a fresh query, whatever was typed or erased before, and a short list is the beginning of
//!   the full one (articles that cannot make the list are not scored);
//! * an article matches exactly when every term is a subsequence (ignoring case) of one of its
//!   fields, or is within the typo tolerance of a word of one (checked here the slow way), so
//!   the shortcuts that skip texts never lose a match;
//! * hits come best first, equal scores in archive order.

use crate::fuzzy_support;

use fuzzy_support::{Row, archive};
use magreader::search::fuzzy::{Hit, Narrowing, TitleIndex};
use magreader::search::fuzzy_typo::{allowed_edits, american};
use proptest::prelude::*;

/// Words that share letters, so that random queries match often, plus Chinese and mixed case.
const WORDS: &[&str] = &[
    "standard",
    "Standards",
    "smart",
    "care",
    "China",
    "trade",
    "rail",
    "stan",
    "ISO",
    "iec",
    "标准",
    "标准化",
    "国际",
    "智慧",
    "(ii)",
    "2025-06",
    "a",
    "st",
    "sta",
    "organise",
    "Organization",
    "centre",
    "center",
];

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..6).prop_map(|w| w.join(" "))
}

/// Query text: letters from the words above, spaces, and the odd letter no title has.
fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(&['s', 't', 'a', 'n', 'd', 'r', 'c', 'e', 'i', 'o', 'g', 'S', 'A'][..]),
            2 => Just(' '),
            1 => prop::sample::select(&['标', '准', '国', '2', '-', '(', 'z'][..]),
        ],
        0..9,
    )
    .prop_map(|c| c.into_iter().collect())
}

/// Rows of 2–3 issues with two columns each.
fn rows() -> impl Strategy<Value = Vec<(usize, usize, String, Option<String>)>> {
    prop::collection::vec(
        (0..3usize, 0..2usize, title(), prop::option::of(title())),
        0..30,
    )
}

fn build(rows: &[(usize, usize, String, Option<String>)]) -> TitleIndex {
    const ISSUES: [&str; 3] = ["2025-06", "2024-03", "report-2025-01"];
    const COLUMNS: [(&str, Option<&str>); 2] = [("Spotlight", Some("聚焦")), ("China Scene", None)];
    let mut sorted = rows.to_vec();
    sorted.sort_by_key(|r| (r.0, r.1));
    let rows: Vec<Row<'_>> = sorted
        .iter()
        .map(|(i, c, t, zh)| {
            (
                ISSUES[*i],
                COLUMNS[*c].0,
                COLUMNS[*c].1,
                t.as_str(),
                zh.as_deref(),
            )
        })
        .collect();
    TitleIndex::new(&archive(&rows))
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars().flat_map(char::to_lowercase);
    needle
        .chars()
        .flat_map(char::to_lowercase)
        .all(|n| hay.any(|h| h == n))
}

/// A term matches a field a typo away (see `search::fuzzy_typo`), written the slow way: every
/// word of the field, the whole edit-distance table against every prefix of the word.
fn within_typo(term: &str, field: &str) -> bool {
    let term = term.to_lowercase();
    if term.len() < 5 || !term.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let spelled = american(term.as_bytes());
    let max = allowed_edits(term.len());
    field
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .any(|w| {
            let ws = american(w.as_bytes());
            ws.starts_with(&spelled)
                || ws.starts_with(term.as_bytes())
                || (0..=w.len()).any(|j| distance(term.as_bytes(), &w.as_bytes()[..j]) <= max)
        })
}

/// Optimal string alignment distance, the textbook table.
fn distance(q: &[u8], w: &[u8]) -> usize {
    let mut d = vec![vec![0usize; w.len() + 1]; q.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=q.len() {
        for j in 1..=w.len() {
            let sub = d[i - 1][j - 1] + usize::from(q[i - 1] != w[j - 1]);
            d[i][j] = sub.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[q.len()][w.len()]
}

fn key(h: &Hit) -> (usize, usize, usize) {
    (h.location.issue, h.location.section, h.location.article)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn narrowing_gives_the_hits_of_a_fresh_query(
        rows in rows(),
        first in query(),
        typed in query(),
        erase in 0..4usize,
        limit in prop_oneof![Just(3usize), Just(200usize)],
    ) {
        let index = build(&rows);
        let mut state = Narrowing::default();
        // Type `first` key by key, erase a few characters, then type `typed` key by key: as a
        // reader does in the popup. After every key the popup's hits must be a fresh query's.
        let mut q = String::new();
        let mut keys: Vec<Option<char>> = first.chars().map(Some).collect();
        keys.extend(std::iter::repeat_n(None, erase));
        keys.extend(typed.chars().map(Some));
        for k in keys {
            match k {
                Some(c) => q.push(c),
                None => { q.pop(); }
            }
            let narrowed = index.query_narrowing(&q, limit, &mut state);
            prop_assert_eq!(&narrowed, &index.query(&q, limit), "query {:?}", q);
            // A short list may skip scoring articles that cannot make it; a full one scores
            // every match: the short list must be the full one's beginning.
            let mut every = index.query(&q, usize::MAX);
            every.truncate(limit);
            prop_assert_eq!(&narrowed, &every, "query {:?} (limit {})", q, limit);
        }
    }

    #[test]
    fn matches_are_exactly_the_articles_with_every_term_in_a_field(
        rows in rows(),
        q in query(),
    ) {
        let index = build(&rows);
        let hits = index.query(&q, usize::MAX);
        let all = index.query("", usize::MAX);
        prop_assert_eq!(all.len(), index.len());
        let terms: Vec<&str> = q.split_whitespace().collect();
        let expected: Vec<(usize, usize, usize)> = all
            .iter()
            .filter(|h| {
                let fields = [
                    h.title.as_str(),
                    h.title_zh.as_deref().unwrap_or(""),
                    h.section.as_str(),
                    h.section_zh.as_deref().unwrap_or(""),
                    h.issue.as_str(),
                ];
                terms.iter().all(|t| {
                    fields.iter().any(|f| is_subsequence(t, f) || within_typo(t, f))
                })
            })
            .map(key)
            .collect();
        let mut found: Vec<_> = hits.iter().map(key).collect();
        found.sort();
        prop_assert_eq!(found, expected, "query {:?}", q);
        // Best first; equal scores in archive order.
        for w in hits.windows(2) {
            prop_assert!(
                w[0].score > w[1].score || (w[0].score == w[1].score && key(&w[0]) < key(&w[1])),
                "{:?} before {:?}", w[0], w[1]
            );
        }
        // Every highlighted position is a character of its field.
        for h in &hits {
            let n = h.title.chars().count();
            prop_assert!(h.matched.title.iter().all(|&i| i < n));
        }
    }
}
