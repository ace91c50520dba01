//! Which standards a query names: `GB/T 17766`, `17766`, `42001`, `iso/iec 42001`,
//! `ISO/IEC 42001:2023` (the edition is ignored: a query finds the standard, every edition).

use super::recognise::recognise;

/// A query, normalised once.
#[derive(Debug, Clone)]
pub struct StandardQuery {
    /// Upper case, the full-width slash as `/`, spaces collapsed.
    text: String,
    /// The undated designation when the query is one (`ISO/IEC 42001:2023` → `ISO/IEC 42001`).
    designation: Option<String>,
    /// The query as a bare number with any edition cut off (`17766-2020` → `17766`).
    number: Option<String>,
}

impl StandardQuery {
    /// `None` for a query with nothing but spaces.
    pub fn new(query: &str) -> Option<StandardQuery> {
        let text = query
            .replace('／', "/")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase();
        if text.is_empty() {
            return None;
        }
        let found = recognise(&text);
        let designation = match found.as_slice() {
            [f] if f.range == (0..text.len()) => Some(f.designation.clone()),
            _ => None,
        };
        let number = is_number(&text).then(|| strip_edition(&text).to_string());
        Some(StandardQuery {
            text,
            designation,
            number,
        })
    }

    /// Whether the query is a designation or a standard's number (`GB/T 17766`, `17766`,
    /// `Y.3172`) rather than words that only some designation happens to contain (`iso`).
    pub fn names_a_standard(&self) -> bool {
        self.designation.is_some()
            || self.number.as_deref().is_some_and(|n| {
                n.split(|c: char| !c.is_ascii_digit())
                    .any(|run| run.len() >= 3)
            })
    }

    /// Whether the standard `designation` (numbered `number`) is one the query names: the
    /// designation itself or one of its parts
    /// (`ISO 25639` finds `ISO 25639-1`), the number (or one of its parts) for a bare number, or else any
    /// standard whose designation contains the query.
    pub fn matches(&self, designation: &str, number: &str) -> bool {
        let upper = designation.to_uppercase();
        if let Some(d) = &self.designation {
            return upper == *d || is_part_of(&upper, d);
        }
        if let Some(n) = &self.number {
            let number = number.to_uppercase();
            // A bare number names a standard by its number only: `1` is not every standard
            // with a 1 in it.
            return number == *n || is_part_of(&number, n);
        }
        upper.contains(&self.text)
    }
}

/// `17766`, `33681.1-2017`, `Y.3172`, `P3419`: digits, perhaps after one series letter.
fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let digits_from = usize::from(b.first().is_some_and(u8::is_ascii_uppercase));
    let from = digits_from + usize::from(digits_from == 1 && b.get(1) == Some(&b'.'));
    b.get(from).is_some_and(u8::is_ascii_digit)
        && s[from..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '—' | '–'))
}

/// Whether `whole` is `prefix` with a part after it: `25639-1` of `25639`, `1.1` of `1`.
fn is_part_of(whole: &str, prefix: &str) -> bool {
    whole
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.starts_with(['-', '.']))
}

/// `17766-2020` → `17766`, `42001:2023` → `42001`; anything else as it is.
fn strip_edition(s: &str) -> &str {
    for sep in [':', '-', '—', '–'] {
        if let Some((head, year)) = s.rsplit_once(sep)
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && !head.is_empty()
        {
            return head;
        }
    }
    s
}
