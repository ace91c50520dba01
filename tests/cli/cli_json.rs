//! `show --json` and `check --json`: the shapes documented in docs/json.md (the field tables
//! there are read by this test), on a fixture archive and on the built-in one.

use crate::cli_support;

use cli_support::*;
use serde_json::Value;

/// Field names and types of the table under the heading `## {heading}` in docs/json.md (the
/// first table when `nth` is 0, the second when 1).
fn documented(heading: &str, nth: usize) -> Vec<(String, String)> {
    let doc = std::fs::read_to_string("docs/json.md").unwrap();
    let start = doc
        .find(&format!("## {heading}\n"))
        .unwrap_or_else(|| panic!("no heading {heading:?}"));
    let section = &doc[start + 3..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut tables: Vec<Vec<(String, String)>> = Vec::new();
    let mut in_table = false;
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if cells[1] == "field" {
            tables.push(Vec::new());
            in_table = true;
        } else if in_table && cells[1].starts_with('`') {
            let name = cells[1].trim_matches('`').to_string();
            tables
                .last_mut()
                .unwrap()
                .push((name, cells[2].to_string()));
        }
    }
    tables.swap_remove(nth)
}

/// The object has exactly the documented fields, each of the documented type.
fn conforms(v: &Value, fields: &[(String, String)], what: &str) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("{what}: not an object: {v}"));
    let mut keys: Vec<&String> = obj.keys().collect();
    let mut want: Vec<&String> = fields.iter().map(|(n, _)| n).collect();
    keys.sort();
    want.sort();
    assert_eq!(keys, want, "{what}: fields");
    for (name, ty) in fields {
        let value = &obj[name];
        let ok = match (ty.as_str(), value) {
            (_, Value::Null) => ty.ends_with("or null"),
            (t, Value::String(_)) => t.starts_with("string"),
            (t, Value::Number(_)) => t.starts_with("number"),
            (t, Value::Bool(_)) => t.starts_with("boolean"),
            (t, Value::Array(_)) => t.starts_with("array"),
            (t, Value::Object(_)) => t.starts_with("object"),
        };
        assert!(ok, "{what}: `{name}` is {value}, documented as {ty}");
    }
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn show_article_json_has_the_documented_fields_and_the_stored_markdown() {
    let dir = two_issue_archive();
    let o = on_archive(
        dir.path(),
        &["show", "2025-06", "mongolia-standards", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    conforms(&v, &documented("`show ISSUE ARTICLE --json`", 0), "article");
    assert_eq!(v["issue"], "2025-06");
    assert_eq!(v["id"], "mongolia-standards");
    assert_eq!(v["section"], "Spotlight");
    assert_eq!(v["section_kind"], "column");
    assert_eq!(v["title_zh"], "中国与蒙古国标准化合作");
    assert_eq!(v["subtitle"], "A decade of agreements");
    assert_eq!(v["byline"], "By Cao Xinxin");
    assert_eq!(v["page"], 12);
    let file = dir.path().join("issues/2025-06/mongolia-standards.md");
    assert_eq!(v["body"], std::fs::read_to_string(file).unwrap());
    assert_eq!(v["problem"], Value::Null);
}

#[test]
fn show_issue_json_is_every_article_in_reading_order() {
    let dir = two_issue_archive();
    let toc = json(&on_archive(dir.path(), &["toc", "2025-06", "--json"]));
    let in_toc: Vec<&str> = toc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["articles"].as_array().unwrap())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let o = on_archive(dir.path(), &["show", "2025-06", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    conforms(&v, &documented("`show ISSUE --json`", 0), "issue");
    let article_fields = documented("`show ISSUE ARTICLE --json`", 0);
    let articles = v["articles"].as_array().unwrap();
    for a in articles {
        conforms(a, &article_fields, "issue's article");
    }
    let shown: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(shown, in_toc);
    assert_eq!(v["label"], toc["label"]);
}

#[test]
fn show_json_of_the_built_in_archive_holds_every_body() {
    let o = magreader(&["show", "2025-06", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let articles = v["articles"].as_array().unwrap();
    let listed = json(&magreader(&["list", "--json"]));
    assert_eq!(
        articles.len() as u64,
        listed[0]["articles"].as_u64().unwrap()
    );
    // Each body is the article's `show --raw` body, byte for byte.
    let first = &articles[articles.len() - 1];
    let raw = magreader(&["show", "2025-06", first["id"].as_str().unwrap(), "--raw"]);
    assert!(
        stdout(&raw).contains(first["body"].as_str().unwrap().trim_end()),
        "{}",
        first["id"]
    );
}

#[test]
fn show_json_with_an_unreadable_body_names_it_and_fails() {
    let dir = two_issue_archive();
    std::fs::write(
        dir.path().join("issues/2025-06/green-standards.md"),
        b"bad \xff byte\n",
    )
    .unwrap();
    let o = on_archive(
        dir.path(),
        &["show", "2025-06", "green-standards", "--json"],
    );
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert_eq!(v["body"], Value::Null);
    assert!(
        v["problem"]
            .as_str()
            .unwrap()
            .contains("green-standards.md"),
        "{v}"
    );
}

#[test]
fn show_json_refuses_width_and_raw_and_unknown_ids() {
    let dir = two_issue_archive();
    for extra in [["--raw"], ["--width=40"]] {
        let mut args = vec!["show", "2025-06", "--json"];
        args.extend(extra);
        assert_eq!(code(&on_archive(dir.path(), &args)), 2, "{args:?}");
    }
    let o = on_archive(dir.path(), &["show", "2025-06", "nope", "--json"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "", "nothing but the message");
    assert!(stderr(&o).contains("no article \"nope\""), "{}", stderr(&o));
}

#[test]
fn check_json_locates_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.published = Some("30 Nov 2025".into());
    issue.sections[1].id = "china-scene".into();
    issue.sections[0].articles[0].body = "fine\nbad \u{1b} line\n".into();
    write_archive(dir.path(), &[issue]);
    let plain = on_archive(dir.path(), &["check"]);
    let o = on_archive(dir.path(), &["check", "--json"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("checked 1 issue and 4 articles: 3 problems"),
        "{}",
        stderr(&o)
    );
    let v = json(&o);
    conforms(&v, &documented("`check --json`", 0), "check");
    assert_eq!(v["ok"], false);
    assert_eq!(v["issues"], 1);
    assert_eq!(v["articles"], 4);
    let problems = v["problems"].as_array().unwrap();
    let problem_fields = documented("`check --json`", 1);
    for p in problems {
        conforms(p, &problem_fields, "problem");
    }
    // The same problems as the plain output, in its order.
    let lines: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p["file"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(lines.join("\n") + "\n", stdout(&plain));
    let find = |needle: &str| {
        problems
            .iter()
            .find(|p| p["message"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {v}"))
    };
    let date = find("not a date");
    assert_eq!(date["field"], "published");
    assert_eq!(date["line"], Value::Null);
    assert!(date["file"].as_str().unwrap().ends_with("issue.json"));
    assert_eq!(find("appears twice")["field"], "sections[1]");
    let control = find("control character");
    assert_eq!(control["line"], 2);
    assert_eq!(control["field"], Value::Null);
    assert!(
        control["file"]
            .as_str()
            .unwrap()
            .ends_with("green-standards.md")
    );
}

#[test]
fn check_json_of_a_clean_archive_is_ok() {
    let o = magreader(&["check", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["ok"], true);
    assert_eq!(v["problems"], serde_json::json!([]));
    assert!(v["articles"].as_u64().unwrap() > 100);
}

#[test]
fn check_json_reads_the_line_of_a_broken_manifest() {
    let dir = two_issue_archive();
    std::fs::write(
        dir.path().join("issues/2025-05/issue.json"),
        "{\n  \"format\": 1,\n  \"id\": \n}\n",
    )
    .unwrap();
    let v = json(&on_archive(dir.path(), &["check", "--json"]));
    let p = &v["problems"][0];
    assert!(
        p["file"].as_str().unwrap().ends_with("2025-05/issue.json"),
        "{v}"
    );
    assert_eq!(p["line"], 4, "{v}");
}
