//! The CLI on the built-in archive (archive/issues, compiled into the binary): the five seeds
//! are there, every command works on every issue, and the binary needs no files at run time.

use crate::cli_support;

use std::collections::BTreeSet;

use cli_support::*;
use magreader::text::width::str_width;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let o = magreader(args);
    assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

fn issue_ids() -> Vec<String> {
    json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_has_the_five_seeds_newest_first_and_their_sources() {
    let v = json(&["list", "--json"]);
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 5, "{v:#}");
    let years: Vec<u64> = issues.iter().map(|i| i["year"].as_u64().unwrap()).collect();
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {years:?}"
    );
    let kinds: BTreeSet<&str> = issues.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, BTreeSet::from(["magazine", "report"]));
    let sources: BTreeSet<String> = std::fs::read_dir("archive/sources")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    for i in issues {
        let src = i["source"].as_str().unwrap();
        assert!(sources.contains(src), "{src} is kept in archive/sources");
        assert!(i["articles"].as_u64().unwrap() > 0);
    }
}

#[test]
fn check_passes_on_the_built_in_archive() {
    let o = magreader(&["check"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with("checked 5 issues and "),
        "{}",
        stdout(&o)
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn toc_of_every_issue_accounts_for_every_article() {
    let list = json(&["list", "--json"]);
    for entry in list.as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let toc = json(&["toc", id, "--json"]);
        assert_eq!(toc["id"], id);
        let sections = toc["sections"].as_array().unwrap();
        let n: usize = sections
            .iter()
            .map(|s| s["articles"].as_array().unwrap().len())
            .sum();
        assert_eq!(Some(n as u64), entry["articles"].as_u64(), "{id}");
        assert!(
            sections.iter().any(|s| s["kind"] != "front"),
            "{id} has columns or chapters"
        );
        for s in sections {
            for a in s["articles"].as_array().unwrap() {
                assert!(a["id"].as_str().is_some_and(|s| !s.is_empty()));
                assert!(a["title"].as_str().is_some_and(|s| !s.is_empty()));
            }
        }
    }
}

#[test]
fn show_wraps_every_issue_within_the_width() {
    for id in issue_ids() {
        for width in [23usize, 80] {
            let w = width.to_string();
            let o = magreader(&["show", &id, "--width", &w]);
            assert_eq!(code(&o), 0, "{id} at {width}: {}", stderr(&o));
            let out = stdout(&o);
            assert!(out.lines().count() > 50, "{id}: the whole issue is printed");
            for line in out.lines() {
                assert!(str_width(line) <= width, "{id} at {width}: {line:?}");
            }
        }
    }
}

#[test]
fn show_raw_gives_each_stored_body_verbatim() {
    let id = "2025-06";
    let toc = json(&["toc", id, "--json"]);
    let whole = stdout(&magreader(&["show", id, "--raw"]));
    for s in toc["sections"].as_array().unwrap() {
        for a in s["articles"].as_array().unwrap() {
            let aid = a["id"].as_str().unwrap();
            let stored = std::fs::read_to_string(format!("archive/issues/{id}/{aid}.md")).unwrap();
            let one = magreader(&["show", id, aid, "--raw"]);
            assert_eq!(code(&one), 0);
            assert!(stdout(&one).ends_with(&stored), "{aid}");
            assert!(whole.contains(&stored), "{aid} is in the whole issue");
        }
    }
}

#[test]
fn find_matches_english_chinese_and_issue_ids() {
    let hits = json(&["find", "蒙古国", "--json", "--limit", "1"]);
    assert!(
        hits[0]["title_zh"].as_str().unwrap().contains("蒙古国"),
        "{hits:#}"
    );
    let hits = json(&["find", "spotlight", "2025-06", "--json", "--limit", "3"]);
    for h in hits.as_array().unwrap() {
        assert_eq!(h["issue"], "2025-06", "{hits:#}");
        assert_eq!(h["section"], "Spotlight", "{hits:#}");
    }
    let hits = json(&["find", "wsd", "themed", "--json", "--limit", "1"]);
    assert!(
        hits[0]["title"].as_str().unwrap().starts_with("WSD-themed"),
        "{hits:#}"
    );
    // The hit names an article `show` can open.
    let (issue, article) = (
        hits[0]["issue"].as_str().unwrap(),
        hits[0]["article"].as_str().unwrap(),
    );
    assert_eq!(code(&magreader(&["show", issue, article])), 0);
}

#[test]
fn works_from_any_directory() {
    let elsewhere = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_magreader"))
        .arg("list")
        .current_dir(elsewhere.path())
        .env_remove("MAGREADER_ARCHIVE")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 5, "{}", stdout(&o));
}

#[test]
fn a_near_miss_suggests_the_real_id() {
    let o = magreader(&["toc", "2025-6"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "magreader: no issue \"2025-6\"; did you mean 2025-06?\n"
    );
}
