//! Why the fuzzy jump uses nucleo-matcher and not fuzzy-matcher (a dev-dependency, kept only for
//! this test and `benches/matchers.rs`): a score must depend on the query and the title alone.
//! fuzzy-matcher 0.3.7's `SkimMatcherV2` keeps part of its score matrix from one call to the
//! next, so the same title scores differently depending on which title was scored before it,
//! and a ranking depends on the order of the archive. The property is asserted of the project's
//! matcher; the defect is asserted of fuzzy-matcher, so that this test says so if a later
//! fuzzy-matcher fixes it (then the comparison in BENCHMARKS.md needs another look), without
//! `cargo test` failing while it does not.

use crate::fuzzy_support;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_support::titles;
use magreader::search::fuzzy::TitleIndex;

/// Queries of the kinds readers type: numbered subsections, a word being typed, two words.
const QUERIES: &[&str] = &["(ii)", "ii", "in st", "stan", "belt road", "wsd", "china"];

/// The titles of the built-in archive.
fn builtin_titles() -> Vec<String> {
    let (archive, problems) = magreader::archive::load_builtin();
    assert!(problems.is_empty());
    archive
        .issues
        .iter()
        .flat_map(|i| &i.sections)
        .flat_map(|s| &s.articles)
        .map(|a| a.title.clone())
        .collect()
}

/// (query, title, score from a fresh matcher, score after scoring `before` first, `before`)
/// for every pair of titles where scoring one first changed the other's score.
type Effect<'a> = (&'a str, &'a str, Option<i64>, Option<i64>, &'a str);

/// The matcher as the project used it: case ignored, matched positions wanted (for
/// highlighting).
fn skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

fn score(m: &SkimMatcherV2, title: &str, q: &str) -> Option<i64> {
    m.fuzzy_indices(title, q).map(|(s, _)| s)
}

fn skim_order_effects(titles: &[String]) -> Vec<Effect<'_>> {
    let mut found = Vec::new();
    for &q in QUERIES {
        for title in titles {
            let fresh = score(&skim(), title, q);
            for before in titles {
                let m = skim();
                score(&m, before, q);
                let after = score(&m, title, q);
                if after != fresh {
                    found.push((q, title.as_str(), fresh, after, before.as_str()));
                }
            }
        }
    }
    found
}

#[test]
fn fuzzy_matchers_skim_scores_depend_on_what_it_scored_before() {
    let titles = builtin_titles();
    let effects = skim_order_effects(&titles);
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
    let list = builtin_titles();
    let list: Vec<&str> = list.iter().map(String::as_str).collect();
    let forward = TitleIndex::new(&titles(&list));
    let mut reversed = list.clone();
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
        for (title, score, _) in alone.iter().take(40) {
            let one = TitleIndex::new(&titles(&[title.as_str()]));
            assert_eq!(one.query(q, 1)[0].score, *score, "{q} on {title}");
        }
    }
}
