//! `magreader find QUERY [--json] [--limit N]`: the reader's fuzzy jump (Ctrl-P), for scripts.
//! `--limit 0` and an empty query mean what they mean for `search`: no limit, and a mistake.
//! Same index and ranking as the reader, so a script sees what a person would.

use std::io::Write;

use super::{COLUMN_WIDTH, CliError, cut, json};
use crate::archive::Archive;
use crate::search::fuzzy::TitleIndex;
use crate::text::sanitize::sanitize;
use crate::text::width::str_width;

/// Plain output: one line per match, best first,
/// `ISSUE  COLUMN  TITLE · 中文标题  (ARTICLE)`, the first two columns aligned. No match is
/// "not found" (exit 1), like `grep`.
pub fn run(
    archive: &Archive,
    query: &str,
    limit: Option<usize>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // As `search`: a query with no word is a mistake, not a request for everything.
    if query.trim().is_empty() {
        return Err(CliError::Invalid(
            "the query is empty; give a few letters of a title, e.g. `magreader find spotlight 2025-06`".into(),
        ));
    }
    let index = TitleIndex::new(archive);
    let hits = index.query(query, limit.unwrap_or(usize::MAX));
    if as_json {
        let rows: Vec<json::FindHit> = hits
            .iter()
            .map(|h| {
                let issue = &archive.issues[h.location.issue];
                let section = &issue.sections[h.location.section];
                let article = &section.articles[h.location.article];
                json::FindHit {
                    issue: &issue.id,
                    article: &article.id,
                    section: &section.name,
                    section_id: &section.id,
                    title: &article.title,
                    title_zh: article.title_zh.as_deref(),
                    score: h.score,
                }
            })
            .collect();
        json::write(out, &rows)?;
    } else {
        let rows: Vec<(String, String, String, String)> = hits
            .iter()
            .map(|h| {
                let mut title = sanitize(&h.title).into_owned();
                if let Some(zh) = &h.title_zh {
                    title.push_str(" · ");
                    title.push_str(&sanitize(zh));
                }
                (
                    sanitize(&h.issue).into_owned(),
                    cut(&sanitize(&h.section), COLUMN_WIDTH),
                    title,
                    sanitize(&h.article).into_owned(),
                )
            })
            .collect();
        let issue_w = rows.iter().map(|r| str_width(&r.0)).max().unwrap_or(0);
        let section_w = rows.iter().map(|r| str_width(&r.1)).max().unwrap_or(0);
        for (issue, section, title, article) in &rows {
            writeln!(
                out,
                "{issue}{}  {section}{}  {title}  ({article})",
                " ".repeat(issue_w - str_width(issue)),
                " ".repeat(section_w - str_width(section)),
            )?;
        }
    }
    if hits.is_empty() {
        return Err(CliError::NotFound(format!(
            "no article title matches \"{}\"; try fewer or shorter words",
            sanitize(query)
        )));
    }
    Ok(())
}
