//! The importer on arbitrary text: never panics; a source it accepts has every line placed,
//! safe and unique ids, no control character in any title, and the files it would write load
//! back into the same issue.

#![no_main]


use libfuzzer_sys::fuzz_target;
use magreader::archive::store::is_safe_id;
use magreader::import::import_text;
use magreader::text::sanitize::has_controls;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((issue, report)) = import_text("fuzz.txt", text) else {
        return;
    };
    assert_eq!(
        report.lines_placed, report.lines,
        "lines not placed: {:?}",
        report.unplaced
    );
    assert!(is_safe_id(&issue.id), "issue id {:?}", issue.id);
    let mut ids = std::collections::HashSet::new();
    for s in &issue.sections {
        assert!(is_safe_id(&s.id), "section id {:?}", s.id);
        assert!(!has_controls(&s.name), "section name {:?}", s.name);
        for a in &s.articles {
            assert!(is_safe_id(&a.id), "article id {:?}", a.id);
            assert!(ids.insert(a.id.clone()), "article id {:?} twice", a.id);
            for field in [
                Some(&a.title),
                a.title_zh.as_ref(),
                a.subtitle.as_ref(),
                a.byline.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(!has_controls(field), "{field:?}");
            }
        }
    }

    // What the importer writes, the loader reads back.
    let store = magreader::archive::MemStore::of_issue(&issue);
    let (archive, problems) = magreader::archive::load(&store);
    assert!(problems.is_empty(), "{problems:?}");
    let back = &archive.issues[0];
    assert_eq!(back.sections.len(), issue.sections.len());
    for (s, t) in issue.sections.iter().zip(&back.sections) {
        assert_eq!(
            (&s.id, &s.name, s.articles.len()),
            (&t.id, &t.name, t.articles.len())
        );
        for (a, b) in s.articles.iter().zip(&t.articles) {
            assert_eq!((&a.id, &a.title), (&b.id, &b.title));
            let stored = if a.body.ends_with('\n') {
                a.body.to_string()
            } else {
                format!("{}\n", a.body)
            };
            assert_eq!(stored, b.body);
        }
    }
});
