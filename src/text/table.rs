//! Tables (GFM pipe tables and plain tab-separated lines) laid out to a width.
//!
//! First the table is read for what it is ([`Table::of`]): a header row only where the source
//! marks one — the importer stores a table whose source has no header with an empty header row,
//! which is dropped here, so a grid of names is not drawn under a header of names; columns empty
//! in every row (logos the export lost) are dropped; a row whose first cell alone holds text
//! (`ajcc_pathologic_t:`) is a group heading across the table.
//!
//! Then it is drawn as a grid when its columns can be given readable widths ([`widths`]: no
//! word cut, no short cell split while a wider column can give way, no column squeezed under
//! [`READABLE`], no cell cut into a column of fragments); otherwise each row becomes a small
//! record ([`draw::records`]). Cells may hold
//! line breaks (`<br>` in the source). Nothing is ever cut or wider than the line.

mod draw;
mod widths;

use std::ops::Range;

use super::markdown::Span;
use super::styled::StyledText;
use super::width::str_width;
use draw::GAP;
use widths::Measure;

/// Column alignment (from a GFM delimiter row; tab tables are all left-aligned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// Cell texts; a `\n` inside one is a line break in the cell.
    pub cells: Vec<String>,
    pub header: bool,
    /// Source offset of the row.
    pub offset: usize,
}

/// Narrowest column a grid may squeeze a longer column into: below it a cell reads as a
/// column of fragments, and records read better.
const READABLE: usize = 10;

/// A column at least this wide holds phrases, however many lines a cell takes.
const FRAGMENT: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Header,
    Body,
    /// A first cell labelling the rows after it, every other cell empty.
    Group,
}

/// A table as drawn: rows and alignments without the dropped rows and columns, and each row's
/// kind.
struct Table {
    rows: Vec<Row>,
    aligns: Vec<Align>,
    kinds: Vec<Kind>,
}

impl Table {
    fn of(rows: &[Row], aligns: &[Align]) -> Table {
        let rows: Vec<Row> = rows
            .iter()
            .filter(|r| !(r.header && r.cells.iter().all(|c| c.trim().is_empty())))
            .cloned()
            .collect();
        let ncols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let used: Vec<usize> = (0..ncols)
            .filter(|&i| {
                rows.iter()
                    .any(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))
            })
            .collect();
        let rows: Vec<Row> = rows
            .into_iter()
            .map(|r| Row {
                cells: used
                    .iter()
                    .map(|&i| r.cells.get(i).cloned().unwrap_or_default())
                    .collect(),
                ..r
            })
            .collect();
        let aligns = used
            .iter()
            .map(|&i| aligns.get(i).copied().unwrap_or(Align::Left))
            .collect();
        // A lone first cell is a label only where other rows fill several cells, and not on the
        // last row: a grid of names ending in a short row is still a grid.
        let grid_like = rows
            .iter()
            .any(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2);
        let last = rows.len().saturating_sub(1);
        let kinds = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let lone = r.cells.len() >= 2
                    && !r.cells[0].is_empty()
                    && r.cells[1..].iter().all(String::is_empty);
                if r.header {
                    Kind::Header
                } else if lone && grid_like && i < last {
                    Kind::Group
                } else {
                    Kind::Body
                }
            })
            .collect();
        Table {
            rows,
            aligns,
            kinds,
        }
    }

    fn measure(&self) -> Vec<Measure> {
        let ncols = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut cols = vec![Measure::default(); ncols];
        for (r, k) in self.rows.iter().zip(&self.kinds) {
            if *k == Kind::Group {
                continue;
            }
            for (c, m) in r.cells.iter().zip(&mut cols) {
                let natural = c.split('\n').map(str_width).max().unwrap_or(0);
                m.natural = m.natural.max(natural);
                m.least = m.least.max(min_width(c));
                m.cells.push(natural);
            }
        }
        cols
    }
}

/// Lay out `rows` in `width` (>= 1) columns; returns (spans, source offset) per line.
pub fn render(rows: &[Row], aligns: &[Align], width: usize) -> Vec<(Vec<Span>, usize)> {
    let width = width.max(1);
    let table = Table::of(rows, aligns);
    let cols = table.measure();
    if cols.is_empty() {
        return Vec::new();
    }
    // Two columns between cells, or one where that keeps more short cells whole (a wide table
    // of figures like `123 (49.4%)` at 80 columns).
    let fit = |gap: usize| {
        width
            .checked_sub(gap * (cols.len() - 1))
            .and_then(|avail| widths::choose(&cols, avail))
            .filter(|(w, _)| {
                w.iter()
                    .zip(&cols)
                    .all(|(&w, c)| w >= c.natural.min(READABLE))
            })
            .filter(|(w, _)| !fragments(&table, w))
    };
    let chosen = match (fit(GAP.len()), fit(1)) {
        (Some(two), Some(one)) if one.1 > two.1 => Some((one.0, 1)),
        (Some(two), _) => Some((two.0, GAP.len())),
        (None, one) => one.map(|(w, _)| (w, 1)),
    };
    match chosen {
        Some((w, gap)) => draw::grid(&table, &w, gap),
        None => draw::records(&table, width),
    }
}

/// Whether a grid of these widths would cut some cell into a column of fragments: more than
/// two lines in a column narrower than [`FRAGMENT`]. (A header wrapping once over a column of
/// numbers reads well; `Adopted / from ISO/ / IEC 采用国 / 际标准` does not.)
fn fragments(table: &Table, col_w: &[usize]) -> bool {
    table.rows.iter().zip(&table.kinds).any(|(r, k)| {
        *k != Kind::Group
            && r.cells
                .iter()
                .zip(col_w)
                .any(|(c, &w)| w < FRAGMENT && super::wrap::wrap(c, w).len() > 2)
    })
}

/// Width of the widest piece of `cell` between two break opportunities (a URL or a standard's
/// designation is one piece):
/// the narrowest column that can hold the cell without cutting a word.
fn min_width(cell: &str) -> usize {
    let mut start = 0;
    let mut widest = super::unbroken::ranges(cell)
        .into_iter()
        .map(|r| str_width(&cell[r]))
        .max()
        .unwrap_or(0);
    for (p, _) in unicode_linebreak::linebreaks(cell) {
        widest = widest.max(str_width(cell[start..p].trim_end()));
        start = p;
    }
    widest
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
    fn an_empty_header_row_is_no_header() {
        let rows = [
            row(&["", ""], true),
            row(&["Pei Zheyi", "Li Na"], false),
            row(&["王芳", "Zhang Qi"], false),
        ];
        let got = texts(&render(&rows, &[], 30));
        assert_eq!(got, ["Pei Zheyi  Li Na", "王芳       Zhang Qi"]);
    }

    #[test]
    fn columns_empty_in_every_row_are_dropped() {
        let rows = [
            row(&["", "", "", ""], true),
            row(&["", "CSA", "", "QIS"], false),
            row(&["", "CREEI", "", "CESI"], false),
        ];
        assert_eq!(
            texts(&render(&rows, &[], 30)),
            ["CSA    QIS", "CREEI  CESI"]
        );
    }

    #[test]
    fn too_narrow_becomes_records() {
        let rows = [
            row(&["Name", "Description"], true),
            row(&["ISO 9001", "Quality management systems"], false),
            row(&["ISO 14001", "Environmental management"], false),
        ];
        let got = texts(&render(&rows, &[], 16));
        assert_eq!(
            got,
            [
                "ISO 9001",
                "  Description:",
                "  Quality",
                "  management",
                "  systems",
                "",
                "ISO 14001",
                "  Description:",
                "  Environmental",
                "  management",
            ]
        );
        for l in &got {
            assert!(str_width(l) <= 16);
        }
    }

    #[test]
    fn a_long_first_cell_is_a_field_not_the_records_name() {
        let rows = [
            row(&["JIS E 4207", "UIC 615-4"], true),
            row(
                &[
                    "This standard specifies the general conditions\n\nNote: not for rubber tires",
                    "A bench test",
                ],
                false,
            ),
        ];
        let got = texts(&render(&rows, &[], 24));
        assert_eq!(
            got,
            [
                "  JIS E 4207: This",
                "  standard specifies the",
                "  general conditions",
                "",
                "  Note: not for rubber",
                "  tires",
                "  UIC 615-4: A bench",
                "  test",
            ]
        );
    }

    #[test]
    fn headerless_records_are_the_values() {
        let rows = [
            row(&["", ""], true),
            row(
                &[
                    "China Communications Standards Association",
                    "Qingdao Institute",
                ],
                false,
            ),
        ];
        let got = texts(&render(&rows, &[], 24));
        assert_eq!(
            got,
            [
                "China Communications",
                "  Standards Association",
                "Qingdao Institute"
            ]
        );
    }

    #[test]
    fn cells_wrap_inside_columns_and_rows_are_set_apart() {
        let rows = [
            row(&["Standard", "Title"], true),
            row(&["GB/T 1.1", "Directives for standardization"], false),
            row(&["GB 7258", "Safety"], false),
        ];
        let got = texts(&render(&rows, &[], 26));
        assert_eq!(
            got,
            [
                "Standard  Title",
                "--------  ----------------",
                "GB/T 1.1  Directives for",
                "          standardization",
                "",
                "GB 7258   Safety",
            ]
        );
    }

    #[test]
    fn a_lone_first_cell_is_a_group_heading() {
        let rows = [
            row(&["", "Alive", "Dead"], true),
            row(&["ajcc_pathologic_t:", "", ""], false),
            row(&["T1", "35 (50.0%)", "22 (43.1%)"], false),
            row(&["T2", "18 (25.7%)", "11 (21.6%)"], false),
        ];
        let got = texts(&render(&rows, &[], 40));
        assert_eq!(
            got,
            [
                "    Alive       Dead",
                "--  ----------  ----------",
                "ajcc_pathologic_t:",
                "T1  35 (50.0%)  22 (43.1%)",
                "T2  18 (25.7%)  11 (21.6%)",
            ]
        );
        let got = texts(&render(&rows, &[], 16));
        assert_eq!(
            got,
            [
                "ajcc_pathologic_",
                "t:",
                "",
                "T1",
                "  Alive: 35",
                "  (50.0%)",
                "  Dead: 22",
                "  (43.1%)",
                "",
                "T2",
                "  Alive: 18",
                "  (25.7%)",
                "  Dead: 11",
                "  (21.6%)",
            ]
        );
    }

    #[test]
    fn one_space_between_columns_where_two_would_split_cells() {
        let rows = [
            row(&["T1", "123 (49.4%)", "57 (47.1%)"], false),
            row(&["T2", "63 (25.3%)", "29 (24.0%)"], false),
        ];
        assert_eq!(
            texts(&render(&rows, &[], 27)),
            ["T1  123 (49.4%)  57 (47.1%)", "T2  63 (25.3%)   29 (24.0%)"]
        );
        assert_eq!(
            texts(&render(&rows, &[], 25)),
            ["T1 123 (49.4%) 57 (47.1%)", "T2 63 (25.3%)  29 (24.0%)"]
        );
    }

    #[test]
    fn a_url_in_a_cell_is_not_broken_while_its_column_can_hold_it() {
        let rows = [
            row(
                &["ISO", "see https://www.iso.org/standard/62085.html now"],
                false,
            ),
            row(&["SAC", "www.sac.gov.cn"], false),
        ];
        let got = texts(&render(&rows, &[], 45));
        assert_eq!(
            got,
            [
                "ISO  see",
                "     https://www.iso.org/standard/62085.html",
                "     now",
                "",
                "SAC  www.sac.gov.cn"
            ]
        );
    }

    #[test]
    fn line_breaks_in_cells_are_kept() {
        let rows = [
            row(&["Load", "Static\nDynamic"], false),
            row(&["a", "b"], false),
        ];
        let got = texts(&render(&rows, &[], 30));
        assert_eq!(got, ["Load  Static", "      Dynamic", "", "a     b"]);
    }

    #[test]
    fn tiny_width_never_overflows() {
        let rows = [
            row(&["标准", "ab", ""], true),
            row(&["", "x", ""], false),
            row(&["group", "", ""], false),
            row(&["long cell\nwith break", "y", "z"], false),
        ];
        for w in 1..40 {
            for (spans, _) in render(&rows, &[], w) {
                let s: String = spans.iter().map(|s| s.text.as_str()).collect();
                assert!(str_width(&s) <= w || s == "?", "{s:?} at {w}");
            }
        }
    }
}
