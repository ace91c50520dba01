//! `magreader check`: validates the archive and names every bad file and why.
//!
//! The loader already refuses files it cannot read (bad JSON, wrong types, unknown format
//! version, missing article files, unsafe or duplicate ids). On the issues that did load, this
//! reads every article body (the loader leaves them unread: invalid UTF-8 shows here) and adds
//! the checks that make an archive *usable*: titles present, bodies not
//! empty, no control characters or escape sequences hidden in the text, the source file kept,
//! dates well formed, section ids unique.

use std::collections::HashSet;
use std::io::Write;

use super::check_json::{Problem, Report};
use super::{ArchiveSource, CliError, clean};
use crate::archive::store::{MANIFEST, article_file_name};
use crate::archive::{Archive, Issue, LoadProblem, Store};

/// Runs every check and prints one line per problem (`FILE: PROBLEM`) and a summary. Fails
/// (exit 1) when there is any problem, load problems included.
pub fn run(
    source: &ArchiveSource,
    archive: &Archive,
    load_problems: &[LoadProblem],
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let store = source.store();
    let mut problems: Vec<LoadProblem> = load_problems.to_vec();
    if archive.issues.is_empty() && problems.is_empty() {
        // An empty archive is not a valid one: the reader would open on nothing.
        problems.push(LoadProblem {
            path: store.display_path("", "").trim_end_matches('/').to_string(),
            problem: "the archive holds no issues; import a source into it with \
                      `magreader import SOURCE --archive DIR`"
                .into(),
        });
    }
    problems.extend(check_archive(archive, store.as_ref(), &|name| {
        source.has_source(name)
    }));
    let articles: usize = archive.issues.iter().map(Issue::article_count).sum();
    if as_json {
        let report = Report {
            ok: problems.is_empty(),
            issues: archive.issues.len(),
            articles,
            problems: problems.iter().map(Problem::new).collect(),
        };
        super::json::write(out, &report)?;
    } else {
        for p in &problems {
            writeln!(out, "{}", clean(&p.to_string()))?;
        }
    }
    let summary = format!(
        "checked {} issue{} and {} article{}",
        archive.issues.len(),
        plural(archive.issues.len()),
        articles,
        plural(articles)
    );
    if problems.is_empty() {
        if !as_json {
            writeln!(out, "{summary}: ok")?;
        }
        Ok(())
    } else {
        Err(CliError::Invalid(format!(
            "{summary}: {} problem{} (listed above)",
            problems.len(),
            plural(problems.len())
        )))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The checks beyond loading. `has_source` says whether `sources/<name>` exists.
pub fn check_archive(
    archive: &Archive,
    store: &dyn Store,
    has_source: &dyn Fn(&str) -> bool,
) -> Vec<LoadProblem> {
    let mut out = Vec::new();
    for issue in &archive.issues {
        check_issue(issue, store, has_source, &mut out);
    }
    out
}

fn check_issue(
    issue: &Issue,
    store: &dyn Store,
    has_source: &dyn Fn(&str) -> bool,
    out: &mut Vec<LoadProblem>,
) {
    let manifest = store.display_path(&issue.id, MANIFEST);
    let mut report = |problem: String| {
        out.push(LoadProblem {
            path: manifest.clone(),
            problem,
        })
    };

    if issue.title.trim().is_empty() {
        report("field `title` is empty; give the issue its title".into());
    }
    if issue.source.is_empty() || issue.source.contains(['/', '\\']) || issue.source == ".." {
        report(format!(
            "field `source`: `{}` is not a file name; give the name of the raw source in sources/",
            issue.source
        ));
    } else if !has_source(&issue.source) {
        report(format!(
            "field `source`: sources/{} does not exist; restore the raw source (or re-import it)",
            issue.source
        ));
    }
    if let Some(date) = &issue.published
        && !is_iso_date(date)
    {
        report(format!(
            "field `published`: `{date}` is not a date of the form YYYY-MM-DD"
        ));
    }
    if issue.article_count() == 0 {
        report("the issue has no articles; re-import its source".into());
    }

    let mut section_ids = HashSet::new();
    for (n, s) in issue.sections.iter().enumerate() {
        if !section_ids.insert(s.id.as_str()) {
            report(format!(
                "sections[{n}]: section id `{}` appears twice; section ids must be unique",
                s.id
            ));
        }
        if s.name.trim().is_empty() {
            report(format!("sections[{n}] (`{}`): field `name` is empty", s.id));
        }
    }
    // Text that ends up on the terminal: control characters here mean a damaged or hostile
    // file (the reader neutralises them, but they should not be in the archive).
    let mut fields: Vec<(String, &str)> = vec![("title".into(), issue.title.as_str())];
    if let Some(c) = &issue.cover {
        fields.push(("cover".into(), c));
    }
    if let Some(m) = &issue.months {
        fields.push(("months".into(), m));
    }
    for (n, s) in issue.sections.iter().enumerate() {
        fields.push((format!("sections[{n}].name"), &s.name));
        if let Some(zh) = &s.name_zh {
            fields.push((format!("sections[{n}].name_zh"), zh));
        }
        for (k, a) in s.articles.iter().enumerate() {
            let at = format!("sections[{n}].articles[{k}]");
            fields.push((format!("{at}.title"), &a.title));
            for (name, v) in [
                ("title_zh", &a.title_zh),
                ("subtitle", &a.subtitle),
                ("byline", &a.byline),
            ] {
                if let Some(v) = v {
                    fields.push((format!("{at}.{name}"), v));
                }
            }
        }
    }
    // The optional list of CONTENTS entries not found in the text, shown by `toc`.
    for (n, m) in issue.missing.iter().enumerate() {
        if m.title.trim().is_empty() {
            report(format!(
                "missing[{n}]: field `title` is empty; give the CONTENTS entry's title or remove it"
            ));
        }
        fields.push((format!("missing[{n}].section"), &m.section));
        fields.push((format!("missing[{n}].title"), &m.title));
        if let Some(zh) = &m.title_zh {
            fields.push((format!("missing[{n}].title_zh"), zh));
        }
    }
    for (field, value) in fields {
        if let Some(list) = forbidden_in(value, false) {
            report(format!("field `{field}` contains {list}"));
        }
    }

    for a in issue.sections.iter().flat_map(|s| &s.articles) {
        let path = store.display_path(&issue.id, &article_file_name(&a.id));
        if a.title.trim().is_empty() {
            out.push(LoadProblem {
                path: manifest.clone(),
                problem: format!("article `{}`: field `title` is empty", a.id),
            });
        }
        // Bodies are read on first use, so this is where a body that cannot be read (invalid
        // UTF-8, unreadable) shows; read without keeping, so checking holds one body at a time.
        let body = match a.body.read_uncached() {
            Ok(body) => body,
            Err(p) => {
                out.push(p);
                continue;
            }
        };
        // A listed entry may legitimately be a bare heading (a report chapter whose text is in
        // its numbered subsections); an unlisted article exists only for its text.
        if body.trim().is_empty() && !a.listed {
            out.push(LoadProblem {
                path: path.clone(),
                problem: "the article body is empty and the CONTENTS page does not list it; \
                          restore its text or remove the article"
                    .into(),
            });
        }
        // Every line holding one, so a hand fix does not take a `check` run per line; past
        // MAX_LINES_REPORTED one more problem counts the rest.
        let mut bad_lines = body
            .lines()
            .enumerate()
            .filter_map(|(i, l)| forbidden_in(l, true).map(|list| (i + 1, list)));
        for (line, list) in bad_lines.by_ref().take(MAX_LINES_REPORTED) {
            out.push(LoadProblem {
                path: path.clone(),
                problem: format!("line {line} contains {list}"),
            });
        }
        let more = bad_lines.count();
        if more > 0 {
            out.push(LoadProblem {
                path,
                problem: format!(
                    "{more} more line{} contain control characters (not listed)",
                    plural(more)
                ),
            });
        }
    }
}

/// Lines with control characters listed per article file before the rest are only counted.
const MAX_LINES_REPORTED: usize = 100;

/// `the control character U+001B (ESC); remove it`, or `the control characters U+001B (ESC),
/// U+0007 (BEL); remove them`: every distinct one in `text`, in order of appearance; `None`
/// when there is none.
fn forbidden_in(text: &str, in_body: bool) -> Option<String> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars().filter(|&c| is_forbidden(c, in_body)) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    match found.as_slice() {
        [] => None,
        [one] => Some(format!(
            "the control character {}; remove it",
            describe(*one)
        )),
        many => Some(format!(
            "the control characters {}; remove them",
            many.iter()
                .map(|&c| describe(c))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// C0 and C1 controls, DEL and the bidi overrides/isolates (which can make text display in an
/// order other than the stored one). Bodies may hold tabs (tables) and `\r` (files saved with CRLF);
/// single-line fields may hold neither.
fn is_forbidden(c: char, in_body: bool) -> bool {
    if in_body && (c == '\t' || c == '\r') {
        return false;
    }
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `U+001B (ESC)`: readable in a message, and itself free of control characters.
fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (ESC)",
        '\u{7}' => " (BEL)",
        '\u{0}' => " (NUL)",
        '\t' => " (TAB)",
        '\r' => " (CR)",
        '\n' => " (LF)",
        '\u{9b}' => " (CSI)",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => " (bidi control)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2025-11-30"));
        assert!(!is_iso_date("2025-13-01"));
        assert!(!is_iso_date("2025-1-01"));
        assert!(!is_iso_date("30 Nov 2025"));
    }

    #[test]
    fn tabs_allowed_in_bodies_only() {
        assert!(!is_forbidden('\t', true));
        assert!(is_forbidden('\t', false));
        assert!(is_forbidden('\u{1b}', true));
        assert!(is_forbidden('\u{9b}', true));
        assert!(is_forbidden('\u{202E}', true));
        assert!(!is_forbidden('中', false));
    }

    #[test]
    fn described_characters_are_printable() {
        assert_eq!(describe('\u{1b}'), "U+001B (ESC)");
        assert_eq!(describe('\u{85}'), "U+0085");
    }
}
