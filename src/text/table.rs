//! Tables (GFM pipe tables and plain tab-separated lines) laid out to a width.
//!
//! When every column fits at its natural width, rows become aligned lines with two spaces
//! between columns and a dashed rule under the header. When they do not, but every column can
//! still hold its longest word, columns get their least width plus a share of the room and cells
//! wrap inside them (a row then takes several lines). Otherwise each row becomes one wrapped
//! record, cells joined by ` | `, continuation lines indented. Nothing is ever cut or wider than
//! the line.

use std::ops::Range;

use super::markdown::{Span, Style};
use super::styled::{StyledText, span};
use super::width::str_width;
use super::wrap::wrap_str;

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
    let mut natural = vec![0usize; ncols];
    let mut least = vec![0usize; ncols];
    for r in rows {
        for (i, c) in r.cells.iter().enumerate() {
            natural[i] = natural[i].max(str_width(c));
            least[i] = least[i].max(min_width(c));
        }
    }
    let Some(avail) = width.checked_sub(GAP.len() * ncols.saturating_sub(1)) else {
        return records(rows, width);
    };
    match column_widths(&natural, &least, avail) {
        Some(col_w) => aligned(rows, aligns, &col_w),
        None => records(rows, width),
    }
}

/// Width of the widest piece of `cell` between two break opportunities: the narrowest column
/// that can hold the cell without cutting a word.
fn min_width(cell: &str) -> usize {
    let mut start = 0;
    let mut widest = 0;
    for (p, _) in unicode_linebreak::linebreaks(cell) {
        widest = widest.max(str_width(cell[start..p].trim_end()));
        start = p;
    }
    widest
}

/// Column widths summing to at most `avail`: the natural widths when they fit; otherwise each
/// column's least width plus a share of the spare room in proportion to how much more it
/// would like; `None` when even the least widths do not fit.
fn column_widths(natural: &[usize], least: &[usize], avail: usize) -> Option<Vec<usize>> {
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural.to_vec());
    }
    let floor: usize = least.iter().sum();
    if floor > avail {
        return None;
    }
    let spare = avail - floor;
    let wants: Vec<usize> = natural.iter().zip(least).map(|(n, l)| n - l).collect();
    let total_want: usize = wants.iter().sum();
    let mut w: Vec<usize> = least
        .iter()
        .zip(&wants)
        .map(|(l, want)| l + spare * want / total_want.max(1))
        .collect();
    // Hand out what integer division left over, one column at a time.
    let mut left = avail - w.iter().sum::<usize>();
    for (i, wi) in w.iter_mut().enumerate() {
        let give = left.min(natural[i] - *wi);
        *wi += give;
        left -= give;
    }
    Some(w)
}

fn cell_style(header: bool) -> Style {
    if header {
        Style::TableHeader
    } else {
        Style::Table
    }
}

/// Rows as aligned columns of the given widths; a cell wider than its column wraps inside it.
fn aligned(rows: &[Row], aligns: &[Align], col_w: &[usize]) -> Vec<(Vec<Span>, usize)> {
    let mut out = Vec::new();
    let last_col = col_w.len().saturating_sub(1);
    for (ri, r) in rows.iter().enumerate() {
        let cells: Vec<Vec<&str>> = col_w
            .iter()
            .enumerate()
            .map(|(i, &w)| wrap_str(r.cells.get(i).map_or("", String::as_str), w))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut text = String::new();
            for (i, &w) in col_w.iter().enumerate() {
                let cell = cells[i].get(k).copied().unwrap_or("");
                let pad = w.saturating_sub(str_width(cell));
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
            out.push((vec![span(text.trim_end(), cell_style(r.header))], r.offset));
        }
        let next_is_body = rows.get(ri + 1).is_some_and(|n| !n.header);
        if r.header && next_is_body {
            let rule: Vec<String> = col_w.iter().map(|&w| "-".repeat(w)).collect();
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

/// Source lines of a paragraph: byte ranges of `text` split at soft and hard breaks.
fn source_lines(t: &StyledText) -> Vec<Range<usize>> {
    let mut cuts: Vec<usize> = t.soft_breaks.clone();
    cuts.extend(t.text.match_indices('\n').map(|(i, _)| i + 1));
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts.into_iter().chain([t.text.len()]) {
        out.push(start..c);
        start = c;
    }
    out
}

/// A paragraph is a plain table when every one of its source lines holds a tab.
pub fn is_tab_table(t: &StyledText) -> bool {
    t.text.contains('\t')
        && source_lines(t)
            .iter()
            .all(|r| t.text[r.clone()].contains('\t'))
}

pub fn tab_rows(t: &StyledText) -> Vec<Row> {
    source_lines(t)
        .into_iter()
        .map(|r| {
            let mut cells: Vec<String> = t.text[r.clone()]
                .split('\t')
                .map(|c| c.trim().to_string())
                .collect();
            while cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            Row {
                cells,
                header: false,
                offset: t.source_offset(r.start),
            }
        })
        .collect()
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
    fn cells_wrap_inside_columns_when_words_fit() {
        let rows = [
            row(&["Standard", "Title"], true),
            row(&["GB/T 1.1", "Directives for standardization"], false),
        ];
        let got = texts(&render(&rows, &[], 26));
        assert_eq!(
            got,
            [
                "Standard  Title",
                "--------  ----------------",
                "GB/T 1.1  Directives for",
                "          standardization"
            ]
        );
    }

    #[test]
    fn column_widths_share_the_spare_room() {
        assert_eq!(column_widths(&[10, 20], &[4, 4], 40), Some(vec![10, 20]));
        assert_eq!(column_widths(&[10, 40], &[4, 4], 20), Some(vec![6, 14]));
        assert_eq!(column_widths(&[10, 40], &[8, 14], 20), None);
        let w = column_widths(&[7, 9, 30], &[3, 3, 5], 25).unwrap();
        assert_eq!(w.iter().sum::<usize>(), 25);
        assert!(w.iter().zip([3, 3, 5]).all(|(w, l)| *w >= l));
    }

    #[test]
    fn tiny_width_never_overflows() {
        let rows = [row(&["标准", "ab", ""], true), row(&["", "x", ""], false)];
        for w in 1..12 {
            for (spans, _) in render(&rows, &[], w) {
                let s: String = spans.iter().map(|s| s.text.as_str()).collect();
                assert!(str_width(&s) <= w, "{s:?} at {w}");
            }
        }
    }
}
