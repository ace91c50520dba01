//! The importer decides where articles start from what the text says, not from how the export
//! happened to mark it up: the committed sources with their Markdown headings and bold
//! stripped, or saved with a byte-order mark and CRLF line ends, give the same articles.

use std::fs;
use std::path::Path;

use magreader::archive::Issue;
use magreader::import::import_text;

fn sources() -> Vec<(String, String)> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/archive/sources"));
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .expect("archive/sources exists")
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5, "the five seeds are committed");
    out
}

/// Each article as (section, title, Chinese title, listed), in reading order.
fn shape(issue: &Issue) -> Vec<(String, String, Option<String>, bool)> {
    issue
        .sections
        .iter()
        .flat_map(|s| {
            s.articles.iter().map(|a| {
                (
                    s.name.clone(),
                    a.title.clone(),
                    a.title_zh.clone(),
                    a.listed,
                )
            })
        })
        .collect()
}

fn import(name: &str, text: &str) -> Issue {
    let (issue, report) = import_text(name, text).expect("imports");
    assert_eq!(
        report.lines_placed, report.lines,
        "{name}: lines not placed: {:?}",
        report.unplaced
    );
    issue
}

/// `## Title` → `Title`, `**Name**` → `Name`: what a plainer export gives.
fn strip_headings_and_bold(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            let l = if hashes > 0 && t[hashes..].starts_with(' ') {
                t[hashes..].trim_start()
            } else {
                l
            };
            l.replace("**", "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn headings_and_bold_stripped_give_the_same_articles() {
    for (name, text) in sources() {
        let plain = strip_headings_and_bold(&text);
        assert_ne!(plain, text, "{name}: the variant differs from the source");
        let a = shape(&import(&name, &text));
        let b = shape(&import(&name, &plain));
        assert_eq!(a, b, "{name}: articles differ without headings and bold");
    }
}

#[test]
fn bom_and_crlf_give_the_same_issue() {
    for (name, text) in sources() {
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let a = import(&name, &text);
        let b = import(&name, &windows);
        assert_eq!(
            shape(&a),
            shape(&b),
            "{name}: articles differ with BOM and CRLF"
        );
        assert_eq!(a.id, b.id);
        for (x, y) in a
            .sections
            .iter()
            .flat_map(|s| &s.articles)
            .zip(b.sections.iter().flat_map(|s| &s.articles))
        {
            assert_eq!(x.body.as_str(), y.body.as_str(), "{name}: body of {}", x.id);
        }
    }
}
