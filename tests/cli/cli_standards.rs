//! `magreader standards`: plain and JSON output on the built-in archive, queries by
//! designation and number, exit codes.

use crate::cli_support;

use cli_support::*;
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    let o = magreader(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_str::<Value>(&stdout(&o))
        .expect("valid JSON")
        .as_array()
        .expect("an array")
        .clone()
}

#[test]
fn json_lists_every_standard_with_the_documented_fields_and_no_snippets() {
    let all = json(&["standards", "--json"]);
    assert!(all.len() > 40, "{} standards", all.len());
    for e in &all {
        for key in [
            "designation",
            "body",
            "number",
            "editions",
            "mentions",
            "articles",
        ] {
            assert!(e.get(key).is_some(), "missing {key}: {e:#}");
        }
        let articles = e["articles"].as_array().unwrap();
        assert!(!articles.is_empty());
        let per_article: u64 = articles
            .iter()
            .map(|a| a["mentions"].as_u64().unwrap())
            .sum();
        assert_eq!(per_article, e["mentions"].as_u64().unwrap());
        for a in articles {
            for key in ["issue", "article", "title"] {
                assert!(a.get(key).is_some(), "missing {key}: {a:#}");
            }
            assert!(
                a.get("snippet").is_none(),
                "no snippet without a query: {a:#}"
            );
        }
        let d = e["designation"].as_str().unwrap();
        assert!(!d.contains("/TC") && !d.contains("JTC"), "a committee: {d}");
    }
    let names: Vec<&str> = all
        .iter()
        .map(|e| e["designation"].as_str().unwrap())
        .collect();
    for want in [
        "GB/T 17766",
        "ISO/IEC 42001",
        "IEC 63310",
        "ISO/IEC 23894",
        "UIC 615-4",
    ] {
        assert!(names.contains(&want), "{want} missing");
    }
    assert!(
        !names.iter().any(|n| n.contains("1906")),
        "the IEC 1906 Award is no standard"
    );
}

#[test]
fn a_query_by_number_or_lower_case_designation_finds_the_standard_with_snippets() {
    for q in [
        "42001",
        "iso/iec 42001",
        "ISO/IEC 42001:2023",
        "ISO/IEC 42001-2023",
    ] {
        let hits = json(&["standards", q, "--json"]);
        assert_eq!(hits.len(), 1, "{q}: {hits:#?}");
        let e = &hits[0];
        assert_eq!(e["designation"], "ISO/IEC 42001");
        assert_eq!(e["body"], "ISO/IEC");
        assert_eq!(e["number"], "42001");
        assert_eq!(e["editions"], serde_json::json!(["2023"]));
        let articles = e["articles"].as_array().unwrap();
        assert_eq!(articles.len() as u64, e["mentions"].as_u64().unwrap());
        for a in articles {
            let s = a["snippet"].as_str().expect("a snippet with a query");
            assert!(s.contains("ISO/IEC 42001"), "{s}");
        }
    }
}

#[test]
fn plain_output_for_a_query_shows_editions_articles_and_snippets() {
    let o = magreader(&["standards", "GB/T 17766"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn plain_output_without_a_query_has_one_head_line_per_standard() {
    let o = magreader(&["standards"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let heads: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    let all = json(&["standards", "--json"]);
    assert_eq!(heads.len(), all.len());
    assert!(
        heads
            .iter()
            .any(|l| l.starts_with("ISO/IEC 42001  editions 2023  ·  3 mentions in 3 articles")),
        "{out}"
    );
    assert!(!out.contains("      "), "no snippets without a query");
}

#[test]
fn a_query_naming_no_standard_fails_and_says_what_to_run() {
    let o = magreader(&["standards", "99999999"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("magreader standards"), "{}", stderr(&o));
    let o = magreader(&["standards", "--json", "99999999"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn a_fixture_archive_groups_editions_and_finds_a_designation_in_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].title = "Interpreting GB/T 17766-2020".into();
    issue.sections[0].articles[0].body =
        "It replaces GB/T 17766—1999.\n\nGB/T\n17766 split over lines is two words.\n".into();
    write_archive(dir.path(), &[issue]);
    let hits = {
        let o = on_archive(dir.path(), &["standards", "17766", "--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()
    };
    let e = &hits[0];
    assert_eq!(e["editions"], serde_json::json!(["1999", "2020"]));
    assert_eq!(
        e["mentions"], 2,
        "the title and the body, not the split one"
    );
    assert_eq!(
        e["articles"][0]["snippets"][0],
        "Interpreting GB/T 17766-2020"
    );
}

#[test]
fn full_text_search_finds_a_standard_by_its_number() {
    for q in ["17766", "GB/T 17766", "iso/iec 42001"] {
        let o = magreader(&["search", q, "--json", "--limit", "0"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let hits: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
        let standards = json(&["standards", q, "--json"]);
        let mentions: u64 = standards
            .iter()
            .map(|e| e["mentions"].as_u64().unwrap())
            .sum();
        // Every mention written out in full is a hit (a listed number like "23894" is too).
        assert!(
            hits.len() as u64 >= mentions && mentions > 0,
            "{q}: {} hits, {mentions} mentions",
            hits.len()
        );
    }
}
