//! The fuzzy title index on the built-in archive: the documented example queries find the
//! articles a reader expects.

use magreader::archive::load_builtin;
use magreader::search::fuzzy::{Hit, TitleIndex};

fn index() -> (magreader::archive::Archive, TitleIndex) {
    let (archive, problems) = load_builtin();
    assert!(problems.is_empty(), "{problems:?}");
    let index = TitleIndex::new(&archive);
    (archive, index)
}

fn top(index: &TitleIndex, q: &str, n: usize) -> Vec<Hit> {
    let hits = index.query(q, n);
    assert!(!hits.is_empty(), "no hits for {q:?}");
    hits
}

#[test]
fn column_and_issue_id_find_that_column() {
    let (archive, index) = index();
    let spotlight = archive
        .issue("2025-06")
        .unwrap()
        .sections
        .iter()
        .find(|s| s.name == "Spotlight")
        .unwrap();
    let n = spotlight.articles.len();
    assert!(n >= 2);
    for q in [
        "spotlight 2025-06",
        "2025-06 spotlight",
        "Spotlight 2025-06",
    ] {
        let hits = top(&index, q, n);
        for h in &hits {
            assert_eq!(
                (h.issue.as_str(), h.section.as_str()),
                ("2025-06", "Spotlight"),
                "{q}"
            );
        }
        let ids: Vec<&str> = hits.iter().map(|h| h.article.as_str()).collect();
        for a in &spotlight.articles {
            assert!(
                ids.contains(&a.id.as_str()),
                "{q}: {} missing from {ids:?}",
                a.id
            );
        }
    }
}

#[test]
fn chinese_fragment_finds_the_chinese_title() {
    let (_, index) = index();
    let hits = top(&index, "蒙古国", 5);
    assert_eq!(hits[0].issue, "2024-03");
    assert!(hits[0].title_zh.as_deref().unwrap().contains("蒙古国"));
    assert!(hits[0].title.contains("Mongolia"));
    // The three matched characters are highlighted in the Chinese title, where they are.
    let zh: Vec<char> = hits[0].title_zh.as_deref().unwrap().chars().collect();
    let matched: String = hits[0].matched.title_zh.iter().map(|&i| zh[i]).collect();
    assert_eq!(matched, "蒙古国");
    assert!(hits[0].matched.title.is_empty());
}

#[test]
fn abbreviation_and_word_find_the_wsd_themed_article() {
    let (_, index) = index();
    let hits = top(&index, "wsd themed", 3);
    assert_eq!(hits[0].issue, "2025-06");
    assert!(
        hits[0].title.starts_with("WSD-themed activity"),
        "{:?}",
        hits[0]
    );
    let title: Vec<char> = hits[0].title.chars().collect();
    let matched: String = hits[0].matched.title.iter().map(|&i| title[i]).collect();
    assert_eq!(matched.to_lowercase(), "wsdthemed");
}

#[test]
fn every_term_must_match() {
    let (_, index) = index();
    assert!(index.query("spotlight zzzzqqq", 10).is_empty());
    assert!(index.query("蒙古国 xylophone", 10).is_empty());
}

#[test]
fn empty_query_lists_articles_in_archive_order() {
    let (archive, index) = index();
    let total: usize = archive.issues.iter().map(|i| i.article_count()).sum();
    assert_eq!(index.len(), total);
    let all = index.query("  ", usize::MAX);
    assert_eq!(all.len(), total);
    assert_eq!(all[0].issue, archive.issues[0].id);
    assert!(all.iter().all(|h| h.score == 0));
    assert_eq!(index.query("", 7).len(), 7);
}

#[test]
fn hits_are_ranked_best_first_and_point_at_their_article() {
    let (archive, index) = index();
    let hits = index.query("standard", 50);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    for h in &hits {
        let l = h.location;
        let s = &archive.issues[l.issue].sections[l.section];
        assert_eq!(archive.issues[l.issue].id, h.issue);
        assert_eq!(s.articles[l.article].id, h.article);
        assert_eq!(s.name, h.section);
    }
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let (_, index) = index();
    let hit = &top(&index, "蒙古国", 1)[0];
    let v = serde_json::to_value(hit).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["article", "issue", "score", "section", "title", "title_zh"]
    );
    assert_eq!(v["issue"], "2024-03");
}
