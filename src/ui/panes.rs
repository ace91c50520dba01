//! The issue list and the contents pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::article::ArticleRef;
use crate::app::layout::Pane;
use crate::app::pane_lines::{ContentsLine, ITEM_INDENT, IssueLine, issue_lines};
use crate::archive::SectionKind;
use crate::text::width::str_width;

use super::text::{chrome_safe, clean, fit, fit_spans};
use super::theme::Theme;

/// Marks the selected row, so selection shows even without colour or reverse video.
const SELECTED_MARK: &str = ">";

/// Beside an article already read (see `app::remember`). U+2713 CHECK MARK is not East Asian
/// "ambiguous": one column under every CJK width setting.
pub const READ_MARK: &str = "\u{2713}";

pub fn draw_issues(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Pane::Issues;
    let width = usize::from(area.width);
    let lines: Vec<Line> = issue_lines(&app.archive.issues)
        .into_iter()
        .skip(app.issues_top)
        .take(usize::from(area.height))
        .map(|l| match l {
            IssueLine::Label(i) => {
                let issue = &app.archive.issues[i];
                let selected = i == app.issue;
                let mark = if selected { SELECTED_MARK } else { " " };
                let text = fit(
                    &format!("{mark}{}", chrome_safe(&clean(&issue.label()))),
                    width,
                );
                row(
                    text,
                    width,
                    if selected {
                        theme.selected(focused)
                    } else {
                        Style::new()
                    },
                )
            }
            IssueLine::Cover(i) => {
                let cover = clean(app.archive.issues[i].cover.as_deref().unwrap_or(""));
                Line::styled(fit(&format!("   {cover}"), width), theme.dim())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A full-width row: `text` padded with spaces so a selection bar spans the pane.
fn row(text: String, width: usize, style: Style) -> Line<'static> {
    let pad = width.saturating_sub(str_width(&text));
    Line::styled(format!("{text}{}", " ".repeat(pad)), style)
}

/// `left` and a right-aligned `right` in `width` columns; `left` is cut to make room.
fn with_right(
    left: Vec<Span<'static>>,
    right: String,
    width: usize,
    style: Style,
) -> Line<'static> {
    let rw = str_width(&right);
    let (mut spans, right) = if rw + 1 < width {
        (fit_spans(left, width - rw - 1), right)
    } else {
        (fit_spans(left, width), String::new())
    };
    let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    let pad = width.saturating_sub(used + str_width(&right));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::raw(right));
    Line::from(spans).style(style)
}

pub fn draw_contents(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(issue) = app.open_issue() else {
        frame.render_widget(Paragraph::new("No issues."), area);
        return;
    };
    let focused = app.focus == Pane::Contents;
    let width = usize::from(area.width);
    let indent = " ".repeat(ITEM_INDENT);
    let page = |p: Option<u32>| p.map_or(String::new(), |p| p.to_string());
    let lines: Vec<Line> = app
        .contents
        .lines
        .iter()
        .skip(app.contents_top)
        .take(usize::from(area.height))
        .map(|l| match *l {
            ContentsLine::Blank => Line::raw(""),
            ContentsLine::Header { section, number } => {
                let s = &issue.sections[section];
                let front = s.kind == SectionKind::Front;
                let style = if front { theme.front() } else { theme.header() };
                let mut spans = Vec::new();
                if let Some(n) = number {
                    spans.push(Span::styled(format!("{n:>2} "), theme.column_number()));
                } else {
                    spans.push(Span::raw("   "));
                }
                spans.push(Span::styled(clean(&s.name), style));
                if let Some(zh) = s.name_zh.as_deref().filter(|z| !z.is_empty()) {
                    spans.push(Span::styled(format!(" {}", clean(zh)), style));
                }
                with_right(spans, page(s.page), width, Style::new())
            }
            ContentsLine::Title { item, zh_beside } => {
                let r = app.contents.items[item];
                let (s, a) = (
                    &issue.sections[r.section],
                    &issue.sections[r.section].articles[r.article],
                );
                let selected = item == app.contents_sel;
                let mark = if selected { SELECTED_MARK } else { " " };
                let base = if a.body.is_unreadable() {
                    theme.missing()
                } else if s.kind == SectionKind::Front {
                    theme.front()
                } else {
                    Style::new()
                };
                let at = ArticleRef {
                    issue: app.issue,
                    section: r.section,
                    article: r.article,
                };
                // The read mark takes the indent's last column, so titles stay aligned.
                let read = if app.is_read(at) {
                    Span::styled(READ_MARK, base.patch(theme.read_mark()))
                } else {
                    Span::styled(" ", base)
                };
                let mut spans = vec![
                    Span::styled(format!("{mark}{}", &indent[2..]), base),
                    read,
                    Span::styled(clean(&a.title), base),
                ];
                if zh_beside {
                    let zh = clean(a.title_zh.as_deref().unwrap_or(""));
                    spans.push(Span::styled(format!("  {zh}"), base.patch(theme.dim())));
                }
                let style = if selected {
                    theme.selected(focused)
                } else {
                    Style::new()
                };
                with_right(spans, page(a.page), width, style)
            }
            ContentsLine::TitleZh { item } => {
                let r = app.contents.items[item];
                let a = &issue.sections[r.section].articles[r.article];
                let zh = clean(a.title_zh.as_deref().unwrap_or(""));
                let selected = item == app.contents_sel;
                let style = if selected {
                    theme.selected(focused)
                } else {
                    theme.dim()
                };
                row(fit(&format!("{indent}  {zh}"), width), width, style)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
