//! Putting an issue together from the stages: metadata, contents, cut body, front matter, and
//! the check that every line was placed.

use std::collections::HashSet;

use crate::archive::{Issue, IssueKind, Missing, Section, SectionKind};

use super::ImportReport;
use super::account::{self, Owner};
use super::assemble::{Span, assemble, clean_field, clean_if_needed, slugify, unique_id};
use super::body;
use super::contents::{self, Toc, TocEntry};
use super::lines::{is_blank, is_chinese, strip_markup};
use super::meta::{Meta, read_meta};
use super::review::Review;
use super::{report, segment, source};

/// Collects sections and remembers which part of the issue took each source line.
struct Builder<'a> {
    lines: &'a [&'a str],
    review: Review,
    sections: Vec<Section>,
    owners: Vec<Option<Owner>>,
    ids: HashSet<String>,
}

impl<'a> Builder<'a> {
    fn new(lines: &'a [&'a str]) -> Self {
        Builder {
            lines,
            review: Review::default(),
            sections: Vec::new(),
            owners: vec![None; lines.len()],
            ids: HashSet::new(),
        }
    }

    fn section(
        &mut self,
        kind: SectionKind,
        name: &str,
        name_zh: Option<String>,
        page: Option<u32>,
    ) -> usize {
        // Names come from CONTENTS lines, which may carry controls (the importer warns).
        let name = clean_if_needed(name);
        let mut taken: HashSet<String> = self.sections.iter().map(|s| s.id.clone()).collect();
        let id = unique_id(&slugify(&name), &mut taken);
        self.sections.push(Section {
            id,
            kind,
            name,
            name_zh: name_zh.map(|z| clean_if_needed(&z)),
            page,
            articles: Vec::new(),
        });
        self.sections.len() - 1
    }

    fn article(&mut self, section: usize, span: &Span, skip: &HashSet<usize>) {
        let (mut a, used) = assemble(self.lines, span, skip, &mut self.review);
        // Fields taken from a CONTENTS entry (a lost title, its Chinese title or subtitle) are
        // cleaned here like those taken from the body, before the id is made from the title.
        a.title = clean_if_needed(&a.title);
        for v in [&mut a.title_zh, &mut a.subtitle, &mut a.byline]
            .into_iter()
            .flatten()
        {
            *v = clean_if_needed(v);
        }
        a.id = unique_id(&slugify(&a.title), &mut self.ids);
        let article = self.sections[section].articles.len();
        for i in used {
            self.owners[i] = Some(Owner::Article { section, article });
        }
        self.sections[section].articles.push(a);
    }

    /// A front-matter article made of any set of lines, kept in source order.
    fn front(&mut self, section: usize, id: &str, title: &str, idx: &[usize]) {
        if idx.iter().all(|&i| is_blank(self.lines[i])) {
            return;
        }
        let mut picked: Vec<&str> = Vec::new();
        let mut last: Option<usize> = None;
        for &i in idx {
            if last.is_some_and(|l| l + 1 != i) {
                picked.push("");
            }
            picked.push(self.lines[i]);
            last = Some(i);
        }
        let article = self.sections[section].articles.len();
        for &i in idx {
            self.owners[i] = Some(Owner::Article { section, article });
        }
        let id = unique_id(id, &mut self.ids);
        self.sections[section]
            .articles
            .push(crate::archive::Article {
                id,
                title: title.to_string(),
                title_zh: None,
                subtitle: None,
                page: None,
                byline: None,
                listed: false,
                body: body::build(&picked).into(),
            });
    }
}

fn missing_of(toc: &Toc, list: &[(usize, TocEntry)]) -> Vec<Missing> {
    list.iter()
        .map(|(c, e)| Missing {
            section: clean_if_needed(&toc.columns[*c].name),
            title: clean_if_needed(&e.title),
            title_zh: e.title_zh.as_deref().map(clean_if_needed),
        })
        .collect()
}

/// The cover story: the English lines after the first column name printed on the cover.
fn cover_story(lines: &[&str], toc: &Toc) -> Option<String> {
    let names: Vec<String> = toc.columns.iter().map(|c| c.name.to_lowercase()).collect();
    let at = lines
        .iter()
        .position(|l| names.contains(&strip_markup(l).to_lowercase()))?;
    let mut parts = Vec::new();
    for l in &lines[at + 1..] {
        if is_blank(l) {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if is_chinese(l) {
            break;
        }
        parts.push(strip_markup(l));
    }
    (!parts.is_empty()).then(|| clean_field(&parts.join(" ")))
}

fn report_title(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| strip_markup(l))
        .find(|l| l.to_lowercase().contains("report") && l.split_whitespace().count() >= 5)
        .or_else(|| {
            lines
                .iter()
                .map(|l| strip_markup(l))
                .find(|l| !l.is_empty())
        })
        .map(|t| clean_field(&t))
        .unwrap_or_else(|| "Untitled report".to_string())
}

/// `report-2025-bri` from a title ending in an acronym `(BRI)`, else from its first words.
fn report_id(title: &str, year: u32) -> String {
    let acronym = title
        .rsplit('(')
        .next()
        .and_then(|s| s.strip_suffix(')'))
        .filter(|s| s.len() <= 10 && s.chars().all(|c| c.is_ascii_uppercase()));
    let tail = match acronym {
        Some(a) => a.to_ascii_lowercase(),
        None => slugify(
            &title
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    format!("report-{year}-{tail}")
}

/// A stable 32-bit hash (FNV-1a), for ids that must not change between runs.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn warn_controls(text: &str, warnings: &mut Vec<String>) {
    let bad = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.chars().any(|c| {
                (c.is_control() && c != '\t')
                    || matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069)
            })
        })
        .map(|(i, _)| (i + 1).to_string())
        .take(10)
        .collect::<Vec<_>>();
    if !bad.is_empty() {
        warnings.push(format!(
            "control characters or bidi overrides on line(s) {}: kept in bodies, removed from titles; the reader shows them neutralised",
            bad.join(", ")
        ));
    }
}

/// Imports the text of a source named `name`. Errors are messages for the user.
pub fn import_text(name: &str, text: &str) -> Result<(Issue, ImportReport), String> {
    let source_lines: Vec<&str> = source::lines(text);
    let mut warnings = Vec::new();
    warn_controls(text, &mut warnings);
    let cstart = contents::find_contents(&source_lines);
    let meta = read_meta(&source_lines[..cstart.unwrap_or(source_lines.len().min(200))]);
    let report_toc = cstart.map(|c| contents::parse_report(&source_lines, c));
    let magazine_toc = cstart.map(|c| contents::parse_magazine(&source_lines, c));
    // Splitting run-in headings only adds lines after the table of contents, so its line
    // numbers stay valid.
    let (lines, origin) = match &report_toc {
        Some(r) if r.columns.len() >= 2 && meta.volume.is_none() => {
            report::split_run_in(&source_lines, r)
        }
        _ => (source_lines.clone(), (0..source_lines.len()).collect()),
    };
    let mut b = Builder::new(&lines);

    let (kind, toc, missing) = match (report_toc, magazine_toc) {
        (Some(r), _) if r.columns.len() >= 2 && meta.volume.is_none() => {
            let cut = report::cut(&lines, &r);
            let front = b.section(SectionKind::Front, "Front matter", None, None);
            b.front(
                front,
                "cover",
                "Cover and introduction",
                &(0..r.start).collect::<Vec<_>>(),
            );
            b.front(
                front,
                "contents",
                "Table of contents",
                &(r.start..r.end).collect::<Vec<_>>(),
            );
            b.front(
                front,
                "before-the-first-chapter",
                "Before the first chapter",
                &cut.lead.clone().collect::<Vec<_>>(),
            );
            let mut sec_of = vec![None; r.columns.len()];
            let skip = HashSet::new();
            for p in &cut.parts {
                let col = &r.columns[p.chapter];
                let s = *sec_of[p.chapter].get_or_insert_with(|| {
                    b.section(SectionKind::Chapter, &col.name, None, col.page)
                });
                match &p.entry {
                    Some(e) => b.article(
                        s,
                        &Span {
                            start: p.start,
                            title_end: p.title_end,
                            end: p.end,
                            entry: Some(e),
                            fallback_title: "",
                        },
                        &skip,
                    ),
                    None => {
                        let has_text = (p.title_end..p.end).any(|i| !is_blank(lines[i]));
                        // A heading printed differently from the table of contents (another
                        // number) is kept as an opening article so its text is not lost.
                        let heading = (p.start..p.title_end)
                            .map(|i| lines[i])
                            .collect::<Vec<_>>()
                            .join(" ");
                        // A heading numbered differently from the table of contents is still
                        // the chapter's heading.
                        let differs = super::lines::without_enumerator(&heading)
                            != super::lines::without_enumerator(&col.name);
                        if has_text || differs {
                            let e = TocEntry {
                                title: col.name.clone(),
                                page: col.page,
                                ..Default::default()
                            };
                            b.article(
                                s,
                                &Span {
                                    start: p.start,
                                    title_end: p.title_end,
                                    end: p.end,
                                    entry: Some(&e),
                                    fallback_title: "",
                                },
                                &skip,
                            );
                        } else {
                            for i in p.start..p.title_end {
                                b.owners[i] = Some(Owner::SectionName { section: s });
                            }
                        }
                    }
                }
            }
            let missing = missing_of(&r, &cut.missing);
            (IssueKind::Report, Some(r), missing)
        }
        (_, Some(m)) if m.columns.iter().any(|c| !c.entries.is_empty()) => {
            let cut = segment::cut(&lines, &m);
            let front = b.section(SectionKind::Front, "Front matter", None, None);
            for (id, title, range) in super::front::parts(&lines, m.start) {
                b.front(front, id, title, &range.collect::<Vec<_>>());
            }
            b.front(
                front,
                "contents",
                "Contents",
                &(m.start..m.end).collect::<Vec<_>>(),
            );
            b.front(
                front,
                "page-furniture",
                "Page furniture and back cover",
                &cut.furniture,
            );
            let skip: HashSet<usize> = cut.furniture.iter().copied().collect();
            let mut sec_of = vec![None; m.columns.len()];
            for seg in &cut.segs {
                let col = &m.columns[seg.column];
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
                    fallback_title: "",
                };
                b.article(s, &span, &skip);
            }
            let missing = missing_of(&m, &cut.missing);
            (IssueKind::Magazine, Some(m), missing)
        }
        _ => {
            warnings.push(
                "no CONTENTS page or table of contents found: imported as a single article"
                    .to_string(),
            );
            let s = b.section(SectionKind::Chapter, "Text", None, None);
            let title = lines
                .iter()
                .map(|l| strip_markup(l))
                .find(|l| !l.is_empty())
                .map(|l| clean_field(&l))
                .unwrap_or_else(|| name.to_string());
            b.front(s, "text", &title, &(0..lines.len()).collect::<Vec<_>>());
            (IssueKind::Report, None, Vec::new())
        }
    };

    let Meta {
        year,
        number,
        volume,
        months,
        published,
    } = meta;
    let year = year.unwrap_or(0);
    let (id, title, cover) = match (kind, number, &toc) {
        (IssueKind::Magazine, Some(n), Some(t)) if year > 0 => (
            format!("{year}-{n:02}"),
            format!("China Standardization {year} No. {n}"),
            cover_story(&lines[..t.start], t),
        ),
        (IssueKind::Magazine, _, _) => {
            return Err("looks like a magazine (it has a CONTENTS page) but the cover gives no year and number (`2025` and `NO.3` lines); add them to the source and import again".to_string());
        }
        _ => {
            let t = report_title(&lines[..toc.as_ref().map_or(lines.len(), |t| t.start)]);
            let id = if toc.is_some() {
                report_id(&t, year)
            } else {
                let stem = std::path::Path::new(name)
                    .file_stem()
                    .map_or(name.into(), |s| s.to_string_lossy());
                let slug = slugify(&stem);
                if slug.is_empty() {
                    // A name with no ASCII letters or digits (`标准.txt`): one shared fallback id
                    // would make each such import replace the previous one.
                    format!("text-{:08x}", fnv1a(name.as_bytes()))
                } else {
                    format!("text-{slug}")
                }
            };
            (id, t, None)
        }
    };

    let listed = toc.as_ref().map_or(0, |t| {
        t.columns
            .iter()
            .map(|c| c.entries.len() + usize::from(kind == IssueKind::Report))
            .sum()
    });
    let (total, placed, unplaced) = account::check(&lines, &origin, &b.owners, &b.sections);
    let Builder {
        mut sections,
        mut review,
        ..
    } = b;
    review.remap(&origin);
    sections.retain(|s| !s.articles.is_empty());
    let articles = sections.iter().map(|s| s.articles.len()).sum();
    let issue = Issue {
        id: id.clone(),
        kind,
        title,
        year,
        number: if kind == IssueKind::Magazine {
            number
        } else {
            None
        },
        volume,
        months,
        published,
        source: name.to_string(),
        cover,
        sections,
        missing: missing.clone(),
        redirects: Default::default(),
    };
    let report = ImportReport {
        source: name.to_string(),
        issue_id: id,
        sections: issue.sections.len(),
        articles,
        listed,
        listed_found: listed - missing.len(),
        missing: missing
            .iter()
            .map(|m| format!("{} › {}", m.section, m.title))
            .collect(),
        lines: total,
        lines_placed: placed,
        unplaced,
        warnings,
        review,
        written_to: None,
    };
    Ok((issue, report))
}
