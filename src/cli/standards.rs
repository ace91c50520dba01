//! `magreader standards [QUERY] [--json]`: every standard the archive mentions, with its
//! editions, how often it is mentioned and the articles; with a query, the standards it names
//! and a snippet around each mention.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::{CliError, json};
use crate::archive::Archive;
use crate::search::fulltext::{Field, Hit};
use crate::search::snippet::snippet;
use crate::search::standards::{Standard, StandardsIndex};
use crate::standards::StandardQuery;
use crate::text::sanitize::sanitize;

/// Snippet width, in display columns, in both outputs.
pub const SNIPPET_WIDTH: usize = 80;

/// One element of `standards --json`. Stable for scripts: fields may be added, never renamed.
#[derive(Debug, Serialize)]
pub struct StandardEntry<'a> {
    /// The undated designation: `GB/T 17766`, `ISO/IEC 42001`, `ISO/IEC TR 24028`.
    pub designation: &'a str,
    /// The issuing body as written: `GB/T`, `ISO/IEC`, `T/CAS`.
    pub body: &'a str,
    /// The number with its parts: `17766`, `25639-1`, `Y.3172`.
    pub number: &'a str,
    /// The editions the archive names (years; ASTM's two digits), oldest first.
    pub editions: &'a [String],
    /// How many times the archive mentions it.
    pub mentions: usize,
    pub articles: Vec<StandardArticle<'a>>,
}

/// An article mentioning a standard.
#[derive(Debug, Serialize)]
pub struct StandardArticle<'a> {
    pub issue: &'a str,
    pub article: &'a str,
    pub title: &'a str,
    /// The column (or chapter) the article is in, as the reader shows it.
    pub column: &'a str,
    /// How many times this article mentions the standard.
    pub mentions: usize,
    /// With a query: one line around the article's first mention, at most 80 columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// With a query: a snippet around every mention in the article, in text order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippets: Option<Vec<String>>,
}

/// Runs the command. A query that names no standard is "not found" (exit 1), like `find`.
pub fn run(
    archive: &Archive,
    query: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let query = match query {
        None => None,
        Some(q) => Some(StandardQuery::new(q).ok_or_else(|| {
            CliError::Invalid(
                "the query is empty; give a designation or a number, e.g. `magreader standards \"GB/T 17766\"` or `magreader standards 42001`".into(),
            )
        })?),
    };
    let index = StandardsIndex::build(archive);
    let chosen: Vec<&Standard> = index
        .standards
        .iter()
        .filter(|s| query.as_ref().is_none_or(|q| s.named_by(q)))
        .collect();
    let with_snippets = query.is_some();
    let entries: Vec<StandardEntry> = chosen
        .iter()
        .map(|s| entry(archive, s, with_snippets))
        .collect();
    if as_json {
        json::write(out, &entries)?;
    } else {
        print_plain(&entries, out)?;
    }
    match query {
        Some(_) if entries.is_empty() => Err(CliError::NotFound(
            "no standard in the archive matches the query; run `magreader standards` to see them all".into(),
        )),
        _ => Ok(()),
    }
}

fn entry<'a>(archive: &'a Archive, s: &'a Standard, with_snippets: bool) -> StandardEntry<'a> {
    let articles = s
        .articles()
        .into_iter()
        .map(|hits| {
            let first = &hits[0];
            let (issue, section, article) = first.locate(archive);
            let snippets = with_snippets.then(|| snippets(archive, hits));
            StandardArticle {
                issue: &issue.id,
                article: &article.id,
                title: &article.title,
                column: &section.name,
                mentions: hits.len(),
                snippet: snippets.as_ref().and_then(|s| s.first().cloned()),
                snippets,
            }
        })
        .collect();
    StandardEntry {
        designation: &s.designation,
        body: &s.body,
        number: &s.number,
        editions: &s.editions,
        mentions: s.mentions.len(),
        articles,
    }
}

/// A snippet around each of one article's mentions. The body is read again (the index does
/// not keep it), once per article.
fn snippets(archive: &Archive, hits: &[Hit]) -> Vec<String> {
    let (_, _, article) = hits[0].locate(archive);
    let body: Option<Cow<str>> = hits
        .iter()
        .any(|h| h.field == Field::Body)
        .then(|| article.body.read_uncached().ok())
        .flatten();
    hits.iter()
        .filter_map(|h| {
            let text: &str = match h.field {
                Field::Body => body.as_deref()?,
                field => field.text(article)?,
            };
            Some(snippet(text, h.range.clone(), SNIPPET_WIDTH).text)
        })
        .collect()
}

/// `DESIGNATION  editions …  ·  N mentions in M articles`, then one indented line per article
/// (`ISSUE  COLUMN  TITLE  (ARTICLE)`) and, with a query, its snippets below it.
fn print_plain(entries: &[StandardEntry], out: &mut dyn Write) -> Result<(), CliError> {
    for e in entries {
        let editions = if e.editions.is_empty() {
            String::new()
        } else {
            format!("  editions {}", e.editions.join(", "))
        };
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        writeln!(
            out,
            "{}{}  ·  {} in {}",
            sanitize(e.designation),
            sanitize(&editions),
            plural(e.mentions, "mention"),
            plural(e.articles.len(), "article"),
        )?;
        for a in &e.articles {
            writeln!(
                out,
                "  {}  {}  {}  ({})",
                sanitize(a.issue),
                sanitize(a.column),
                sanitize(a.title),
                sanitize(a.article)
            )?;
            for s in a.snippets.iter().flatten() {
                writeln!(out, "      {s}")?;
            }
        }
    }
    Ok(())
}
