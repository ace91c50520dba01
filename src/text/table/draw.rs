//! Drawing a classified table: as a grid of columns, or as one small record per row.

use super::super::markdown::{Span, Style};
use super::super::styled::{StyledText, span};
use super::super::width::str_width;
use super::super::wrap::wrap_keeping;
use super::{Align, Kind, Table};

type Lines = Vec<(Vec<Span>, usize)>;

/// Between the columns of a grid (one space where that keeps cells whole; see `render`).
pub const GAP: &str = "  ";
/// Longest first cell that leads its record as the row's name.
const TITLE_MAX: usize = 40;
/// Indent of a record's fields under its first cell, and of their continuation lines.
const HANG: usize = 2;

fn cell_style(kind: Kind) -> Style {
    match kind {
        Kind::Header | Kind::Group => Style::TableHeader,
        Kind::Body => Style::Table,
    }
}

fn blank(out: &mut Lines, offset: usize) {
    if out.last().is_some_and(|(s, _)| !s.is_empty()) {
        out.push((Vec::new(), offset));
    }
}

/// `text` wrapped in `width` columns with `first` and `rest` columns of indent, all in
/// `style`; a label (`column: `) may lead the first line.
fn wrapped(
    text: &str,
    label: Option<&str>,
    style: Style,
    width: usize,
    indent: (usize, usize),
    offset: usize,
) -> Lines {
    let (first, rest) = indent;
    let mut t = StyledText::default();
    if let Some(l) = label {
        t.push(l, Style::TableHeader, offset, false);
        t.push(": ", Style::TableHeader, offset, false);
    }
    // A record's value may hold line breaks (from `<br>`): they stay.
    for (i, piece) in text.split('\n').enumerate() {
        if i > 0 {
            t.hard_break(offset);
        }
        t.push(piece, style, offset, false);
    }
    let mut out = Vec::new();
    let lines = t.wrap_lines(0, width.saturating_sub(rest).max(1));
    for (k, (mut spans, off)) in lines.into_iter().enumerate() {
        let indent = if k == 0 { first } else { rest };
        // No indent on an empty line (a paragraph break in a cell): it would be trailing blanks.
        if indent > 0 && indent + 1 < width && !spans.is_empty() {
            spans.insert(0, span(&" ".repeat(indent), Style::Table));
        }
        out.push((spans, off));
    }
    out
}

/// A cell's lines in a column `w` wide; a URL or a standard's designation in it stays whole
/// unless longer than `w`.
fn cell_lines(cell: &str, w: usize) -> Vec<&str> {
    let keep = super::super::unbroken::ranges(cell);
    wrap_keeping(cell, w, &keep)
        .into_iter()
        .map(|r| &cell[r])
        .collect()
}

/// Rows as aligned columns of the given widths, `gap` spaces apart; a cell wider than its column wraps inside it.
/// A row taking more than one line is set apart by blank lines; a group row is a heading
/// across the whole table.
pub fn grid(t: &Table, col_w: &[usize], gap: usize) -> Lines {
    let sep = " ".repeat(gap);
    let total = col_w.iter().sum::<usize>() + gap * col_w.len().saturating_sub(1);
    let last_col = col_w.len().saturating_sub(1);
    let mut drawn: Vec<(Kind, usize, Vec<String>)> = Vec::new();
    for (r, &kind) in t.rows.iter().zip(&t.kinds) {
        if kind == Kind::Group {
            let lines = cell_lines(&r.cells[0], total)
                .into_iter()
                .map(String::from)
                .collect();
            drawn.push((kind, r.offset, lines));
            continue;
        }
        let cells: Vec<Vec<&str>> = col_w
            .iter()
            .enumerate()
            .map(|(i, &w)| cell_lines(r.cells.get(i).map_or("", String::as_str), w))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut lines = Vec::new();
        for k in 0..height {
            let mut text = String::new();
            for (i, &w) in col_w.iter().enumerate() {
                let cell = cells[i].get(k).copied().unwrap_or("");
                let pad = w.saturating_sub(str_width(cell));
                let (left, right) = match t.aligns.get(i).copied().unwrap_or(Align::Left) {
                    Align::Left => (0, pad),
                    Align::Right => (pad, 0),
                    Align::Center => (pad / 2, pad - pad / 2),
                };
                if i > 0 {
                    text.push_str(&sep);
                }
                text.extend(std::iter::repeat_n(' ', left));
                text.push_str(cell);
                if i < last_col {
                    text.extend(std::iter::repeat_n(' ', right));
                }
            }
            lines.push(text.trim_end().to_string());
        }
        drawn.push((kind, r.offset, lines));
    }
    // A row that takes several lines is set apart by blank lines, so a reader can tell where
    // it ends; rows of one line stay together. A group heading gets a blank line before it.
    let tall = |d: &(Kind, usize, Vec<String>)| d.0 == Kind::Body && d.2.len() > 1;
    let mut out = Vec::new();
    for (i, d) in drawn.iter().enumerate() {
        let (kind, offset, lines) = d;
        let prev = i.checked_sub(1).map(|p| &drawn[p]);
        let after_header = prev.is_some_and(|p| p.0 == Kind::Header);
        let apart = tall(d) || *kind == Kind::Group || prev.is_some_and(tall);
        if prev.is_some() && !after_header && apart {
            blank(&mut out, *offset);
        }
        for l in lines {
            out.push((vec![span(l, cell_style(*kind))], *offset));
        }
        let next_is_header = drawn.get(i + 1).is_none_or(|n| n.0 == Kind::Header);
        if *kind == Kind::Header && !next_is_header {
            let rule: Vec<String> = col_w.iter().map(|&w| "-".repeat(w)).collect();
            out.push((vec![span(&rule.join(&sep), Style::Rule)], *offset));
        }
    }
    out
}

/// Each row as a small record, for a line too narrow for the grid. Under a header, the first
/// cell leads and the others follow indented as `column: value` (the column's header cell;
/// just the value where that is empty), records set apart by blank lines; a headerless grid
/// (a list of names) gives its values one per line. Group rows are headings.
pub fn records(t: &Table, width: usize) -> Lines {
    let labels: Option<&Vec<String>> = t
        .rows
        .iter()
        .zip(&t.kinds)
        .find(|(_, k)| **k == Kind::Header)
        .map(|(r, _)| &r.cells);
    let hang = if width >= 6 * HANG { HANG } else { 0 };
    let mut out = Vec::new();
    for (r, &kind) in t.rows.iter().zip(&t.kinds) {
        match kind {
            Kind::Header => {}
            Kind::Group => {
                blank(&mut out, r.offset);
                let cont = if width >= 30 { hang } else { 0 };
                out.extend(wrapped(
                    &r.cells[0],
                    None,
                    Style::TableHeader,
                    width,
                    (0, cont),
                    r.offset,
                ));
            }
            Kind::Body => {
                let cells = r.cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
                match labels {
                    Some(labels) => {
                        blank(&mut out, r.offset);
                        for (n, (i, c)) in cells.enumerate() {
                            // A short first cell names the row (`T1`, `Issued 发布`) and leads
                            // it; a long one (a paragraph) is a field like the others.
                            let title = n == 0
                                && i == 0
                                && !c.contains('\n')
                                && str_width(c) <= width.min(TITLE_MAX);
                            let label = labels.get(i).filter(|l| !l.is_empty() && !title);
                            let lead = if title { 0 } else { hang };
                            // Continuation lines hang under the value only where a line has
                            // room to spare for it.
                            let cont = if width >= 30 { lead + hang } else { lead };
                            let style = if title { Style::Strong } else { Style::Table };
                            out.extend(wrapped(
                                c,
                                label.map(String::as_str),
                                style,
                                width,
                                (lead, cont),
                                r.offset,
                            ));
                        }
                    }
                    None => {
                        for (_, c) in cells {
                            out.extend(wrapped(c, None, Style::Table, width, (0, hang), r.offset));
                        }
                    }
                }
            }
        }
    }
    // The first record needs no gap before it: the table's own gap is there.
    while out.first().is_some_and(|(s, _)| s.is_empty()) {
        out.remove(0);
    }
    out
}
