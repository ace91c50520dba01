//! Screen geometry: where each pane goes for a terminal size and focus. Pure, shared by the
//! state (page sizes, text width for wrapping) and the renderer, so both agree.

use ratatui::layout::Rect;

/// Below this the reader shows only a one-line "enlarge the window" notice.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Narrower than this, only the focused pane is shown, full width.
pub const NARROW_BELOW: u16 = 70;
/// The article text never gets wider than this: long lines are hard to read.
pub const MAX_MEASURE: u16 = 100;
/// Caps so extra width on mid-sized terminals goes to the article.
const MAX_ISSUES: u16 = 34;
const MAX_CONTENTS: u16 = 56;
/// The article pane at its full measure: the text and a margin each side.
pub const ARTICLE_FULL: u16 = MAX_MEASURE + 2;
/// What the two lists need beside a full-measure article for the panes to stop trading width
/// with focus.
const LISTS_FIT: u16 = 66;
/// From this many columns between the separators, every pane fits: the article keeps its full
/// measure whatever has focus (so moving focus never re-wraps it) and the lists share the
/// rest, the issue list taking a third (up to [`MAX_ISSUES_WIDE`]).
pub const ALL_FIT: u16 = ARTICLE_FULL + LISTS_FIT;
const MAX_ISSUES_WIDE: u16 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Issues,
    Contents,
    Article,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Issues, Pane::Contents, Pane::Article];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Issues => "Issues",
            Pane::Contents => "Contents",
            Pane::Article => "Article",
        }
    }
}

/// A pane: a one-row title bar above its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneArea {
    pub title: Rect,
    pub body: Rect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    /// The terminal is below the minimum size: draw only the notice.
    pub too_small: bool,
    /// Only the focused pane is shown, full width (a narrow screen, or reading mode).
    pub narrow: bool,
    pub issues: Option<PaneArea>,
    pub contents: Option<PaneArea>,
    pub article: Option<PaneArea>,
    /// One-column separators between panes.
    pub separators: Vec<Rect>,
    pub status: Rect,
    /// Where article text goes: inside the article body, with margins and a capped measure.
    pub text: Rect,
}

impl Geometry {
    pub fn pane(&self, pane: Pane) -> Option<PaneArea> {
        match pane {
            Pane::Issues => self.issues,
            Pane::Contents => self.contents,
            Pane::Article => self.article,
        }
    }
}

/// Lays out a `width`×`height` screen with `focus` on one pane. Wide screens show three panes
/// and give the focused one more room (at 80 columns each pane is usable when it has focus);
/// narrow screens show the focused pane alone.
pub fn geometry(width: u16, height: u16, focus: Pane) -> Geometry {
    geometry_in(width, height, focus, false)
}

/// Like [`geometry`]; `single` (reading mode) shows the focused pane alone at any width, as
/// narrow screens do. Full-width rows are also what lets the terminal scroll the article
/// itself (a scroll region spans whole rows), so a one-line scroll costs one line of output.
pub fn geometry_in(width: u16, height: u16, focus: Pane, single: bool) -> Geometry {
    let mut g = Geometry {
        too_small: width < MIN_WIDTH || height < MIN_HEIGHT,
        narrow: single || width < NARROW_BELOW,
        issues: None,
        contents: None,
        article: None,
        separators: Vec::new(),
        status: Rect::new(0, height.saturating_sub(1), width, height.min(1)),
        text: Rect::default(),
    };
    if g.too_small {
        return g;
    }
    let main_h = height - 1;
    let pane_at = |x: u16, w: u16| PaneArea {
        title: Rect::new(x, 0, w, 1),
        body: Rect::new(x, 1, w, main_h - 1),
    };
    if g.narrow {
        let area = pane_at(0, width);
        match focus {
            // The issue list alone would not show what an issue holds: its contents go
            // below, as a preview that follows the selection.
            Pane::Issues if main_h >= PREVIEW_FROM => {
                let top_h = main_h / 2;
                g.issues = Some(PaneArea {
                    title: Rect::new(0, 0, width, 1),
                    body: Rect::new(0, 1, width, top_h - 1),
                });
                g.contents = Some(PaneArea {
                    title: Rect::new(0, top_h, width, 1),
                    body: Rect::new(0, top_h + 1, width, main_h - top_h - 1),
                });
            }
            Pane::Issues => g.issues = Some(area),
            Pane::Contents => g.contents = Some(area),
            Pane::Article => g.article = Some(area),
        }
    } else {
        let [wi, wc, wa] = pane_widths(width - 2, focus);
        g.issues = Some(pane_at(0, wi));
        g.separators.push(Rect::new(wi, 0, 1, main_h));
        g.contents = Some(pane_at(wi + 1, wc));
        g.separators.push(Rect::new(wi + 1 + wc, 0, 1, main_h));
        g.article = Some(pane_at(wi + wc + 2, wa));
    }
    if let Some(a) = g.article {
        g.text = text_area(a.body);
    }
    g
}

/// Splits `avail` columns among issues, contents and article by weight, doubling the focused
/// pane's weight; caps the lists so big screens widen the article.
fn pane_widths(avail: u16, focus: Pane) -> [u16; 3] {
    if avail >= ALL_FIT {
        let rest = avail - ARTICLE_FULL;
        let wi = (rest / 3).min(MAX_ISSUES_WIDE);
        return [wi, rest - wi, ARTICLE_FULL];
    }
    let mut weights = [2u32, 3, 4];
    let fi = Pane::ALL.iter().position(|p| *p == focus).unwrap_or(2);
    weights[fi] *= 2;
    let total: u32 = weights.iter().sum();
    let share = |w: u32| (u32::from(avail) * w / total) as u16;
    let wi = share(weights[0]).min(MAX_ISSUES);
    let wc = share(weights[1]).min(MAX_CONTENTS);
    [wi, wc, avail - wi - wc]
}

/// Rows (above the status line) from which the single-pane issue list shares the screen with
/// a preview of the selected issue's contents.
const PREVIEW_FROM: u16 = 12;

/// The article's text column: one column of margin each side when there is room, at most
/// [`MAX_MEASURE`] wide, centred.
fn text_area(body: Rect) -> Rect {
    let margin = if body.width >= 12 { 1 } else { 0 };
    let inner = body.width - 2 * margin;
    let w = inner.min(MAX_MEASURE);
    let x = body.x + margin + (inner - w) / 2;
    Rect::new(x, body.y, w, body.height)
}

/// Where popups (help, fuzzy jump) go: centred, leaving a frame of the screen visible around
/// them when there is room. The popup draws a one-cell border inside this area.
pub fn popup_area(width: u16, height: u16) -> Rect {
    // Narrow screens need every column; a sliver of the panes beside the popup is just noise.
    let margin = if width < NARROW_BELOW { 0 } else { 4 };
    let w = width.saturating_sub(margin).clamp(width.min(MIN_WIDTH), 96);
    // All the height there is, less a row above and below: a tall terminal shows more help
    // and more results.
    let h = height.saturating_sub(2).max(height.min(MIN_HEIGHT));
    Rect::new((width - w) / 2, (height - h) / 2, w, h)
}

/// Rows of content a popup shows inside its border (under its query line, for those with
/// one). The border takes a row above and one below: counting only one let a list's
/// selection go to a row under the last one drawn.
pub fn popup_rows(width: u16, height: u16, extra_header_rows: u16) -> usize {
    usize::from(
        popup_area(width, height)
            .height
            .saturating_sub(2 + extra_header_rows),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_tile_the_width_at_80_columns() {
        for focus in Pane::ALL {
            let g = geometry(80, 24, focus);
            assert!(!g.narrow && !g.too_small);
            let (i, c, a) = (g.issues.unwrap(), g.contents.unwrap(), g.article.unwrap());
            assert_eq!(i.body.width + c.body.width + a.body.width + 2, 80);
            assert_eq!(a.body.x + a.body.width, 80);
            // Every pane keeps a usable width at 80 columns, whatever has focus.
            assert!(i.body.width >= 12 && c.body.width >= 18 && a.body.width >= 20);
            assert_eq!(g.status, Rect::new(0, 23, 80, 1));
            assert_eq!(a.body.height, 22);
        }
        // The focused pane gets more room than when it is not focused.
        let wa = |f| geometry(80, 24, f).article.unwrap().body.width;
        assert!(wa(Pane::Article) > wa(Pane::Contents));
    }

    #[test]
    fn narrow_screens_show_only_the_focused_pane() {
        let g = geometry(50, 20, Pane::Contents);
        assert!(g.narrow);
        assert!(g.issues.is_none() && g.article.is_none());
        assert_eq!(g.contents.unwrap().body.width, 50);
        let g = geometry(69, 20, Pane::Article);
        assert_eq!(g.article.unwrap().body.width, 69);
        assert_eq!(g.text.width, 67);
    }

    #[test]
    fn the_issue_list_alone_previews_the_selected_issue() {
        let g = geometry(50, 24, Pane::Issues);
        let (i, c) = (g.issues.unwrap(), g.contents.unwrap());
        assert!(g.article.is_none());
        assert_eq!((i.body.width, c.body.width), (50, 50));
        assert_eq!(
            c.title.y,
            i.body.y + i.body.height,
            "the preview follows the list"
        );
        assert_eq!(c.body.y + c.body.height, 23, "down to the status line");
        // Too short for two lists: the issue list alone.
        let g = geometry(50, 10, Pane::Issues);
        assert!(g.contents.is_none() && g.issues.is_some());
        // The same in reading mode.
        assert!(geometry_in(80, 24, Pane::Issues, true).contents.is_some());
    }

    #[test]
    fn reading_mode_gives_the_focused_pane_the_whole_width() {
        let g = geometry_in(80, 24, Pane::Article, true);
        assert!(g.narrow && g.issues.is_none() && g.contents.is_none());
        assert!(g.separators.is_empty());
        let a = g.article.unwrap();
        assert_eq!((a.title.width, a.body.width, a.body.height), (80, 80, 22));
        assert_eq!((g.text.x, g.text.width), (1, 78));
        let g = geometry_in(80, 24, Pane::Contents, true);
        assert_eq!(g.contents.unwrap().body.width, 80);
        assert!(g.article.is_none());
        // Without it, the same screen has three panes.
        assert!(!geometry_in(80, 24, Pane::Article, false).narrow);
    }

    #[test]
    fn wide_screens_cap_the_measure_and_centre_it() {
        let g = geometry(300, 100, Pane::Article);
        let a = g.article.unwrap().body;
        assert_eq!(g.text.width, MAX_MEASURE);
        let left = g.text.x - a.x;
        let right = a.x + a.width - (g.text.x + g.text.width);
        assert!(left.abs_diff(right) <= 1, "{left} vs {right}");
    }

    #[test]
    fn popups_fit_inside_the_screen() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (50, 20), (80, 24), (300, 100)] {
            let p = popup_area(w, h);
            assert!(p.x + p.width <= w && p.y + p.height <= h, "{w}x{h}: {p:?}");
        }
        assert_eq!(popup_area(80, 24), Rect::new(2, 1, 76, 22));
        // A tall terminal gets a tall popup, not one of 24 rows.
        assert_eq!(popup_area(200, 60).height, 58);
        assert_eq!(popup_area(100, 100).height, 98);
    }

    #[test]
    fn where_all_panes_fit_focus_never_changes_the_article_width() {
        for w in [ALL_FIT + 2, 200, 240, 300] {
            let widths: Vec<u16> = Pane::ALL
                .iter()
                .map(|&f| geometry(w, 50, f).text.width)
                .collect();
            assert_eq!(widths, [MAX_MEASURE; 3], "at {w} columns");
            let g = geometry(w, 50, Pane::Contents);
            let (i, c, a) = (g.issues.unwrap(), g.contents.unwrap(), g.article.unwrap());
            assert_eq!(i.body.width + c.body.width + a.body.width + 2, w);
            assert_eq!(
                a.body.width, ARTICLE_FULL,
                "no blank columns beside the text"
            );
        }
        // At 200 columns the contents pane gets what the article does not need.
        let g = geometry(200, 60, Pane::Article);
        assert!(g.contents.unwrap().body.width >= 60, "{g:?}");
        // Below that, the focused pane still gets more room.
        let wa = |f| geometry(120, 40, f).article.unwrap().body.width;
        assert!(wa(Pane::Article) > wa(Pane::Contents));
    }

    #[test]
    fn tiny_sizes_are_flagged_and_never_underflow() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (19, 24), (80, 4), (20, 5)] {
            let g = geometry(w, h, Pane::Article);
            assert_eq!(g.too_small, w < MIN_WIDTH || h < MIN_HEIGHT, "{w}x{h}");
            if !g.too_small {
                assert!(g.text.width >= 1 && g.text.height >= 1);
            }
        }
    }
}
