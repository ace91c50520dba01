//! Damaged and hostile archives beyond tests/load_damaged.rs: JSON that is not an object,
//! nesting deep enough to overflow a naive parser, numbers out of range, a key given twice,
//! trailing garbage, wrong kinds for `format`, ids with `/` or empty, a directory where a file
//! belongs, a symbolic link leading out of the archive, a directory name that is not UTF-8.
//! Each gives one problem naming the file and what is wrong; the other issue loads; nothing
//! panics; `list` works and warns once; `check` exits 1 naming the file. Then the hand-edits
//! that must still load (a byte-order mark, CRLF line ends, a link inside the archive), and
//! `import` of sources whose names or titles try to lead out of the archive.

use crate::cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::*;
use magreader::archive::load_dir;

struct Case {
    name: &'static str,
    /// Breaks the archive rooted at the given path (a directory inside a temporary one, so a
    /// case may put files beside the archive).
    damage: fn(&Path),
    /// The file the problem must name, relative to the archive root.
    file: &'static str,
    /// Fragments the problem text must contain.
    says: &'static [&'static str],
}

const MANIFEST: &str = "issues/2025-05/issue.json";

fn set_field(root: &Path, pointer: &str, value: serde_json::Value) {
    let text = fs::read_to_string(manifest(root)).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    *v.pointer_mut(pointer).unwrap() = value;
    fs::write(manifest(root), serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

/// The directory 2025-05 renamed to `2025-<0xff>5`, a name that is not UTF-8.
const NON_UTF8_DIR: &[u8] = b"2025-\xff5";

const CASES: &[Case] = &[
    Case {
        name: "manifest is a JSON array",
        damage: |root| fs::write(manifest(root), "[1, 2]").unwrap(),
        file: MANIFEST,
        says: &["must be a JSON object", "found an array"],
    },
    Case {
        name: "manifest is null",
        damage: |root| fs::write(manifest(root), "null\n").unwrap(),
        file: MANIFEST,
        says: &["must be a JSON object", "found null"],
    },
    Case {
        name: "nesting 100,000 deep",
        damage: |root| fs::write(manifest(root), "[".repeat(100_000)).unwrap(),
        file: MANIFEST,
        says: &["invalid JSON at line 1", "recursion limit exceeded"],
    },
    Case {
        name: "nesting deep inside a field",
        damage: |root| {
            edit_manifest(
                root,
                "\"year\": 2025",
                &format!("\"year\": {}", "{\"a\":".repeat(10_000)),
            )
        },
        file: MANIFEST,
        says: &["invalid JSON at line 6", "recursion limit exceeded"],
    },
    Case {
        name: "year out of range",
        damage: |root| edit_manifest(root, "\"year\": 2025", "\"year\": 99999999999"),
        file: MANIFEST,
        says: &["field `year` (line 6", "99999999999", "expected u32"],
    },
    Case {
        name: "negative page",
        damage: |root| edit_manifest(root, "\"page\": 8", "\"page\": -1"),
        file: MANIFEST,
        says: &["field `sections[0].page`", "integer `-1`, expected u32"],
    },
    Case {
        name: "format as a string",
        damage: |root| edit_manifest(root, "\"format\": 1", "\"format\": \"1\""),
        file: MANIFEST,
        says: &["field `format` must be a whole number", "the string \"1\""],
    },
    Case {
        name: "format as a fraction",
        damage: |root| edit_manifest(root, "\"format\": 1", "\"format\": 1.5"),
        file: MANIFEST,
        says: &["field `format` must be a whole number", "`1.5`"],
    },
    Case {
        name: "title is null",
        damage: |root| set_field(root, "/title", serde_json::Value::Null),
        file: MANIFEST,
        says: &["field `title`", "invalid type: null, expected a string"],
    },
    Case {
        name: "sections is an object",
        damage: |root| set_field(root, "/sections", serde_json::json!({"a": 1})),
        file: MANIFEST,
        says: &["field `sections`", "invalid type: map, expected a sequence"],
    },
    Case {
        name: "listed is a string",
        damage: |root| set_field(root, "/sections/0/articles/0/listed", "yes".into()),
        file: MANIFEST,
        says: &[
            "field `sections[0].articles[0].listed`",
            "expected a boolean",
        ],
    },
    Case {
        name: "missing is a string",
        damage: |root| set_field(root, "/missing", "none".into()),
        file: MANIFEST,
        says: &["field `missing`", "expected a sequence"],
    },
    Case {
        name: "unknown field",
        damage: |root| edit_manifest(root, "\"listed\": true", "\"listed\": true, \"colour\": 1"),
        file: MANIFEST,
        says: &[
            "field `sections[0].articles[0].colour`",
            "unknown field `colour`",
        ],
    },
    Case {
        name: "a key given twice",
        damage: |root| edit_manifest(root, "\"year\": 2025", "\"year\": 2025, \"year\": 2024"),
        file: MANIFEST,
        says: &["top-level object (line 6", "duplicate field `year`"],
    },
    Case {
        name: "trailing garbage",
        damage: |root| {
            let mut t = fs::read_to_string(manifest(root)).unwrap();
            t.push_str("}\n");
            fs::write(manifest(root), t).unwrap();
        },
        file: MANIFEST,
        says: &["invalid JSON at line", "trailing characters"],
    },
    Case {
        name: "empty article id",
        damage: |root| edit_manifest(root, "\"id\": \"masthead\"", "\"id\": \"\""),
        file: MANIFEST,
        says: &["article id `` is not a valid id"],
    },
    Case {
        name: "article id with a slash",
        damage: |root| edit_manifest(root, "\"id\": \"masthead\"", "\"id\": \"front/masthead\""),
        file: MANIFEST,
        says: &["article id `front/masthead` is not a valid id"],
    },
    Case {
        name: "issue id `..`",
        damage: |root| edit_manifest(root, "\"id\": \"2025-05\"", "\"id\": \"..\""),
        file: MANIFEST,
        says: &["field `id`: `..` is not a valid id"],
    },
    Case {
        name: "absolute article file",
        damage: |root| {
            edit_manifest(
                root,
                "\"file\": \"masthead.md\"",
                "\"file\": \"/etc/passwd\"",
            )
        },
        file: MANIFEST,
        says: &["field `file` must be `masthead.md`", "/etc/passwd"],
    },
    Case {
        name: "manifest is a directory",
        damage: |root| {
            fs::remove_file(manifest(root)).unwrap();
            fs::create_dir(manifest(root)).unwrap();
        },
        file: MANIFEST,
        says: &["cannot read the manifest", "directory"],
    },
    Case {
        name: "manifest is a link to /etc/passwd",
        damage: |root| {
            fs::remove_file(manifest(root)).unwrap();
            std::os::unix::fs::symlink("/etc/passwd", manifest(root)).unwrap();
        },
        file: MANIFEST,
        says: &["cannot read the manifest", "symbolic link leading outside"],
    },
    Case {
        name: "directory name not UTF-8",
        damage: |root| {
            use std::os::unix::ffi::OsStrExt;
            let to = root
                .join("issues")
                .join(std::ffi::OsStr::from_bytes(NON_UTF8_DIR));
            fs::rename(root.join("issues/2025-05"), to).unwrap();
        },
        file: "issues/2025-\u{FFFD}5/issue.json",
        says: &["directory's name is not valid UTF-8"],
    },
];

/// An article file that cannot be read: the issue and its other articles load, the article
/// shows the problem in place of its text, and `check` names the file.
const ARTICLE_CASES: &[Case] = &[
    Case {
        name: "article file is a directory",
        damage: |root| {
            let f = root.join("issues/2025-05/masthead.md");
            fs::remove_file(&f).unwrap();
            fs::create_dir(&f).unwrap();
        },
        file: "issues/2025-05/masthead.md",
        says: &["cannot read the body of article `masthead`", "directory"],
    },
    Case {
        name: "article file is a link leading out of the archive",
        damage: |root| {
            let outside = root.parent().unwrap().join("secret.md");
            fs::write(&outside, "SECRET\n").unwrap();
            let f = root.join("issues/2025-05/masthead.md");
            fs::remove_file(&f).unwrap();
            std::os::unix::fs::symlink(&outside, &f).unwrap();
        },
        file: "issues/2025-05/masthead.md",
        says: &["symbolic link leading outside the archive directory"],
    },
];

/// A two-issue archive (2025-06, 2025-05) at `<tmp>/archive`, broken by `case`.
fn damaged(case: &Case) -> (tempfile::TempDir, PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("archive");
    fs::create_dir(&root).unwrap();
    write_archive(&root, &[magazine(2025, 6), magazine(2025, 5)]);
    (case.damage)(&root);
    (outer, root)
}

#[test]
fn each_case_names_the_file_and_the_problem_and_the_rest_loads() {
    for case in CASES {
        let (_tmp, root) = damaged(case);
        let (archive, problems) = load_dir(&root);
        assert_eq!(problems.len(), 1, "{}: {problems:#?}", case.name);
        let p = &problems[0];
        assert_eq!(
            Path::new(&p.path),
            root.join(case.file),
            "{}: names the file",
            case.name
        );
        for s in case.says {
            assert!(
                p.problem.contains(s),
                "{}: {:?} lacks {s:?}",
                case.name,
                p.problem
            );
        }
        let ids: Vec<&str> = archive.issues.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["2025-06"], "{}: the other issue loads", case.name);
        assert!(
            !archive.issues[0]
                .sections
                .iter()
                .flat_map(|s| &s.articles)
                .any(|a| a.body.contains("SECRET")),
            "{}",
            case.name
        );
    }
}

#[test]
fn list_warns_once_and_check_exits_1_naming_the_file() {
    for case in CASES {
        let (_tmp, root) = damaged(case);
        let file = root.join(case.file).display().to_string();
        let o = on_archive(&root, &["list"]);
        assert_eq!(code(&o), 0, "{}: {}", case.name, stderr(&o));
        assert!(stdout(&o).starts_with("2025-06 "), "{}", case.name);
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{}: {err}", case.name);
        assert!(
            err.starts_with(&format!("magreader: warning: {file}: ")),
            "{}: {err}",
            case.name
        );
        let o = on_archive(&root, &["check"]);
        assert_eq!(code(&o), 1, "{}: {}", case.name, stdout(&o));
        assert!(
            stdout(&o).contains(&format!("{file}: ")),
            "{}: {}",
            case.name,
            stdout(&o)
        );
    }
}

#[test]
fn an_unreadable_article_keeps_its_issue_and_is_named() {
    for case in ARTICLE_CASES {
        let (_tmp, root) = damaged(case);
        let file = root.join(case.file);
        let (archive, problems) = load_dir(&root);
        assert!(problems.is_empty(), "{}: {problems:#?}", case.name);
        let issue = archive.issues.iter().find(|i| i.id == "2025-05").unwrap();
        let (_, a) = issue.find_article("masthead").unwrap();
        assert!(a.body.is_unreadable(), "{}", case.name);
        let p = a.body.load().unwrap_err();
        assert_eq!(Path::new(&p.path), file, "{}", case.name);
        for s in case.says {
            assert!(p.problem.contains(s), "{}: {p} lacks {s:?}", case.name);
        }
        assert!(!a.body.contains("SECRET"), "{}", case.name);
        let (_, other) = issue.find_article("green-standards").unwrap();
        assert_eq!(other.body, "Green body text.\n", "{}", case.name);

        let o = on_archive(&root, &["check"]);
        assert_eq!(code(&o), 1, "{}: {}", case.name, stdout(&o));
        assert!(
            stdout(&o).contains(&format!("{}: ", file.display())),
            "{}: {}",
            case.name,
            stdout(&o)
        );
    }
}

#[test]
fn hand_edits_that_still_load() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("archive");
    write_archive(
        &root,
        &[magazine(2025, 6), magazine(2025, 5), magazine(2025, 4)],
    );
    // A byte-order mark (some editors add one) and CRLF line ends in two manifests.
    let m5 = root.join("issues/2025-05/issue.json");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(&m5).unwrap());
    fs::write(&m5, bytes).unwrap();
    let m4 = root.join("issues/2025-04/issue.json");
    let text = fs::read_to_string(&m4).unwrap();
    fs::write(&m4, text.replace('\n', "\r\n")).unwrap();
    // A link to a file inside the archive is followed.
    let f = root.join("issues/2025-06/masthead.md");
    fs::remove_file(&f).unwrap();
    std::os::unix::fs::symlink("../2025-05/masthead.md", &f).unwrap();

    let (archive, problems) = load_dir(&root);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(archive.issues.len(), 3);
    let o = on_archive(&root, &["check"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

/// Every path under `dir`, relative to it.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Sources whose file names, or whose titles (ids are made from them), look like paths. Every
/// import writes inside `--archive DIR` only, under a safe id, and the result loads.
#[test]
fn import_never_writes_outside_the_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let srcdir = tmp.path().join("src");
    let archive = tmp.path().join("work/archive");
    fs::create_dir_all(&srcdir).unwrap();
    fs::create_dir_all(archive.parent().unwrap()).unwrap();
    let magazine_with_title = |title: &str| {
        format!(
            "CHINA\n\n2024\nNO.3\n\n# CONTENTS\n\n## 08 | CHINA SCENE 中国视窗\n\n{title}\n\n# {title}\n\nBody text of the article, a sentence long enough to be a paragraph of running text.\n"
        )
    };
    let sources: Vec<(&str, String)> = vec![
        ("..txt", "../../../etc/passwd\n\nplain text\n".into()),
        ("...", "..\n".into()),
        (".hidden", "/etc/shadow\n".into()),
        ("-rf .txt", "-rf\n".into()),
        ("a\u{1b}]0;x\u{7}b.txt", "title\n".into()),
        ("ＡＢＣ.txt", "全角\n".into()),
        ("mag.txt", magazine_with_title("../../../../tmp/escape")),
        ("mag2.txt", magazine_with_title("/etc/passwd")),
        ("mag3.txt", magazine_with_title("..")),
    ];
    let mut paths = Vec::new();
    for (name, text) in &sources {
        let p = srcdir.join(name);
        fs::write(&p, text).unwrap();
        paths.push(p);
    }
    let mut args = vec!["import".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.push("--archive".into());
    args.push(archive.display().to_string());
    // Most of these texts are no issue; imported anyway, their names are what is tested.
    args.push("--force".into());
    let before_src = tree(&srcdir);
    let o = magreader(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));

    // Nothing new beside the archive, nothing new among the sources.
    assert_eq!(tree(&srcdir), before_src);
    assert_eq!(
        tree(tmp.path().join("work").as_path()).len(),
        1 + tree(&archive).len()
    );
    for p in tree(&archive) {
        assert!(
            p.starts_with("issues/")
                || p.starts_with("sources/")
                || p == "issues"
                || p == "sources",
            "{p}"
        );
    }
    // Each source kept under its own file name, the issues load, ids are safe.
    for (name, text) in &sources {
        assert_eq!(
            fs::read_to_string(archive.join("sources").join(name)).unwrap(),
            *text
        );
    }
    let (loaded, problems) = load_dir(&archive);
    assert!(problems.is_empty(), "{problems:#?}");
    // One issue per distinct id the summaries name: the three magazines share 2024-03 (a
    // later import replaces the earlier); every other source has its own issue, also those
    // whose names have no ASCII letters to make an id from.
    let mut ids: Vec<String> = stdout(&o)
        .lines()
        .filter_map(|l| l.rsplit_once(" → ").map(|(_, id)| id.to_string()))
        .collect();
    assert_eq!(ids.len(), sources.len(), "{}", stdout(&o));
    ids.sort();
    ids.dedup();
    let mut got: Vec<String> = loaded.issues.iter().map(|i| i.id.clone()).collect();
    got.sort();
    assert_eq!(got, ids);
    assert_eq!(got.len(), sources.len() - 2, "{got:?}");
    for issue in &loaded.issues {
        assert!(
            magreader::archive::store::is_safe_id(&issue.id),
            "{}",
            issue.id
        );
    }
}
