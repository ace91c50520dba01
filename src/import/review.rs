//! Decisions a rule was unsure of, for the person who imports an issue to check.
//!
//! A rule that has to guess (which speech a speaker box belongs to, whether a short line is a
//! new item or a sub-heading, whether a block is an advertisement) notes here what it chose and
//! on which source lines, so that `magreader import --review` can list exactly what to look at
//! instead of the reader finding it later.

use serde::Serialize;

/// One unsure decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The source lines the decision is about, 1-based as an editor's view numbers them.
    pub lines: Vec<usize>,
    /// The stage and rule that decided (`speakers`, `items`, `furniture`, …).
    pub rule: &'static str,
    /// What was chosen, in words.
    pub chose: String,
    /// Why the rule was unsure.
    pub why: String,
}

/// The decisions of one import, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Review(Vec<Decision>);

impl Review {
    /// Notes a decision about 0-based line indices `idx` (stored 1-based).
    pub fn note(
        &mut self,
        rule: &'static str,
        idx: impl IntoIterator<Item = usize>,
        chose: impl Into<String>,
        why: impl Into<String>,
    ) {
        let mut lines: Vec<usize> = idx.into_iter().map(|i| i + 1).collect();
        lines.sort_unstable();
        lines.dedup();
        self.0.push(Decision {
            lines,
            rule,
            chose: chose.into(),
            why: why.into(),
        });
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Maps line indices of the stage's own lines (which may hold split pieces) back to the
    /// source's line numbers.
    pub fn remap(&mut self, origin: &[usize]) {
        for d in &mut self.0 {
            for l in &mut d.lines {
                if let Some(&o) = origin.get(*l - 1) {
                    *l = o + 1;
                }
            }
            d.lines.dedup();
        }
    }
}

/// `12-15` or `12, 40`: line numbers as a person reads them.
pub fn line_list(lines: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let mut j = k;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        parts.push(if j == k {
            lines[k].to_string()
        } else {
            format!("{}-{}", lines[k], lines[j])
        });
        k = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_read_as_ranges() {
        let mut r = Review::default();
        r.note("items", [9, 10, 11, 40], "a new item", "a short line");
        assert_eq!(r.decisions()[0].lines, vec![10, 11, 12, 41]);
        assert_eq!(line_list(&r.decisions()[0].lines), "10-12, 41");
    }
}
