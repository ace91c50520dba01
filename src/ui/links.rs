//! Where the open article's links are on the screen, for OSC 8 hyperlinks
//! ([`crate::term::links`]): the targets in the list after the text (as `show` links them)
//! and each link's text in the article, which the layout follows with its number `[n]`.

use crate::app::App;
use crate::app::article::{ArticleLine, Ink};
use crate::term::links::LinkRegion;
use crate::text::markdown::Style;
use crate::text::width::str_width;

/// The visible runs of cells that link somewhere, none while a popup covers the article.
pub fn link_regions(app: &App) -> Vec<LinkRegion> {
    let (Some(view), true) = (&app.view, app.popups.is_empty()) else {
        return Vec::new();
    };
    let g = app.geometry();
    if g.too_small || g.article.is_none() || view.width != g.text.width {
        return Vec::new();
    }
    let Some(targets) = app
        .article(view.at)
        .map(|a| crate::text::links::targets(&a.body))
    else {
        return Vec::new();
    };
    let height = usize::from(g.text.height);
    let mut out = Vec::new();
    for (row, (x, width, n)) in numbered_runs(&view.lines) {
        if row < view.top || row >= view.top + height {
            continue;
        }
        if let Some(target) = n.checked_sub(1).and_then(|i| targets.get(i)) {
            out.push(LinkRegion {
                x: g.text.x + x,
                y: g.text.y + (row - view.top) as u16,
                width,
                target: target.clone(),
            });
        }
    }
    out
}

/// Every run of link text in `lines`: (line, column, width, link number). In the text a link
/// is followed by its `[n]` (where a link is cut over lines, after its last piece); in the list
/// after the text (from its `Links` label on) `[n]` starts a line and names the target on it
/// and on the lines continuing it.
fn numbered_runs(lines: &[ArticleLine]) -> Vec<(usize, (u16, u16, usize))> {
    let number = |t: &str| {
        t.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<usize>()
            .ok()
    };
    let list_start = lines
        .iter()
        .rposition(
            |l| matches!(l.spans.as_slice(), [(t, Ink::Body(Style::Heading))] if t == "Links"),
        )
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    // Pieces of link text waiting for the number after them.
    let mut pending: Vec<(usize, (u16, u16))> = Vec::new();
    // The list's current number.
    let mut listed: Option<usize> = None;
    for (row, line) in lines.iter().enumerate() {
        let mut x = 0u16;
        for (text, ink) in &line.spans {
            let w = str_width(text) as u16;
            match (ink, row > list_start) {
                (Ink::Body(Style::Link), false) => pending.push((row, (x, w))),
                (Ink::Body(Style::LinkNumber), false) => {
                    if let Some(n) = number(text) {
                        out.extend(pending.drain(..).map(|(r, (px, pw))| (r, (px, pw, n))));
                    }
                }
                (Ink::Body(Style::Link), true) => {
                    if let Some(n) = listed {
                        out.push((row, (x, w, n)));
                    }
                }
                (Ink::Body(Style::LinkNumber), true) => {
                    if let Some(n) = number(text) {
                        listed = Some(n);
                    }
                }
                _ if text.trim().is_empty() => {}
                _ => pending.clear(),
            }
            x += w;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::article::ArticleLine;
    use crate::text::markdown::layout;

    fn lines(md: &str, width: usize) -> Vec<ArticleLine> {
        layout(md, width)
            .into_iter()
            .map(|l| ArticleLine {
                spans: l
                    .spans
                    .into_iter()
                    .map(|s| (s.text, Ink::Body(s.style)))
                    .collect(),
                pos: Some(l.offset),
                prefix: 0,
            })
            .collect()
    }

    fn text_of(ls: &[ArticleLine], (row, (x, w, _)): (usize, (u16, u16, usize))) -> String {
        let t = ls[row].text();
        let mut col = 0;
        let mut out = String::new();
        for c in t.chars() {
            let cw = str_width(&c.to_string()) as u16;
            if col >= x && col + cw <= x + w {
                out.push(c);
            }
            col += cw;
        }
        out
    }

    /// The text of the runs numbered `n` before and after the list label, words joined by
    /// one space.
    fn runs_of(ls: &[ArticleLine], n: usize) -> (String, String) {
        let label = ls.iter().rposition(|l| l.text() == "Links").unwrap();
        let (mut text, mut list) = (Vec::new(), String::new());
        for r in numbered_runs(ls).into_iter().filter(|r| r.1.2 == n) {
            if r.0 < label {
                text.push(text_of(ls, r));
            } else {
                list.push_str(&text_of(ls, r));
            }
        }
        let text = text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (text, list)
    }

    #[test]
    fn link_text_and_list_targets_are_found_with_their_numbers() {
        let md = "See the [International Organization for Standardization](https://www.iso.org/home.html) \
                  and [a dead one](#) and [IEC](https://iec.ch).";
        for width in [24, 40, 80] {
            let ls = lines(md, width);
            assert_eq!(
                runs_of(&ls, 1),
                (
                    "International Organization for Standardization".to_string(),
                    "https://www.iso.org/home.html".to_string()
                ),
                "at {width}: {ls:#?}"
            );
            assert_eq!(runs_of(&ls, 2), ("IEC".into(), "https://iec.ch".into()));
            let all: Vec<String> = numbered_runs(&ls)
                .into_iter()
                .map(|r| text_of(&ls, r))
                .collect();
            assert!(!all.iter().any(|t| t.contains("dead")), "{all:?}");
        }
    }

    #[test]
    fn a_target_longer_than_the_line_links_every_piece() {
        let url = "https://example.org/a/very/long/path/that/cannot/fit/on/one/line";
        let ls = lines(&format!("[x]({url})"), 20);
        assert_eq!(runs_of(&ls, 1), ("x".into(), url.into()));
    }
}
