//! Damaged and hand-broken issue files: each gives one precise problem naming the file, the
//! other issue still loads, nothing panics, `list` still works and `check` exits 1.
//!
//! Every case starts from a clean two-issue archive (2025-06, 2025-05) and breaks 2025-05.

use crate::cli_support;

use std::fs;
use std::path::Path;

use cli_support::*;
use magreader::archive::load_dir;

struct Case {
    name: &'static str,
    /// Breaks the archive rooted at the given path.
    damage: fn(&Path),
    /// The file the problem must name, relative to the archive root.
    file: &'static str,
    /// Fragments the problem text must contain.
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "truncated manifest",
        damage: |root| {
            let bytes = fs::read(manifest(root)).unwrap();
            fs::write(manifest(root), &bytes[..bytes.len() / 2]).unwrap();
        },
        file: "issues/2025-05/issue.json",
        says: &["invalid JSON", "EOF while parsing"],
    },
    Case {
        name: "empty manifest",
        damage: |root| fs::write(manifest(root), "").unwrap(),
        file: "issues/2025-05/issue.json",
        says: &["invalid JSON", "EOF"],
    },
    Case {
        name: "no manifest at all",
        damage: |root| fs::remove_file(manifest(root)).unwrap(),
        file: "issues/2025-05/issue.json",
        says: &["cannot read the manifest"],
    },
    Case {
        name: "string where a number belongs",
        damage: |root| edit_manifest(root, "\"year\": 2025", "\"year\": \"2025\""),
        file: "issues/2025-05/issue.json",
        says: &["invalid type: string \"2025\", expected u32", "line "],
    },
    Case {
        name: "list where a number belongs",
        damage: |root| edit_manifest(root, "\"number\": 5", "\"number\": [5]"),
        file: "issues/2025-05/issue.json",
        says: &["invalid type: sequence, expected u32"],
    },
    Case {
        name: "unknown kind",
        damage: |root| edit_manifest(root, "\"kind\": \"magazine\"", "\"kind\": \"zine\""),
        file: "issues/2025-05/issue.json",
        says: &["unknown variant `zine`", "magazine", "report"],
    },
    Case {
        name: "unknown format version",
        damage: |root| edit_manifest(root, "\"format\": 1", "\"format\": 2"),
        file: "issues/2025-05/issue.json",
        says: &["format version 2 is not supported", "version 1"],
    },
    Case {
        name: "format field missing",
        damage: |root| edit_manifest(root, "\"format\": 1,", ""),
        file: "issues/2025-05/issue.json",
        says: &["field `format` is missing"],
    },
    Case {
        name: "invalid UTF-8 in the manifest",
        damage: |root| {
            let mut bytes = fs::read(manifest(root)).unwrap();
            let at = bytes.len() / 2;
            bytes.splice(at..at, [0xff, 0xfe]);
            fs::write(manifest(root), bytes).unwrap();
        },
        file: "issues/2025-05/issue.json",
        says: &["not valid UTF-8 at line", "(byte"],
    },
    Case {
        name: "a FIFO as the manifest",
        damage: |root| {
            fs::remove_file(manifest(root)).unwrap();
            mkfifo(&manifest(root));
        },
        file: "issues/2025-05/issue.json",
        says: &[
            "cannot read the manifest",
            "a FIFO (named pipe), not a regular file",
        ],
    },
    Case {
        name: "a directory as the manifest",
        damage: |root| {
            fs::remove_file(manifest(root)).unwrap();
            fs::create_dir(manifest(root)).unwrap();
        },
        file: "issues/2025-05/issue.json",
        says: &[
            "cannot read the manifest",
            "a directory, not a regular file",
        ],
    },
    Case {
        name: "a 2 GB sparse manifest",
        damage: |root| sparse(&manifest(root)),
        file: "issues/2025-05/issue.json",
        says: &[
            "cannot read the manifest",
            "it is 2147483648 bytes, more than",
        ],
    },
    Case {
        name: "a link to a device as the manifest",
        damage: |root| {
            fs::remove_file(manifest(root)).unwrap();
            std::os::unix::fs::symlink("/dev/zero", manifest(root)).unwrap();
        },
        file: "issues/2025-05/issue.json",
        says: &["cannot read the manifest", "outside the archive"],
    },
    Case {
        name: "duplicate article ids",
        damage: |root| {
            edit_manifest(
                root,
                "\"id\": \"quality-week\"",
                "\"id\": \"green-standards\"",
            );
            edit_manifest(
                root,
                "\"file\": \"quality-week.md\"",
                "\"file\": \"green-standards.md\"",
            );
        },
        file: "issues/2025-05/issue.json",
        says: &["article id `green-standards` appears twice"],
    },
    Case {
        name: "duplicate issue ids",
        damage: |root| {
            // A copy of 2025-06 under another directory name: the first (sorted) one wins.
            fs::create_dir(root.join("issues/2025-06-copy")).unwrap();
            for entry in fs::read_dir(root.join("issues/2025-06")).unwrap() {
                let entry = entry.unwrap();
                fs::copy(
                    entry.path(),
                    root.join("issues/2025-06-copy").join(entry.file_name()),
                )
                .unwrap();
            }
            // ...and 2025-05 must still load, so this case breaks nothing else.
        },
        file: "issues/2025-06-copy/issue.json",
        says: &["field `id` is `2025-06` but the directory is `2025-06-copy`"],
    },
    Case {
        name: "issue id with ../",
        damage: |root| edit_manifest(root, "\"id\": \"2025-05\"", "\"id\": \"../2025-05\""),
        file: "issues/2025-05/issue.json",
        says: &["field `id`", "`../2025-05` is not a valid id"],
    },
    Case {
        name: "article id with ../",
        damage: |root| {
            edit_manifest(
                root,
                "\"id\": \"masthead\"",
                "\"id\": \"../../../etc/passwd\"",
            );
            edit_manifest(
                root,
                "\"file\": \"masthead.md\"",
                "\"file\": \"../../../etc/passwd.md\"",
            );
        },
        file: "issues/2025-05/issue.json",
        says: &["article id `../../../etc/passwd` is not a valid id"],
    },
    Case {
        name: "article file pointing outside the issue",
        damage: |root| {
            edit_manifest(
                root,
                "\"file\": \"masthead.md\"",
                "\"file\": \"../2025-06/masthead.md\"",
            )
        },
        file: "issues/2025-05/issue.json",
        says: &[
            "field `file` must be `masthead.md`",
            "../2025-06/masthead.md",
        ],
    },
];

/// Damage only a read of the article shows. Bodies are read on first use (the loader only sees
/// that the file is there), so the issue loads; `check` reads every body and names the file,
/// and `show` prints a message naming it in place of the text.
///
/// An article file that cannot be read at all (missing, a FIFO, a directory, far too big) is
/// the same: the issue and its other articles load, and the article shows the problem.
const READ_TIME: &[Case] = &[
    Case {
        name: "invalid UTF-8 in an article",
        damage: |root| {
            fs::write(
                root.join("issues/2025-05/masthead.md"),
                b"Editor \xe4\xb8 in chief\n",
            )
            .unwrap()
        },
        file: "issues/2025-05/masthead.md",
        says: &[
            "not valid UTF-8 at line 1 (byte 7)",
            "re-save the file as UTF-8",
        ],
    },
    Case {
        name: "missing article file",
        damage: |root| fs::remove_file(root.join("issues/2025-05/quality-week.md")).unwrap(),
        file: "issues/2025-05/quality-week.md",
        says: &["cannot read the body of article `quality-week`"],
    },
    Case {
        name: "a FIFO as an article",
        damage: |root| {
            let path = root.join("issues/2025-05/quality-week.md");
            fs::remove_file(&path).unwrap();
            mkfifo(&path);
        },
        file: "issues/2025-05/quality-week.md",
        says: &[
            "cannot read the body of article `quality-week`",
            "a FIFO (named pipe), not a regular file",
        ],
    },
    Case {
        name: "a directory as an article",
        damage: |root| {
            let path = root.join("issues/2025-05/quality-week.md");
            fs::remove_file(&path).unwrap();
            fs::create_dir(&path).unwrap();
        },
        file: "issues/2025-05/quality-week.md",
        says: &[
            "cannot read the body of article `quality-week`",
            "a directory, not a regular file",
        ],
    },
    Case {
        name: "a 2 GB sparse article",
        damage: |root| sparse(&root.join("issues/2025-05/quality-week.md")),
        file: "issues/2025-05/quality-week.md",
        says: &[
            "cannot read the body of article `quality-week`",
            "it is 2147483648 bytes, more than",
        ],
    },
];

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Makes `path` a 2 GB file that takes no room on disk (and must take none in memory).
fn sparse(path: &Path) {
    fs::File::create(path).unwrap().set_len(2 << 30).unwrap();
}

fn damaged(case: &Case) -> tempfile::TempDir {
    let dir = two_issue_archive();
    (case.damage)(dir.path());
    dir
}

#[test]
fn the_loader_names_the_file_and_the_problem_and_loads_the_rest() {
    for case in CASES {
        let dir = damaged(case);
        let (archive, problems) = load_dir(dir.path());
        assert_eq!(problems.len(), 1, "{}: {problems:#?}", case.name);
        let p = &problems[0];
        let want = dir.path().join(case.file);
        assert_eq!(Path::new(&p.path), want, "{}: names the file", case.name);
        for s in case.says {
            assert!(
                p.problem.contains(s),
                "{}: {:?} lacks {s:?}",
                case.name,
                p.problem
            );
        }
        let ids: Vec<&str> = archive.issues.iter().map(|i| i.id.as_str()).collect();
        assert!(
            ids.contains(&"2025-06"),
            "{}: 2025-06 still loads: {ids:?}",
            case.name
        );
        // Each case breaks one of the two issues; the duplicate case adds a third, broken one.
        let expect = if case.name == "duplicate issue ids" {
            2
        } else {
            1
        };
        assert_eq!(ids.len(), expect, "{}: {ids:?}", case.name);
    }
}

#[test]
fn list_still_works_and_warns_on_stderr() {
    for case in CASES {
        let dir = damaged(case);
        let o = on_archive(dir.path(), &["list"]);
        assert_eq!(code(&o), 0, "{}: {}", case.name, stderr(&o));
        assert!(
            stdout(&o).starts_with("2025-06 "),
            "{}: {}",
            case.name,
            stdout(&o)
        );
        let err = stderr(&o);
        assert_eq!(
            err.lines().count(),
            1,
            "{}: one line per problem: {err}",
            case.name
        );
        let file = dir.path().join(case.file);
        assert!(
            err.starts_with(&format!("magreader: warning: {}: ", file.display())),
            "{}: {err}",
            case.name
        );
    }
}

#[test]
fn check_exits_1_naming_the_file() {
    for case in CASES {
        let dir = damaged(case);
        let o = on_archive(dir.path(), &["check"]);
        assert_eq!(code(&o), 1, "{}: {}", case.name, stdout(&o));
        let file = dir.path().join(case.file);
        assert!(
            stdout(&o).contains(&format!("{}: ", file.display())),
            "{}: {}",
            case.name,
            stdout(&o)
        );
        assert!(
            stderr(&o).contains("problem"),
            "{}: {}",
            case.name,
            stderr(&o)
        );
    }
}

#[test]
fn read_time_damage_loads_and_is_named_by_check_and_show() {
    for case in READ_TIME {
        let dir = damaged(case);
        let (archive, problems) = load_dir(dir.path());
        assert!(problems.is_empty(), "{}: {problems:?}", case.name);
        assert_eq!(archive.issues.len(), 2, "{}", case.name);
        let file = dir.path().join(case.file);
        let article = file.file_stem().unwrap().to_str().unwrap();
        let (_, a) = archive.issues[1].find_article(article).unwrap();
        let p = a.body.load().unwrap_err();
        assert_eq!(Path::new(&p.path), file, "{}", case.name);

        // The other articles of the issue read as before.
        let (_, other) = archive.issues[1].find_article("green-standards").unwrap();
        assert_eq!(other.body, "Green body text.\n", "{}", case.name);

        let o = on_archive(dir.path(), &["list"]);
        assert_eq!(code(&o), 0, "{}: {}", case.name, stderr(&o));
        assert!(stdout(&o).contains("2025-05"), "{}", case.name);
        let o = on_archive(dir.path(), &["toc", "2025-05"]);
        assert_eq!(code(&o), 0, "{}: {}", case.name, stderr(&o));
        assert!(stdout(&o).contains("Green Standards"), "{}", case.name);
        let o = on_archive(dir.path(), &["find", "green standards"]);
        assert!(stdout(&o).contains("2025-05"), "{}", case.name);
        let o = on_archive(dir.path(), &["search", "Green body"]);
        assert!(
            stdout(&o).contains("2025-05"),
            "{}: {}",
            case.name,
            stdout(&o)
        );
        let o = on_archive(dir.path(), &["show", "2025-05", "green-standards"]);
        assert_eq!(code(&o), 0, "{}: {}", case.name, stderr(&o));

        let o = on_archive(dir.path(), &["check"]);
        assert_eq!(code(&o), 1, "{}: {}", case.name, stdout(&o));
        let line = stdout(&o)
            .lines()
            .find(|l| l.starts_with(&format!("{}: ", file.display())))
            .map(str::to_string);
        let line = line.unwrap_or_else(|| panic!("{}: {}", case.name, stdout(&o)));
        for s in case.says {
            assert!(line.contains(s), "{}: {line:?} lacks {s:?}", case.name);
        }

        for args in [vec!["show", "2025-05", article], vec!["show", "2025-05"]] {
            let o = on_archive(dir.path(), &args);
            assert_eq!(code(&o), 1, "{}: {args:?}", case.name);
            let out = stdout(&o).replace('\n', " ");
            assert!(out.contains("cannot be shown"), "{}: {out}", case.name);
            let err = stderr(&o);
            assert!(
                err.contains(&file.display().to_string()),
                "{}: {err}",
                case.name
            );
            for s in case.says {
                assert!(err.contains(s), "{}: {err} lacks {s:?}", case.name);
            }
        }
    }
}

#[test]
fn an_archive_without_issues_dir_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, problems) = load_dir(dir.path());
    assert!(archive.issues.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .problem
            .contains("cannot list issue directories")
    );
    // `check` says what every other command says of such a directory.
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("is not a magreader archive: it has no readable issues/ directory"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_damaged_file_at_once_gives_every_problem() {
    // Two independent breakages in two issues: check names both files.
    let dir = tempfile::tempdir().unwrap();
    write_archive(
        dir.path(),
        &[magazine(2025, 6), magazine(2025, 5), magazine(2025, 4)],
    );
    fs::write(dir.path().join("issues/2025-06/issue.json"), "{").unwrap();
    fs::remove_file(dir.path().join("issues/2025-05/masthead.md")).unwrap();
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("2025-06/issue.json: "), "{out}");
    assert!(out.contains("2025-05/masthead.md: "), "{out}");
    let o = on_archive(dir.path(), &["list"]);
    assert_eq!(code(&o), 0);
    // 2025-05 lost one article, not the issue; 2025-06 has no manifest it can use.
    let out = stdout(&o);
    let listed: Vec<&str> = out.lines().map(|l| &l[..7]).collect();
    assert_eq!(listed, ["2025-05", "2025-04"]);
}

#[test]
fn problems_quoting_hostile_file_contents_are_neutralised() {
    // serde quotes the offending value in its message; a terminal must not receive the ESC.
    let dir = two_issue_archive();
    edit_manifest(
        dir.path(),
        "\"year\": 2025",
        "\"year\": \"\\u001b]0;pwned\\u0007\"",
    );
    let (_, problems) = load_dir(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    for args in [["list"], ["check"]] {
        let o = on_archive(dir.path(), &args);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(all.contains("invalid type: string"), "{args:?}: {all}");
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
    }
}

/// Hostile but valid: sizes far beyond any real issue still load, list and check.
#[test]
fn ten_thousand_articles_and_a_50_mb_line_load_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut many = magazine(2025, 6);
    many.sections[0].articles = (0..10_000)
        .map(|n| {
            article(
                &format!("item-{n}"),
                &format!("Item {n}"),
                None,
                1,
                "Text.\n",
            )
        })
        .collect();
    let mut big = magazine(2025, 5);
    big.sections[0].articles[0].body = "word ".repeat(10_000_000).into();
    // The store's own files, written without the per-file fsync of `write_issue` (10,000
    // fsyncs take most of a minute on a slow disk).
    for issue in [&many, &big] {
        let at = dir.path().join("issues").join(&issue.id);
        fs::create_dir_all(&at).unwrap();
        for (name, contents) in magreader::archive::store::issue_files(issue) {
            fs::write(at.join(name), contents).unwrap();
        }
        fs::create_dir_all(dir.path().join("sources")).unwrap();
        fs::write(dir.path().join("sources").join(&issue.source), "raw\n").unwrap();
    }

    let (archive, problems) = load_dir(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(archive.issues[0].article_count(), 10_002);

    let o = on_archive(dir.path(), &["list"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("10002 articles"), "{}", stdout(&o));
    let o = on_archive(dir.path(), &["check"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = on_archive(dir.path(), &["find", "item 9999", "--limit", "1"]);
    assert!(stdout(&o).contains("(item-9999)"), "{}", stdout(&o));
    let o = on_archive(dir.path(), &["show", "2025-05", "green-standards", "--raw"]);
    assert_eq!(code(&o), 0);
    assert!(o.stdout.len() > 50_000_000);
}
