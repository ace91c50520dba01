//! `magreader toc ISSUE [--json]`: an issue's sections and articles, in reading order, and the
//! CONTENTS entries that were not found in the text.

use std::io::Write;

use super::{CliError, find_issue, json};
use crate::archive::{Archive, SectionKind};
use crate::text::sanitize::sanitize;

/// Plain output:
///
/// ```text
/// 2025-06 · 2025 No.6 · Nov/Dec · Vol.136
///
/// 1  CHINA SCENE 中国视窗 · p.8
///    p.8   English title · 中文标题  (some-article)
/// -  Front matter
///    -     Masthead  (masthead)
/// ```
///
/// Column numbers are the reader's `1`–`9` jump keys; front matter is marked `-`. The article
/// id, for `magreader show ISSUE ARTICLE`, ends the line (ids are long slugs; titles first keeps
/// the list readable at 80 columns).
pub fn run(
    archive: &Archive,
    issue_id: &str,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let issue = find_issue(archive, issue_id)?;
    if as_json {
        json::write(out, &json::Toc::new(issue))?;
        return Ok(());
    }
    writeln!(
        out,
        "{} · {}",
        sanitize(&issue.id),
        sanitize(&issue.label())
    )?;
    if let Some(cover) = &issue.cover {
        writeln!(out, "Cover: {}", sanitize(cover))?;
    }
    let mut column = 0;
    for s in &issue.sections {
        writeln!(out)?;
        let marker = if s.kind == SectionKind::Front {
            "-".to_string()
        } else {
            column += 1;
            column.to_string()
        };
        let mut head = format!("{marker:<2} {}", sanitize(&s.name));
        if let Some(zh) = &s.name_zh {
            head.push(' ');
            head.push_str(&sanitize(zh));
        }
        if let Some(p) = s.page {
            head.push_str(&format!(" · p.{p}"));
        }
        writeln!(out, "{head}")?;
        for a in &s.articles {
            let page = a
                .page
                .map(|p| format!("p.{p}"))
                .unwrap_or_else(|| "-".into());
            let mut line = format!("   {page:<5} {}", sanitize(&a.title));
            if let Some(zh) = &a.title_zh {
                line.push_str(" · ");
                line.push_str(&sanitize(zh));
            }
            line.push_str(&format!("  ({})", sanitize(&a.id)));
            writeln!(out, "{line}")?;
        }
    }
    if !issue.missing.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Listed on the CONTENTS page but not found in the text:"
        )?;
        for m in &issue.missing {
            let mut line = format!("   {}: {}", sanitize(&m.section), sanitize(&m.title));
            if let Some(zh) = &m.title_zh {
                line.push_str(" · ");
                line.push_str(&sanitize(zh));
            }
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
