//! An editor's corrections, the last resort for what no rule can decide from the text (a speech
//! that names the speaker's country where the box names only an acronym, say). They live next
//! to the sources, one file per source: `archive/corrections/<source file name>.toml`, and the
//! importer applies them on every import, so the generated files are never edited by hand.
//!
//! ```toml
//! [[split]]                  # start a new article at this line
//! before = "Where are we headed"
//! why = "…"
//!
//! [[move]]                   # move the block that starts with `block` to just before `before`
//! block = "**Florian Spiteller**"
//! before = "China and Germany are closely"
//! why = "…"
//!
//! [[title]]                  # the article whose first line starts with `article` gets `title`
//! article = "Dialogue on standards"
//! title = "Dialogue on standards: …"
//! why = "…"
//! ```
//!
//! A quoted line is the start of exactly one source line (spaces and Markdown marks at its
//! start ignored); a quote that matches no line, or several, is an error naming the file and the
//! entry, so a correction never silently stops applying.

use std::path::Path;

use serde::Deserialize;

use super::lines::{is_blank, strip_markup};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    #[serde(default)]
    pub split: Vec<Split>,
    #[serde(default, rename = "move")]
    pub moves: Vec<Move>,
    #[serde(default)]
    pub title: Vec<Title>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub before: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub block: String,
    pub before: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    pub article: String,
    pub title: String,
    pub why: String,
}

/// The corrections resolved against a source's lines: line indices instead of quotes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    /// Lines where a new article starts.
    pub splits: Vec<usize>,
    /// (first line of the block to move, line to move it before).
    pub moves: Vec<(usize, usize)>,
    /// (first line of the article, its title).
    pub titles: Vec<(usize, String)>,
}

/// Where a source's corrections are kept in an archive directory.
pub fn path_for(archive_dir: &Path, source_name: &str) -> std::path::PathBuf {
    archive_dir
        .join("corrections")
        .join(format!("{source_name}.toml"))
}

/// Parses a corrections file's text; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Corrections, String> {
    let c: Corrections =
        toml::from_str(text).map_err(|e| format!("{file}: not a valid corrections file: {e}"))?;
    let whys = c
        .split
        .iter()
        .map(|s| &s.why)
        .chain(c.moves.iter().map(|m| &m.why))
        .chain(c.title.iter().map(|t| &t.why));
    if whys.into_iter().any(|w| w.trim().is_empty()) {
        return Err(format!(
            "{file}: every correction needs a `why` saying why no rule could decide it"
        ));
    }
    Ok(c)
}

/// The one line of `lines` that starts with `quote`.
fn find(file: &str, what: &str, lines: &[&str], quote: &str) -> Result<usize, String> {
    let want = strip_markup(quote);
    let hits: Vec<usize> = (0..lines.len())
        .filter(|&i| !is_blank(lines[i]) && !want.is_empty())
        .filter(|&i| strip_markup(lines[i]).starts_with(&want))
        .collect();
    match hits.as_slice() {
        [i] => Ok(*i),
        [] => Err(format!(
            "{file}: {what} \"{quote}\" matches no line of the source; quote the start of a line"
        )),
        many => Err(format!(
            "{file}: {what} \"{quote}\" matches {} lines ({}); quote more of the line",
            many.len(),
            many.iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

impl Corrections {
    /// Resolves every quote against `lines`.
    pub fn resolve(&self, file: &str, lines: &[&str]) -> Result<Resolved, String> {
        let mut r = Resolved::default();
        for s in &self.split {
            r.splits.push(find(file, "split before", lines, &s.before)?);
        }
        for m in &self.moves {
            let block = find(file, "move block", lines, &m.block)?;
            let before = find(file, "move before", lines, &m.before)?;
            r.moves.push((block, before));
        }
        for t in &self.title {
            let at = find(file, "title of article", lines, &t.article)?;
            r.titles.push((at, t.title.clone()));
        }
        Ok(r)
    }

    pub fn is_empty(&self) -> bool {
        self.split.is_empty() && self.moves.is_empty() && self.title.is_empty()
    }
}

/// Applies `moves` to an article body in reading order (line indices, `None` between blocks):
/// the block that starts with a move's first line goes just before the block holding its
/// target line. Moves whose lines are not both in this body are left to other articles.
pub fn apply_moves(order: &mut Vec<Option<usize>>, moves: &[(usize, usize)]) {
    for &(block, before) in moves {
        let Some(from) = order.iter().position(|&x| x == Some(block)) else {
            continue;
        };
        if !order.contains(&Some(before)) {
            continue;
        }
        let mut to = from;
        while to < order.len() && order[to].is_some() {
            to += 1;
        }
        let mut taken: Vec<Option<usize>> = order.drain(from..to).collect();
        // The separator the block leaves behind goes with it.
        if from < order.len() && order[from].is_none() {
            order.remove(from);
        } else if from > 0 && order[from - 1].is_none() {
            order.remove(from - 1);
        }
        let at = order.iter().position(|&x| x == Some(before)).unwrap_or(0);
        let mut start = at;
        while start > 0 && order[start - 1].is_some() {
            start -= 1;
        }
        taken.push(None);
        order.splice(start..start, taken);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_resolve_to_exactly_one_line() {
        let c = parse(
            "x.toml",
            "[[split]]\nbefore = \"## Second\"\nwhy = \"w\"\n[[move]]\nblock = \"**Ann**\"\nbefore = \"Her words\"\nwhy = \"w\"\n",
        )
        .unwrap();
        let lines = [
            "# First",
            "",
            "## Second item",
            "",
            "Her words.",
            "",
            "**Ann**",
        ];
        let r = c.resolve("x.toml", &lines).unwrap();
        assert_eq!(r.splits, vec![2]);
        assert_eq!(r.moves, vec![(6, 4)]);
        let twice = ["Same line", "Same line"];
        let e = parse("x.toml", "[[split]]\nbefore = \"Same\"\nwhy = \"w\"\n")
            .unwrap()
            .resolve("x.toml", &twice)
            .unwrap_err();
        assert!(e.contains("matches 2 lines (1, 2)"), "{e}");
    }

    #[test]
    fn every_correction_says_why() {
        let e = parse("c.toml", "[[split]]\nbefore = \"x\"\nwhy = \"\"\n").unwrap_err();
        assert!(
            e.starts_with("c.toml: every correction needs a `why`"),
            "{e}"
        );
        assert!(parse("c.toml", "[[splitt]]\n").is_err());
    }

    #[test]
    fn a_moved_block_lands_before_its_target_block() {
        let mut order = vec![Some(1), None, Some(3), Some(4), None, Some(6)];
        apply_moves(&mut order, &[(6, 3)]);
        assert_eq!(order, vec![Some(1), None, Some(6), None, Some(3), Some(4)]);
    }
}
