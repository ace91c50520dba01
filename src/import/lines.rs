//! Classifying the lines of a raw export: what a line looks like, independent of where it is.

/// Whether `c` is a CJK ideograph or CJK punctuation/fullwidth form.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF00..=0xFFEF // fullwidth forms
        | 0x20000..=0x2FFFF)
}

/// Markdown decoration stripped: leading `#`, `-`/`*` bullets and `>`, emphasis stars and
/// underscores, `<sup>` tags, and the two-space hard break.
pub fn strip_markup(line: &str) -> String {
    let mut s = line.trim();
    s = s.trim_start_matches('#').trim_start();
    if let Some(rest) = s.strip_prefix("- ") {
        s = rest;
    }
    s = s.trim_start_matches('>').trim_start();
    let s = superscripts(s);
    // `Main achievement III**Pair Up**`: the export glued a bold title to a label.
    static GLUED: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"([A-Z0-9])\*\*([A-Z])").unwrap());
    let s = GLUED.replace_all(&s, "$1 $2");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // A star after a superscript marks the corresponding author; elsewhere it is emphasis.
        let mark = c == '*' && out.chars().next_back().is_some_and(is_superscript);
        if (c != '*' || mark) && c != '■' {
            out.push(c);
        }
    }
    // Underscores as emphasis only at the edges; inside words they are text.
    let out = out.trim().trim_matches('_').trim();
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub use super::inline::superscripts;
use crate::text::tex::is_superscript;

/// A heading's text without its leading enumerator (`III.`, `(ii)`, `4.`), normalised: the
/// body may number a chapter differently from the table of contents.
pub fn without_enumerator(s: &str) -> String {
    static ENUMERATOR: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^\(?(?:[ivxlc]+|\d+)[.)]?\s+").unwrap());
    let n = normalize(s);
    ENUMERATOR.replace(&n, "").into_owned()
}

/// Text reduced for comparing titles: lowercase letters, digits and CJK only.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in strip_markup(s).chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

pub fn cjk_count(s: &str) -> usize {
    s.chars()
        .filter(|&c| is_cjk(c) && !c.is_ascii_punctuation())
        .count()
}

/// A line written mostly in Chinese (a Chinese title, column name or byline).
pub fn is_chinese(line: &str) -> bool {
    let s = strip_markup(line);
    let cjk = cjk_count(&s);
    let letters = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
    cjk >= 2 && cjk * 2 >= letters
}

pub fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

/// Ends like a sentence: the next line cannot continue it.
pub fn ends_sentence(line: &str) -> bool {
    let t = strip_markup(line);
    let t = t.trim_end_matches(['"', '”', '’', '\'', ')', '）', ']', '*']);
    t.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '：', '；'])
}

/// Markdown heading level, if the line is a heading.
pub fn heading_level(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let n = t.bytes().take_while(|&b| b == b'#').count();
    (n > 0 && n <= 6 && t[n..].starts_with(' ')).then_some(n)
}

/// `By Cao Xinxin`, `文/靳吉丽`, `Interviewed by …`.
pub fn is_byline(line: &str) -> bool {
    let t = strip_markup(line);
    let lower = t.to_lowercase();
    (lower.starts_with("by ") && t.len() < 300 && !ends_sentence(&t))
        || t.starts_with("文/")
        || t.starts_with("文／")
        || t.starts_with("采访/")
        || lower.starts_with("interviewed by")
        || lower.starts_with("reported by")
        || lower.starts_with("written by")
}

/// Lines that close an article: a source note or a translator's credit.
pub fn is_closing_credit(line: &str) -> bool {
    let t = strip_markup(line);
    let lower = t.to_lowercase();
    lower.starts_with("(source:")
        || lower.starts_with("source:")
        || t.starts_with("编译/")
        || t.starts_with("翻译/")
        || lower.starts_with("(edited and translated")
        || lower.starts_with("(translated by")
        || lower.starts_with("(edited by")
}

/// A dateline under an event notice's title: `March 25-27, Paris, France`,
/// `24 April 2025, online`, `May 17, Geneva, Switzerland & online`.
pub fn is_dateline(line: &str) -> bool {
    static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
        let day = r"\d{1,2}(?:\s*[-–]\s*(?:MONTH\s+)?\d{1,2})?".replace("MONTH", month);
        regex::Regex::new(&format!(
            r"^(?:{month}\s+{day}|{day}\s+{month})(?:,?\s+\d{{4}})?(?:\s*[-–]\s*{month}\s+\d{{1,2}})?,\s+\S"
        ))
        .unwrap()
    });
    let t = strip_markup(line);
    t.len() <= 100 && DATELINE.is_match(&t)
}

/// A line that ends a news item by pointing elsewhere: `For more information: <https://…>`.
pub fn ends_with_link(line: &str) -> bool {
    let t = strip_markup(line);
    let t = t.trim_end_matches(['.', ')', '>']);
    t.rsplit(|c: char| c.is_whitespace() || c == '<' || c == '(')
        .next()
        .is_some_and(|w| {
            w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
        })
}

/// A description of a page's image written in by the export (`The background of the page is
/// decorated with …`): not the article's text.
pub fn is_image_description(line: &str) -> bool {
    let t = strip_markup(line).to_lowercase();
    [
        "the background of the page",
        "the page is decorated",
        "the image shows",
        "the picture shows",
        "the photo shows",
        "this image shows",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// A line of text read off a photographed banner or poster (`TMB - Shaping the path …`):
/// an acronym, a dash, a capitalised phrase, no sentence end.
pub fn is_banner(line: &str) -> bool {
    static BANNER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^[A-Z]{2,6} [-–] [A-Z]").unwrap());
    let t = strip_markup(line);
    BANNER.is_match(&t) && !ends_sentence(&t) && t.len() < 100
}

/// A horizontal rule (`---`).
pub fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*'))
}

/// Running labels of the print layout (`## ■ HEADLINE |`, `## HIGHLIGHTS |`): page furniture.
pub fn is_kicker(line: &str) -> bool {
    let t = strip_markup(line);
    let Some(name) = t.strip_suffix('|') else {
        return false;
    };
    let name = name.trim();
    !name.is_empty()
        && name.len() < 40
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == ' ' || c == '&')
}

/// Could this line be an article title in the body: short, no sentence end, starts with a
/// capital or digit, several words.
pub fn is_title_like(line: &str) -> bool {
    let t = strip_markup(line);
    let words = t.split_whitespace().count();
    let first = t.chars().next().unwrap_or(' ');
    // A line ending in a function word is half a sentence broken by the layout, not a title.
    let last = t.rsplit(' ').next().unwrap_or("").to_lowercase();
    let dangling = matches!(
        last.as_str(),
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "to"
            | "for"
            | "with"
            | "in"
            | "on"
            | "at"
            | "by"
            | "from"
            | "as"
            | "that"
            | "which"
            | "is"
            | "are"
            | "was"
            | "were"
            | "its"
            | "their"
            | "such"
    );
    !dangling
        && (first.is_uppercase() || first.is_ascii_digit() || first == '“' || first == '"')
        && (3..=30).contains(&words)
        && t.len() <= 200
        && !t.ends_with(['.', ':', ';', ',', '，', '。'])
        && !is_byline(line)
        && !is_closing_credit(line)
        && !is_kicker(line)
        && !is_chinese(line)
        && !t.starts_with("Figure")
        && !t.starts_with("Table")
}

/// A paragraph of running text (as opposed to a title, label or caption).
pub fn is_paragraph(line: &str) -> bool {
    let t = line.trim();
    t.len() > 160 || (t.len() > 60 && ends_sentence(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_stripped() {
        assert_eq!(strip_markup("## ■ Work plan  "), "Work plan");
        assert_eq!(
            strip_markup("# Annual Report **published**"),
            "Annual Report published"
        );
        assert_eq!(strip_markup("By Zhang Qi<sup>1,2</sup>"), "By Zhang Qi¹˒²");
        assert_eq!(
            strip_markup("By Wang Min¹, Li Xiawei^{4*} **and**"),
            "By Wang Min¹, Li Xiawei⁴* and"
        );
        assert_eq!(strip_markup("x^{a}"), "x[a]");
    }

    #[test]
    fn chinese_lines() {
        assert!(is_chinese("2024年全国两会概览"));
        assert!(is_chinese(
            "中国代表夏薇佳当选国际标准用户联盟 (IFAN) 副主席"
        ));
        assert!(!is_chinese("6G Global Summit"));
        assert!(!is_chinese("Tian Shihong meets with the delegation of BSI"));
    }

    #[test]
    fn bylines_and_credits() {
        assert!(is_byline("By Jin Jili  "));
        assert!(is_byline("文/靳吉丽"));
        assert!(!is_byline("By the end of 2024, members joined."));
        assert!(is_closing_credit("(Source: IEC)"));
        assert!(is_closing_credit("编译/靳吉丽"));
        assert!(!is_closing_credit("Sources of funding vary."));
    }

    #[test]
    fn kickers_and_titles() {
        assert!(is_kicker("## ■ HEADLINE |"));
        assert!(is_kicker("## HIGHLIGHTS |"));
        assert!(!is_kicker("08 | CHINA SCENE"));
        assert!(is_title_like(
            "Sixteen sectoral standards for ecology and environment released"
        ));
        assert!(!is_title_like(
            "The notice lays out key tasks in five aspects."
        ));
        assert!(!is_title_like("Figure 1: Focus areas of standards"));
        assert!(!is_title_like(
            "The Olympiad was launched in April, and set up 3 tracks for students with"
        ));
    }

    #[test]
    fn enumerators_are_not_part_of_the_heading() {
        assert_eq!(
            without_enumerator("III. Deepen the Alignment"),
            without_enumerator("II. Deepen the alignment")
        );
        assert_eq!(without_enumerator("(ii) Highlights"), "highlights");
        assert_eq!(without_enumerator("Conclusion"), "conclusion");
    }

    #[test]
    fn datelines_and_links() {
        assert!(is_dateline("March 25-27, Paris, France"));
        assert!(is_dateline("May 17, Geneva, Switzerland & online"));
        assert!(is_dateline("24 April 2025, Bishkek"));
        assert!(is_dateline("November 16, Baku, Azerbaijan"));
        assert!(!is_dateline(
            "May 17 marks the day when ITU was founded in Paris."
        ));
        assert!(!is_dateline("March 2025"));
        assert!(ends_with_link(
            "For more information on the event website: <https://example.org/a>"
        ));
        assert!(!ends_with_link("The site is open to all."));
    }

    #[test]
    fn normalized_titles_compare() {
        assert_eq!(
            normalize("# Annual Report on Standardization **published**"),
            normalize("Annual Report on Standardization published")
        );
        assert_eq!(normalize("Dialogue on standards:"), "dialogue on standards");
    }
}
