//! No raw markup reaches the archive: the importer writes one normal form for what the exports
//! mark in several ways (see "Inline markup" in docs/archive-format.md). Checked over every
//! article of the built-in archive and over a hostile source made here.

use magreader::archive::{Article, load_builtin};
use magreader::import::import_text;
use regex::Regex;

/// What must not be left: an HTML tag (a `<br>` in a table row and an autolink `<https://…>`
/// are the archive's own), TeX or caret marks, a `**` without its pair in a paragraph, a `■`.
fn raw_markup(text: &str) -> Vec<String> {
    let tag = Regex::new(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>").unwrap();
    let tex = Regex::new(r"(^|[^\\$])\$[^\s$][^$]{0,80}?[^\s$\\]\$").unwrap();
    let item = Regex::new(r"(?m)^\s*(?:[-*+]|\d{1,3}[.)])\s").unwrap();
    let mut found = Vec::new();
    for para in text.split("\n\n") {
        for m in tag.find_iter(para) {
            let t = m.as_str();
            let table_break = t == "<br>" && para.starts_with('|');
            if !table_break && !t.contains("://") && !t.contains('@') {
                found.push(t.to_string());
            }
        }
        for pat in ["^{", "^[", "■"] {
            if para.contains(pat) {
                found.push(pat.to_string());
            }
        }
        if let Some(m) = tex.find(para) {
            found.push(m.as_str().to_string());
        }
        // Emphasis never runs from one list item into the next.
        let mut starts: Vec<usize> = item.find_iter(para).map(|m| m.start()).collect();
        starts.insert(0, 0);
        starts.push(para.len());
        for w in starts.windows(2) {
            let unit = &para[w[0]..w[1]];
            if unit.matches("**").count() % 2 == 1 {
                found.push(format!("unpaired ** in {:.60}", unit));
            }
        }
    }
    found
}

fn fields(a: &Article) -> String {
    [
        Some(a.title.as_str()),
        a.title_zh.as_deref(),
        a.subtitle.as_deref(),
        a.byline.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n\n")
}

#[test]
fn the_built_in_archive_holds_no_raw_markup() {
    let (archive, problems) = load_builtin();
    assert!(problems.is_empty(), "{problems:?}");
    let mut checked = 0;
    for issue in &archive.issues {
        for a in issue.sections.iter().flat_map(|s| &s.articles) {
            let found = raw_markup(a.body.as_str());
            assert!(found.is_empty(), "{}/{}: {found:?}", issue.id, a.id);
            let found = raw_markup(&fields(a));
            assert!(found.is_empty(), "{}/{} fields: {found:?}", issue.id, a.id);
            checked += 1;
        }
    }
    assert!(checked > 100, "checked {checked} articles");
}

#[test]
fn a_hostile_source_imports_to_the_normal_form() {
    let para = "The study examined the standards of four regions and found that most of their requirements agree.";
    let text = format!(
        "CHINA\n\n2025\nNO.3\n\nCONTENTS\n\n62 | RESEARCH & EXPLORATION 研究与探索\n\nA study of markup\n标记研究\n\n\
         # A study of markup\n\nBy Zhang Qi<sup>1,2</sup>, Li Wei^{{3*}}, Wu Fan^{{a,b}}\n\n\
         As shown before (2021)<sup>[1]</sup>, decisions^[1-3] matter; FBXO43 ($p=0.0074$) and 20 $\\mu$s and $x_2 \\leq 10^{{4}}$.\n\n\
         A <span class=\"x\">tagged</span> word and a **stray bold.\n\n\
         ## ■ Work plan\n\n{para}\n\n\
         <p>Cell one.</p> <p>Note.</p>\tSecond cell\n\
         x\ty\n\n\
         It ends here. [CS](#)\n"
    );
    let (issue, report) = import_text("hostile.txt", &text).expect("imports");
    assert_eq!(report.lines_placed, report.lines, "{:?}", report.unplaced);
    let a = issue
        .sections
        .iter()
        .flat_map(|s| &s.articles)
        .find(|a| a.title == "A study of markup")
        .expect("the article");
    assert_eq!(
        raw_markup(a.body.as_str()),
        Vec::<String>::new(),
        "{}",
        a.body
    );
    assert_eq!(raw_markup(&fields(a)), Vec::<String>::new());
    assert_eq!(
        a.byline.as_deref(),
        Some("By Zhang Qi¹˒², Li Wei³*, Wu Fan[a,b]")
    );
    assert!(
        a.body.contains(
            "(2021)[1], decisions[1-3] matter; FBXO43 (p=0.0074) and 20 μs and x₂ ≤ 10⁴."
        ),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("| Cell one.<br>Note. | Second cell |"),
        "{}",
        a.body
    );
    assert!(a.body.ends_with("It ends here."), "{}", a.body);
}
