//! Terminal injection through the importer: a source carrying an OSC window-title sequence, a
//! clear-screen CSI, a C1 CSI, BEL and a bidi override, in a paragraph and in title lines
//! (body heading, CONTENTS entry, a listed-but-missing entry, a byline, a column's Chinese
//! name). The importer warns, keeps every one of them (payload included) out of titles and ids,
//! keeps the paragraph's stored text, and `show` never hands them to a terminal.

use crate::cli_support;
use crate::hostile_support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use cli_support::{code, stderr, stdout};
use hostile_support::*;
use magreader::archive::{Issue, load_dir, store::is_safe_id};
use magreader::import::import_text;

/// Every one-line metadata field of an issue, named for messages.
fn metadata(issue: &Issue) -> Vec<(String, String)> {
    let mut out = vec![
        ("issue.id".to_string(), issue.id.clone()),
        ("issue.title".into(), issue.title.clone()),
        ("issue.source".into(), issue.source.clone()),
    ];
    out.extend(issue.cover.clone().map(|c| ("issue.cover".into(), c)));
    out.extend(issue.months.clone().map(|c| ("issue.months".into(), c)));
    for s in &issue.sections {
        out.push((format!("section {} id", s.id), s.id.clone()));
        out.push((format!("section {} name", s.id), s.name.clone()));
        out.extend(
            s.name_zh
                .clone()
                .map(|z| (format!("section {} name_zh", s.id), z)),
        );
        for a in &s.articles {
            let at = |f: &str| format!("article {} {f}", a.id);
            out.push((at("id"), a.id.clone()));
            out.push((at("title"), a.title.clone()));
            for (f, v) in [
                ("title_zh", &a.title_zh),
                ("subtitle", &a.subtitle),
                ("byline", &a.byline),
            ] {
                out.extend(v.clone().map(|v| (at(f), v)));
            }
        }
    }
    for m in &issue.missing {
        out.push(("missing.section".into(), m.section.clone()));
        out.push(("missing.title".into(), m.title.clone()));
        out.extend(m.title_zh.clone().map(|z| ("missing.title_zh".into(), z)));
    }
    out
}

/// No control, no bidi override, and none of the sequences' payloads (`]0;pwned`, `[2J`,
/// `31m`) in any title or id: a sequence is dropped whole, not just its ESC byte.
fn assert_metadata_clean(issue: &Issue) {
    for (what, value) in metadata(issue) {
        assert_clean(&what, &value, false);
        for payload in ["pwned", "[2J", "2j", "31m", "]0;"] {
            assert!(
                !value.contains(payload),
                "{what} keeps the payload {payload:?} of an escape sequence: {value:?}"
            );
        }
    }
    assert!(is_safe_id(&issue.id), "{}", issue.id);
    for s in &issue.sections {
        assert!(is_safe_id(&s.id), "section id {:?}", s.id);
        for a in &s.articles {
            assert!(is_safe_id(&a.id), "article id {:?}", a.id);
        }
    }
}

fn forum(issue: &Issue) -> &magreader::archive::Article {
    issue
        .sections
        .iter()
        .flat_map(|s| &s.articles)
        .find(|a| a.title.starts_with("Forum"))
        .unwrap_or_else(|| panic!("no Forum article: {:#?}", metadata(issue)))
}

#[test]
fn the_importer_warns_and_keeps_sequences_out_of_titles_and_ids() {
    let (issue, report) = import_text("hostile.txt", &hostile_source()).expect("imports");
    assert_eq!(report.lines_placed, report.lines, "{:?}", report.unplaced);
    let warning = report
        .warnings
        .iter()
        .find(|w| w.contains("control characters"))
        .unwrap_or_else(|| panic!("no warning: {:?}", report.warnings));
    // The warning names the lines: column name, contents entries, heading, paragraph, byline.
    for line in ["12", "14", "17", "25", "29", "35"] {
        assert!(warning.contains(line), "{warning}");
    }
    assert_metadata_clean(&issue);

    // The titles keep their words, in order, with single spaces.
    let a = forum(&issue);
    assert_eq!(a.title, "Forum held in Beijing");
    assert_eq!(a.id, "forum-held-in-beijing");
    assert_eq!(a.title_zh.as_deref(), Some("论坛在京举行"));
    let spot = issue
        .sections
        .iter()
        .find(|s| s.name == "Spotlight")
        .unwrap();
    assert_eq!(
        spot.articles[0].byline.as_deref(),
        Some("By Jin Jili · 文/靳吉丽")
    );
    let scene = issue
        .sections
        .iter()
        .find(|s| s.name == "China Scene")
        .unwrap();
    assert_eq!(scene.name_zh.as_deref(), Some("中国视窗"));
    assert_eq!(issue.missing.len(), 1, "{:?}", issue.missing);
    assert_eq!(issue.missing[0].title, "Lost article never printed");
    assert_eq!(issue.missing[0].title_zh.as_deref(), Some("遗失的文章"));

    // The body keeps the stored text (the reader and `show` neutralise it on the way out).
    assert!(a.body.contains(&paragraph()), "{:?}", a.body);
}

/// Runs the binary with stdout on a pipe.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_magreader"))
        .args(args)
        .env_remove("MAGREADER_ARCHIVE")
        .stdin(Stdio::null())
        .output()
        .expect("magreader runs")
}

/// Runs the binary on a pseudo-terminal (util-linux `script`), returning what it wrote there.
fn run_on_pty(args: &[&str]) -> String {
    assert!(
        Command::new("script").arg("--version").output().is_ok(),
        "util-linux `script` is needed for this test (apt-get install bsdutils)"
    );
    let mut cmd = format!("'{}'", env!("CARGO_BIN_EXE_magreader"));
    for a in args {
        assert!(!a.contains('\''), "{a}");
        cmd.push_str(&format!(" '{a}'"));
    }
    let o = Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .env_remove("MAGREADER_ARCHIVE")
        // What magreader itself writes to the terminal, not a pager's own sequences.
        .env("PAGER", "cat")
        .env("COLUMNS", "120")
        .output()
        .expect("script runs");
    assert_eq!(
        code(&o),
        0,
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8(o.stdout).expect("UTF-8 on the terminal")
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Imports the hostile source with the real CLI into a fresh archive directory.
fn imported() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hostile.txt");
    std::fs::write(&src, hostile_source()).unwrap();
    let archive = dir.path().join("archive");
    let o = run(&[
        "import",
        src.to_str().unwrap(),
        "--archive",
        archive.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("warning: control characters"), "{out}");
    assert_clean("import's summary", &out, false);
    assert_clean("import's stderr", &stderr(&o), false);
    let archive = archive.to_str().unwrap().to_string();
    (dir, archive)
}

const AROUND: &[&str] = &[
    "Before",
    "title,",
    "clear,",
    "red,",
    "bell",
    "reversed after.",
];

fn assert_shows_text_around(what: &str, out: &str) {
    for w in AROUND {
        assert!(out.contains(w), "{what}: {w:?} missing from {out:?}");
    }
    assert!(!out.contains("pwned"), "{what}: OSC payload shown: {out:?}");
}

#[test]
fn import_then_show_to_a_pipe_and_a_terminal() {
    let (_dir, archive) = imported();
    let (loaded, problems) = load_dir(Path::new(&archive));
    assert!(problems.is_empty(), "{problems:?}");
    let issue = &loaded.issues[0];
    assert_metadata_clean(issue);
    let id = forum(issue).id.clone();

    let base = ["--archive", archive.as_str(), "show", "2024-03"];
    let with = |extra: &[&'static str]| {
        let mut v: Vec<&str> = base.to_vec();
        v.push(&id);
        v.extend_from_slice(extra);
        v.into_iter().map(String::from).collect::<Vec<_>>()
    };

    // Plain, to a pipe: neutralised, words kept.
    let o = run(&refs(&with(&["--width", "200"])));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_clean("show | cat", &stdout(&o), false);
    assert_shows_text_around("show | cat", &stdout(&o));

    // Raw, to a pipe: the stored Markdown, byte for byte (`show --raw > file` round-trips).
    let o = run(&refs(&with(&["--raw"])));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains(&paragraph()), "{:?}", stdout(&o));

    // To a terminal, plain and raw: nothing reaches it, the words do.
    for extra in [&[][..], &["--raw"], &["--width", "30"]] {
        let out = run_on_pty(&refs(&with(extra)));
        let what = format!("show {extra:?} on a pty");
        assert_clean(&what, &out, true);
        // Narrow output may wrap between two words, so compare with line breaks as spaces.
        assert_shows_text_around(&what, &out.replace("\r\n", " "));
    }
    // The whole issue, and the other commands that print titles, on a terminal.
    for args in [
        &["show", "2024-03"][..],
        &["show", "2024-03", "--raw"],
        &["list"],
        &["toc", "2024-03"],
        &["find", "forum"],
        &["check"],
    ] {
        let mut v = vec!["--archive", archive.as_str()];
        v.extend_from_slice(args);
        let o = Command::new("script")
            .args(["-q", "-c"])
            .arg(
                v.iter()
                    .fold(format!("'{}'", env!("CARGO_BIN_EXE_magreader")), |s, a| {
                        format!("{s} '{a}'")
                    }),
            )
            .arg("/dev/null")
            .stdin(Stdio::null())
            .env("PAGER", "cat")
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout).unwrap();
        assert_clean(&format!("{args:?} on a pty"), &out, true);
    }
}
