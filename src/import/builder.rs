//! The issue being built: its sections and articles, and which of them took each source line
//! (for the check that none is lost). The stages that cut a body (`columns` for a magazine,
//! `chapters` for a report) add to it.

use std::collections::HashSet;

use crate::archive::{Missing, Section, SectionKind};

use super::account::Owner;
use super::assemble::{Span, assemble, clean_if_needed, slugify, unique_id};
use super::body;
use super::contents::{Toc, TocEntry};
use super::corrections::Resolved;
use super::lines::is_blank;
use super::review::Review;

/// Collects sections and remembers which part of the issue took each source line.
pub struct Builder<'a> {
    pub lines: &'a [&'a str],
    pub review: Review,
    pub sections: Vec<Section>,
    pub owners: Vec<Option<Owner>>,
    pub ids: HashSet<String>,
    /// The editor's corrections for this source, resolved to line indices.
    pub corrections: Resolved,
}

impl<'a> Builder<'a> {
    pub fn new(lines: &'a [&'a str], corrections: Resolved) -> Self {
        Builder {
            lines,
            review: Review::default(),
            sections: Vec::new(),
            owners: vec![None; lines.len()],
            ids: HashSet::new(),
            corrections,
        }
    }

    pub fn section(
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

    pub fn article(&mut self, section: usize, span: &Span, skip: &HashSet<usize>) {
        let (mut a, used) = assemble(
            self.lines,
            span,
            skip,
            &self.corrections.moves,
            &mut self.review,
        );
        // An editor's title for the article starting at this line.
        if let Some((_, t)) = self
            .corrections
            .titles
            .iter()
            .find(|(at, _)| *at == span.start)
        {
            a.title = t.clone();
        }
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
    pub fn front(&mut self, section: usize, id: &str, title: &str, idx: &[usize]) {
        self.front_headed(section, id, title, 0..0, idx);
    }

    /// [`Builder::front`] for the page furniture and back cover, whose scraps of image text
    /// (`Ap`, `05>`, a barcode's digits) are marked as what they are, not prose.
    pub fn furniture(&mut self, section: usize, id: &str, title: &str, idx: &[usize]) {
        let before = self.sections[section].articles.len();
        self.front_headed(section, id, title, 0..0, idx);
        if let Some(a) = self.sections[section].articles.get_mut(before)
            && let Ok(text) = a.body.load()
        {
            a.body = body::image_scraps(text).into();
        }
    }

    /// [`Builder::front`] for a part whose lines `heading` (of `idx`) print its title: the
    /// line is the article's, but not repeated as its first paragraph.
    pub fn front_headed(
        &mut self,
        section: usize,
        id: &str,
        title: &str,
        heading: std::ops::Range<usize>,
        idx: &[usize],
    ) {
        if idx.iter().all(|&i| is_blank(self.lines[i])) {
            return;
        }
        let owned: Vec<usize> = idx.to_vec();
        let idx: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| !heading.contains(&i))
            .collect();
        let idx = idx.as_slice();
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
        for &i in &owned {
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

pub fn missing_of(toc: &Toc, list: &[(usize, TocEntry)]) -> Vec<Missing> {
    list.iter()
        .map(|(c, e)| Missing {
            section: clean_if_needed(&toc.columns[*c].name),
            title: clean_if_needed(&e.title),
            title_zh: e.title_zh.as_deref().map(clean_if_needed),
        })
        .collect()
}
