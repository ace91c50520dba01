//! What the command line refuses, with a message saying what it looked for and exit status 1:
//! a directory that is no archive, an archive with no issue, a text with nothing of an issue
//! in it; and the one meaning of `--limit 0` and of an empty query in `find` and `search`.

use crate::cli_support;

use cli_support::*;

#[test]
fn a_directory_without_issues_is_no_archive() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an archive\n").unwrap();
    for args in [
        vec!["list"],
        vec!["toc", "2025-06"],
        vec!["find", "x"],
        vec!["search", "x"],
        vec!["check"],
        vec!["check", "--json"],
    ] {
        let o = on_archive(dir.path(), &args);
        assert_eq!(code(&o), 1, "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "{} is not a magreader archive: it has no readable issues/ directory",
                dir.path().display()
            )),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("magreader import SOURCE --archive DIR"),
            "{err}"
        );
    }
}

#[test]
fn an_issues_directory_with_no_issue_is_no_archive() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("issues/photos")).unwrap();
    std::fs::write(dir.path().join("issues/readme.txt"), "x").unwrap();
    let o = on_archive(dir.path(), &["list"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("none of the 2 entries of its issues/ directory is an issue"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir(dir.path().join("issues/photos")).unwrap();
    std::fs::remove_file(dir.path().join("issues/readme.txt")).unwrap();
    let o = on_archive(dir.path(), &["list", "--json"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("its issues/ directory is empty"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_damaged_issue_still_makes_an_archive() {
    // The manifest is unreadable, but it is there: the loader names it, nothing is refused.
    let dir = two_issue_archive();
    std::fs::write(dir.path().join("issues/2025-05/issue.json"), "{").unwrap();
    let o = on_archive(dir.path(), &["list"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("2025-05/issue.json"), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn check_refuses_an_archive_with_no_issue() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("issues")).unwrap();
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("the archive holds no issues"),
        "{}",
        stdout(&o)
    );
    let o = on_archive(dir.path(), &["check", "--json"]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["issues"], 0);
    assert!(
        v["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("holds no issues"),
        "{v}"
    );
}

fn import(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let out = dir.join("archive");
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend(["--archive", out.to_str().unwrap()]);
    magreader(&all)
}

#[test]
fn import_refuses_a_text_with_nothing_of_an_issue_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let hello = dir.path().join("hello.txt");
    std::fs::write(&hello, "hello world\n").unwrap();
    let o = import(dir.path(), &[hello.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    for says in [
        "hello.txt: nothing in it looks like a magazine issue or a report",
        "a cover year",
        "a volume",
        "a CONTENTS page or table of contents",
        "--force",
    ] {
        assert!(err.contains(says), "{says:?} not in {err}");
    }
    assert!(
        !dir.path().join("archive/issues").exists(),
        "nothing written"
    );

    let o = import(dir.path(), &[hello.to_str().unwrap(), "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("hello.txt → text-hello"),
        "{}",
        stdout(&o)
    );
    assert!(
        dir.path()
            .join("archive/issues/text-hello/issue.json")
            .is_file()
    );
    // What --force made is kept, but `check` says it is no usable issue.
    let archive = dir.path().join("archive");
    let o = magreader(&["check", "--archive", archive.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("field `year`: 0 is not a year of publication"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn import_takes_a_magazine_and_refuses_only_the_text_that_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let mag = dir.path().join("mag.txt");
    std::fs::write(
        &mag,
        "CHINA\n\n2024\nNO.3\n\n# CONTENTS\n\n## 08 | CHINA SCENE 中国视窗\n\nForum held\n\n# Forum held\n\nBody text of the article, a sentence long enough to be a paragraph.\n",
    )
    .unwrap();
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "Shopping list\n\nmilk\n").unwrap();
    let o = import(dir.path(), &[mag.to_str().unwrap(), note.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("mag.txt → 2024-03"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("1 of 2 sources failed to import"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("note.txt: nothing in it looks like"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn limit_zero_means_all_in_find_and_search() {
    let dir = two_issue_archive();
    let count = |args: &[&str]| {
        let o = on_archive(dir.path(), args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v.as_array().unwrap().len()
    };
    // Every title of the fixture holds an `s`; 8 articles in two issues.
    assert_eq!(count(&["find", "s", "--json", "--limit", "0"]), 8);
    assert_eq!(count(&["find", "s", "--json", "--limit", "3"]), 3);
    let all = count(&["search", "e", "--json", "--limit", "0"]);
    assert!(all > 3, "{all}");
    assert_eq!(count(&["search", "e", "--json", "--limit", "3"]), 3);
}

#[test]
fn an_empty_query_is_refused_by_find_and_search() {
    let dir = two_issue_archive();
    for command in ["find", "search"] {
        for query in ["", "   "] {
            let o = on_archive(dir.path(), &[command, query]);
            assert_eq!(code(&o), 1, "{command} {query:?}");
            assert_eq!(stdout(&o), "");
            assert!(stderr(&o).contains("query is empty"), "{}", stderr(&o));
        }
    }
}
