//! Checking that no source line was lost: every non-blank line must be owned by a part of the
//! issue whose text contains it.

use crate::archive::{Article, Section};

use super::inline::normal_form;
use super::lines::{is_blank, normalize, without_enumerator};

/// Who took a source line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Owner {
    Article {
        section: usize,
        article: usize,
    },
    /// A chapter or column heading, kept as the section's name.
    SectionName {
        section: usize,
    },
}

fn article_text(a: &Article) -> String {
    let mut s = String::new();
    for part in [
        Some(a.title.as_str()),
        a.title_zh.as_deref(),
        a.subtitle.as_deref(),
        a.byline.as_deref(),
        Some(a.body.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        s.push_str(&normalize(part));
        s.push(' ');
    }
    s
}

/// Returns (non-blank source lines, lines placed, 1-based numbers of lines not placed).
/// `lines` may hold pieces of source lines; `origin[i]` is the source line piece `i` came from,
/// and a source line is placed when all its pieces are.
pub fn check(
    lines: &[&str],
    origin: &[usize],
    owners: &[Option<Owner>],
    sections: &[Section],
) -> (usize, usize, Vec<usize>) {
    let texts: Vec<Vec<String>> = sections
        .iter()
        .map(|s| s.articles.iter().map(article_text).collect())
        .collect();
    // Per source line: Some(true) placed, Some(false) not, None blank.
    let mut state: Vec<Option<bool>> = vec![None; origin.last().map_or(0, |o| o + 1)];
    for (i, line) in lines.iter().enumerate() {
        if is_blank(line) {
            continue;
        }
        // The line as the body holds it: in the normal form of inline markup.
        let needle = if line.contains('\t') {
            let cells: Vec<String> = line.split('\t').map(|c| normal_form(c, true)).collect();
            normalize(&cells.join(" "))
        } else {
            normalize(&normal_form(line, false))
        };
        // Titles and bylines drop escape sequences whole (see `assemble::clean_field`), so a
        // line carrying one is also placed when its text without them is there.
        let stripped = || {
            crate::text::sanitize::has_controls(line)
                .then(|| normalize(&crate::text::sanitize::strip(line)))
        };
        let ok = match owners.get(i).copied().flatten() {
            // A line of markup alone (`---`) has no text to lose.
            Some(_) if needle.is_empty() => true,
            Some(Owner::Article { section, article }) => {
                let text = &texts[section][article];
                // A head line may be shared out between fields (a Chinese title and its own
                // subtitle); then each of its words must be there.
                let in_pieces = || {
                    needle
                        .split_whitespace()
                        .all(|w| text.split_whitespace().any(|t| t == w))
                };
                // A label glued to its title by the export (`IIIPair Up`) is placed when its
                // letters are there in order.
                let squashed = || {
                    let squash = |s: &str| s.split_whitespace().collect::<String>();
                    squash(text).contains(&squash(&needle))
                };
                // `I On e-waste`: a `■` the export read as a letter, dropped as decoration.
                let misread_mark = || {
                    needle
                        .strip_prefix("i ")
                        .is_some_and(|rest| !rest.is_empty() && text.contains(rest))
                };
                text.contains(&needle)
                    || stripped().is_some_and(|n| text.contains(&n))
                    || in_pieces()
                    || squashed()
                    || misread_mark()
            }
            Some(Owner::SectionName { section }) => {
                let name = normalize(&sections[section].name);
                name.contains(&needle)
                    || stripped().is_some_and(|n| name.contains(&n))
                    || without_enumerator(&sections[section].name) == without_enumerator(line)
            }
            None => false,
        };
        let s = &mut state[origin[i]];
        *s = Some(s.unwrap_or(true) && ok);
    }
    let total = state.iter().filter(|s| s.is_some()).count();
    let placed = state.iter().filter(|s| **s == Some(true)).count();
    let unplaced = state
        .iter()
        .enumerate()
        .filter(|(_, s)| **s == Some(false))
        .map(|(i, _)| i + 1)
        .collect();
    (total, placed, unplaced)
}
