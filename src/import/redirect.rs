//! Keeping old article ids working. Readers' positions and bookmarks name articles by id; when a
//! better import merges an article away (an empty chapter heading) or renames it, the id must
//! still open the article that now holds its text. The previous import of the issue says which
//! ids existed; each one that no article has now is redirected, and the redirects the previous
//! import kept are kept too.

use std::collections::{BTreeMap, HashSet};

use crate::archive::Issue;

use super::lines::{normalize, without_enumerator};

/// The first words of a text, normalised: enough to find where it went.
fn opening(text: &str) -> String {
    let para = text
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with(crate::archive::CAPTION_MARK))
        .unwrap_or("");
    normalize(para).chars().take(80).collect()
}

/// The id in `issue` of the article that now holds the text of `previous`'s article `id`.
fn successor(previous: &Issue, id: &str, issue: &Issue) -> Option<String> {
    let (s, a) = previous.locate(id)?;
    let old = &previous.sections[s].articles[a];
    let start = opening(old.body.as_str());
    if start.len() >= 20 {
        for sec in &issue.sections {
            for art in &sec.articles {
                if normalize(art.body.as_str()).contains(&start) {
                    return Some(art.id.clone());
                }
            }
        }
    }
    // No text of its own (a chapter heading): the first article of the section that now
    // carries its heading, or of the section it was in.
    let heading = without_enumerator(&old.title);
    let old_section = &previous.sections[s];
    issue
        .sections
        .iter()
        .find(|sec| without_enumerator(&sec.name) == heading)
        .or_else(|| issue.sections.iter().find(|sec| sec.id == old_section.id))
        .and_then(|sec| sec.articles.first())
        .map(|a| a.id.clone())
}

/// Adds to `issue.redirects` every id of `previous` (articles and redirects) that `issue` no
/// longer has, pointing at the article that holds its text now.
pub fn carry(previous: &Issue, issue: &mut Issue) {
    let now: HashSet<String> = issue
        .sections
        .iter()
        .flat_map(|s| s.articles.iter().map(|a| a.id.clone()))
        .collect();
    let mut redirects = BTreeMap::new();
    let old_ids = previous
        .sections
        .iter()
        .flat_map(|s| s.articles.iter().map(|a| a.id.clone()))
        .chain(previous.redirects.keys().cloned());
    for id in old_ids {
        if now.contains(&id) {
            continue;
        }
        if let Some(to) = successor(previous, &id, issue) {
            redirects.insert(id, to);
        }
    }
    issue.redirects = redirects;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::fixture;

    #[test]
    fn a_vanished_id_opens_the_article_holding_its_text() {
        let text = "A long enough opening paragraph of the article.\n\nMore.";
        let mut previous = fixture::issue(
            "2025-01",
            2025,
            1,
            vec![fixture::article("old-id", "Old", text)],
        );
        previous
            .redirects
            .insert("older-id".into(), "old-id".into());
        let moved = format!("Lead.\n\n{text}");
        let mut issue = fixture::issue(
            "2025-01",
            2025,
            1,
            vec![fixture::article("new-id", "New", &moved)],
        );
        carry(&previous, &mut issue);
        assert_eq!(
            issue.redirects.get("old-id").map(String::as_str),
            Some("new-id")
        );
        assert_eq!(
            issue.redirects.get("older-id").map(String::as_str),
            Some("new-id")
        );
        assert_eq!(issue.find_article("older-id").unwrap().1.id, "new-id");
        // An old redirect whose target stays is kept as it is; nothing else is added.
        let mut same = previous.clone();
        same.redirects.clear();
        carry(&previous, &mut same);
        assert_eq!(same.redirects, previous.redirects);
    }
}
