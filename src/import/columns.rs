//! A magazine issue's sections: the front matter before the CONTENTS page, the CONTENTS page,
//! each column with its articles as `segment` cut them, and the page furniture (running labels,
//! back cover) that belongs to no article.

use std::collections::HashSet;

use crate::archive::{Missing, SectionKind};

use super::assemble::Span;
use super::builder::{Builder, missing_of};
use super::contents::Toc;
use super::{front, segment};

/// Adds the sections to `b`; returns the CONTENTS entries the body does not have.
pub fn build(b: &mut Builder, toc: &Toc) -> Vec<Missing> {
    let lines = b.lines;
    let mut cut = segment::cut(lines, toc);
    // The editor's splits: a new article from that line on.
    for &at in &b.corrections.splits {
        if let Some(k) = cut.segs.iter().position(|g| g.start < at && at < g.end) {
            let mut second = cut.segs[k].clone();
            cut.segs[k].end = at;
            second.start = at;
            second.title_end = at + 1;
            second.entry = None;
            second.lead = 0..0;
            cut.segs.insert(k + 1, second);
        }
    }
    let front = b.section(SectionKind::Front, "Front matter", None, None);
    for part in front::parts(lines, toc.start) {
        let idx: Vec<usize> = part.lines.collect();
        b.front_headed(front, part.id, &part.title, part.heading.clone(), &idx);
    }
    b.front(
        front,
        "contents",
        "Contents",
        &(toc.start..toc.end).collect::<Vec<_>>(),
    );
    b.furniture(
        front,
        "page-furniture",
        "Page furniture and back cover",
        &cut.furniture,
    );
    let skip: HashSet<usize> = cut.furniture.iter().copied().collect();
    let mut sec_of = vec![None; toc.columns.len()];
    for seg in &cut.segs {
        let col = &toc.columns[seg.column];
        let s = *sec_of[seg.column].get_or_insert_with(|| {
            b.section(
                SectionKind::Column,
                &col.name,
                col.name_zh.clone(),
                col.page,
            )
        });
        let span = Span {
            start: seg.start,
            title_end: seg.title_end,
            end: seg.end,
            entry: seg.entry.as_ref(),
            title: None,
            lead: seg.lead.clone(),
        };
        b.article(s, &span, &skip);
    }
    missing_of(toc, &cut.missing)
}
