//! The manifest loader on arbitrary bytes as `issue.json` (article files always present):
//! never panics; either the issue loads with safe ids, or there is exactly one problem naming a
//! file of that issue. A second, valid issue always loads. What loads is then checked
//! (`magreader check`'s rules) and drawn by the reader, which must not panic either.

#![no_main]


use libfuzzer_sys::fuzz_target;
use magreader::archive::store::is_safe_id;

/// A small valid manifest for the issue that must always load.
const OTHER: &str = r#"{"format": 1, "id": "2024-03", "kind": "magazine", "title": "T", "year": 2024,
 "number": 3, "volume": null, "months": null, "published": null, "source": "s.txt",
 "cover": null, "sections": [{"id": "c", "kind": "column", "name": "C", "name_zh": null,
 "page": 1, "articles": [{"id": "a", "title": "A", "title_zh": null, "subtitle": null,
 "page": 1, "byline": null, "listed": true, "file": "a.md"}]}], "missing": []}"#;

fuzz_target!(|data: &[u8]| {
    let mut store = magreader::archive::MemStore {
        any_body: Some(b"Body text with \x1b[2J a sequence.\n".to_vec()),
        ..Default::default()
    };
    store
        .dirs
        .entry("2025-06".into())
        .or_default()
        .insert("issue.json".into(), data.to_vec());
    store
        .dirs
        .entry("2024-03".into())
        .or_default()
        .insert("issue.json".into(), OTHER.as_bytes().to_vec());

    let (archive, problems) = magreader::archive::load(&store);
    assert!(archive.issue("2024-03").is_some(), "{problems:?}");
    match archive.issue("2025-06") {
        Some(issue) => {
            assert!(problems.is_empty(), "{problems:?}");
            for a in issue.sections.iter().flat_map(|s| &s.articles) {
                assert!(is_safe_id(&a.id), "{:?}", a.id);
            }
        }
        None => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(
                problems[0].path.starts_with("mem/issues/2025-06/"),
                "{problems:?}"
            );
            assert!(!problems[0].problem.is_empty());
        }
    }

    let _ = magreader::cli::check::check_archive(&archive, &store, &|_| true);
    let mut app = magreader::app::App::new(archive, 80, 24);
    for key in ['1', 'j', 'G'] {
        app.handle_key(magreader::app::Key::Char(key));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| magreader::ui::draw(f, &app, &magreader::ui::Theme::new(true)))
            .unwrap();
    }
});
