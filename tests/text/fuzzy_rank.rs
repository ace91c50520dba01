//! Ranking of the fuzzy jump on a fixture: whole words and word prefixes rank above the same
//! letters scattered through a title, and a score does not depend on what was scored before.

use crate::fuzzy_support;

use fuzzy_support::{archive, titles};
use magreader::search::fuzzy::{Hit, TitleIndex};

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

#[test]
fn word_prefixes_rank_above_scattered_letters() {
    // Scattered ones first in archive order, so ties could not explain the result.
    let a = titles(&[
        "Smart transport and navigation",
        "Costa Rica inland ports",
        "New standards for rail",
        "Standards shape trade",
    ]);
    let hits = TitleIndex::new(&a).query("stan", 10);
    assert_eq!(hits.len(), 4, "{:?}", ids(&hits));
    let top: Vec<&str> = ids(&hits[..2]);
    assert!(top.contains(&"Standards shape trade"), "{top:?}");
    assert!(top.contains(&"New standards for rail"), "{top:?}");
    assert!(hits[1].score > hits[2].score, "prefixes strictly ahead");
}

/// Letters scattered inside words (fzf's algorithm rewards letters at word starts, so a title
/// whose words begin with the query's letters is not "scattered" in this sense).
#[test]
fn whole_word_beats_letters_inside_a_word_beats_scattered() {
    let a = titles(&[
        "Technical barriers",
        "Scarecrows in the field",
        "Elderly care standards",
    ]);
    let hits = TitleIndex::new(&a).query("care", 10);
    assert_eq!(
        ids(&hits),
        [
            "Elderly care standards",
            "Scarecrows in the field",
            "Technical barriers"
        ]
    );
    assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
}

#[test]
fn two_words_find_the_title_with_both_as_words() {
    let a = titles(&[
        "Smart cities need rail capacity",
        "Standards make a richer career",
        "Smart care for the elderly",
    ]);
    let hits = TitleIndex::new(&a).query("smart care", 10);
    assert_eq!(hits[0].title, "Smart care for the elderly");
    let t: Vec<char> = hits[0].title.chars().collect();
    let lit: String = hits[0].matched.title.iter().map(|&i| t[i]).collect();
    assert_eq!(lit, "Smartcare");
}

#[test]
fn accents_and_case_do_not_matter() {
    let a = titles(&["Standards in São Paulo", "Another title"]);
    let hits = TitleIndex::new(&a).query("SAO paulo", 10);
    assert_eq!(ids(&hits), ["Standards in São Paulo"]);
    // Char indices: `ã` is one char (two bytes), so `Paulo` starts at char 17.
    assert_eq!(hits[0].matched.title, [13, 14, 15, 17, 18, 19, 20, 21]);
}

#[test]
fn a_field_can_be_matched_by_column_and_issue_together() {
    let a = archive(&[
        ("2025-06", "Spotlight", Some("聚焦"), "Quality first", None),
        ("2025-06", "China Scene", None, "Spotlight on rail", None),
        (
            "2024-03",
            "Spotlight",
            Some("聚焦"),
            "Belt and Road",
            Some("一带一路"),
        ),
    ]);
    let index = TitleIndex::new(&a);
    let hits = index.query("聚焦 2024", 10);
    assert_eq!(ids(&hits), ["Belt and Road"]);
    assert_eq!(hits[0].matched.section_zh, [0, 1]);
    assert_eq!(hits[0].matched.issue, [0, 1, 2, 3]);
    assert!(hits[0].matched.title.is_empty());
}

/// The same titles in two orders, and queries run in two orders: every article's score and
/// highlighted letters must be the same. (The skim matcher used before kept part of a score
/// matrix between calls, so "(ii)" scored 87 or 95 on one title depending on what came
/// before it.)
#[test]
fn scores_do_not_depend_on_the_order_of_scoring() {
    let list = [
        "(iii) The builds on standards",
        "(ii) Standards in practice",
        "Section (i) of the rules",
        "iii iii ii i",
        "Initiatives for standardization in industry",
        "International standards: an introduction",
    ];
    let forward = titles(&list);
    let mut reversed_list = list;
    reversed_list.reverse();
    let backward = titles(&reversed_list);
    let queries = ["(ii)", "i", "ii", "standards", "in st", "(iii)"];
    let score = |index: &TitleIndex, q: &str| {
        let mut v: Vec<(String, i64, Vec<usize>)> = index
            .query(q, usize::MAX)
            .into_iter()
            .map(|h| (h.title, h.score, h.matched.title))
            .collect();
        v.sort();
        v
    };
    let f = TitleIndex::new(&forward);
    let b = TitleIndex::new(&backward);
    let first: Vec<_> = queries.iter().map(|q| score(&f, q)).collect();
    let again: Vec<_> = queries.iter().rev().map(|q| score(&b, q)).collect();
    for (i, q) in queries.iter().enumerate() {
        assert!(!first[i].is_empty(), "{q}");
        assert_eq!(first[i], again[queries.len() - 1 - i], "{q}");
        assert_eq!(first[i], score(&f, q), "{q}, asked again");
    }
}

/// A word typed with a transposed pair, a letter wrong or in the other spelling still finds
/// its title, below the titles that hold the word as typed.
#[test]
fn a_word_a_typo_away_matches_below_the_word_as_typed() {
    let a = titles(&[
        "Wolrd trade in pictures",
        "Themed event of World Standards Day",
        "Standards day for the world",
        "Unrelated title",
    ]);
    let index = TitleIndex::new(&a);
    let hits = index.query("wrold standards day", 10);
    assert_eq!(
        ids(&hits),
        [
            "Themed event of World Standards Day",
            "Standards day for the world"
        ]
    );
    // The typo'd word is highlighted whole.
    let t: Vec<char> = hits[0].title.chars().collect();
    let lit: String = hits[0].matched.title.iter().map(|&i| t[i]).collect();
    assert!(lit.starts_with("World"), "{lit}");
    // As typed, the word beats its misspelling: "world" is a subsequence of the second title
    // only as "Wolrd" is not, so the first is found a typo away and ranks below.
    let hits = index.query("world", 10);
    assert_eq!(hits.last().unwrap().title, "Wolrd trade in pictures");
    assert!(hits[hits.len() - 2].score > hits[hits.len() - 1].score);
    // Two edits are too many for a five-letter word.
    assert!(
        index
            .query("wrlod", 10)
            .iter()
            .all(|h| !h.title.starts_with("Wolrd"))
    );
}

#[test]
fn british_and_american_spellings_find_each_other() {
    let a = titles(&[
        "Analysis of Mongolia's standardization development",
        "Standardisation of colour in the centre",
        "Organisation of work",
    ]);
    let index = TitleIndex::new(&a);
    let top = |q: &str| index.query(q, 10).first().map(|h| h.title.clone());
    assert_eq!(
        top("mongolia standardisation").as_deref(),
        Some("Analysis of Mongolia's standardization development")
    );
    assert_eq!(
        top("color center").as_deref(),
        Some("Standardisation of colour in the centre")
    );
    assert_eq!(top("organization").as_deref(), Some("Organisation of work"));
    // Three letters are matched as typed: "wkr" is not "work".
    assert!(index.query("wkr", 10).is_empty());
}

/// The examples a reader gave, on the built-in archive.
#[test]
fn typos_and_british_spellings_find_real_titles() {
    let (archive, problems) = magreader::archive::load_builtin();
    assert!(problems.is_empty());
    let index = TitleIndex::new(&archive);
    let top = |q: &str| index.query(q, 5).first().map(|h| h.title.clone()).unwrap();
    assert!(
        top("mongolia standardisation").starts_with("Analysis of Mongolia's standardization"),
        "{}",
        top("mongolia standardisation")
    );
    assert!(
        top("wrold standards day").starts_with("Themed event of World Standards Day 2025"),
        "{}",
        top("wrold standards day")
    );
}
