//! Cutting a report's body into chapters and their numbered subsections.

use super::contents::{Toc, TocEntry};
use super::lines::normalize;
use super::locate::find_title;

/// A stretch of the report: a chapter's opening (its heading and any text before the first
/// subsection) or one subsection.
#[derive(Debug, Clone)]
pub struct Part {
    pub chapter: usize,
    /// `None` for the chapter's opening.
    pub entry: Option<TocEntry>,
    pub start: usize,
    pub title_end: usize,
    pub end: usize,
}

pub struct ReportCut {
    pub parts: Vec<Part>,
    /// Lines between the table of contents and the first chapter.
    pub lead: std::ops::Range<usize>,
    pub missing: Vec<(usize, TocEntry)>,
}

pub fn cut(lines: &[&str], toc: &Toc) -> ReportCut {
    let mut parts: Vec<Part> = Vec::new();
    let mut missing = Vec::new();
    let mut cursor = toc.end;
    for (c, ch) in toc.columns.iter().enumerate() {
        match find_title(lines, &normalize(&ch.name), cursor, lines.len()) {
            Some(f) => {
                cursor = f.end;
                parts.push(Part {
                    chapter: c,
                    entry: None,
                    start: f.start,
                    title_end: f.end,
                    end: lines.len(),
                });
            }
            None => missing.push((
                c,
                TocEntry {
                    title: ch.name.clone(),
                    page: ch.page,
                    ..Default::default()
                },
            )),
        }
        for e in &ch.entries {
            match find_title(lines, &normalize(&e.title), cursor, lines.len()) {
                Some(f) => {
                    cursor = f.end;
                    parts.push(Part {
                        chapter: c,
                        entry: Some(e.clone()),
                        start: f.start,
                        title_end: f.end,
                        end: lines.len(),
                    });
                }
                None => missing.push((c, e.clone())),
            }
        }
    }
    parts.sort_by_key(|p| p.start);
    for k in 0..parts.len().saturating_sub(1) {
        parts[k].end = parts[k + 1].start;
    }
    let first = parts.first().map_or(lines.len(), |p| p.start);
    ReportCut {
        parts,
        lead: toc.end..first,
        missing,
    }
}

/// A report's export can run a chapter heading and its first subsection heading into one line
/// (`II. … Interconnectivity**(i) Standardization …`). Splits such lines in two, returning the
/// pieces and, for each piece, the index of the source line it came from.
pub fn split_run_in<'a>(lines: &[&'a str], toc: &Toc) -> (Vec<&'a str>, Vec<usize>) {
    static MARK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\((?:[ivxIVX]+|\d+)\)\s").unwrap());
    let chapters: Vec<String> = toc.columns.iter().map(|c| normalize(&c.name)).collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut origin = Vec::with_capacity(lines.len());
    for (i, &line) in lines.iter().enumerate() {
        let split = (i >= toc.end)
            .then(|| MARK.find(line))
            .flatten()
            .filter(|m| m.start() > 0)
            .filter(|m| {
                let head = normalize(&line[..m.start()]);
                chapters
                    .iter()
                    .any(|c| super::locate::similarity(c, &head) >= super::locate::THRESHOLD)
            });
        match split {
            Some(m) => {
                out.push(&line[..m.start()]);
                out.push(&line[m.start()..]);
                origin.extend([i, i]);
            }
            None => {
                out.push(line);
                origin.push(i);
            }
        }
    }
    (out, origin)
}
