//! Putting an issue together from the stages: metadata, contents, cut body, front matter, and
//! the check that every line was placed.

use crate::archive::{Issue, IssueKind, SectionKind};

use super::ImportReport;
use super::account;
use super::assemble::{clean_field, slugify};
use super::builder::Builder;
use super::contents::{self, Toc};
use super::corrections::Corrections;
use super::lines::{is_blank, is_chinese, strip_markup};
use super::meta::{Meta, read_meta};
use super::{chapters, columns, report, source};

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

pub fn report_title(lines: &[&str]) -> String {
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
    import_corrected(name, text, None)
}

/// [`import_text`] with an editor's corrections, `(file name, corrections)`.
pub fn import_corrected(
    name: &str,
    text: &str,
    corrections: Option<(&str, &Corrections)>,
) -> Result<(Issue, ImportReport), String> {
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
    let resolved = match corrections {
        Some((file, c)) => c.resolve(file, &lines)?,
        None => Default::default(),
    };
    let mut b = Builder::new(&lines, resolved);

    let (kind, toc, missing) = match (report_toc, magazine_toc) {
        (Some(r), _) if r.columns.len() >= 2 && meta.volume.is_none() => {
            let missing = chapters::build(&mut b, &r);
            (IssueKind::Report, Some(r), missing)
        }
        (_, Some(m)) if m.columns.iter().any(|c| !c.entries.is_empty()) => {
            let missing = columns::build(&mut b, &m);
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
