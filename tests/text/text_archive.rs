//! The layout engine on every article of the built-in archive, at widths from 1 to 300.

use magreader::text::markdown::layout;
use magreader::text::sanitize::has_controls;

#[test]
fn every_builtin_article_fits_every_width() {
    let (archive, _problems) = magreader::archive::load_builtin();
    let mut articles = 0;
    for issue in &archive.issues {
        for section in &issue.sections {
            for article in &section.articles {
                articles += 1;
                for width in [1, 3, 17, 40, 79, 300] {
                    let lines = layout(&article.body, width);
                    let mut last = 0;
                    for l in &lines {
                        let t = l.text();
                        assert!(l.width() <= width, "{}: {t:?} > {width}", article.id);
                        assert!(!has_controls(&t), "{}: {t:?}", article.id);
                        assert!(l.offset >= last && l.offset <= article.body.len());
                        last = l.offset;
                    }
                    if width >= 17 && !article.body.trim().is_empty() {
                        assert!(!lines.is_empty(), "{} lays out to nothing", article.id);
                    }
                }
            }
        }
    }
    // The built-in archive may still be growing; it is never empty once imported.
    if !archive.issues.is_empty() {
        assert!(articles > 0);
    }
}
