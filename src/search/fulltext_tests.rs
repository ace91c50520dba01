use super::*;
use crate::archive::fixture::{self, article};

fn issue(id: &str, articles: Vec<Article>) -> Issue {
    fixture::issue(id, 2025, 1, articles)
}

fn fixture() -> Archive {
    let mut a = article(
        "a",
        "Green Standards",
        "Intro.\n\nGreen  standards\nmatter. GREEN.\n",
    );
    a.title_zh = Some("绿色标准".into());
    a.byline = Some("By Li Hua".into());
    let b = article("b", "Other", "中国与蒙古国在标准\n化领域合作。green");
    Archive {
        issues: vec![
            issue("2025-02", vec![a]),
            issue("2025-01", vec![article("c", "Nothing", ""), b]),
        ],
    }
}

fn texts(archive: &Archive, hits: &[Hit]) -> Vec<(String, &'static str, String)> {
    hits.iter()
        .map(|h| {
            let (i, _, a) = h.locate(archive);
            (
                format!("{}/{}", i.id, a.id),
                h.field.as_str(),
                h.field_text(archive)[h.range.clone()].to_string(),
            )
        })
        .collect()
}

fn run(archive: &Archive, q: &str, options: SearchOptions) -> Vec<Hit> {
    search(archive, &Query::new(q).unwrap(), options)
}

#[test]
fn finds_every_field_in_archive_order() {
    let ar = fixture();
    let hits = run(&ar, "green", SearchOptions::default());
    let t = texts(&ar, &hits);
    let want = [
        ("2025-02/a", "title", "Green"),
        ("2025-02/a", "body", "Green"),
        ("2025-02/a", "body", "GREEN"),
        ("2025-01/b", "body", "green"),
    ];
    assert_eq!(t.len(), want.len(), "{t:?}");
    for (got, want) in t.iter().zip(want) {
        assert_eq!((got.0.as_str(), got.1, got.2.as_str()), want);
    }
    // Body offsets are byte offsets into the Markdown body.
    let (_, _, a) = hits[1].locate(&ar);
    assert_eq!(hits[1].range.start, a.body.find("Green").unwrap());
    assert_eq!(hits[1].body_offset(), hits[1].range.start);
    assert_eq!(hits[0].body_offset(), 0);
}

#[test]
fn phrases_span_whitespace_runs_and_cjk_line_breaks() {
    let ar = fixture();
    let t = texts(
        &ar,
        &run(&ar, "green standards matter", SearchOptions::default()),
    );
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].2, "Green  standards\nmatter");
    let t = texts(&ar, &run(&ar, "标准化领域", SearchOptions::default()));
    assert_eq!(
        t,
        [("2025-01/b".to_string(), "body", "标准\n化领域".to_string())]
    );
    let t = texts(&ar, &run(&ar, "绿色", SearchOptions::default()));
    assert_eq!(t[0].1, "title_zh");
    let t = texts(&ar, &run(&ar, "li hua", SearchOptions::default()));
    assert_eq!(t[0].1, "byline");
}

#[test]
fn smartcase_applies_across_the_archive() {
    let ar = fixture();
    let t = texts(&ar, &run(&ar, "GREEN", SearchOptions::default()));
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].2, "GREEN");
}

#[test]
fn no_match_spans_two_fields_or_articles() {
    let ar = fixture();
    // The title "Green Standards" is followed by the Chinese title; the body of `c` is empty.
    assert!(run(&ar, "standards 绿色", SearchOptions::default()).is_empty());
    assert!(run(&ar, "nothing other", SearchOptions::default()).is_empty());
}

#[test]
fn limit_and_per_article() {
    let ar = fixture();
    let two = SearchOptions {
        limit: Some(2),
        per_article: None,
    };
    assert_eq!(run(&ar, "green", two).len(), 2);
    let one_each = SearchOptions {
        limit: None,
        per_article: Some(1),
    };
    let t = texts(&ar, &run(&ar, "green", one_each));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(
        (t[0].0.as_str(), t[1].0.as_str()),
        ("2025-02/a", "2025-01/b")
    );
}

#[test]
fn iterator_and_batches_agree_and_index_is_reused() {
    let ar = fixture();
    let index = FullTextIndex::new(&ar);
    let q = Query::new("green").unwrap();
    let all: Vec<Hit> = index.search(&ar, &q, SearchOptions::default()).collect();
    let mut s = index.search(&ar, &q, SearchOptions::default());
    let mut batched = Vec::new();
    while let Some(b) = s.next_batch() {
        batched.extend(b);
    }
    assert_eq!(s.progress(), (2, 2));
    assert_eq!(all, batched);
    // Lazy: taking the first hit searches only the first issue.
    let mut s = index.search(&ar, &q, SearchOptions::default());
    s.next();
    assert_eq!(s.progress(), (1, 2));
}

#[test]
fn a_resumed_search_gives_the_rest_and_keeps_the_limit() {
    let ar = fixture();
    let index = FullTextIndex::new(&ar);
    let q = Query::new("green").unwrap();
    for limit in [None, Some(1), Some(2), Some(100)] {
        let options = SearchOptions {
            limit,
            per_article: None,
        };
        let all: Vec<Hit> = index.search(&ar, &q, options).collect();
        let mut first = index.search(&ar, &q, options);
        let mut got = first.next_batch().unwrap_or_default();
        let at = first.position();
        assert_eq!(at.next_issue, 1);
        got.extend(index.search(&ar, &q, options).resume(at));
        assert_eq!(got, all, "limit {limit:?}");
    }
}
