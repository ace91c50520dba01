//! `magreader search`: plain and JSON output, limits, exit codes, hostile text, on fixture
//! archives and the built-in one.

use crate::cli_support;

use cli_support::*;
use serde_json::Value;

fn json(o: &std::process::Output) -> Vec<Value> {
    assert_eq!(code(o), 0, "{}", stderr(o));
    serde_json::from_str::<Value>(&stdout(o))
        .expect("valid JSON")
        .as_array()
        .expect("an array")
        .clone()
}

#[test]
fn json_hits_have_the_documented_fields_and_point_at_the_text() {
    let dir = two_issue_archive();
    let hits = json(&on_archive(
        dir.path(),
        &["search", "cooperation", "between", "--json"],
    ));
    // "standards cooperation between China and Mongolia" is in both issues' feature.
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert_eq!(hits[0]["issue"], "2025-06", "newest issue first");
    assert_eq!(hits[1]["issue"], "2025-05");
    let h = &hits[0];
    for key in [
        "issue",
        "article",
        "title",
        "title_zh",
        "section",
        "section_id",
        "field",
        "offset",
        "length",
        "snippet",
        "snippet_hit",
    ] {
        assert!(h.get(key).is_some(), "missing {key}: {h:#}");
    }
    assert_eq!(h["article"], "mongolia-standards");
    assert_eq!(h["title"], "Standards Cooperation with Mongolia");
    assert_eq!(h["section"], "Spotlight");
    assert_eq!(h["section_id"], "spotlight");
    assert_eq!(h["field"], "body");
    // The offset is a byte offset into the article's Markdown file.
    let body =
        std::fs::read_to_string(dir.path().join("issues/2025-06/mongolia-standards.md")).unwrap();
    let (off, len) = (
        h["offset"].as_u64().unwrap() as usize,
        h["length"].as_u64().unwrap(),
    );
    assert_eq!(&body[off..off + len as usize], "cooperation between");
    let snippet = h["snippet"].as_str().unwrap();
    let r = h["snippet_hit"].as_array().unwrap();
    let (a, b) = (
        r[0].as_u64().unwrap() as usize,
        r[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&snippet[a..b], "cooperation between");
    // The Markdown marks are left out, as the reader leaves them out of the text.
    assert!(
        snippet.contains("about standards cooperation between China"),
        "{snippet}"
    );
    assert!(!snippet.contains('*'), "{snippet}");
}

#[test]
fn titles_and_chinese_are_searched() {
    let dir = two_issue_archive();
    let hits = json(&on_archive(dir.path(), &["search", "蒙古国", "--json"]));
    let fields: Vec<&str> = hits.iter().map(|h| h["field"].as_str().unwrap()).collect();
    // Per issue: the Chinese title, then the body.
    assert_eq!(
        fields,
        ["title_zh", "body", "title_zh", "body"],
        "{hits:#?}"
    );
    let by = json(&on_archive(
        dir.path(),
        &["search", "cao", "xinxin", "--json"],
    ));
    assert_eq!(by.len(), 2);
    assert_eq!(by[0]["field"], "byline");
}

#[test]
fn plain_output_is_one_line_per_hit_with_issue_column_title_snippet() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["search", "green"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // Title "Green Standards Take Root" and body "Green body text." in each issue.
    assert_eq!(lines.len(), 4, "{out}");
    let cols: Vec<&str> = lines[0].split("  ").filter(|s| !s.is_empty()).collect();
    assert_eq!(cols[0], "2025-06");
    assert_eq!(cols[1].trim(), "China Scene");
    assert_eq!(cols[2].trim(), "Green Standards Take Root");
    assert!(lines[1].ends_with("Green body text."), "{}", lines[1]);
    // The issue and column columns line up.
    let at = |l: &str| l.find("China Scene").unwrap();
    assert!(lines.iter().all(|l| at(l) == at(lines[0])), "{out}");
}

#[test]
fn limit_caps_the_hits_and_zero_means_all() {
    let dir = two_issue_archive();
    let n = |args: &[&str]| json(&on_archive(dir.path(), args)).len();
    let every = n(&["search", "e", "--json", "--limit", "0"]);
    assert!(every > 50, "{every}");
    assert_eq!(n(&["search", "e", "--json"]), 50, "default limit");
    assert_eq!(n(&["search", "e", "--json", "--limit", "3"]), 3);
    let o = on_archive(dir.path(), &["search", "e", "--limit", "2"]);
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn no_hit_is_empty_output_and_success() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["search", "xyzzy-nowhere"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "");
    let o = on_archive(dir.path(), &["search", "xyzzy-nowhere", "--json"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn an_empty_query_is_invalid_input() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["search", "  "]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("query is empty"), "{}", stderr(&o));
    // No query at all is a usage error.
    assert_eq!(code(&on_archive(dir.path(), &["search"])), 2);
}

#[test]
fn smartcase_literal_and_phrases_across_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body =
        "Prices (USD) rose.\n\nThe ISO\ntechnical committee met; the iso group too.\n".into();
    write_archive(dir.path(), &[issue]);
    let count = |q: &str| json(&on_archive(dir.path(), &["search", q, "--json"])).len();
    assert_eq!(count("iso"), 2);
    assert_eq!(count("ISO"), 1);
    assert_eq!(count("(usd)"), 1);
    assert_eq!(count("(usd"), 1);
    assert_eq!(count("iso technical committee"), 1, "across the line break");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body =
        "Before \u{1b}]0;owned\u{7} the needle \u{1b}[2J after \u{9b}31m.\n".into();
    issue.sections[0].articles[0].title = "Title \u{1b}[31mred".into();
    write_archive(dir.path(), &[issue]);
    let o = on_archive(dir.path(), &["search", "needle"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out:?}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'));
    assert!(out.contains("the needle"), "{out:?}");
}

#[test]
fn builtin_archive_english_and_chinese() {
    let o = magreader(&["search", "belt and road", "--json", "--limit", "0"]);
    let hits = json(&o);
    // Hand-checked with grep (see tests/search_fulltext.rs): 23 in the bodies.
    assert!(hits.len() >= 20, "{}", hits.len());
    assert!(hits.iter().any(|h| h["issue"] == "report-2025-bri"));
    let zh = json(&magreader(&["search", "标准化", "--json", "--limit", "0"]));
    assert!(zh.iter().any(|h| h["field"] == "title_zh"));
    assert!(
        zh.iter()
            .all(|h| h["snippet"].as_str().unwrap().contains("标准化"))
    );
}
