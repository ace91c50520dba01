//! The rules of a valid archive, in one place. What an issue's manifest must keep to load at
//! all ([`loadable`], applied by the loader to every issue) and what a loaded archive must keep
//! to be usable ([`check_archive`], applied by `magreader check`, which also reads every body).
//! Every message names the field or line and what to do.

use std::collections::HashSet;

use super::store::{MANIFEST, article_file_name, is_safe_id};
use super::{Archive, Issue, LoadProblem, Store};

/// The rules a manifest keeps beyond its schema: safe ids, the directory named by the issue's
/// id, article ids unique, each article's file named by its id. `articles` gives each
/// article's (id, file).
pub fn loadable<'a>(
    id: &str,
    dir: &str,
    articles: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), String> {
    if !is_safe_id(id) {
        return Err(format!(
            "field `id`: `{id}` is not a valid id (use lowercase letters, digits and `-`)"
        ));
    }
    if id != dir {
        return Err(format!(
            "field `id` is `{id}` but the directory is `{dir}`; an issue's directory is named by its id, so rename one to match"
        ));
    }
    // Every issue of an archive goes through here at each start, so the ids are checked for
    // repeats by sorting a list of them (a set hashed with SipHash showed in profiles).
    let mut ids = Vec::new();
    for (a, file) in articles {
        if !is_safe_id(a) {
            return Err(format!(
                "article id `{a}` is not a valid id (use lowercase letters, digits and `-`)"
            ));
        }
        if file.strip_suffix(".md") != Some(a) {
            return Err(format!(
                "article `{a}`: field `file` must be `{}`, found `{file}`",
                article_file_name(a)
            ));
        }
        ids.push(a);
    }
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        // Named as the reader meets it: the first id seen again.
        let mut seen = HashSet::new();
        if let Some(a) = ids.into_iter().find(|a| !seen.insert(*a)) {
            return Err(format!(
                "article id `{a}` appears twice; article ids must be unique within an issue"
            ));
        }
    }
    Ok(())
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
    // A magazine of this century: year 0 is what an import of a text with no issue in it gives.
    if !(1900..=2200).contains(&issue.year) {
        report(format!(
            "field `year`: {} is not a year of publication; give the issue's year (re-import its source, or edit the field)",
            issue.year
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
                    if more == 1 { "" } else { "s" }
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
    use crate::archive::{MemStore, fixture};

    #[test]
    fn an_issue_of_year_zero_is_not_usable() {
        let mut issue = fixture::issue(
            "2025-01",
            2025,
            1,
            vec![fixture::article("a", "A", "Text.\n")],
        );
        let store = MemStore::default();
        let archive = Archive {
            issues: vec![issue.clone()],
        };
        let year = |archive: &Archive| {
            check_archive(archive, &store, &|_| true)
                .into_iter()
                .filter(|p| p.problem.starts_with("field `year`"))
                .count()
        };
        assert_eq!(year(&archive), 0);
        issue.year = 0;
        let archive = Archive {
            issues: vec![issue],
        };
        assert_eq!(year(&archive), 1);
    }

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
