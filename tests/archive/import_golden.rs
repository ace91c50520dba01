//! The committed archive is exactly what the importer makes of the committed sources, and the
//! importer finds every listed article and places every source line.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use magreader::archive::load_issue_dir;
use magreader::archive::store::issue_files;
use magreader::import::{ImportReport, carry_redirects, import_bytes_in};

fn archive() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/archive"))
}

fn import_all() -> Vec<(magreader::archive::Issue, ImportReport)> {
    let mut sources: Vec<_> = fs::read_dir(archive().join("sources"))
        .expect("archive/sources exists")
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    assert!(sources.len() >= 5, "the five seeds are committed");
    sources
        .iter()
        .map(|p| {
            let (mut issue, report) = import_bytes_in(p, &fs::read(p).unwrap(), archive())
                .expect("every committed source imports");
            // As `magreader import` does: ids the committed issue had keep working.
            if let Some(previous) = load_issue_dir(archive(), &issue.id) {
                carry_redirects(&previous, &mut issue);
            }
            (issue, report)
        })
        .collect()
}

#[test]
fn reimport_reproduces_the_committed_archive() {
    for (issue, _) in import_all() {
        let dir = archive().join("issues").join(&issue.id);
        let expected = issue_files(&issue);
        let names: BTreeSet<String> = expected.iter().map(|(n, _)| n.clone()).collect();
        let on_disk: BTreeSet<String> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(on_disk, names, "files of {}", dir.display());
        for (name, contents) in expected {
            let committed = fs::read_to_string(dir.join(&name)).unwrap();
            assert!(
                committed == contents,
                "{}/{name} differs from a fresh import; run `magreader import archive/sources/*` and review the diff",
                dir.display()
            );
        }
    }
}

/// Listed entries the body does not contain: the free Supplement of standards announcements
/// is listed on every magazine CONTENTS page but not printed in the export.
fn only_supplement_missing(issue: &magreader::archive::Issue) -> bool {
    issue.missing.iter().all(|m| m.section == "Supplement")
}

#[test]
fn every_listed_article_found_and_every_line_placed() {
    // (issue, listed entries, listed found) per seed.
    let expected = [
        ("2024-03", 12, 11),
        ("2025-02", 9, 8),
        ("2025-03", 13, 12),
        ("2025-06", 16, 15),
        ("report-2025-bri", 21, 21),
    ];
    let all = import_all();
    for (id, listed, found) in expected {
        let (issue, report) = all
            .iter()
            .find(|(i, _)| i.id == id)
            .unwrap_or_else(|| panic!("issue {id} imported"));
        assert_eq!(report.listed, listed, "{id}: listed entries");
        assert!(
            report.listed_found >= found,
            "{id}: found {} of {listed}",
            report.listed_found
        );
        assert!(
            only_supplement_missing(issue),
            "{id}: missing {:?}",
            issue.missing
        );
        assert_eq!(
            report.lines_placed, report.lines,
            "{id}: lines not placed: {:?}",
            report.unplaced
        );
    }
}

#[test]
fn importing_twice_gives_identical_files() {
    let a = import_all();
    let b = import_all();
    for ((ia, _), (ib, _)) in a.iter().zip(&b) {
        assert_eq!(issue_files(ia), issue_files(ib));
    }
}

#[test]
fn unlisted_news_items_are_placed_in_their_column() {
    let all = import_all();
    let (issue, _) = all.iter().find(|(i, _)| i.id == "2025-02").unwrap();
    let scene = issue
        .sections
        .iter()
        .find(|s| s.name == "China Scene")
        .unwrap();
    let titles: Vec<&str> = scene.articles.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles.contains(&"Sixteen sectoral standards for ecology and environment released"),
        "{titles:?}"
    );
    assert!(scene.articles.iter().any(|a| !a.listed));
}
