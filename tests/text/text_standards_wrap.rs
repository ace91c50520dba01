//! The wrapper never breaks inside a standard's designation ("GB/|T", "ISO/|IEC",
//! "17766-|2020") unless the designation alone is wider than the line: checked on every
//! article of the built-in archive, laid out at several widths, at every line break.

use magreader::archive::load_builtin;
use magreader::standards::recognise;
use magreader::text::markdown::layout;
use magreader::text::width::str_width;

#[test]
fn no_designation_of_the_builtin_archive_is_split_over_two_lines() {
    let (archive, _) = load_builtin();
    let mut checked = 0;
    for width in [24, 37, 50, 72] {
        for issue in &archive.issues {
            for section in &issue.sections {
                for article in &section.articles {
                    let lines: Vec<String> = layout(&article.body, width)
                        .into_iter()
                        .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
                        .collect();
                    for pair in lines.windows(2) {
                        let (a, b) = (pair[0].trim_end(), pair[1].trim_start());
                        if a.is_empty() || b.is_empty() {
                            continue;
                        }
                        // Rejoined as the wrapper found them: a space where it broke at one.
                        for joined in [format!("{a} {b}"), format!("{a}{b}")] {
                            for f in recognise(&joined) {
                                let across = f.range.start < a.len() && f.range.end > a.len() + 1;
                                let wide = str_width(&joined[f.range.clone()]) > width;
                                assert!(
                                    !across || wide,
                                    "{} split at width {width}:\n{a}\n{b}",
                                    &joined[f.range.clone()]
                                );
                            }
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked} line breaks checked");
}
