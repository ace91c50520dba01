//! The CONTENTS page of a magazine issue, in each of its layouts, and a report's table of
//! contents.

use regex::Regex;
use std::sync::LazyLock;

use super::lines::{
    cjk_count, has_cjk, heading_level, is_blank, is_chinese, is_kicker, is_paragraph, normalize,
    strip_markup,
};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TocColumn {
    pub name: String,
    pub name_zh: Option<String>,
    pub page: Option<u32>,
    pub entries: Vec<TocEntry>,
    /// A report's chapter number (`I`, `II`, ...), if any.
    pub chapter: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TocEntry {
    pub title: String,
    pub subtitle: Option<String>,
    pub title_zh: Option<String>,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toc {
    pub columns: Vec<TocColumn>,
    /// Line index of the `CONTENTS` heading.
    pub start: usize,
    /// First line after the contents page (where the body starts).
    pub end: usize,
}

static CONTENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#+\s*)?(?i:contents|table of contents)\s*$").unwrap());
/// `08 | CHINA SCENE 中国视窗`, `| SUPPLEMENT 最新标准公告`, `- 08** | Title`.
static PIPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:-\s*)?(\d{1,3})?\s*\|\s*(.+)$").unwrap());
/// A report's entry: text, then the page after a tab.
static TAB_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?)[\s.…]*\t\s*(\d{1,3})\s*$").unwrap());
static SUBSECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((?:[ivxlc]+|\d+)\)\s").unwrap());

pub fn find_contents(lines: &[&str]) -> Option<usize> {
    lines.iter().position(|l| CONTENTS.is_match(l.trim()))
}

/// Splits `CHINA SCENE 中国视窗` into its English and Chinese parts.
fn split_name(s: &str) -> (String, Option<String>) {
    match s.char_indices().find(|&(_, c)| super::lines::is_cjk(c)) {
        Some((i, _)) => {
            let en = s[..i].trim().to_string();
            let zh = s[i..].trim().to_string();
            (en, (!zh.is_empty()).then_some(zh))
        }
        None => (s.trim().to_string(), None),
    }
}

/// Whether a (markup-stripped) line names a column: an all-capitals English name, or a short
/// English name followed by its Chinese name on the same line.
fn column_name(s: &str) -> Option<(String, Option<String>)> {
    let (en, zh) = split_name(s);
    let words = en.split_whitespace().count();
    if en.is_empty() || words > 5 {
        return None;
    }
    let letters: Vec<char> = en.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    // `Supplement 最新标准公告`: a capitalised English word or two, then a short Chinese name
    // (a note in brackets after it aside).
    let short_zh = zh.as_deref().is_some_and(|z| {
        let z = z.split(['(', '（']).next().unwrap_or(z).trim();
        cjk_count(z) <= 8 && !z.chars().any(|c| c.is_ascii_alphanumeric())
    });
    let capitalised = en.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '&')
    });
    if all_caps || (short_zh && words <= 3 && capitalised && letters.len() >= 4) {
        Some((title_case(&en), zh))
    } else {
        None
    }
}

/// `EXCHANGE & COOPERATION` → `Exchange & Cooperation`.
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "and" | "of" | "the" | "&") {
                lower
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Pending {
    en: Vec<String>,
    zh: Vec<String>,
    page: Option<u32>,
}

impl Pending {
    fn finish(self) -> Option<TocEntry> {
        if self.en.is_empty() && self.zh.is_empty() {
            return None;
        }
        let mut title = String::new();
        let mut subtitle: Option<String> = None;
        for l in &self.en {
            if let Some(rest) = l.strip_prefix(['—', '–']) {
                let rest = rest.trim_start_matches(['—', '–']).trim();
                match &mut subtitle {
                    Some(s) => {
                        s.push(' ');
                        s.push_str(rest);
                    }
                    None => subtitle = Some(rest.to_string()),
                }
            } else if let Some(s) = &mut subtitle {
                s.push(' ');
                s.push_str(l);
            } else {
                if !title.is_empty() {
                    title.push(' ');
                }
                title.push_str(l);
            }
        }
        let zh = join_cjk(&self.zh);
        if title.is_empty() {
            title = zh.clone();
        }
        Some(TocEntry {
            title,
            subtitle,
            title_zh: (!zh.is_empty()).then_some(zh),
            page: self.page,
        })
    }
}

/// Joins Chinese lines: no space between ideographs, a space between Latin words.
pub fn join_cjk(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if let (Some(a), Some(b)) = (out.chars().last(), p.chars().next())
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Parses a magazine's CONTENTS page, which starts at line `start`.
pub fn parse_magazine(lines: &[&str], start: usize) -> Toc {
    let mut columns: Vec<TocColumn> = Vec::new();
    let mut pending = Pending::default();
    let mut end = lines.len();
    let mut listed: Vec<String> = Vec::new();

    let flush = |pending: &mut Pending, columns: &mut Vec<TocColumn>, listed: &mut Vec<String>| {
        if let Some(e) = std::mem::take(pending).finish() {
            listed.push(normalize(&e.title));
            if columns.is_empty() {
                columns.push(TocColumn::default());
            }
            columns.last_mut().unwrap().entries.push(e);
        }
    };

    for (i, raw) in lines.iter().enumerate().skip(start + 1) {
        if is_blank(raw) {
            continue;
        }
        let norm = normalize(raw);
        // The body begins where a listed title comes round again, at a running label, or at
        // the first paragraph of running text.
        let pending_title = (!pending.zh.is_empty()).then(|| normalize(&pending.en.join(" ")));
        let repeats = !norm.is_empty()
            && (pending.en.is_empty() || !pending.zh.is_empty())
            && listed
                .iter()
                .chain(pending_title.as_ref())
                .any(|t| t == &norm || (norm.len() >= 20 && t.starts_with(&norm)));
        if repeats || is_kicker(raw) || is_paragraph(raw) {
            end = i;
            break;
        }
        let text = strip_markup(raw);
        if let Some(c) = PIPE.captures(&text) {
            let page = c.get(1).and_then(|m| m.as_str().parse().ok());
            let rest = c[2].trim().to_string();
            if let Some((name, zh)) = column_name(&rest) {
                flush(&mut pending, &mut columns, &mut listed);
                columns.push(TocColumn {
                    name,
                    name_zh: zh,
                    page,
                    ..Default::default()
                });
            } else {
                flush(&mut pending, &mut columns, &mut listed);
                pending.page = page;
                pending.en.push(rest);
                if let Some(col) = columns.last_mut()
                    && col.page.is_none()
                {
                    col.page = page;
                }
            }
            continue;
        }
        let is_heading = heading_level(raw).is_some();
        let at_entry_boundary = pending.en.is_empty() || !pending.zh.is_empty();
        if (is_heading || at_entry_boundary)
            && let Some((name, zh)) = column_name(&text)
        {
            flush(&mut pending, &mut columns, &mut listed);
            columns.push(TocColumn {
                name,
                name_zh: zh,
                ..Default::default()
            });
            continue;
        }
        if is_chinese(raw) {
            let col_wants_zh = columns
                .last()
                .is_some_and(|c| c.name_zh.is_none() && c.entries.is_empty())
                && pending.en.is_empty()
                && cjk_count(&text) <= 10;
            if col_wants_zh {
                columns.last_mut().unwrap().name_zh = Some(text);
            } else {
                pending.zh.push(text);
            }
            continue;
        }
        if text.starts_with('(') && text.ends_with(')') && pending.en.is_empty() {
            // A note on the column (`(free of charge)`) rather than a title; kept in the
            // contents page text.
            continue;
        }
        if !pending.zh.is_empty() {
            flush(&mut pending, &mut columns, &mut listed);
        }
        if has_cjk(&text) && !pending.en.is_empty() {
            pending.zh.push(text);
        } else {
            pending.en.push(text);
        }
    }
    flush(&mut pending, &mut columns, &mut listed);
    for col in &mut columns {
        if let Some(first) = col.entries.first_mut()
            && first.page.is_none()
        {
            first.page = col.page;
        }
    }
    Toc {
        columns,
        start,
        end,
    }
}

/// Parses a report's table of contents: chapters (`I. …`, `PREFACE`, `Conclusion`) and their
/// numbered subsections (`(i) …`), each with its page after a tab.
pub fn parse_report(lines: &[&str], start: usize) -> Toc {
    let mut columns: Vec<TocColumn> = Vec::new();
    let mut end = lines.len();
    for (i, raw) in lines.iter().enumerate().skip(start + 1) {
        if is_blank(raw) {
            continue;
        }
        let Some(c) = TAB_ENTRY.captures(raw.trim_end()) else {
            if !columns.is_empty() {
                end = i;
                break;
            }
            continue;
        };
        let title = c[1].trim().trim_end_matches(['.', '…']).trim().to_string();
        let page = c[2].parse().ok();
        if SUBSECTION.is_match(&title) && !columns.is_empty() {
            columns.last_mut().unwrap().entries.push(TocEntry {
                title,
                page,
                ..Default::default()
            });
        } else {
            columns.push(TocColumn {
                name: title,
                page,
                chapter: true,
                ..Default::default()
            });
        }
    }
    Toc {
        columns,
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(
            column_name("CHINA SCENE 中国视窗"),
            Some(("China Scene".into(), Some("中国视窗".into())))
        );
        assert_eq!(
            column_name("Supplement 最新标准公告 (free of charge)"),
            Some((
                "Supplement".into(),
                Some("最新标准公告 (free of charge)".into())
            ))
        );
        assert_eq!(column_name("6G Global Summit"), None);
        assert_eq!(
            title_case("EXCHANGE & COOPERATION"),
            "Exchange & Cooperation"
        );
    }
}
