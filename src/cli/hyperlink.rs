//! OSC 8 hyperlinks in `magreader show` to a terminal that supports them: the targets in the
//! list after an article's text become clickable (each piece, where a long target is cut over
//! lines, links to the whole target).
//!
//! Only the reader's own link targets are wrapped, after sanitising (no control character of
//! the archive's is in a target, so none can end the sequence early); the text of the line is
//! printed as `show` prints it otherwise.

use crate::text::markdown::{Laid, Style};

/// `ESC ] 8 ; ; URI ESC \`: the start of a hyperlink; an empty URI ends one.
fn osc8(uri: &str) -> String {
    let mut out = Vec::new();
    crate::term::links::osc8(&mut out, uri);
    String::from_utf8_lossy(&out).into_owned()
}

pub use crate::term::links::supported;

/// The lines of `laid` as text, link-list targets wrapped in OSC 8 when `on`.
pub fn lines(laid: &Laid, on: bool) -> Vec<String> {
    let mut current: Option<&str> = None;
    laid.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if !on || i < laid.list_start {
                return line.text();
            }
            let mut out = String::new();
            for s in &line.spans {
                match s.style {
                    Style::LinkNumber => {
                        // `[n]` names the target of this line and those continuing it.
                        let n = s.text.trim().trim_start_matches('[').trim_end_matches(']');
                        if let Ok(n) = n.parse::<usize>() {
                            current = laid.targets.get(n.wrapping_sub(1)).map(String::as_str);
                        }
                        out.push_str(&s.text);
                    }
                    Style::Link => match current {
                        Some(uri) => {
                            out.push_str(&osc8(uri));
                            out.push_str(&s.text);
                            out.push_str(&osc8(""));
                        }
                        None => out.push_str(&s.text),
                    },
                    _ => out.push_str(&s.text),
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::layout_with_links;

    #[test]
    fn list_targets_become_hyperlinks_and_nothing_else_changes() {
        let md = "See [ISO](https://www.iso.org/standard/62085.html) and [here](#).";
        let laid = layout_with_links(md, 30);
        let plain = lines(&laid, false);
        assert_eq!(plain.join("\n"), crate::text::markdown::to_plain(md, 30));
        let linked = lines(&laid, true);
        let uri = "https://www.iso.org/standard/62085.html";
        // Cut over two lines at 30 columns, each piece links to the whole target.
        let pieces = linked.iter().filter(|l| l.contains(&osc8(uri))).count();
        assert_eq!(pieces, 2, "{linked:?}");
        assert_eq!(linked[0], plain[0], "the text before the list is as it was");
    }
}
