//! Tab-separated rows as a Markdown table, with a header only where the rows show one.

use super::ends_sentence;

/// Whether a table's first row is its header: labels over columns whose other rows are mostly
/// figures, or short labels over columns of prose. A grid of names (award winners, partners)
/// has no header, and the export marks none.
pub(super) fn has_header(rows: &[Vec<String>]) -> bool {
    labels_over_figures(rows) || labels_over_prose(rows)
}

/// `Standard A | Standard B | Difference` over rows of paragraphs: every label short and
/// unpunctuated, most cells below written as sentences.
fn labels_over_prose(rows: &[Vec<String>]) -> bool {
    let Some((first, rest)) = rows.split_first() else {
        return false;
    };
    let words = |c: &str| c.split_whitespace().count();
    let label = |c: &String| {
        let c = c.trim();
        !c.is_empty() && words(c) <= 6 && c.len() <= 48 && !ends_sentence(c)
    };
    let prose = |c: &String| words(c) >= 12 || ends_sentence(c.trim()) && words(c) >= 4;
    let below: Vec<&String> = rest
        .iter()
        .flatten()
        .filter(|c| !c.trim().is_empty())
        .collect();
    first.len() >= 2
        && first.iter().all(label)
        && !below.is_empty()
        && below.iter().filter(|c| prose(c)).count() * 3 >= below.len() * 2
}

fn labels_over_figures(rows: &[Vec<String>]) -> bool {
    let numeric = |c: &str| {
        let c = c.trim();
        !c.is_empty()
            && c.chars().filter(|ch| ch.is_ascii_digit()).count() * 2
                > c.chars().filter(|ch| !ch.is_whitespace()).count()
    };
    let Some((first, rest)) = rows.split_first() else {
        return false;
    };
    if rest.is_empty() || first.iter().filter(|c| numeric(c)).count() * 2 >= first.len() {
        return false;
    }
    // Columns the first row labels whose cells below are figures in most rows.
    let figures = (0..first.len())
        .filter(|&c| !first[c].trim().is_empty())
        .filter(|&c| {
            let below: Vec<&String> = rest.iter().filter_map(|r| r.get(c)).collect();
            let n = below.iter().filter(|x| numeric(x)).count();
            !below.is_empty() && n * 2 > below.len()
        })
        .count();
    figures >= 1
}

/// A table in Markdown. A table without a header gets an empty one, which the reader draws as
/// no header at all (GitHub tables must have a header row).
pub(super) fn table_markdown(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = String::new();
    let header = has_header(rows);
    let row_line = |row: Option<&Vec<String>>, out: &mut String| {
        out.push('|');
        for c in 0..cols {
            let cell = row.and_then(|r| r.get(c)).map(String::as_str).unwrap_or("");
            out.push(' ');
            out.push_str(cell);
            out.push_str(" |");
        }
        out.push('\n');
    };
    let rule = |out: &mut String| {
        out.push('|');
        for _ in 0..cols {
            out.push_str(" --- |");
        }
        out.push('\n');
    };
    if !header {
        row_line(None, &mut out);
        rule(&mut out);
    }
    for (i, row) in rows.iter().enumerate() {
        row_line(Some(row), &mut out);
        if i == 0 && header {
            rule(&mut out);
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &[&[&str]]) -> Vec<Vec<String>> {
        t.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn short_labels_over_paragraphs_are_a_header() {
        let t = rows(&[
            &["Standard A", "Standard B", "Difference"],
            &[
                "This standard specifies the general conditions for design.",
                "A bench test describes the frame's ability to withstand loads.",
                "A is a design standard while B is a test standard for frames.",
            ],
        ]);
        assert!(has_header(&t));
        assert!(
            table_markdown(&t).starts_with("| Standard A | Standard B | Difference |\n| --- |")
        );
    }

    #[test]
    fn a_grid_of_names_has_no_header() {
        let t = rows(&[
            &["Zhang Wei", "Li Na", "Wang Fang"],
            &["Chen Jie", "Liu Yang", "Zhao Lei"],
            &["Sun Li", "Zhou Min", "Wu Gang"],
        ]);
        assert!(!has_header(&t));
        assert!(table_markdown(&t).starts_with("|  |  |  |"));
    }

    #[test]
    fn labels_over_figures_are_a_header() {
        let t = rows(&[&["Year", "Count"], &["2023", "1,204"], &["2024", "1,391"]]);
        assert!(has_header(&t));
    }
}
