//! `magreader show` keeps a body's hard line breaks (two trailing spaces, a trailing backslash,
//! `<br>`) at every width, prints an article's link targets after it, and never prints an HTML
//! tag.

use crate::cli_support;

use cli_support::*;

const MASTHEAD: &str = "President: Wu Jinhui  \nVice President & Chief Editor: Guo Kai\\\n\
Vice President: Cheng Lichun<br>Tel: +86 10 5881 1000\n\n\
Website: [CSP](http://www.cspress.com.cn) · [back to top](#)\n";

fn archive() -> tempfile::TempDir {
    let mut issue = magazine(2025, 6);
    issue.sections[0]
        .articles
        .push(article("imprint", "Imprint", None, 2, MASTHEAD));
    let byline = &mut issue.sections[0].articles.last_mut().unwrap().byline;
    *byline = Some("By Yang Yongqi^{2,3}, Li Na^{1*}".into());
    let dir = tempfile::tempdir().expect("tempdir");
    write_archive(dir.path(), &[issue]);
    dir
}

#[test]
fn show_keeps_hard_breaks_and_lists_links() {
    let dir = archive();
    for width in ["24", "40", "80", "120"] {
        let o = on_archive(
            dir.path(),
            &["show", "2025-06", "imprint", "--width", width],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        // Each of these starts a line of its own, however wide the line is.
        for start in [
            "President: Wu",
            "Vice President & Chief",
            "Vice President: Cheng",
            "Tel: +86",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(start)),
                "{start:?} does not start a line at width {width}:\n{out}"
            );
        }
        assert!(!out.contains("<br>") && !out.contains('\\'), "{out}");
        assert!(out.contains("Yongqi²˒³") && out.contains("Na¹*"), "{out}");
        assert!(
            out.contains("CSP\u{a0}[1]") && !out.contains("[2]"),
            "a dead link has no number: {out}"
        );
        // At 24 the target (25 columns) is longer than the line and is cut; elsewhere it is
        // whole.
        if width != "24" {
            assert!(lines.contains(&"[1] http://www.cspress.com.cn"), "{out}");
        }
    }
}
