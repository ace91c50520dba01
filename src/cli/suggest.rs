//! "Did you mean …?" for mistyped issue and article ids.
//!
//! Ids are short and typed by hand (`2025-6` for `2025-06`, `spotlite` for `spotlight-…`), so
//! the ranking favours ids that contain what was typed, then small edit distances.

use crate::text::sanitize::sanitize;

/// At most this many suggestions are offered.
const MAX_SUGGESTIONS: usize = 3;

/// The known ids closest to `typed`, best first. Empty when nothing is close enough to be a
/// plausible typo.
pub fn closest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed_lc = typed.to_lowercase();
    let mut ranked: Vec<(u8, usize, &str)> = known
        .into_iter()
        .filter_map(|id| {
            let id_lc = id.to_lowercase();
            let dist = strsim::levenshtein(&typed_lc, &id_lc);
            // Containment either way is a strong hint (a prefix of a long slug, or the slug
            // plus a stray suffix), as long as the typed part is not trivially short.
            if typed_lc.chars().count() >= 3
                && (id_lc.contains(&typed_lc) || typed_lc.contains(&id_lc))
            {
                return Some((0, dist, id));
            }
            // Allow roughly one edit per three characters, and always at least two.
            let budget = (typed_lc.chars().count().max(id_lc.chars().count()) / 3).max(2);
            (dist <= budget).then_some((1, dist, id))
        })
        .collect();
    ranked.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    ranked.dedup_by(|a, b| a.2 == b.2);
    // Offer only the best tier: ids containing the typed text if any, otherwise the ids at the
    // smallest distance (`2025-6` should suggest `2025-06`, not every issue of 2025).
    if let Some(&(tier, dist, _)) = ranked.first() {
        ranked.retain(|r| r.0 == tier && (tier == 0 || r.1 == dist));
    }
    ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, _, id)| id)
        .collect()
}

/// `what; did you mean a, b?` or, with nothing close, `what; fallback`.
pub fn not_found_message<'a>(
    what: &str,
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
    fallback: &str,
) -> String {
    let near = closest(typed, known);
    if near.is_empty() {
        format!("{what}; {fallback}")
    } else {
        let list: Vec<String> = near.iter().map(|s| sanitize(s).into_owned()).collect();
        format!("{what}; did you mean {}?", list.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &[&str] = &[
        "2025-06",
        "2025-05",
        "2025-03",
        "2024-06",
        "report-2025-01-bri",
    ];

    #[test]
    fn missing_zero_finds_only_the_padded_id() {
        assert_eq!(closest("2025-6", IDS.iter().copied()), vec!["2025-06"]);
    }

    #[test]
    fn prefix_of_a_long_slug_is_suggested() {
        assert_eq!(
            closest("report", IDS.iter().copied()),
            vec!["report-2025-01-bri"]
        );
    }

    #[test]
    fn unrelated_text_suggests_nothing() {
        assert!(closest("zebra", IDS.iter().copied()).is_empty());
    }

    #[test]
    fn at_most_three_suggestions() {
        assert!(closest("2025-0", IDS.iter().copied()).len() <= MAX_SUGGESTIONS);
    }

    #[test]
    fn message_names_the_suggestion_or_the_fallback() {
        assert_eq!(
            not_found_message("no issue \"2025-6\"", "2025-6", IDS.iter().copied(), "x"),
            "no issue \"2025-6\"; did you mean 2025-06?"
        );
        assert_eq!(
            not_found_message("no issue \"q\"", "q", IDS.iter().copied(), "run list"),
            "no issue \"q\"; run list"
        );
    }
}
