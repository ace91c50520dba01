//! Why the fuzzy jump uses nucleo-matcher and not fuzzy-matcher (a dev-dependency, kept only for
//! this test and `benches/matchers.rs`): a score must depend on the query and the title alone.
//! fuzzy-matcher 0.3.7's `SkimMatcherV2` keeps part of its score matrix from one call to the
//! next, so the same title scores differently depending on which title was scored before it,
//! and a ranking depends on the order of the archive. The property is asserted of the project's
//! matcher; the defect is asserted of fuzzy-matcher, so that this test says so if a later
//! fuzzy-matcher fixes it (then the comparison in BENCHMARKS.md needs another look), without
//! `cargo test` failing while it does not.

mod fuzzy_support;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_support::titles;
use magreader::search::fuzzy::TitleIndex;

/// Titles with runs of the same letters and brackets, where the skim matcher's reused matrix
/// shows: the kind of title a report's numbered subsections have.
const TITLES: &[&str] = &[
    "(iii) The builds on standards",
    "(ii) Standards in practice",
    "Section (i) of the rules",
    "iii iii ii i",
    "Initiatives for standardization in industry",
    "International standards: an introduction",
    "(ii) The foreign language versions of financial standards continue to expand",
    "Standards cooperation in the Belt and Road Initiative",
];

const QUERIES: &[&str] = &["(ii)", "ii", "(iii)", "in st", "standards", "i"];

/// (query, title, score from a fresh matcher, score after scoring `before` first) for every
/// title whose score changed because another was scored first.
fn skim_order_effects() -> Vec<(
    &'static str,
    &'static str,
    Option<i64>,
    Option<i64>,
    &'static str,
)> {
    let mut found = Vec::new();
    for &q in QUERIES {
        for &title in TITLES {
            let fresh = SkimMatcherV2::default().fuzzy_match(title, q);
            for &before in TITLES {
                let m = SkimMatcherV2::default();
                m.fuzzy_match(before, q);
                let after = m.fuzzy_match(title, q);
                if after != fresh {
                    found.push((q, title, fresh, after, before));
                }
            }
        }
    }
    found
}

#[test]
fn fuzzy_matchers_skim_scores_depend_on_what_it_scored_before() {
    let effects = skim_order_effects();
    assert!(
        !effects.is_empty(),
        "fuzzy-matcher's SkimMatcherV2 no longer depends on the order of scoring: revisit the \
         matcher comparison (BENCHMARKS.md, benches/matchers.rs)"
    );
    let (q, title, fresh, after, before) = effects[0];
    eprintln!(
        "SkimMatcherV2: {q:?} scores {fresh:?} on {title:?} alone, {after:?} after {before:?} \
         ({} such pairs)",
        effects.len()
    );
}

#[test]
fn the_projects_scores_do_not_depend_on_the_order_of_scoring() {
    let forward = TitleIndex::new(&titles(TITLES));
    let mut reversed = TITLES.to_vec();
    reversed.reverse();
    let backward = TitleIndex::new(&titles(&reversed));
    let scores = |index: &TitleIndex, q: &str| {
        let mut v: Vec<(String, i64, Vec<usize>)> = index
            .query(q, usize::MAX)
            .into_iter()
            .map(|h| (h.title, h.score, h.matched.title))
            .collect();
        v.sort();
        v
    };
    for &q in QUERIES {
        let alone = scores(&forward, q);
        assert!(!alone.is_empty(), "{q}");
        assert_eq!(
            alone,
            scores(&backward, q),
            "{q}: archive order changed a score"
        );
        // Every other query first, in both indexes: nothing carries over.
        for &other in QUERIES {
            forward.query(other, usize::MAX);
            backward.query(other, usize::MAX);
        }
        assert_eq!(alone, scores(&forward, q), "{q}: asked again");
        assert_eq!(alone, scores(&backward, q), "{q}: asked again, reversed");
        // One title at a time, as the skim test does: each title alone in an index scores
        // what it scores among the others.
        for (title, score, _) in &alone {
            let one = TitleIndex::new(&titles(&[title.as_str()]));
            assert_eq!(one.query(q, 1)[0].score, *score, "{q} on {title}");
        }
    }
}
