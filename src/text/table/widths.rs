//! Column widths for a table drawn as a grid.
//!
//! A grid is worth drawing only when its cells read as text: names whole, words whole. So the
//! widths come from the cells: every column gets at least its longest word (`least`); then, so
//! that a short cell (a name in a grid of names, a number) is never split while some wider
//! column could give up room, each column is raised to its longest cell up to a length `t`,
//! with `t` as large as the line allows; whatever room is left goes to the columns that still
//! wrap, in proportion to how much more they would like.

/// Cells longer than this are prose: they wrap whatever the width, so they set no floor.
const SHORT_MAX: usize = 40;

/// A column's widths as measured from its cells.
#[derive(Clone, Debug, Default)]
pub struct Measure {
    /// Its widest line (a cell may hold several, from `<br>`).
    pub natural: usize,
    /// Its widest word: the narrowest width that cuts no word.
    pub least: usize,
    /// The natural widths of its cells, for the short-cell floors.
    pub cells: Vec<usize>,
}

/// Widths summing to at most `avail`, and up to what length every short cell is whole
/// (`usize::MAX` when every cell is); `None` when even the longest words do not fit.
pub fn choose(cols: &[Measure], avail: usize) -> Option<(Vec<usize>, usize)> {
    let natural: Vec<usize> = cols.iter().map(|c| c.natural).collect();
    if natural.iter().sum::<usize>() <= avail {
        return Some((natural, usize::MAX));
    }
    for t in (0..=SHORT_MAX).rev() {
        let base: Vec<usize> = cols
            .iter()
            .map(|c| {
                let short = c.cells.iter().filter(|&&w| w <= t).max().copied();
                c.least.max(short.unwrap_or(0))
            })
            .collect();
        if base.iter().sum::<usize>() <= avail {
            return Some((share(&base, &natural, avail), t));
        }
    }
    None
}

/// `base` plus the room left in `avail`, shared in proportion to `natural - base`, never past
/// a column's natural width.
fn share(base: &[usize], natural: &[usize], avail: usize) -> Vec<usize> {
    let spare = avail - base.iter().sum::<usize>();
    let wants: Vec<usize> = natural.iter().zip(base).map(|(n, b)| n - b).collect();
    let total_want: usize = wants.iter().sum();
    let mut w: Vec<usize> = base
        .iter()
        .zip(&wants)
        .map(|(b, want)| b + spare * want / total_want.max(1))
        .collect();
    // Hand out what integer division left over, one column at a time.
    let mut left = avail - w.iter().sum::<usize>();
    for (i, wi) in w.iter_mut().enumerate() {
        let give = left.min(natural[i] - *wi);
        *wi += give;
        left -= give;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(cells: &[usize], least: usize) -> Measure {
        Measure {
            natural: cells.iter().copied().max().unwrap_or(0),
            least,
            cells: cells.to_vec(),
        }
    }

    #[test]
    fn natural_widths_when_they_fit() {
        assert_eq!(
            choose(&[col(&[10], 4), col(&[20], 4)], 40),
            Some((vec![10, 20], usize::MAX))
        );
    }

    #[test]
    fn spare_room_goes_to_the_columns_that_want_it() {
        assert_eq!(
            choose(&[col(&[10, 3], 4), col(&[40, 3], 4)], 20),
            Some((vec![10, 10], 39))
        );
        assert_eq!(
            choose(&[col(&[50], 4), col(&[40], 4)], 20),
            Some((vec![11, 9], 39))
        );
        assert_eq!(choose(&[col(&[10], 8), col(&[40], 14)], 20), None);
    }

    #[test]
    fn short_cells_are_not_split_while_another_column_can_give_way() {
        // A column of names (9 wide, "Pei Zheyi") next to a column of prose: the proportional
        // share alone would give the names 7 columns and split them.
        let names = col(&[9, 7, 8], 5);
        let prose = col(&[60, 45], 12);
        let (w, _) = choose(&[names, prose], 30).unwrap();
        assert_eq!(w[0], 9, "{w:?}");
        assert_eq!(w.iter().sum::<usize>(), 30);
    }
}
