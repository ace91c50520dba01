//! Shared by the `cli_*` and `load_*` tests: small fixture archives written with the real
//! store, and a runner for the real binary.

#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;
use std::process::{Command, Output, Stdio};

use magreader::archive::store::write_issue;
use magreader::archive::{Article, Issue, IssueKind, Missing, Section, SectionKind};

pub fn article(id: &str, title: &str, title_zh: Option<&str>, page: u32, body: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        title_zh: title_zh.map(Into::into),
        subtitle: None,
        page: Some(page),
        byline: None,
        listed: true,
        body: body.into(),
    }
}

/// A magazine issue with two columns, front matter, CJK titles and one missing entry.
pub fn magazine(year: u32, number: u32) -> Issue {
    let id = format!("{year}-{number:02}");
    let mut feature = article(
        "mongolia-standards",
        "Standards Cooperation with Mongolia",
        Some("中国与蒙古国标准化合作"),
        12,
        "First paragraph about **standards** cooperation between China and Mongolia, long enough to wrap at narrow widths.\n\n\
         中国与蒙古国在标准化领域开展了广泛合作，双方签署了多项协议。\n\n\
         [Caption] Delegates at the signing ceremony.\n",
    );
    feature.subtitle = Some("A decade of agreements".into());
    feature.byline = Some("By Cao Xinxin".into());
    let mut news = article(
        "quality-week",
        "Quality Week Opens",
        None,
        9,
        "A short news item.\n",
    );
    news.listed = false;
    Issue {
        id: id.clone(),
        kind: IssueKind::Magazine,
        title: "China Standardization".into(),
        year,
        number: Some(number),
        volume: Some(100 + number),
        months: Some("Nov/Dec".into()),
        published: Some(format!("{year}-11-30")),
        source: format!("cs-{id}.txt"),
        cover: Some("Standards for a Greener Future".into()),
        sections: vec![
            Section {
                id: "china-scene".into(),
                kind: SectionKind::Column,
                name: "China Scene".into(),
                name_zh: Some("中国视窗".into()),
                page: Some(8),
                articles: vec![
                    article(
                        "green-standards",
                        "Green Standards Take Root",
                        Some("绿色标准落地生根"),
                        8,
                        "Green body text.\n",
                    ),
                    news,
                ],
            },
            Section {
                id: "spotlight".into(),
                kind: SectionKind::Column,
                name: "Spotlight".into(),
                name_zh: Some("聚焦".into()),
                page: Some(12),
                articles: vec![feature],
            },
            Section {
                id: "front-matter".into(),
                kind: SectionKind::Front,
                name: "Front matter".into(),
                name_zh: None,
                page: None,
                articles: vec![article(
                    "masthead",
                    "Masthead",
                    None,
                    1,
                    "Editor in chief: Someone\n",
                )],
            },
        ],
        missing: vec![Missing {
            section: "spotlight".into(),
            title: "A Lost Article".into(),
            title_zh: Some("遗失的文章".into()),
        }],
        redirects: Default::default(),
    }
}

/// Writes issues into `root` with the real store (manifest + article files + source copy).
pub fn write_archive(root: &Path, issues: &[Issue]) {
    for issue in issues {
        write_issue(
            root,
            issue,
            format!("raw source of {}\n", issue.id).as_bytes(),
        )
        .expect("fixture issue writes");
    }
}

/// A temporary archive holding 2025-06 and 2025-05.
pub fn two_issue_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_archive(dir.path(), &[magazine(2025, 6), magazine(2025, 5)]);
    dir
}

/// Runs the binary with a clean environment for the variables it reads.
pub fn magreader(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_magreader"))
        .args(args)
        .env_remove("MAGREADER_ARCHIVE")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("magreader runs")
}

/// Runs the binary on an archive directory.
pub fn on_archive(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--archive", root.to_str().expect("utf-8 temp path")];
    all.extend_from_slice(args);
    magreader(&all)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

/// The manifest of the fixture's 2025-05 issue in an archive rooted at `root`.
pub fn manifest(root: &std::path::Path) -> std::path::PathBuf {
    root.join("issues/2025-05/issue.json")
}

/// Replaces the first `from` in that manifest with `to` (which the fixture must hold).
pub fn edit_manifest(root: &std::path::Path, from: &str, to: &str) {
    let path = manifest(root);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(from),
        "fixture manifest has {from:?}:\n{text}"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}
