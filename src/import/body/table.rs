//! Tab-separated rows as a Markdown table, with a header only where the rows show one.

/// Whether a table's first row is its header: labels over columns whose other rows are mostly
/// figures. A grid of names (award winners, partners) has no header, and the export marks none.
pub(super) fn has_header(rows: &[Vec<String>]) -> bool {
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
