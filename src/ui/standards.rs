//! The standards popups: `s`, one row per standard the open article mentions (designation,
//! editions, mentions here, mentions in the archive); `Enter`, two rows per mention in the
//! archive (title with issue and column at the right, then a snippet). Snippets are made only
//! for the rows on screen.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::standards::{MentionsPopup, ROWS_PER_MENTION, StandardsPopup};
use crate::search::snippet::snippet;
use crate::text::width::str_width;

use super::popup_frame::frame_popup;
use super::text::{clean, fit, fit_spans, spans_width};
use super::theme::Theme;

const SNIPPET_INDENT: usize = 4;

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A row: `left` and, at the right, `meta` dimmed, padded to `width`, in `style`.
fn row(left: &str, meta: &str, width: usize, style: Style, theme: &Theme) -> Line<'static> {
    let meta = fit(meta, width / 2);
    let left = fit(left, width.saturating_sub(str_width(&meta)));
    let pad = width.saturating_sub(str_width(&left) + str_width(&meta));
    Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::styled(meta, theme.dim()),
    ])
    .style(style)
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
        let (before, rest) = s.text.split_at(s.hit.start);
        let (found, after) = rest.split_at(s.hit.len());
        let mut spans = fit_spans(
            vec![
                Span::raw(" ".repeat(SNIPPET_INDENT)),
                Span::styled(before.to_string(), theme.dim()),
                Span::styled(found.to_string(), theme.standard()),
                Span::styled(after.to_string(), theme.dim()),
            ],
            width,
        );
        let pad = width.saturating_sub(spans_width(&spans));
        spans.push(Span::raw(" ".repeat(pad)));
        lines.push(Line::from(spans).style(style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
