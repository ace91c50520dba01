//! `magreader check --json`: each problem as `{file, field, line, message}` (docs/json.md).
//!
//! The checks and the loader describe a problem in one sentence that names the field or the
//! line where there is one (`field `published`: …`, `sections[1]: …`, `line 3 contains …`,
//! `invalid JSON at line 4, column 2: …`); the structured fields are read from those
//! sentences, so the plain and the JSON output cannot say different things.

use serde::Serialize;

use crate::archive::LoadProblem;

#[derive(Debug, Serialize)]
pub struct Report {
    /// True when there is no problem (the exit status is then 0).
    pub ok: bool,
    /// Issues and articles that loaded and were checked.
    pub issues: usize,
    pub articles: usize,
    pub problems: Vec<Problem>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as the plain output names it.
    pub file: String,
    /// The manifest field at fault (`published`, `sections[1].name`); `null` when the problem
    /// is not one field's.
    pub field: Option<String>,
    /// The 1-based line of the file at fault; `null` when not one line's.
    pub line: Option<u64>,
    /// The whole problem, as the plain output gives it after `FILE: `.
    pub message: String,
}

impl Problem {
    pub fn new(p: &LoadProblem) -> Self {
        Problem {
            file: p.path.clone(),
            field: field_of(&p.problem),
            line: line_of(&p.problem),
            message: p.problem.clone(),
        }
    }
}

/// `sections[1]`, `missing[0].title`, `published`, `sections[0].articles[2].title`.
fn field_of(message: &str) -> Option<String> {
    let prefix = ["sections[", "missing["]
        .iter()
        .any(|p| message.starts_with(p))
        .then(|| {
            let end = message.find([':', ' ']).unwrap_or(message.len());
            &message[..end]
        });
    let named = message.find("field `").and_then(|at| {
        let rest = &message[at + "field `".len()..];
        rest.find('`').map(|end| &rest[..end])
    });
    match (prefix, named) {
        (Some(p), Some(f)) => Some(format!("{p}.{f}")),
        (Some(p), None) => Some(p.to_string()),
        (None, Some(f)) => Some(f.to_string()),
        (None, None) => None,
    }
}

/// The number after the first `line ` that is followed by one.
fn line_of(message: &str) -> Option<u64> {
    message.match_indices("line ").find_map(|(at, _)| {
        let before_ok = at == 0 || !message.as_bytes()[at - 1].is_ascii_alphanumeric();
        let digits: String = message[at + "line ".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if before_ok { digits.parse().ok() } else { None }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(message: &str) -> (Option<String>, Option<u64>) {
        (field_of(message), line_of(message))
    }

    #[test]
    fn fields_and_lines_are_read_from_the_sentences_check_writes() {
        let f = |s: &str| Some(s.to_string());
        assert_eq!(
            located("field `published`: `30 Nov 2025` is not a date of the form YYYY-MM-DD"),
            (f("published"), None)
        );
        assert_eq!(
            located("sections[1]: section id `china-scene` appears twice"),
            (f("sections[1]"), None)
        );
        assert_eq!(
            located("sections[2] (`x`): field `name` is empty"),
            (f("sections[2].name"), None)
        );
        assert_eq!(
            located("missing[0]: field `title` is empty; give the CONTENTS entry's title"),
            (f("missing[0].title"), None)
        );
        assert_eq!(
            located(
                "field `sections[0].articles[1].title` contains the control character U+001B (ESC); remove it"
            ),
            (f("sections[0].articles[1].title"), None)
        );
        assert_eq!(
            located("line 3 contains the control character U+001B (ESC); remove it"),
            (None, Some(3))
        );
        assert_eq!(
            located("invalid JSON at line 4, column 2: expected value"),
            (None, Some(4))
        );
        assert_eq!(
            located("field `year` (line 7, column 12): invalid type"),
            (f("year"), Some(7))
        );
        assert_eq!(
            located("not valid UTF-8 at line 12 (byte 300); re-save the file as UTF-8"),
            (None, Some(12))
        );
        assert_eq!(
            located("50 more lines contain control characters (not listed)"),
            (None, None)
        );
        assert_eq!(
            located("the archive holds no issues; import a source"),
            (None, None)
        );
        assert_eq!(located("outline 5 is odd"), (None, None));
    }
}
