//! Counts before motions, as in less and vim: `5j`, `10G`, `50%`, `3 Space`.
//!
//! The digits `1`–`9` are also the README's column jumps, so a digit waits: a motion after it
//! takes it as a count; any other key of the keymap (or a pause, [`Action::CountTimeout`]
//! from the event loop) makes a lone digit the column jump, then does that key. `Esc` drops
//! the count, and so does a key bound to nothing (`App::handle_key`: a mistyped key does
//! nothing, not even the jump).

use super::Action;
use super::state::App;
use super::update::{apply, counted_action};

/// Counts are capped here; no article is longer.
pub const MAX_COUNT: u32 = 99_999;

/// Whether `action` takes a count.
fn takes_count(action: Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom
            | Action::Percent
            | Action::NextMatch
            | Action::PrevMatch
            | Action::CopyLinks
    )
}

/// Whether `update` hands `action` to [`update`] here: a digit, or any key while a count
/// waits (resizes and ticks pass by).
pub(super) fn wants(app: &App, action: Action) -> bool {
    app.popups.is_empty()
        && !matches!(action, Action::Resize(..) | Action::Tick)
        && (app.count.is_some() || matches!(action, Action::Count(_) | Action::CountTimeout))
}

pub(super) fn update(app: &mut App, action: Action) {
    match action {
        Action::Count(d) => {
            let n = app
                .count
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(u32::from(d))
                .min(MAX_COUNT);
            if n == 0 {
                app.notice = Some("0 goes after a digit: 10G is line 10".into());
                return;
            }
            app.count = Some(n);
            app.notice = Some(if n <= 9 {
                format!("{n}: a motion (j k G % Space) or y takes it as a count, else column {n}")
            } else {
                format!("{n}: a motion (j k G % Space) or y takes it as a count")
            });
        }
        Action::CountTimeout => column_or_drop(app),
        // Esc.
        Action::ClearSearch => {
            app.count = None;
            app.notice = None;
        }
        // Quitting is no time to open a column (it would become the article read last).
        Action::Quit => {
            app.count = None;
            apply(app, action);
        }
        a if takes_count(a) => {
            let n = app.count.take().map(|n| n as usize);
            app.notice = None;
            counted_action(app, a, n);
        }
        a => {
            column_or_drop(app);
            apply(app, a);
        }
    }
}

/// A count with no motion after it: a lone digit is the column jump; a longer one is dropped.
fn column_or_drop(app: &mut App) {
    app.notice = None;
    match app.count.take() {
        Some(n @ 1..=9) => apply(app, Action::Column(n as u8)),
        Some(n) => app.notice = Some(format!("{n} dropped: a count goes before a motion")),
        None => {}
    }
}
