//! `magreader show ISSUE [ARTICLE] [--width N] [--raw] [--json]`: one article, or the whole issue in
//! reading order (front matter included, where the issue stores it).
//!
//! Each article is a title block (title, Chinese title, subtitle, byline, one per line) and its
//! body. Plain output wraps everything with the reader's wrapping engine; `--raw` prints the
//! stored Markdown unwrapped, and only neutralises control characters when stdout is a
//! terminal (a pipe gets the stored bytes, so `show --raw > file` round-trips).

use std::io::Write;

use super::hyperlink;
use super::show_json::{ShowArticle, ShowIssue};
use super::{CliError, find_article, find_issue};
use crate::app::layout::MAX_MEASURE;
use crate::archive::{Archive, Article, Issue, Section, SectionKind};
use crate::text::markdown::layout_with_links;
use crate::text::sanitize::sanitize;
use crate::text::tex::raised;

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Plain text wrapped to this many columns; `hyperlinks` makes the link list's targets
    /// OSC 8 hyperlinks (a terminal that draws them, see [`super::hyperlink::supported`]).
    Plain { width: usize, hyperlinks: bool },
    /// Stored Markdown, unwrapped. `to_terminal` neutralises control characters.
    Raw { to_terminal: bool },
    /// The article's fields and Markdown as JSON (see [`super::show_json`]).
    Json,
}

/// Width of plain output when none is given: the terminal's, but no wider than the reader's
/// measure (a line longer than that is hard to read); 80 when stdout is not a terminal.
pub fn default_width() -> usize {
    super::terminal_width().map_or(80, |w| w.min(usize::from(MAX_MEASURE)))
}

pub fn run(
    archive: &Archive,
    issue_id: &str,
    article_id: Option<&str>,
    mode: Mode,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let issue = find_issue(archive, issue_id)?;
    let shown: Vec<&Article> = match article_id {
        Some(id) if mode == Mode::Json => {
            let (section, article) = find_article(issue, id)?;
            super::json::write(out, &ShowArticle::new(issue, section, article))?;
            vec![article]
        }
        None if mode == Mode::Json => {
            super::json::write(out, &ShowIssue::new(issue))?;
            issue.sections.iter().flat_map(|s| &s.articles).collect()
        }
        Some(id) => {
            let (_, article) = find_article(issue, id)?;
            write_article(article, mode, out)?;
            vec![article]
        }
        None => {
            write_issue(issue, mode, out)?;
            issue.sections.iter().flat_map(|s| &s.articles).collect()
        }
    };
    // A body that could not be read was printed as a message naming its file (see
    // `archive::body`); the command fails too, so a script does not take it for the text.
    let problems: Vec<String> = shown
        .iter()
        .filter_map(|a| a.body.load().err())
        .map(|p| sanitize(&p.to_string()).into_owned())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::Invalid(problems.join("\n")))
    }
}

fn write_issue(issue: &Issue, mode: Mode, out: &mut dyn Write) -> std::io::Result<()> {
    emit(&format!("{} · {}\n", issue.id, issue.label()), mode, out)?;
    let mut column = 0;
    for section in &issue.sections {
        if section.kind != SectionKind::Front {
            column += 1;
        }
        emit("\n", mode, out)?;
        emit(&section_heading(section, column), mode, out)?;
        for article in &section.articles {
            emit("\n", mode, out)?;
            write_article(article, mode, out)?;
        }
    }
    Ok(())
}

/// `== 1 · CHINA SCENE 中国视窗 · p.8 ==`; front matter has no number. Plain ASCII rules, so
/// the line looks the same under any CJK width setting.
fn section_heading(section: &Section, column: usize) -> String {
    let mut s = String::from("== ");
    if section.kind != SectionKind::Front {
        s.push_str(&format!("{column} · "));
    }
    s.push_str(&section.name);
    if let Some(zh) = &section.name_zh {
        s.push(' ');
        s.push_str(zh);
    }
    if let Some(p) = section.page {
        s.push_str(&format!(" · p.{p}"));
    }
    s.push_str(" ==\n");
    s
}

fn write_article(article: &Article, mode: Mode, out: &mut dyn Write) -> std::io::Result<()> {
    let mut head = String::new();
    for line in title_block(article) {
        // Plain output reads as the reader shows it: `Yang Yongqi^{2,3}` as `Yang Yongqi²˒³`.
        // Raw output is the stored text.
        match mode {
            Mode::Plain { .. } => head.push_str(&raised(line)),
            Mode::Raw { .. } | Mode::Json => head.push_str(line),
        }
        head.push('\n');
    }
    head.push('\n');
    emit(&head, mode, out)?;
    match mode {
        Mode::Raw { .. } | Mode::Json => {
            let mut body = article.body.to_string();
            if !body.ends_with('\n') {
                body.push('\n');
            }
            emit(&body, mode, out)
        }
        Mode::Plain { width, hyperlinks } => {
            let laid = layout_with_links(&article.body, width);
            let text = hyperlink::lines(&laid, false).join("\n");
            if !hyperlinks {
                return write_plain_lines(&text, out);
            }
            // Sanitised line by line before the hyperlinks go in: the reader's own sequences
            // are the only escapes printed.
            let mut all = String::new();
            for (plain, linked) in text.split('\n').zip(hyperlink::lines(&laid, true)) {
                let safe = sanitize(plain);
                all.push_str(if safe == plain { &linked } else { &safe });
                all.push('\n');
            }
            out.write_all(all.as_bytes())
        }
    }
}

/// Title, Chinese title, subtitle, byline: those the article has, in that order.
pub fn title_block(article: &Article) -> Vec<&str> {
    [
        Some(article.title.as_str()),
        article.title_zh.as_deref(),
        article.subtitle.as_deref(),
        article.byline.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect()
}

/// Writes text that came from the archive in the given mode: raw to a pipe as stored,
/// everything else sanitised; plain text wrapped.
fn emit(text: &str, mode: Mode, out: &mut dyn Write) -> std::io::Result<()> {
    match mode {
        Mode::Raw { to_terminal: false } => out.write_all(text.as_bytes()),
        Mode::Raw { to_terminal: true } | Mode::Json => out.write_all(sanitize(text).as_bytes()),
        Mode::Plain { width, .. } => {
            // Short metadata lines (titles, headings) go through the same wrapper as bodies,
            // one paragraph per line, so a long title never overflows the width.
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches('\n');
                if content.is_empty() {
                    writeln!(out)?;
                } else {
                    write_plain_lines(&wrap_line(content, width), out)?;
                }
            }
            Ok(())
        }
    }
}

/// Wrapped plain text, each line ending in a newline. The text is already sanitised (by
/// `to_plain` or `wrap_line`); sanitising again is a cheap no-op that keeps this function safe
/// on its own.
fn write_plain_lines(text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let text = sanitize(text);
    out.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One metadata line (a title, a heading), sanitised before wrapping so the width is measured
/// on what is printed.
fn wrap_line(line: &str, width: usize) -> String {
    let line = sanitize(line);
    crate::text::wrap::wrap_str(&line, width).join("\n")
}
