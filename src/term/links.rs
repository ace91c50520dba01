//! OSC 8 hyperlinks in the reader's frames: which cells of the screen link where.
//!
//! Ratatui's cells carry no link, so the reader says per frame which runs of cells are links
//! ([`LinkRegion`]), and the backend keeps a link id per cell beside its mirror of the screen:
//! diffed like the cells (a cell whose link changed is written again), moved with them when the
//! terminal scrolls, and opened and closed around the runs it writes. A terminal attaches the
//! open hyperlink to every cell it prints, so the backend closes it before anything that is not
//! a linked cell: a move that rewrites glyphs, an erase, a scroll, the end of a frame.

/// `ESC ] 8 ; ; URI ESC \`: start a hyperlink; an empty URI ends one.
pub fn osc8(out: &mut Vec<u8>, uri: &str) {
    out.extend_from_slice(b"\x1b]8;;");
    out.extend_from_slice(uri.as_bytes());
    out.extend_from_slice(b"\x1b\\");
}

/// Cells `x..x + width` of row `y` link to `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRegion {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub target: String,
}

/// Terminals known to draw OSC 8 hyperlinks, from what they put in the environment. Others
/// mostly ignore the sequence, but not all (old ones print it), so only these get it.
pub fn supported(env: impl Fn(&str) -> Option<String>) -> bool {
    if env("TERM").is_some_and(|t| t == "dumb" || t.starts_with("linux")) {
        return false;
    }
    let program = env("TERM_PROGRAM").unwrap_or_default();
    matches!(
        program.as_str(),
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "Tabby"
    ) || env("VTE_VERSION").is_some_and(|v| v.parse::<u32>().is_ok_and(|n| n >= 5000))
        || env("KITTY_WINDOW_ID").is_some()
        || env("WT_SESSION").is_some()
        || env("TERM").is_some_and(|t| t.contains("kitty") || t.contains("foot"))
}

/// The backend's link state: an id per cell (0: no link) for what the terminal shows and for
/// the frame being built, the targets the ids name, and the link left open in the output.
#[derive(Debug, Default)]
pub(super) struct CellLinks {
    pub on: bool,
    pub screen: Vec<u32>,
    pub next: Vec<u32>,
    targets: Vec<String>,
    pub open: u32,
}

/// Ids are kept while the table is small; past this the table starts again (and the screen's
/// ids are forgotten, so every linked cell is written once more).
const MAX_TARGETS: usize = 4096;

impl CellLinks {
    /// Blank state for a screen of `cells` cells.
    pub fn resize(&mut self, cells: usize) {
        self.screen = vec![0; cells];
        self.next = vec![0; cells];
    }

    /// The terminal was cleared: it shows no link.
    pub fn cleared(&mut self) {
        self.screen.fill(0);
    }

    fn id(&mut self, target: &str) -> u32 {
        if let Some(i) = self.targets.iter().position(|t| t == target) {
            return i as u32 + 1;
        }
        if self.targets.len() >= MAX_TARGETS {
            self.targets.clear();
            // Old ids now name nothing: make every cell that had one differ.
            self.screen.iter_mut().for_each(|c| {
                if *c != 0 {
                    *c = u32::MAX
                }
            });
        }
        self.targets.push(target.to_string());
        self.targets.len() as u32
    }

    /// Sets the frame's links (replacing the last frame's), for a screen `width` wide.
    pub fn set(&mut self, regions: &[LinkRegion], width: u16) {
        self.next.fill(0);
        if !self.on {
            return;
        }
        let w = usize::from(width);
        for r in regions {
            let id = self.id(&r.target);
            let start = usize::from(r.y) * w + usize::from(r.x);
            let end = start + usize::from(r.width).min(w.saturating_sub(usize::from(r.x)));
            let end = end.min(self.next.len());
            if let Some(cells) = self.next.get_mut(start..end) {
                cells.fill(id);
            }
        }
    }

    /// Whether row `y` links differently in the frame than on the screen.
    pub fn row_changed(&self, y: usize, width: usize) -> bool {
        let span = y * width..(y + 1) * width;
        self.screen.get(span.clone()) != self.next.get(span)
    }

    /// Output that makes `id` the open link (closing the one open before).
    pub fn switch(&mut self, out: &mut Vec<u8>, id: u32) {
        if id == self.open {
            return;
        }
        if self.open != 0 {
            osc8(out, "");
        }
        if let Some(t) = id.checked_sub(1).and_then(|i| self.targets.get(i as usize)) {
            osc8(out, t);
            self.open = id;
        } else {
            self.open = 0;
        }
    }

    /// Closes the open link, if any.
    pub fn close(&mut self, out: &mut Vec<u8>) {
        self.switch(out, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_fill_cells_and_switching_opens_and_closes() {
        let mut l = CellLinks {
            on: true,
            ..Default::default()
        };
        l.resize(20);
        let r = LinkRegion {
            x: 2,
            y: 1,
            width: 5,
            target: "https://a.org".into(),
        };
        l.set(std::slice::from_ref(&r), 10);
        assert_eq!(&l.next[12..17], &[1, 1, 1, 1, 1]);
        assert_eq!(l.next[11], 0);
        assert!(l.row_changed(1, 10) && !l.row_changed(0, 10));
        let mut out = Vec::new();
        l.switch(&mut out, 1);
        l.switch(&mut out, 1);
        l.close(&mut out);
        assert_eq!(out, b"\x1b]8;;https://a.org\x1b\\\x1b]8;;\x1b\\");
    }

    #[test]
    fn off_means_no_links_and_regions_past_the_edge_are_cut() {
        let mut l = CellLinks::default();
        l.resize(10);
        let r = LinkRegion {
            x: 8,
            y: 0,
            width: 50,
            target: "x".into(),
        };
        l.set(std::slice::from_ref(&r), 10);
        assert!(l.next.iter().all(|&c| c == 0));
        l.on = true;
        l.set(&[r], 10);
        assert_eq!(l.next, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn only_known_terminals_get_hyperlinks() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(supported(env(&[("TERM_PROGRAM", "WezTerm")])));
        assert!(supported(env(&[("VTE_VERSION", "7200")])));
        assert!(!supported(env(&[("TERM", "xterm-256color")])));
        assert!(!supported(env(&[("TERM", "dumb"), ("WT_SESSION", "1")])));
    }

    /// The frames a backend writes for a screen with a link, drawn with ratatui.
    mod frames {
        use super::super::LinkRegion;
        use crate::term::TermBackend;
        use ratatui::Terminal;
        use ratatui::layout::Size;
        use ratatui::widgets::Paragraph;

        const OPEN: &str = "\x1b]8;;https://a.org\x1b\\";
        const CLOSE: &str = "\x1b]8;;\x1b\\";

        fn frame(
            t: &mut Terminal<TermBackend<Vec<u8>>>,
            text: &str,
            links: &[LinkRegion],
        ) -> String {
            t.backend_mut().writer_mut().clear();
            t.backend_mut().set_links(links);
            t.draw(|f| f.render_widget(Paragraph::new(text.to_string()), f.area()))
                .unwrap();
            String::from_utf8_lossy(t.backend().writer()).into_owned()
        }

        fn region(y: u16) -> LinkRegion {
            LinkRegion {
                x: 4,
                y,
                width: 3,
                target: "https://a.org".into(),
            }
        }

        #[test]
        fn a_linked_run_is_opened_and_closed_and_redrawn_only_when_its_link_changes() {
            let mut b = TermBackend::new(Vec::new(), Size::new(12, 3));
            b.set_hyperlinks(true);
            let mut t = Terminal::new(b).unwrap();
            let text = "see ISO now\nline two\nthree";
            let first = frame(&mut t, text, &[region(0)]);
            let at = first.find(OPEN).expect(&first);
            assert!(first[at + OPEN.len()..].starts_with("ISO"), "{first:?}");
            assert!(
                first[at..].contains(CLOSE),
                "closed before the frame ends: {first:?}"
            );
            // Same cells, same link: nothing to write.
            assert_eq!(frame(&mut t, text, &[region(0)]), "");
            // Same cells, link gone: the three cells again, without a link.
            let gone = frame(&mut t, text, &[]);
            assert!(gone.contains("ISO") && !gone.contains(OPEN), "{gone:?}");
        }

        #[test]
        fn without_hyperlinks_nothing_is_sent() {
            let mut t = Terminal::new(TermBackend::new(Vec::new(), Size::new(12, 3))).unwrap();
            let out = frame(&mut t, "see ISO now", &[region(0)]);
            assert!(!out.contains("\x1b]8"), "{out:?}");
        }
    }
}
