//! Hostile archive text: escape sequences and control characters in an article never reach a
//! terminal through `show`, while `show --raw` to a pipe keeps the stored bytes.

use crate::cli_support;

use std::process::Command;

use cli_support::*;

/// OSC window title, clear-screen CSI, a C1 CSI, BEL and a bidi override inside a paragraph.
const HOSTILE: &str = "Before \u{1b}]0;pwned\u{7} title, \u{1b}[2J clear, \u{9b}31m red, bell\u{7}, \u{202e}reversed after.\n";

fn hostile_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body = HOSTILE.into();
    write_archive(dir.path(), &[issue]);
    dir
}

fn has_controls(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
}

#[test]
fn show_neutralises_controls_and_keeps_the_text_around_them() {
    let dir = hostile_archive();
    let o = on_archive(
        dir.path(),
        &["show", "2025-06", "green-standards", "--width", "200"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(has_controls(&out), None, "{out:?}");
    for word in [
        "Before",
        "title,",
        "clear,",
        "red,",
        "bell",
        "reversed after.",
    ] {
        assert!(out.contains(word), "{word:?} missing from {out:?}");
    }
}

#[test]
fn show_raw_to_a_pipe_keeps_the_stored_bytes() {
    let dir = hostile_archive();
    let o = on_archive(dir.path(), &["show", "2025-06", "green-standards", "--raw"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).ends_with(HOSTILE), "{:?}", stdout(&o));
}

#[test]
fn show_raw_to_a_terminal_emits_no_escape() {
    // `script` runs the command on a pseudo-terminal and copies what it wrote.
    if Command::new("script").arg("--version").output().is_err() {
        panic!("util-linux `script` is needed for this test (apt-get install bsdutils)");
    }
    let dir = hostile_archive();
    let cmd = format!(
        "{} --archive {} show 2025-06 green-standards --raw",
        env!("CARGO_BIN_EXE_magreader"),
        dir.path().display()
    );
    // What magreader itself writes to the terminal: no pager in between.
    let o = Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .env_remove("MAGREADER_ARCHIVE")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n");
    assert!(out.contains("Before"), "{out:?}");
    assert!(out.contains("reversed after."), "{out:?}");
    assert_eq!(has_controls(&out), None, "{out:?}");
}

#[test]
fn titles_are_neutralised_in_list_toc_and_find() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.cover = Some("Cover \u{1b}]0;pwned\u{7}line".into());
    issue.sections[1].articles[0].title = "Mongolia \u{1b}[2J Standards".into();
    write_archive(dir.path(), &[issue]);
    for args in [
        vec!["list"],
        vec!["toc", "2025-06"],
        vec!["find", "mongolia"],
        vec!["show", "2025-06", "--width", "100"],
    ] {
        let o = on_archive(dir.path(), &args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert_eq!(
            has_controls(&stdout(&o)),
            None,
            "{args:?}: {:?}",
            stdout(&o)
        );
    }
    // JSON escapes them instead: still no raw ESC, and the value round-trips.
    let o = on_archive(dir.path(), &["toc", "2025-06", "--json"]);
    assert!(!stdout(&o).contains('\u{1b}'));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["sections"][1]["articles"][0]["title"],
        "Mongolia \u{1b}[2J Standards"
    );
}

#[test]
fn check_reports_control_characters_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body =
        format!("Clean first line.\n\n{HOSTILE}\nClean.\n\nA bell\u{7} again.\n").into();
    issue.sections[1].articles[0].title = "Bad \u{7} title".into();
    issue.missing[0].title = "Lost \u{1b}[2J entry".into();
    write_archive(dir.path(), &[issue]);
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let body = dir.path().join("issues/2025-06/green-standards.md");
    // Every line holding one, and every distinct character on it, in order.
    assert!(
        out.contains(&format!(
            "{}: line 3 contains the control characters U+001B (ESC), U+0007 (BEL), \
             U+009B (CSI), U+202E (bidi control); remove them",
            body.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{}: line 7 contains the control character U+0007 (BEL); remove it",
            body.display()
        )),
        "{out}"
    );
    // A field the manifest may leave out, checked when it is there.
    assert!(
        out.contains("field `missing[0].title` contains the control character U+001B (ESC)"),
        "{out}"
    );
    let manifest = dir.path().join("issues/2025-06/issue.json");
    assert!(
        out.contains(&format!(
            "{}: field `sections[1].articles[0].title` contains the control character U+0007 (BEL)",
            manifest.display()
        )),
        "{out}"
    );
    assert_eq!(
        has_controls(&out),
        None,
        "check's own output is clean: {out:?}"
    );
}

#[test]
fn check_lists_a_hundred_lines_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body = "Bell\u{7}\n".repeat(150).into();
    write_archive(dir.path(), &[issue]);
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert_eq!(out.matches(": line ").count(), 100, "{out}");
    assert!(out.contains(": line 100 contains"), "{out}");
    assert!(
        out.contains("green-standards.md: 50 more lines contain control characters"),
        "{out}"
    );
}

#[test]
fn check_fails_an_archive_without_issues() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("issues")).unwrap();
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "{}: the archive holds no issues; import a source into it with \
             `magreader import SOURCE --archive DIR`\n",
            dir.path().join("issues").display()
        )
    );
    assert!(
        stderr(&o).contains("checked 0 issues and 0 articles: 1 problem"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_reports_semantic_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.published = Some("30 Nov 2025".into());
    issue.missing[0].title = " ".into();
    // Unlisted and empty: junk. (A listed entry may be a bare heading, so it is not flagged.)
    issue.sections[0].articles[1].body = "  \n".into();
    issue.sections[2].articles[0].body = "\n".into();
    issue.sections[1].id = "china-scene".into();
    write_archive(dir.path(), &[issue]);
    std::fs::remove_file(dir.path().join("sources/cs-2025-06.txt")).unwrap();
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    for s in [
        "field `published`: `30 Nov 2025` is not a date of the form YYYY-MM-DD",
        "quality-week.md: the article body is empty and the CONTENTS page does not list it",
        "sections[1]: section id `china-scene` appears twice",
        "field `source`: sources/cs-2025-06.txt does not exist",
        "missing[0]: field `title` is empty",
    ] {
        assert!(out.contains(s), "{s:?} not in:\n{out}");
    }
    assert!(
        !out.contains("masthead.md"),
        "a listed empty entry is fine: {out}"
    );
    assert!(
        stderr(&o).contains("checked 1 issue and 4 articles: 5 problems"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_output_carries_no_raw_control_or_bidi_character() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.cover = Some("Cover \u{1b}]0;pwned\u{7}line \u{202e}rev".into());
    issue.sections[1].articles[0].title = "Mongolia \u{1b}[2J Standards \u{2066}iso".into();
    issue.sections[0].articles[0].body = HOSTILE.into();
    write_archive(dir.path(), &[issue]);
    for args in [
        vec!["list", "--json"],
        vec!["toc", "2025-06", "--json"],
        vec!["find", "mongolia", "--json"],
        vec!["search", "reversed", "--json"],
        vec!["search", "title", "--json"],
        vec!["show", "2025-06", "--json"],
    ] {
        let o = on_archive(dir.path(), &args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("2025-06"), "{args:?} finds the issue: {out:?}");
        assert_eq!(has_controls(&out), None, "{args:?}: {out:?}");
        assert!(
            !out.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']),
            "{args:?}: {out:?}"
        );
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
    }
}
