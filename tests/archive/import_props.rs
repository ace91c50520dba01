//! Property tests: the importer never panics on arbitrary text, and places every line it is
//! given (or refuses the source with a message).

use magreader::import::import_text;
use proptest::prelude::*;

/// Lines shaped like the exports: headings, contents lines, titles, bylines, captions, CJK,
/// tabs, control characters and plain noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("CONTENTS".to_string()),
        Just("Table of Contents".to_string()),
        Just("NO.3".to_string()),
        Just("2025".to_string()),
        Just("MAY/JUNE VOLUME 127".to_string()),
        "[0-9]{1,2} \\| [A-Z]{3,10}( [A-Z&]{1,8})? ?[中国视窗聚光灯]{0,4}",
        "- [0-9]{1,2}\\*\\* \\| [A-Z][a-z ]{5,40}",
        "#{0,3} ?[A-Z][a-z]{2,8}( [a-z]{2,8}){2,8}",
        "By [A-Z][a-z]{2,6} [A-Z][a-z]{2,6}",
        "文/[靳吉丽曹欣方洛凡]{2,4}",
        "\\(Source: [A-Z]{2,5}\\)",
        "Figure [0-9]: [A-Za-z ]{5,30}",
        "[标准化国际合作论坛举办，。、（）《》]{2,30}",
        "[a-z]{2,8}( [a-z]{2,8}){10,40}\\.?",
        "[A-Z][a-z]+\t[0-9]{1,2}",
        "\\([ivx]{1,3}\\) [A-Z][a-z ]{5,40}\t[0-9]{1,2}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202e}a-z ]{0,20}",
        any::<String>().prop_map(|s| s.replace(['\n', '\r'], " ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn every_line_is_placed_or_the_source_is_refused(lines in prop::collection::vec(line(), 0..60)) {
        let text = lines.join("\n");
        match import_text("prop.txt", &text) {
            Ok((issue, report)) => {
                prop_assert_eq!(report.lines_placed, report.lines, "unplaced {:?}", report.unplaced);
                prop_assert!(magreader::archive::store::is_safe_id(&issue.id));
                for a in issue.sections.iter().flat_map(|s| &s.articles) {
                    prop_assert!(magreader::archive::store::is_safe_id(&a.id), "{}", a.id);
                    prop_assert!(!a.title.chars().any(char::is_control), "{:?}", a.title);
                }
            }
            Err(msg) => prop_assert!(!msg.is_empty()),
        }
    }
}
