//! Interviews: the print sets the interviewer's questions apart by type, which the export
//! loses; only the first exchange carries the speakers' labels (`<Magazine>: …?` /
//! `Mr. Name: …`). Later questions get the interviewer's label the first one has, so that they
//! do not read as part of the answer before them.

use super::*;

/// `The Review` of `The Review: When …`: a label of one to five
/// capitalised words (or `Mr.`, `Ms.`, `Dr.`, `Prof.`) before a colon at the start of a paragraph.
fn speaker_label(p: &str) -> Option<&str> {
    let (label, rest) = p.split_once(": ")?;
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitalised = words
        .iter()
        .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    ((1..=5).contains(&words.len())
        && capitalised
        && label.len() <= 50
        && !label.contains(['*', '[', '#', '|'])
        && !rest.trim().is_empty())
    .then_some(label)
}

fn is_text(p: &str) -> bool {
    !p.starts_with(CAPTION_MARK)
        && heading_level(p).is_none()
        && !p.starts_with(['|', '-', '>', '*'])
        && !p.contains('\n')
}

/// The sentences of a paragraph, roughly: cut after `.`, `?` or `!` and a space.
fn sentences(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = p.as_bytes();
    for (k, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'?' | b'!') && bytes.get(k + 1) == Some(&b' ') {
            out.push(p[from..=k].trim());
            from = k + 1;
        }
    }
    if from < p.len() && !p[from..].trim().is_empty() {
        out.push(p[from..].trim());
    }
    out
}

/// A question put to the interviewee: a short paragraph (up to three sentences) whose last
/// sentence asks (`…?`) or asks them to tell (`Please share your opinions on …`).
fn is_question(p: &str) -> bool {
    let s = sentences(p);
    let Some(last) = s.last() else {
        return false;
    };
    let t = p.trim_end();
    let asks = t.ends_with('?')
        || (last.starts_with("Please ")
            && last.split_whitespace().any(|w| {
                matches!(
                    w.trim_matches(|c: char| !c.is_alphabetic()),
                    "you" | "your" | "us"
                )
            }));
    asks && s.len() <= 3 && t.len() <= 400
}

/// Gives each later question the interviewer's label, once the article opens with a labelled
/// exchange: a labelled question and a differently labelled answer right after it. Questions
/// alternate with answers: a question-shaped paragraph right after a question, or with another
/// after it, is part of an answer (a rhetorical question), and so is one closing the article.
/// Where that is unsure it stays unlabelled, as printed, rather than take a wrong label. The biography
/// after the interview (`## About …`) holds no questions.
pub(super) fn label_questions(parts: &mut [String]) {
    let text: Vec<usize> = (0..parts.len()).filter(|&k| is_text(&parts[k])).collect();
    let Some((first, interviewer)) = text.windows(2).find_map(|w| {
        let (q, a) = (&parts[w[0]], &parts[w[1]]);
        let (lq, la) = (speaker_label(q)?, speaker_label(a)?);
        (lq != la && is_question(q.split_once(": ")?.1)).then(|| (w[1], lq.to_string()))
    }) else {
        return;
    };
    let end = (first..parts.len())
        .find(|&k| {
            heading_level(&parts[k])
                .is_some_and(|l| parts[k][l..].trim_start().starts_with("About "))
        })
        .unwrap_or(parts.len());
    let later: Vec<usize> = text
        .iter()
        .copied()
        .filter(|&k| k > first && k < end)
        .collect();
    let mut after_question = false;
    for (n, &k) in later.iter().enumerate() {
        let next = later.get(n + 1).map(|&j| parts[j].as_str());
        let ask = !after_question
            && speaker_label(&parts[k]).is_none()
            && is_question(&parts[k])
            && next.is_some_and(|x| !is_question(x));
        if ask {
            parts[k] = format!("{interviewer}: {}", parts[k]);
        }
        after_question = ask;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(parts: &[&str]) -> Vec<String> {
        let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
        label_questions(&mut p);
        p
    }

    #[test]
    fn later_questions_take_the_first_questions_label() {
        let p = labelled(&[
            "Last year we met the chair of the board.",
            "The Review: You launched a fund last year. Is there any progress?",
            "Ms. Ann Lee: The fund started two projects.",
            "The first one brings power to schools.",
            "Can you explain clean cooking?",
            "It is about cooking with electricity.",
            "[Caption] Ann Lee visits a school.",
            "You worked in industry for years. Please share your view on how the two levels meet.",
            "Standards start in each country. Who else would write them? Nobody.",
            "## About Ms. Ann Lee",
            "Was she always an engineer?",
            "Yes.",
        ]);
        assert_eq!(p[4], "The Review: Can you explain clean cooking?");
        assert_eq!(
            p[7],
            "The Review: You worked in industry for years. Please share your view on how the two levels meet."
        );
        // Answers, captions, the labelled exchange itself and the biography stay as they are.
        for k in [0, 1, 2, 3, 5, 6, 8, 10] {
            assert!(!p[k].starts_with("The Review: ") || k == 1, "{k}: {}", p[k]);
        }
        assert_eq!(p[10], "Was she always an engineer?");
    }

    #[test]
    fn without_a_labelled_exchange_nothing_is_labelled() {
        let parts = [
            "Experts met in March.",
            "What will the future bring?",
            "Nobody knows yet, the chair said.",
        ];
        assert_eq!(labelled(&parts), parts.to_vec());
        // Of two question-shaped paragraphs the one the answer follows is the question: the
        // one before ends the previous answer (a rhetorical question).
        let p = labelled(&[
            "Host: Where does it start?",
            "Mr. Bo: At home.",
            "Who else would do it?",
            "Why does it matter?",
            "Because trade needs it.",
        ]);
        assert_eq!(p[2], "Who else would do it?");
        assert_eq!(p[3], "Host: Why does it matter?");
    }
}
