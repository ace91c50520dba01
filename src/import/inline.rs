//! One normal form for the inline markup the exports carry, decided here so the archive's
//! Markdown holds none of it (see "Inline markup" in `docs/archive-format.md`):
//!
//! - raised marks (`<sup>1,2</sup>`, `^{4*}`) become Unicode superscripts (`¹˒²`, `⁴*`) when
//!   every character has one; references (`^[1]`, `<sup>[4,5]</sup>`, `^[1-3]`) become `[1]`,
//!   `[4,5]`, `[1-3]`;
//! - simple inline TeX (`$p=0.0074$`, `$\mu$`, `$F_y=0.5m^+g$`) becomes text: Greek letters and
//!   operators as their characters, sub- and superscripts as Unicode where they exist;
//! - HTML tags go: a paragraph inside a table cell (`<p>…</p> <p>…</p>`) becomes a line break
//!   in the cell (`<br>`, the one tag a cell may hold), any other tag is dropped and its text
//!   kept;
//! - a stray `**` (one without its pair on the line) is dropped;
//! - decoration goes: `■` before a heading, an end mark (`[CS](#)`, `☒`) after the last word.

use regex::{Captures, Regex};
use std::sync::LazyLock;

use crate::text::tex;

/// `inner` raised: as superscripts if every character has one, else in brackets.
fn raised(inner: &str) -> String {
    let inner = inner.trim();
    if inner.starts_with('[') && inner.ends_with(']') {
        return inner.to_string();
    }
    match inner
        .chars()
        .map(|c| tex::superscript(if c == '–' { '-' } else { c }))
        .collect::<Option<String>>()
    {
        Some(s) => s,
        None => format!("[{inner}]"),
    }
}

/// Raised marks, references and affiliation numbers.
pub fn superscripts(s: &str) -> String {
    static RAISED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<sup>([^<]{0,30})</sup>|\^\{([^}]{0,30})\}|\^\[([^\]]{0,30})\]").unwrap()
    });
    if !s.contains("<sup>") && !s.contains("^{") && !s.contains("^[") {
        return s.to_string();
    }
    RAISED
        .replace_all(s, |c: &Captures| {
            if let Some(r) = c.get(3) {
                return format!("[{}]", r.as_str().trim());
            }
            let inner = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            raised(inner)
        })
        .into_owned()
}

/// `$…$` inline formulas as text. A dollar that is a price (`\$5`, `$5 trillion`) is left.
pub fn inline_tex(s: &str) -> String {
    static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(^|[^\\$])\$([^\s$][^$]{0,80}?[^\s$\\]|[^\s$\\])\$").unwrap()
    });
    // `20  $\mu$ s`: the export spaced a micro sign off its number and its unit.
    static SPACED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\S) {2,}(\$\\mu\$)").unwrap());
    static UNIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\$\\mu\$)\s+([A-Za-z]{1,2})\b").unwrap());
    if !s.contains('$') {
        return bare_carets(s);
    }
    let s = SPACED.replace_all(s, "$1 $2");
    let s = UNIT.replace_all(&s, "$1$2");
    let converted = FORMULA
        .replace_all(&s, |c: &Captures| {
            let body = &c[2];
            // `$5 and $6`: amounts, not a formula.
            if body.chars().next().is_some_and(|ch| ch.is_ascii_digit()) && body.contains(' ') {
                return c[0].to_string();
            }
            format!("{}{}", &c[1], tex::to_text(body))
        })
        .into_owned();
    bare_carets(&converted)
}

/// `m^+` written outside a formula: one raised sign or digit after a letter, digit or `)`,
/// as the formula beside it shows it (`m⁺`).
fn bare_carets(s: &str) -> String {
    static CARET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"([A-Za-z0-9)])\^([+\-0-9])([^A-Za-z0-9^]|$)").unwrap());
    if !s.contains('^') {
        return s.to_string();
    }
    CARET
        .replace_all(s, |c: &Captures| {
            let raised = c[2].chars().next().and_then(tex::superscript);
            match raised {
                Some(r) => format!("{}{r}{}", &c[1], &c[3]),
                None => c[0].to_string(),
            }
        })
        .into_owned()
}

/// HTML tags: paragraphs in a cell become line breaks, everything else goes.
pub fn html(s: &str, in_cell: bool) -> String {
    static PARAS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</p>\s*<p>").unwrap());
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>").unwrap());
    if !s.contains('<') {
        return s.to_string();
    }
    let s = if in_cell {
        PARAS
            .replace_all(s, "<br>")
            .replace("<br/>", "<br>")
            .replace("<br />", "<br>")
    } else {
        s.to_string()
    };
    TAG.replace_all(&s, |c: &Captures| {
        let t = &c[0];
        // An autolink (`<https://…>`) is Markdown, and a name in angle brackets that is no
        // HTML element (`<Standardization Law>`) is the text's own words: both stay, as the
        // reader's `text::html` judges them.
        let autolink = t.contains("://") || t.contains('@');
        let element = crate::text::html::meaning(t).is_some();
        if autolink || !element || (in_cell && t.eq_ignore_ascii_case("<br>")) {
            t.to_string()
        } else {
            String::new()
        }
    })
    .trim()
    .to_string()
}

/// Drops the `**` that has no pair on its line.
pub fn stray_bold(s: &str) -> String {
    if s.matches("**").count().is_multiple_of(2) {
        return s.to_string();
    }
    // The unpaired one is the last: `- 08** | Title`, `**Title`.
    match s.rfind("**") {
        Some(i) => format!("{}{}", &s[..i], &s[i + 2..]),
        None => s.to_string(),
    }
}

/// Decoration that is not text: a `■` before a heading or lead-in, and the end mark after an
/// article's last word (`… practices. [CS](#)`, `… innovation. ☒`).
pub fn decoration(s: &str) -> String {
    static SQUARE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\s*(?:#+\s*)?(?:\*\*)?)■\s*").unwrap());
    static END_MARK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:\[[A-Z]{1,3}\]\(#?\)|[☒□■])\s*$").unwrap());
    if !s.contains(['■', '☒', '□', '#']) {
        return s.to_string();
    }
    let s = SQUARE.replace(s, "$1");
    END_MARK.replace(&s, "").into_owned()
}

/// [`stray_bold`] for a paragraph whose bold may span lines; a list item is a unit of its own,
/// since emphasis never runs from one item into the next (`- 08** | …` / `- 09** | …`).
pub fn stray_bold_in(paragraph: &str) -> String {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d{1,3}[.)])\s").unwrap());
    let mut units: Vec<Vec<&str>> = Vec::new();
    for line in paragraph.split('\n') {
        match units.last_mut() {
            Some(u) if !ITEM.is_match(line) => u.push(line),
            _ => units.push(vec![line]),
        }
    }
    units
        .iter()
        .map(|u| stray_bold(&u.join("\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The normal form of one line (`in_cell`: a table cell, whose stray `**` go too; a line of a
/// paragraph keeps them for [`stray_bold`] on the whole paragraph, since bold may span lines).
pub fn normal_form(s: &str, in_cell: bool) -> String {
    let s = html(&inline_tex(&superscripts(&decoration(s))), in_cell);
    if in_cell { stray_bold(&s) } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raised_marks_and_references() {
        assert_eq!(superscripts("By Zhang Qi<sup>1,2</sup>"), "By Zhang Qi¹˒²");
        assert_eq!(superscripts("Li Xiawei^{4*}"), "Li Xiawei⁴*");
        assert_eq!(
            superscripts("decision-making^[1-3]."),
            "decision-making[1-3]."
        );
        assert_eq!(superscripts("(2021)<sup>[1]</sup>, the"), "(2021)[1], the");
        assert_eq!(superscripts("Yang^{a,b}"), "Yang[a,b]");
    }

    #[test]
    fn tex_becomes_text() {
        assert_eq!(
            inline_tex("FBXO43 ($p=0.0074$) was"),
            "FBXO43 (p=0.0074) was"
        );
        assert_eq!(inline_tex("20 $\\mu$s latency"), "20 μs latency");
        assert_eq!(
            inline_tex("such as 20  $\\mu$ s low latency, 1  $\\mu$ s sync"),
            "such as 20 μs low latency, 1 μs sync"
        );
        assert_eq!(
            inline_tex("(m^+ represents the mass)"),
            "(m⁺ represents the mass)"
        );
        assert_eq!(inline_tex("2^10 and x^y stay"), "2^10 and x^y stay");
        assert_eq!(
            inline_tex("$F_y(N)=0.5(F_z+0.5m^+g)$"),
            "F_y(N)=0.5(F_z+0.5m⁺g)"
        );
        assert_eq!(inline_tex("$x_2 \\leq 3 \\times 10^{4}$"), "x₂ ≤ 3 × 10⁴");
        assert_eq!(inline_tex("costs \\$5 trillion"), "costs \\$5 trillion");
        assert_eq!(inline_tex("$5 and $6 each"), "$5 and $6 each");
    }

    #[test]
    fn html_goes_and_cell_paragraphs_become_breaks() {
        assert_eq!(
            html("<p>This standard applies.</p> <p>Note: not this.</p>", true),
            "This standard applies.<br>Note: not this."
        );
        assert_eq!(html("a <span class=\"x\">b</span> c", false), "a b c");
        assert_eq!(
            html("the <Standardization Law> of 1988", false),
            "the <Standardization Law> of 1988"
        );
        assert_eq!(
            html("see <https://example.org/a>", false),
            "see <https://example.org/a>"
        );
    }

    #[test]
    fn decoration_goes() {
        assert_eq!(
            decoration("## **■ Cooperation plan**"),
            "## **Cooperation plan**"
        );
        assert_eq!(decoration("■ New energy vehicles"), "New energy vehicles");
        assert_eq!(decoration("best practices. [CS](#)"), "best practices.");
        assert_eq!(decoration("into every facet. ☒"), "into every facet.");
        assert_eq!(
            decoration("see [ISO](https://iso.org)"),
            "see [ISO](https://iso.org)"
        );
    }

    #[test]
    fn stray_bold_goes() {
        assert_eq!(
            stray_bold("- 08** | The overall rate"),
            "- 08 | The overall rate"
        );
        assert_eq!(stray_bold("**Bold** text"), "**Bold** text");
        assert_eq!(
            stray_bold_in("- 08** | One\\\n- 09** | Two"),
            "- 08 | One\\\n- 09 | Two"
        );
        assert_eq!(stray_bold_in("**SAY NO\nTO IT!**"), "**SAY NO\nTO IT!**");
    }
}
