//! The `?` overlay's rows at a given width: the keymap's help lines with each description
//! wrapped under its keys rather than cut, so a narrow terminal shows all of it. The overlay
//! draws these rows and scrolls over them, so both count the same rows.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::keymap::{HelpLine, help_lines};
use super::layout::popup_area;
use crate::text::width::str_width;
use crate::text::wrap::wrap;

/// Width of the keys column on a screen wide enough for it.
pub const KEYS_COLUMN: usize = 22;

/// One row of the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    /// The keys (on an entry's first row; empty on the rows its description continues on),
    /// padded to the keys column, and this row's part of the description.
    Entry {
        keys: String,
        text: String,
    },
    Note(String),
    Blank,
}

/// The keys column at `width`: narrower on a narrow screen, so descriptions keep some room.
fn keys_column(width: usize) -> usize {
    KEYS_COLUMN.min(width / 2)
}

/// Every row of the overlay, `width` columns wide. Made once per width: drawing the overlay
/// and every key while it is open need them, and wrapping the whole keymap each time cost a
/// busy `serve` enough to show.
pub fn help_rows(width: usize) -> Arc<[HelpRow]> {
    static MADE: LazyLock<Mutex<HashMap<usize, Arc<[HelpRow]>>>> = LazyLock::new(Default::default);
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    made.entry(width)
        .or_insert_with(|| wrapped_rows(width).into())
        .clone()
}

/// [`help_rows`], made anew.
fn wrapped_rows(width: usize) -> Vec<HelpRow> {
    let keys_w = keys_column(width);
    let text_w = width.saturating_sub(keys_w).max(1);
    let mut out = Vec::new();
    for line in help_lines() {
        match line {
            HelpLine::Heading(h) => out.push(HelpRow::Heading(h)),
            HelpLine::Blank => out.push(HelpRow::Blank),
            HelpLine::Note(n) => {
                let indent = 2.min(width.saturating_sub(1));
                let w = width.saturating_sub(indent).max(1);
                out.extend(
                    wrap(n, w)
                        .into_iter()
                        .map(|r| HelpRow::Note(format!("{}{}", " ".repeat(indent), &n[r]))),
                );
            }
            HelpLine::Entry(e) => {
                let keys = format!("  {}", e.keys);
                // Keys longer than their column take a row of their own.
                let (first_keys, lines) = if str_width(&keys) < keys_w {
                    let pad = keys_w - str_width(&keys);
                    (
                        format!("{keys}{}", " ".repeat(pad)),
                        wrap(e.description, text_w),
                    )
                } else {
                    out.push(HelpRow::Entry {
                        keys,
                        text: String::new(),
                    });
                    (" ".repeat(keys_w), wrap(e.description, text_w))
                };
                for (i, r) in lines.into_iter().enumerate() {
                    out.push(HelpRow::Entry {
                        keys: if i == 0 {
                            first_keys.clone()
                        } else {
                            " ".repeat(keys_w)
                        },
                        text: e.description[r].to_string(),
                    });
                }
            }
        }
    }
    out
}

/// The overlay's inner width on a `width` × `height` screen (inside its borders).
pub fn help_width(width: u16, height: u16) -> usize {
    usize::from(popup_area(width, height).width.saturating_sub(2))
}

/// The rows of help the overlay shows at once (inside its borders).
pub fn help_height(width: u16, height: u16) -> usize {
    super::layout::popup_rows(width, height, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_text(rows: &[HelpRow]) -> String {
        rows.iter()
            .map(|r| match r {
                HelpRow::Heading(h) => h.to_string(),
                HelpRow::Entry { keys, text } => format!("{keys} {text}"),
                HelpRow::Note(n) => n.clone(),
                HelpRow::Blank => String::new(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn no_row_is_wider_than_the_overlay_and_no_word_is_lost() {
        // Compared without spaces: a hyphenated word may be broken after its hyphen.
        let words = |s: &str| s.split_whitespace().collect::<String>();
        let wide = words(&all_text(&help_rows(200)));
        for width in [24, 30, 40, 60, 94] {
            let rows = help_rows(width);
            for r in rows.iter() {
                let w = match r {
                    HelpRow::Heading(_) | HelpRow::Blank => 0,
                    HelpRow::Entry { keys, text } if text.is_empty() => str_width(keys),
                    HelpRow::Entry { keys, text } => str_width(keys) + str_width(text),
                    HelpRow::Note(n) => str_width(n),
                };
                // A key list alone may be wider than a very narrow overlay (it is cut there).
                if !matches!(r, HelpRow::Entry { text, .. } if text.is_empty()) {
                    assert!(w <= width, "{r:?} wider than {width}");
                }
            }
            assert_eq!(words(&all_text(&rows)), wide, "at {width}");
        }
    }

    #[test]
    fn the_rows_made_once_for_a_width_are_the_rows_made_anew() {
        for width in [24, 40, 94] {
            assert_eq!(&help_rows(width)[..], &wrapped_rows(width)[..]);
            assert!(Arc::ptr_eq(&help_rows(width), &help_rows(width)));
        }
    }

    #[test]
    fn a_narrow_overlay_wraps_descriptions_onto_more_rows() {
        assert!(help_rows(40).len() > help_rows(94).len());
        let rows = help_rows(40);
        // A continued description sits under the first one, its keys column blank.
        assert!(rows.iter().any(|r| matches!(
            r,
            HelpRow::Entry { keys, text } if keys.trim().is_empty() && !text.is_empty()
        )));
    }
}
