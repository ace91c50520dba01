//! A name box (a portrait's caption: a name in bold over a post) labels the text after it. The
//! export can leave one just above the heading of the section it belongs to; it then goes under
//! that heading, beside the text that names the person.

use super::heading_level;

/// `**Feng Xingya**\` over a post: the name in a name box.
fn box_name(part: &str) -> Option<&str> {
    let first = part.lines().next()?;
    let name = first.strip_prefix("**")?.trim_end_matches('\\').trim_end();
    let name = name.strip_suffix("**")?;
    let words = name.split_whitespace().count();
    let boxed = part.lines().count() >= 2 && (2..=4).contains(&words) && !name.contains("**");
    boxed.then_some(name)
}

/// Whether `text` names the person called `name`: in full, or by the family name the
/// magazine writes first for Chinese names and last for others.
fn names(text: &str, name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mentions = |w: &str| {
        text.match_indices(w).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    mentions(name)
        || words.first().is_some_and(|w| w.len() > 1 && mentions(w))
        || words.last().is_some_and(|w| w.len() > 1 && mentions(w))
}

/// Moves each name box that stands just above a heading to just under it, when the section
/// under the heading names the person and the paragraph above the box does not.
pub(super) fn boxes_under_their_headings(parts: &mut [String]) {
    let heading = |p: &String| !p.contains('\n') && heading_level(p).is_some();
    let mut k = 0;
    while k + 2 < parts.len() {
        let Some(name) = box_name(&parts[k]) else {
            k += 1;
            continue;
        };
        // The section under the heading: up to the next heading or name box.
        let section: Vec<&str> = parts[k + 2..]
            .iter()
            .take_while(|p| !heading(p) && box_name(p).is_none())
            .map(String::as_str)
            .collect();
        let names_below = section.iter().any(|p| names(p, name));
        let above = k.checked_sub(1).map(|j| parts[j].as_str()).unwrap_or("");
        if heading(&parts[k + 1]) && names_below && !names(above, name) {
            parts.swap(k, k + 1);
            k += 2;
        } else {
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(parts: &[&str]) -> Vec<String> {
        let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
        boxes_under_their_headings(&mut p);
        p
    }

    #[test]
    fn a_box_above_the_heading_of_the_section_naming_it_goes_under_the_heading() {
        let p = run(&[
            "Wen advised more monitoring.",
            "**Feng Xingya**\\\nDeputy to the NPC",
            "## Unified standards for charging",
            "Electrification is a path to carbon neutrality.",
            "Feng Xingya, Deputy to the NPC, proposed unified standards.",
        ]);
        assert_eq!(p[1], "## Unified standards for charging");
        assert!(p[2].starts_with("**Feng Xingya**"));
    }

    #[test]
    fn a_box_stays_where_the_section_does_not_name_it_or_the_text_above_does() {
        let speech = [
            "**Hu Yanan**\\\nVice President",
            "## Work plan for the year",
            "Our first focus is the standards database.",
        ];
        assert_eq!(run(&speech), speech);
        let above = [
            "As Li Na said, the rules matter.",
            "**Li Na**\\\nDirector",
            "## Rules",
            "Li Na added that rules need review.",
        ];
        assert_eq!(run(&above), above);
    }

    #[test]
    fn a_bold_lead_in_is_no_box() {
        assert_eq!(box_name("**Firstly, the plan.** It sets a goal."), None);
        assert_eq!(
            box_name("**Wen Shugang**\\\nMember of the CPPCC"),
            Some("Wen Shugang")
        );
    }
}
