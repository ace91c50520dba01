//! The `--json` shapes of `list`, `toc` and `find`. These are a stable interface for scripts
//! (documented in the README): fields may be added, never renamed or removed.
//!
//! Optional values are always present, as `null` when absent, so scripts can rely on the keys.

use serde::Serialize;

use crate::archive::{Article, Issue, Missing, Section};

/// One element of `magreader list --json`.
#[derive(Debug, Serialize)]
pub struct ListEntry<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    /// `2025 No.6 · Nov/Dec · Vol.136`, as shown in the reader.
    pub label: String,
    pub year: u32,
    pub number: Option<u32>,
    pub volume: Option<u32>,
    pub months: Option<&'a str>,
    pub published: Option<&'a str>,
    pub source: &'a str,
    pub cover: Option<&'a str>,
    /// Number of articles, front matter included.
    pub articles: usize,
    /// Number of CONTENTS entries not found in the body.
    pub missing: usize,
}

impl<'a> ListEntry<'a> {
    pub fn new(issue: &'a Issue) -> Self {
        ListEntry {
            id: &issue.id,
            kind: issue.kind.as_str(),
            title: &issue.title,
            label: issue.label(),
            year: issue.year,
            number: issue.number,
            volume: issue.volume,
            months: issue.months.as_deref(),
            published: issue.published.as_deref(),
            source: &issue.source,
            cover: issue.cover.as_deref(),
            articles: issue.article_count(),
            missing: issue.missing.len(),
        }
    }
}

/// `magreader toc ISSUE --json`.
#[derive(Debug, Serialize)]
pub struct Toc<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    pub label: String,
    pub sections: Vec<TocSection<'a>>,
    pub missing: Vec<TocMissing<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TocSection<'a> {
    /// Section id, stable within the issue.
    pub id: &'a str,
    /// `column`, `chapter` or `front`.
    pub kind: &'static str,
    /// 1-based column number as used by the reader's `1`–`9` keys; `null` for front matter.
    pub column: Option<usize>,
    pub name: &'a str,
    pub name_zh: Option<&'a str>,
    pub page: Option<u32>,
    pub articles: Vec<TocArticle<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TocArticle<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    pub page: Option<u32>,
    pub byline: Option<&'a str>,
    /// Whether the CONTENTS page lists the article (unlisted: short news items).
    pub listed: bool,
}

#[derive(Debug, Serialize)]
pub struct TocMissing<'a> {
    pub section: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
}

pub fn section_kind(section: &Section) -> &'static str {
    match section.kind {
        crate::archive::SectionKind::Column => "column",
        crate::archive::SectionKind::Chapter => "chapter",
        crate::archive::SectionKind::Front => "front",
    }
}

impl<'a> Toc<'a> {
    pub fn new(issue: &'a Issue) -> Self {
        let mut column = 0;
        let sections = issue
            .sections
            .iter()
            .map(|s| {
                let number = (s.kind != crate::archive::SectionKind::Front).then(|| {
                    column += 1;
                    column
                });
                TocSection {
                    id: &s.id,
                    kind: section_kind(s),
                    column: number,
                    name: &s.name,
                    name_zh: s.name_zh.as_deref(),
                    page: s.page,
                    articles: s.articles.iter().map(TocArticle::new).collect(),
                }
            })
            .collect();
        Toc {
            id: &issue.id,
            kind: issue.kind.as_str(),
            title: &issue.title,
            label: issue.label(),
            sections,
            missing: issue.missing.iter().map(TocMissing::new).collect(),
        }
    }
}

impl<'a> TocArticle<'a> {
    fn new(a: &'a Article) -> Self {
        TocArticle {
            id: &a.id,
            title: &a.title,
            title_zh: a.title_zh.as_deref(),
            subtitle: a.subtitle.as_deref(),
            page: a.page,
            byline: a.byline.as_deref(),
            listed: a.listed,
        }
    }
}

impl<'a> TocMissing<'a> {
    fn new(m: &'a Missing) -> Self {
        TocMissing {
            section: &m.section,
            title: &m.title,
            title_zh: m.title_zh.as_deref(),
        }
    }
}

/// One element of `magreader find QUERY --json`.
#[derive(Debug, Serialize)]
pub struct FindHit<'a> {
    pub issue: &'a str,
    pub article: &'a str,
    /// The section's display name (`Spotlight`), as shown in the plain output.
    pub section: &'a str,
    pub section_id: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
    /// Fuzzy-match score; higher is better. Only comparable within one query.
    pub score: i64,
}

/// Pretty-printed JSON with a trailing newline, so `jq` and humans both read it. serde_json
/// escapes the C0 control characters in strings already; DEL, the C1 controls (U+009B is a
/// CSI to some terminals) and the bidi controls it would write raw are escaped too
/// ([`NoBidi`]), so JSON printed to a terminal cannot act on it or reorder what it shows.
pub fn write<T: Serialize>(out: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    let formatter = NoBidi(serde_json::ser::PrettyFormatter::new());
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, formatter);
    value.serialize(&mut ser)?;
    writeln!(out)
}

/// The pretty formatter, writing DEL, C1 controls and the bidi embedding, override and isolate
/// controls inside strings as `\uXXXX` escapes (the same string to a JSON parser).
struct NoBidi(serde_json::ser::PrettyFormatter<'static>);

fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Hands each layout call to the pretty formatter.
macro_rules! pretty {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for NoBidi {
    pretty!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(needs_escape) {
            let c = rest[at..].chars().next().unwrap_or_default();
            w.write_all(&rest.as_bytes()[..at])?;
            write!(w, "\\u{:04X}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bidi_controls_are_escaped_and_read_back_the_same() {
        let value = serde_json::json!({"t": "a\u{202E}b\u{2066}c\u{1b}d\u{9b}e\u{7f} 中"});
        let mut out = Vec::new();
        super::write(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\n  \"t\": \"a\\u202Eb\\u2066c\\u001bd\\u009Be\\u007F 中\"\n}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
