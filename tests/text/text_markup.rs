//! No markup reaches the screen: raw HTML tags, TeX (`$…$`, `^{`), reference marks (`^[`) and
//! stray `**` are never in the rendered text, at the widths a reader uses. Checked on a hostile
//! fixture of every form the renderer must handle, and on every article of the built-in archive.

use magreader::app::article::lay_out;
use magreader::archive::Article;
use regex::Regex;

/// What markup left on a rendered line looks like.
fn leftovers(text: &str) -> Vec<String> {
    let tag = Regex::new(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>|<!--").unwrap();
    let math = Regex::new(r"\$[^$\s][^$]*\$").unwrap();
    // A tag of an HTML element; `<Standardization Law>` is a title in angle brackets, shown.
    let mut found: Vec<String> = tag
        .find_iter(text)
        .filter(|m| magreader::text::html::meaning(m.as_str()).is_some())
        .map(|m| m.as_str().to_string())
        .collect();
    found.extend(math.find_iter(text).map(|m| m.as_str().to_string()));
    for mark in ["^{", "^[", "**"] {
        if text.contains(mark) {
            found.push(mark.to_string());
        }
    }
    found
}

/// Every form of markup the exports leave that the renderer (not the importer) answers for.
const HOSTILE: &str = "\
Intro (2021)<sup>[1]</sup>, the literature^[1-3] and decision-making^[4].  \n\
By Yang Yongqi^{2,3}, Li Na^{1*}\\\n\
FBXO43 ($p=0.0074$) and 20 $\\mu$s, $F_y(N)=0.5(F_z+0.5m^+g)$, $10^{-6}\\times 3$.

**Strong** and *emphasis* across a  \nhard **break**<br>and <span class=\"x\">spans</span><!-- a comment -->.

<div align=\"center\">
<p>Block HTML <b>bold</b><br/>second line</p>
</div>

| Item | Text |
| --- | --- |
| Load | <p>Vertical static load refers to the load.</p><p>Second paragraph.</p> |
| Mark^[2] | x<sup>2</sup> and <i>italic</i> |

|  |  |
| --- | --- |
| Pei Zheyi | 王芳 |
| ajcc_pathologic_t: |  |
| T1 | 35 (50.0%) |

The <Standardization Law> is a title, not a tag.

See [here](#), [the site](https://www.example.com/a/very/long/path/that/goes/on/and/on/index.html) and <https://www.itu.int/160/>.
";

fn article(id: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        title: "Title".into(),
        title_zh: None,
        subtitle: None,
        page: None,
        byline: None,
        listed: true,
        body: body.into(),
    }
}

fn check_body(id: &str, body: &str, failures: &mut Vec<String>) {
    let a = article(id, body);
    for width in [40u16, 80, 120] {
        for line in lay_out(&a, width) {
            let text = line.text();
            for found in leftovers(&text) {
                failures.push(format!("{id} at {width}: {found:?} in {text:?}"));
            }
        }
    }
}

#[test]
fn hostile_fixture_renders_without_markup() {
    let mut failures = Vec::new();
    check_body("hostile", HOSTILE, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // And the text itself is all there.
    let plain = magreader::text::markdown::to_plain(HOSTILE, 80);
    for want in [
        "(2021)[1]",
        "literature[1-3]",
        "Yongqi²˒³",
        "Na¹*",
        "p=0.0074",
        "20 μs",
        "10⁻⁶× 3",
        "Block HTML bold\nsecond line",
        "Vertical static load",
        "x2 and italic",
        "See here,",
        "the site\u{a0}[1]",
        "The <Standardization Law> is a title",
    ] {
        assert!(plain.contains(want), "{want:?} missing from:\n{plain}");
    }
}

/// The built-in archive as the importer stores it: no article shows raw markup at any width.
#[test]
fn builtin_archive_renders_without_markup() {
    let (archive, _problems) = magreader::archive::load_builtin();
    let mut failures = Vec::new();
    for issue in &archive.issues {
        for section in &issue.sections {
            for a in &section.articles {
                for width in [40u16, 80, 120] {
                    for line in lay_out(a, width) {
                        let text = line.text();
                        for found in leftovers(&text) {
                            failures.push(format!(
                                "{}/{} at {width}: {found:?} in {text:?}",
                                issue.id, a.id
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} lines:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
