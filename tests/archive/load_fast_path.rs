//! The loader parses a good manifest once (a fast path straight into the schema) and sends
//! everything else down the careful path. These manifests would slip through the fast path if
//! it were looser than the careful one: they must still get the careful path's messages.

use std::fs;
use std::path::Path;

use magreader::archive::store::write_issue;
use magreader::archive::{Article, Issue, IssueKind, Section, SectionKind, load_dir};

fn issue() -> Issue {
    Issue {
        id: "2025-01".into(),
        kind: IssueKind::Magazine,
        title: "China Standardization 2025 No. 1".into(),
        year: 2025,
        number: Some(1),
        volume: None,
        months: None,
        published: None,
        source: "src.txt".into(),
        cover: None,
        sections: vec![Section {
            id: "news".into(),
            kind: SectionKind::Column,
            name: "News".into(),
            name_zh: None,
            page: None,
            articles: vec![Article {
                id: "a".into(),
                title: "A".into(),
                title_zh: None,
                subtitle: None,
                page: None,
                byline: None,
                listed: true,
                body: "Text.\n".into(),
            }],
        }],
        missing: Vec::new(),
        redirects: Default::default(),
    }
}

fn manifest(root: &Path) -> std::path::PathBuf {
    root.join("issues/2025-01/issue.json")
}

/// Loads after replacing the manifest by `f(original JSON value)`; returns the one problem.
fn problem_after(f: impl FnOnce(serde_json::Value) -> serde_json::Value) -> String {
    let dir = tempfile::tempdir().unwrap();
    write_issue(dir.path(), &issue(), b"src").unwrap();
    let original: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(manifest(dir.path())).unwrap()).unwrap();
    fs::write(manifest(dir.path()), f(original).to_string()).unwrap();
    let (archive, problems) = load_dir(dir.path());
    assert!(archive.issues.is_empty(), "the damaged issue must not load");
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems[0].problem.clone()
}

#[test]
fn a_good_manifest_loads_as_written() {
    let dir = tempfile::tempdir().unwrap();
    write_issue(dir.path(), &issue(), b"src").unwrap();
    let (archive, problems) = load_dir(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(archive.issues, vec![issue()]);
}

#[test]
fn every_field_as_an_array_is_still_not_an_object() {
    // serde would read a struct from an array of its fields in order; the format says object.
    let order = [
        "format",
        "id",
        "kind",
        "title",
        "year",
        "number",
        "volume",
        "months",
        "published",
        "source",
        "cover",
        "sections",
        "missing",
    ];
    let p = problem_after(|v| {
        let fields = order.iter().map(|k| v[*k].clone()).collect();
        serde_json::Value::Array(fields)
    });
    assert!(p.contains("must be a JSON object"), "{p}");
}

#[test]
fn a_newer_format_is_named_as_such() {
    let p = problem_after(|mut v| {
        v["format"] = 2.into();
        v
    });
    assert!(p.contains("format version 2 is not supported"), "{p}");
}

#[test]
fn a_schema_error_names_the_field() {
    let p = problem_after(|mut v| {
        v["sections"][0]["articles"][0]["listed"] = "yes".into();
        v
    });
    assert!(p.contains("field `sections[0].articles[0].listed`"), "{p}");
}
