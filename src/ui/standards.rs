//! The standards popups: `s`, one row per standard the open article mentions (designation,
//! editions, mentions here, mentions in the archive); `Enter`, two rows per mention in the
//! archive (title with issue and column at the right, then a snippet). Snippets are made only
//! for the rows on screen.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::standards::{MentionsPopup, ROWS_PER_MENTION, StandardsPopup};
use crate::search::snippet::snippet;

use super::popup_frame::{frame_popup, snippet_row, title_row};
use super::text::{clean, fit};
use super::theme::Theme;

const SNIPPET_INDENT: usize = 4;

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A row: `left` and, at the right, `meta` dimmed, padded to `width`, in `style`.
fn row(left: &str, meta: &str, width: usize, style: Style, theme: &Theme) -> Line<'static> {
    title_row(left, meta, width / 2, width, style, theme)
}

fn row_style(selected: bool, theme: &Theme) -> Style {
    if selected {
        theme.selected(true)
    } else {
        Style::new()
    }
}

pub fn draw_standards(frame: &mut Frame, app: &App, p: &StandardsPopup, theme: &Theme) {
    let title = format!(" Standards in this article ({}) ", p.rows.len());
    let inner = frame_popup(frame, theme, &title);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let index = app.standards.get(&app.archive);
    let mut lines = Vec::new();
    for (i, &(s, here)) in p
        .rows
        .iter()
        .enumerate()
        .skip(p.top)
        .take(usize::from(inner.height))
    {
        let Some(std) = index.standards.get(s) else {
            continue;
        };
        let selected = i == p.selected;
        let mark = if selected { ">" } else { " " };
        let mut left = format!("{mark} {}", clean(&std.designation));
        if !std.editions.is_empty() {
            left.push_str(&format!("  ({})", clean(&std.editions.join(", "))));
        }
        let articles = std.articles().len();
        let meta = format!(
            " {} here, {} in the archive",
            here,
            plural(articles, "article")
        );
        lines.push(row(&left, &meta, width, row_style(selected, theme), theme));
    }
    if p.rows.is_empty() {
        lines.push(Line::styled(
            fit(
                "  this article mentions no standard (GB/T …, ISO …, IEC …)",
                width,
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_mentions(frame: &mut Frame, app: &App, p: &MentionsPopup, theme: &Theme) {
    let index = app.standards.get(&app.archive);
    let mentions = p.mentions(index);
    let name = index
        .standards
        .get(p.standard)
        .map_or(String::new(), |s| clean(&s.designation));
    let title = format!(
        " {name}: {} in the archive ",
        plural(mentions.len(), "mention")
    );
    let inner = frame_popup(frame, theme, &title);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let shown = usize::from(inner.height) / ROWS_PER_MENTION;
    let mut lines = Vec::new();
    for (i, hit) in mentions.iter().enumerate().skip(p.top).take(shown) {
        let selected = i == p.selected;
        let style = row_style(selected, theme);
        let (issue, section, article) = hit.locate(&app.archive);
        let mark = if selected { ">" } else { " " };
        let left = format!("{mark} {}", clean(&article.title));
        let meta = format!(" {} {}", clean(&issue.id), clean(&section.name));
        lines.push(row(&left, &meta, width, style, theme));
        let room = width.saturating_sub(SNIPPET_INDENT);
        let s = snippet(hit.field_text(&app.archive), hit.range.clone(), room);
        lines.push(snippet_row(
            &s,
            SNIPPET_INDENT,
            theme.standard(),
            width,
            style,
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
