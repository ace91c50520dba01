//! Tables (GFM pipe tables and plain tab-separated lines) laid out to a width.
//!
//! When every column fits at its natural width, rows become aligned lines with two spaces
//! between columns and a dashed rule under the header. Otherwise each row becomes one wrapped
//! record, cells joined by ` | `, continuation lines indented, so nothing is ever cut or wider
//! than the line.

use super::markdown::{Span, Style};
use super::styled::{StyledText, span};
use super::width::str_width;

/// Column alignment (from a GFM delimiter row; tab tables are all left-aligned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<String>,
    pub header: bool,
    /// Source offset of the row.
    pub offset: usize,
}

const GAP: &str = "  ";
/// Between cells of a record; the no-break space keeps `|` from starting a line.
const SEP: &str = "\u{a0}| ";
const HANG: usize = 2;

/// Lay out `rows` in `width` (>= 1) columns; returns (spans, source offset) per line.
pub fn render(rows: &[Row], aligns: &[Align], width: usize) -> Vec<(Vec<Span>, usize)> {
    let width = width.max(1);
    let ncols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut col_w = vec![0usize; ncols];
    for r in rows {
        for (i, c) in r.cells.iter().enumerate() {
            col_w[i] = col_w[i].max(str_width(c));
        }
    }
    let total = col_w.iter().sum::<usize>() + GAP.len() * ncols.saturating_sub(1);
    if total <= width {
        aligned(rows, aligns, &col_w)
    } else {
        records(rows, width)
    }
}

fn cell_style(header: bool) -> Style {
    if header {
        Style::TableHeader
    } else {
        Style::Table
    }
}

fn aligned(rows: &[Row], aligns: &[Align], col_w: &[usize]) -> Vec<(Vec<Span>, usize)> {
    let mut out = Vec::new();
    let last_col = col_w.len().saturating_sub(1);
    for (ri, r) in rows.iter().enumerate() {
        let mut text = String::new();
        for (i, &w) in col_w.iter().enumerate() {
            let cell = r.cells.get(i).map_or("", String::as_str);
            let pad = w - str_width(cell);
            let (left, right) = match aligns.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => (0, pad),
                Align::Right => (pad, 0),
                Align::Center => (pad / 2, pad - pad / 2),
            };
            if i > 0 {
                text.push_str(GAP);
            }
            text.extend(std::iter::repeat_n(' ', left));
            text.push_str(cell);
            if i < last_col {
                text.extend(std::iter::repeat_n(' ', right));
            }
        }
        let text = text.trim_end();
        out.push((vec![span(text, cell_style(r.header))], r.offset));
        let next_is_body = rows.get(ri + 1).is_some_and(|n| !n.header);
        if r.header && next_is_body {
            let rule: Vec<String> = col_w.iter().map(|&w| "-".repeat(w.max(1))).collect();
            out.push((vec![span(&rule.join(GAP), Style::Rule)], r.offset));
        }
    }
    out
}

fn records(rows: &[Row], width: usize) -> Vec<(Vec<Span>, usize)> {
    let hang = if width >= 4 * HANG { HANG } else { 0 };
    let mut out = Vec::new();
    for r in rows {
        let mut t = StyledText::default();
        for (i, c) in r.cells.iter().enumerate() {
            if i > 0 {
                t.push(SEP, Style::Rule, r.offset, false);
            }
            t.push(c, cell_style(r.header), r.offset, false);
        }
        for (i, (mut spans, off)) in t.wrap_lines(0, width - hang).into_iter().enumerate() {
            if i > 0 && hang > 0 {
                spans.insert(0, span(&" ".repeat(hang), Style::Table));
            }
            out.push((spans, off));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str], header: bool) -> Row {
        Row {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            header,
            offset: 0,
        }
    }

    fn texts(lines: &[(Vec<Span>, usize)]) -> Vec<String> {
        lines
            .iter()
            .map(|(s, _)| s.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn fits_aligned() {
        let rows = [row(&["Year", "标准数"], true), row(&["2024", "12"], false)];
        let got = texts(&render(&rows, &[Align::Left, Align::Right], 20));
        assert_eq!(got, ["Year  标准数", "----  ------", "2024      12"]);
    }

    #[test]
    fn center_alignment() {
        let rows = [row(&["a", "xxxxx"], false), row(&["b", "x"], false)];
        let got = texts(&render(&rows, &[Align::Left, Align::Center], 20));
        assert_eq!(got, ["a  xxxxx", "b    x"]);
    }

    #[test]
    fn too_wide_becomes_records() {
        let rows = [
            row(&["Name", "Description"], true),
            row(&["ISO 9001", "Quality management systems"], false),
        ];
        let got = texts(&render(&rows, &[], 16));
        assert_eq!(
            got,
            [
                "Name\u{a0}|",
                "  Description",
                "ISO 9001\u{a0}|",
                "  Quality",
                "  management",
                "  systems"
            ]
        );
        for l in &got {
            assert!(str_width(l) <= 16);
        }
    }

    #[test]
    fn tiny_width_never_overflows() {
        let rows = [row(&["标准", "ab"], false)];
        for w in 1..8 {
            for (spans, _) in render(&rows, &[], w) {
                let s: String = spans.iter().map(|s| s.text.as_str()).collect();
                assert!(str_width(&s) <= w, "{s:?} at {w}");
            }
        }
    }
}
