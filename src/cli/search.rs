//! `magreader search QUERY... [--json] [--limit N]`: full-text search for scripts, the same
//! engine and rules as the reader's search popup (smartcase, literal, a space matches any
//! whitespace run). Hits come in archive order: newest issue first; within an issue, the
//! columns and chapters in reading order, then the front matter.
//!
//! No hit is not an error: the output is empty (`[]` with `--json`) and the exit status 0,
//! because "this phrase occurs nowhere" is a normal answer for a script counting mentions.

use std::io::Write;
use std::ops::ControlFlow::{Break, Continue};

use serde::Serialize;

use super::{COLUMN_WIDTH, CliError, cut, json};
use crate::archive::Archive;
use crate::search::query::Query;
use crate::search::scan::{Found, scan};
use crate::text::sanitize::sanitize;
use crate::text::width::str_width;

/// Snippet width in `--json` output, in display columns.
pub const JSON_SNIPPET_WIDTH: usize = 80;
/// Plain output: titles longer than this are cut.
const TITLE_WIDTH: usize = 40;
/// Plain output: column names (a report's chapter titles are long) are cut to this.
/// Plain output: the narrowest snippet, whatever the terminal's width.
const MIN_SNIPPET_WIDTH: usize = 30;

/// One element of `search --json`. Stable for scripts: fields may be added, never renamed.
#[derive(Debug, Serialize)]
pub struct SearchHit<'a> {
    pub issue: &'a str,
    pub article: &'a str,
    pub title: &'a str,
    pub title_zh: Option<&'a str>,
    pub section: &'a str,
    pub section_id: &'a str,
    /// Which text the hit is in: `title`, `title_zh`, `subtitle`, `byline` or `body`.
    pub field: &'static str,
    /// UTF-8 byte offset of the hit in that text; for `body`, in the article's Markdown (the
    /// file `issues/ISSUE/ARTICLE.md` of the archive, byte for byte).
    pub offset: usize,
    /// Length of the hit in bytes of that text.
    pub length: usize,
    /// One line around the hit, whitespace collapsed, at most 80 columns.
    pub snippet: String,
    /// [start, end) byte range of the hit inside `snippet`.
    pub snippet_hit: [usize; 2],
}

/// Runs the search. `limit` `None` prints every hit; `width` is the terminal's width for
/// plain output (`None`: 80 columns per snippet).
pub fn run(
    archive: &Archive,
    query: &str,
    limit: Option<usize>,
    as_json: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let Some(q) = Query::new(query) else {
        return Err(CliError::Invalid(
            "the search query is empty; give a word or phrase, e.g. `magreader search \"digital economy\"`".into(),
        ));
    };
    print(archive, &q, limit, as_json, width, out)
}

fn print(
    archive: &Archive,
    q: &Query,
    limit: Option<usize>,
    as_json: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // Hits still to print before the limit.
    let mut room = limit.unwrap_or(usize::MAX);
    if as_json {
        let mut all = Vec::new();
        scan(archive, q, JSON_SNIPPET_WIDTH, |found| {
            all.extend(capped(found, &mut room));
            if room == 0 { Break(()) } else { Continue(()) }
        });
        let rows: Vec<SearchHit> = all.into_iter().map(|f| json_row(archive, f)).collect();
        json::write(out, &rows)?;
        return Ok(());
    }
    // Plain output streams, so `| head` answers before the whole archive is searched.
    // Aligned over the whole archive, since lines are printed as they are found.
    let issue_w = archive
        .issues
        .iter()
        .map(|i| str_width(&sanitize(&i.id)))
        .max()
        .unwrap_or(0);
    // Each column name measured once: a large archive repeats a few names thousands of times.
    let names: std::collections::HashSet<&str> = archive
        .issues
        .iter()
        .flat_map(|i| &i.sections)
        .map(|s| s.name.as_str())
        .collect();
    let section_w = names
        .into_iter()
        .map(|name| str_width(&cut(&sanitize(name), COLUMN_WIDTH)))
        .max()
        .unwrap_or(0);
    // On a terminal the snippet takes the rest of the line; in a pipe, 80 columns.
    let snippet_width = width.map_or(80, |w| {
        w.saturating_sub(issue_w + section_w + TITLE_WIDTH + 6)
            .max(MIN_SNIPPET_WIDTH)
    });
    let mut result = Ok(());
    // The columns before the snippet are the same for every hit in an article (hits come
    // article by article), so they are made once per article.
    let mut head: ((usize, usize, usize), String) = ((usize::MAX, 0, 0), String::new());
    scan(archive, q, snippet_width, |found| {
        let mut lines = String::new();
        for f in capped(found, &mut room) {
            let at = (f.hit.issue, f.hit.section, f.hit.article);
            if head.0 != at {
                let (issue, section, article) = f.hit.locate(archive);
                let id = sanitize(&issue.id);
                let column = cut(&sanitize(&section.name), COLUMN_WIDTH);
                let title = cut(&sanitize(&article.title), TITLE_WIDTH);
                head = (
                    at,
                    format!(
                        "{id}{}  {column}{}  {title}{}  ",
                        " ".repeat(issue_w - str_width(&id)),
                        " ".repeat(section_w - str_width(&column)),
                        " ".repeat(TITLE_WIDTH.saturating_sub(str_width(&title))),
                    ),
                );
            }
            lines.push_str(&head.1);
            lines.push_str(&f.snippet.text);
            lines.push('\n');
        }
        result = out.write_all(lines.as_bytes());
        if result.is_err() || room == 0 {
            Break(())
        } else {
            Continue(())
        }
    });
    Ok(result?)
}

/// The first of `found` that fit in `room`, which they use up.
fn capped(mut found: Vec<Found>, room: &mut usize) -> Vec<Found> {
    found.truncate(*room);
    *room -= found.len();
    found
}

fn json_row(archive: &Archive, f: Found) -> SearchHit<'_> {
    let h = f.hit;
    let (issue, section, article) = h.locate(archive);
    SearchHit {
        issue: &issue.id,
        article: &article.id,
        title: &article.title,
        title_zh: article.title_zh.as_deref(),
        section: &section.name,
        section_id: &section.id,
        field: h.field.as_str(),
        offset: h.range.start,
        length: h.range.len(),
        snippet: f.snippet.text,
        snippet_hit: [f.snippet.hit.start, f.snippet.hit.end],
    }
}
