//! What is a caption rather than text: figure and table labels, a photo's caption after its
//! image's gap, a poster's line.

use super::*;

/// A photo's caption left standing alone after the gap of its image: one short sentence in
/// the present tense about someone (`Jo Cops visits Kenya to …`), or a poster's line of text
/// (`SMB - Envisioning …`).
pub(super) fn is_photo_caption(text: &str, gap: usize) -> bool {
    if is_banner(text) {
        return true;
    }
    let t = strip_markup(text);
    // The caption of a QR code that did not survive the export.
    if t.trim_end_matches(':')
        .eq_ignore_ascii_case("for more information")
    {
        return true;
    }
    let sentences = t.matches(['.', '!', '?']).count();
    let words: Vec<&str> = t.split_whitespace().collect();
    let name_then_verb = words
        .iter()
        .take(5)
        .position(|w| w.len() > 3 && w.ends_with('s') && w.chars().all(|c| c.is_ascii_lowercase()));
    gap >= 2
        && t.len() < 200
        && sentences == 1
        && t.ends_with('.')
        && name_then_verb
            .is_some_and(|k| k >= 2 && words[..k].iter().all(|w| w.starts_with(char::is_uppercase)))
}

pub(super) fn is_caption_label(text: &str) -> bool {
    let t = strip_markup(text);
    let lower = t.to_lowercase();
    t.len() < 300
        && (lower.starts_with("figure ")
            || lower.starts_with("fig.")
            || lower.starts_with("photo")
            || lower.starts_with("table ") && t.contains(':')
            || t.starts_with('图') && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

pub(super) fn caption(lines: &[String]) -> String {
    let text = lines
        .iter()
        .map(|l| l.trim_end_matches(HARD_BREAK).trim())
        .collect::<Vec<_>>()
        .join(" ");
    format!("{CAPTION_MARK}{text}")
}

/// Paragraphs of page furniture that are scraps of an image's text (a cropped word, a
/// barcode's digits, `05>`): no word of three letters. They become captions; nothing is
/// dropped.
pub fn image_scraps(body: &str) -> String {
    body.split("\n\n")
        .map(|p| {
            let words = p
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.chars().count() >= 3);
            let plain = !p.contains('\n')
                && !p.trim().is_empty()
                && !p.starts_with(CAPTION_MARK)
                && heading_level(p).is_none()
                && !p.starts_with(['|', '-'])
                && !is_rule(p);
            if plain && !words {
                format!("{CAPTION_MARK}{}", p.trim())
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
