//! Shared by the fuzzy_* tests: small archives made of titles alone.
#![allow(dead_code)]

use magreader::archive::{Archive, Article, Issue, IssueKind, Section, SectionKind};

/// One article: (issue id, column name, Chinese column name, title, Chinese title).
pub type Row<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, Option<&'a str>);

/// An archive of `rows`, in that order; consecutive rows with the same issue (and column)
/// share it. Article ids are `a0`, `a1`, … in row order.
pub fn archive(rows: &[Row<'_>]) -> Archive {
    let mut archive = Archive::default();
    for (n, &(issue, section, section_zh, title, title_zh)) in rows.iter().enumerate() {
        if archive.issues.last().is_none_or(|i| i.id != issue) {
            archive.issues.push(Issue {
                id: issue.into(),
                kind: IssueKind::Magazine,
                title: "China Standardization".into(),
                year: 2025,
                number: Some(1),
                volume: None,
                months: None,
                published: None,
                source: "fixture".into(),
                cover: None,
                sections: Vec::new(),
                missing: Vec::new(),
                redirects: Default::default(),
            });
        }
        let i = archive.issues.last_mut().unwrap();
        let same_section = i
            .sections
            .last()
            .is_some_and(|s| s.name == section && s.name_zh.as_deref() == section_zh);
        if !same_section {
            i.sections.push(Section {
                id: format!("s{n}"),
                kind: SectionKind::Column,
                name: section.into(),
                name_zh: section_zh.map(Into::into),
                page: None,
                articles: Vec::new(),
            });
        }
        i.sections.last_mut().unwrap().articles.push(Article {
            id: format!("a{n}"),
            title: title.into(),
            title_zh: title_zh.map(Into::into),
            subtitle: None,
            page: None,
            byline: None,
            listed: true,
            body: String::new().into(),
        });
    }
    archive
}

/// Archive of titles only, one column per issue.
pub fn titles(titles: &[&str]) -> Archive {
    let rows: Vec<Row<'_>> = titles
        .iter()
        .map(|&t| ("2025-01", "Spotlight", None, t, None))
        .collect();
    archive(&rows)
}
