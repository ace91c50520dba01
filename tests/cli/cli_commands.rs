//! The scriptable commands on a fixture archive: output, JSON shapes, exit codes, suggestions.

use crate::cli_support;

use cli_support::*;
use serde_json::Value;

fn json(o: &std::process::Output) -> Value {
    assert_eq!(code(o), 0, "stderr: {}", stderr(o));
    serde_json::from_str(&stdout(o)).expect("valid JSON on stdout")
}

#[test]
fn list_plain_is_newest_first_one_line_per_issue() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["list"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "a clean archive gives no warnings");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0],
        "2025-06  2025 No.6 · Nov/Dec · Vol.106 · 4 articles"
    );
    assert!(lines[1].starts_with("2025-05  "), "{out}");
}

#[test]
fn list_json_has_the_documented_fields() {
    let dir = two_issue_archive();
    let v = json(&on_archive(dir.path(), &["list", "--json"]));
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 2);
    let first = &arr[0];
    assert_eq!(first["id"], "2025-06");
    assert_eq!(first["kind"], "magazine");
    assert_eq!(first["title"], "China Standardization");
    assert_eq!(first["year"], 2025);
    assert_eq!(first["number"], 6);
    assert_eq!(first["volume"], 106);
    assert_eq!(first["months"], "Nov/Dec");
    assert_eq!(first["published"], "2025-11-30");
    assert_eq!(first["source"], "cs-2025-06.txt");
    assert_eq!(first["cover"], "Standards for a Greener Future");
    assert_eq!(first["articles"], 4);
    assert_eq!(first["missing"], 1);
    assert_eq!(arr[1]["id"], "2025-05");
}

#[test]
fn toc_plain_numbers_columns_and_lists_missing_entries() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["toc", "2025-06"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("2025-06 · 2025 No.6"), "{out}");
    assert!(out.contains("1  China Scene 中国视窗 · p.8\n"), "{out}");
    assert!(out.contains("2  Spotlight 聚焦 · p.12\n"), "{out}");
    assert!(out.contains("-  Front matter\n"), "{out}");
    assert!(
        out.contains(
            "\n   p.12  Standards Cooperation with Mongolia · 中国与蒙古国标准化合作  (mongolia-standards)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("spotlight: A Lost Article · 遗失的文章"),
        "{out}"
    );
    // Reading order: China Scene before Spotlight before the front matter.
    let pos = |s: &str| out.find(s).unwrap();
    assert!(pos("green-standards") < pos("mongolia-standards"));
    assert!(pos("mongolia-standards") < pos("masthead"));
}

#[test]
fn toc_json_matches_the_schema() {
    let dir = two_issue_archive();
    let v = json(&on_archive(dir.path(), &["toc", "2025-06", "--json"]));
    assert_eq!(v["id"], "2025-06");
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[0]["name"], "China Scene");
    assert_eq!(sections[0]["name_zh"], "中国视窗");
    assert_eq!(sections[0]["page"], 8);
    assert_eq!(sections[0]["kind"], "column");
    assert_eq!(sections[0]["column"], 1);
    assert_eq!(sections[2]["kind"], "front");
    assert_eq!(sections[2]["column"], Value::Null);
    assert_eq!(sections[2]["name_zh"], Value::Null);
    let a = &sections[1]["articles"][0];
    assert_eq!(a["id"], "mongolia-standards");
    assert_eq!(a["title"], "Standards Cooperation with Mongolia");
    assert_eq!(a["title_zh"], "中国与蒙古国标准化合作");
    assert_eq!(a["page"], 12);
    assert_eq!(a["byline"], "By Cao Xinxin");
    assert_eq!(sections[0]["articles"][1]["listed"], false);
    let missing = v["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["section"], "spotlight");
    assert_eq!(missing[0]["title"], "A Lost Article");
    assert_eq!(missing[0]["title_zh"], "遗失的文章");
}

#[test]
fn show_article_prints_title_block_then_wrapped_body() {
    let dir = two_issue_archive();
    let o = on_archive(
        dir.path(),
        &["show", "2025-06", "mongolia-standards", "--width", "30"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Standards Cooperation with");
    assert_eq!(lines[1], "Mongolia");
    assert_eq!(lines[2], "中国与蒙古国标准化合作");
    assert_eq!(lines[3], "A decade of agreements");
    assert_eq!(lines[4], "By Cao Xinxin");
    assert_eq!(lines[5], "");
    for l in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(*l) <= 30,
            "line wider than 30: {l:?}"
        );
    }
    assert!(out.contains("standards"), "{out}");
    assert!(
        !out.contains("**"),
        "Markdown markup is rendered, not printed: {out}"
    );
}

#[test]
fn show_raw_prints_the_stored_markdown_unwrapped() {
    let dir = two_issue_archive();
    let o = on_archive(
        dir.path(),
        &["show", "2025-06", "mongolia-standards", "--raw"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let stored =
        std::fs::read_to_string(dir.path().join("issues/2025-06/mongolia-standards.md")).unwrap();
    assert!(
        out.ends_with(&stored),
        "raw output ends with the stored file:\n{out}"
    );
    assert!(out.contains("**standards**"));
}

#[test]
fn show_issue_covers_every_article_in_reading_order() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["show", "2025-06", "--width", "60"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let order = [
        "== 1 · China Scene 中国视窗 · p.8 ==",
        "Green Standards Take Root",
        "Quality Week Opens",
        "== 2 · Spotlight 聚焦 · p.12 ==",
        "Standards Cooperation with Mongolia",
        "== Front matter ==",
        "Masthead",
        "Editor in chief",
    ];
    let mut last = 0;
    for s in order {
        let at = out[last..]
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} missing or out of order in:\n{out}"));
        last += at + s.len();
    }
}

#[test]
fn show_without_width_to_a_pipe_wraps_at_80() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    let long = "word ".repeat(100);
    issue.sections[0].articles[0].body = long.clone().into();
    write_archive(dir.path(), &[issue]);
    let o = on_archive(dir.path(), &["show", "2025-06", "green-standards"]);
    let out = stdout(&o);
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80 && widest > 70, "widest line {widest}");
}

#[test]
fn find_ranks_titles_in_english_and_chinese() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["find", "蒙古", "--limit", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("2025-06  Spotlight  Standards Cooperation with Mongolia · 中国与蒙古国标准化合作  (mongolia-standards)"), "{out}");

    let v = json(&on_archive(
        dir.path(),
        &["find", "green", "2025-05", "--json"],
    ));
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    let top = &hits[0];
    assert_eq!(top["issue"], "2025-05");
    assert_eq!(top["article"], "green-standards");
    assert_eq!(top["section"], "China Scene");
    assert_eq!(top["title"], "Green Standards Take Root");
    assert_eq!(top["title_zh"], "绿色标准落地生根");
    assert!(top["score"].as_i64().unwrap() > 0);
}

#[test]
fn find_limit_caps_the_matches() {
    let dir = two_issue_archive();
    let v = json(&on_archive(
        dir.path(),
        &["find", "s", "--json", "--limit", "3"],
    ));
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[test]
fn find_with_no_match_exits_1() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["find", "zzzzqqq"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("no article title matches \"zzzzqqq\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_issue_suggests_the_closest_id() {
    let dir = two_issue_archive();
    for cmd in ["toc", "show"] {
        let o = on_archive(dir.path(), &[cmd, "2025-6"]);
        assert_eq!(code(&o), 1, "{cmd}");
        assert_eq!(
            stderr(&o),
            "magreader: no issue \"2025-6\"; did you mean 2025-06?\n",
            "{cmd}"
        );
        assert_eq!(stdout(&o), "");
    }
    let o = on_archive(dir.path(), &["toc", "nothing-like-it"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("run `magreader list` to see the issues"));
}

#[test]
fn unknown_article_suggests_the_closest_ids() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["show", "2025-06", "mongolia"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "magreader: no article \"mongolia\" in issue 2025-06; did you mean mongolia-standards?\n"
    );
    let o = on_archive(dir.path(), &["show", "2025-06", "green-standard"]);
    assert!(
        stderr(&o).contains("did you mean green-standards?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = two_issue_archive();
    for args in [
        vec!["toc"],
        vec!["show"],
        vec!["find"],
        vec!["frobnicate"],
        vec!["show", "2025-06", "--width", "0"],
        vec!["show", "2025-06", "--width", "abc"],
        vec!["list", "--bogus"],
    ] {
        let o = on_archive(dir.path(), &args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn archive_can_come_from_the_environment() {
    let dir = two_issue_archive();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_magreader"))
        .arg("list")
        .env("MAGREADER_ARCHIVE", dir.path())
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("2025-06"), "{}", stdout(&o));
}

#[test]
fn an_empty_environment_variable_means_the_built_in_archive() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_magreader"))
        .arg("list")
        .env("MAGREADER_ARCHIVE", "")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&magreader(&["list"])));
}

#[test]
fn the_option_wins_over_the_environment() {
    let dir = two_issue_archive();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_magreader"))
        .args(["--archive", dir.path().to_str().unwrap(), "list"])
        .env("MAGREADER_ARCHIVE", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("2025-06"));
}

#[test]
fn a_missing_archive_directory_is_an_error_not_an_empty_list() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("nope");
    let o = on_archive(&gone, &["list"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
}

#[test]
fn check_passes_on_a_clean_archive() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "checked 2 issues and 8 articles: ok\n");
}

#[test]
fn the_reader_refuses_to_start_without_a_terminal() {
    let dir = two_issue_archive();
    let o = on_archive(dir.path(), &[]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

#[test]
fn show_to_a_terminal_wraps_at_the_terminal_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body = "word ".repeat(100).into();
    write_archive(dir.path(), &[issue]);
    // `script` runs the command on a pseudo-terminal, which `stty` makes 50 columns wide.
    let cmd = format!(
        "stty cols 50 rows 20; {} --archive {} show 2025-06 green-standards --no-pager",
        env!("CARGO_BIN_EXE_magreader"),
        dir.path().display()
    );
    let o = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .env_remove("MAGREADER_ARCHIVE")
        .output()
        .expect("util-linux `script` runs");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n");
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!((45..=50).contains(&widest), "widest line {widest}:\n{out}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    // Far more than a pipe buffer, so writing must hit the closed pipe.
    issue.sections[0].articles[0].body = "A line of text.\n\n".repeat(50_000).into();
    write_archive(dir.path(), &[issue]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_magreader"))
        .args(["--archive", dir.path().to_str().unwrap()])
        .args(["show", "2025-06", "--raw"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader went away, as `| head -1` would.
    let o = child.wait_with_output().unwrap();
    assert_eq!(first, "2025-06 · 2025 No.6 · Nov/Dec · Vol.106\n");
    assert_eq!(code(&o), 0);
    assert_eq!(stderr(&o), "");
}
