//! A parsed manifest in a compact binary form, for the manifest cache (`cache.rs`): what a
//! thousand `issue.json` files say, read back without parsing JSON.
//!
//! The form is private to one build of magreader (the cache file names the version that wrote
//! it), so it needs no compatibility rules: little-endian lengths and numbers, strings as a
//! length and UTF-8 bytes, an option as a 0/1 tag. Encoding takes each struct apart field by
//! field, so a field added to the manifest cannot be left out without a compile error.

use std::collections::BTreeMap;

use super::manifest::{Manifest, ManifestArticle, ManifestSection};
use crate::archive::model::{IssueKind, Missing, SectionKind};

/// Appends `m` to `out`.
pub(super) fn encode(m: &Manifest, out: &mut Vec<u8>) {
    let Manifest {
        format,
        id,
        kind,
        title,
        year,
        number,
        volume,
        months,
        published,
        source,
        cover,
        sections,
        missing,
        redirects,
    } = m;
    let mut w = Writer(out);
    w.u32(*format);
    w.str(id);
    w.u8(match kind {
        IssueKind::Magazine => 0,
        IssueKind::Report => 1,
    });
    w.str(title);
    w.u32(*year);
    w.opt_u32(*number);
    w.opt_u32(*volume);
    w.opt_str(months.as_deref());
    w.opt_str(published.as_deref());
    w.str(source);
    w.opt_str(cover.as_deref());
    w.len(sections.len());
    for s in sections {
        let ManifestSection {
            id,
            kind,
            name,
            name_zh,
            page,
            articles,
        } = s;
        w.str(id);
        w.u8(match kind {
            SectionKind::Column => 0,
            SectionKind::Chapter => 1,
            SectionKind::Front => 2,
        });
        w.str(name);
        w.opt_str(name_zh.as_deref());
        w.opt_u32(*page);
        w.len(articles.len());
        for a in articles {
            let ManifestArticle {
                id,
                title,
                title_zh,
                subtitle,
                page,
                byline,
                listed,
                file,
            } = a;
            w.str(id);
            w.str(title);
            w.opt_str(title_zh.as_deref());
            w.opt_str(subtitle.as_deref());
            w.opt_u32(*page);
            w.opt_str(byline.as_deref());
            w.u8(u8::from(*listed));
            w.str(file);
        }
    }
    w.len(missing.len());
    for Missing {
        section,
        title,
        title_zh,
    } in missing
    {
        w.str(section);
        w.str(title);
        w.opt_str(title_zh.as_deref());
    }
    w.len(redirects.len());
    for (from, to) in redirects {
        w.str(from);
        w.str(to);
    }
}

/// The manifest [`encode`] wrote at the start of `bytes`; `None` if they are not one (a
/// damaged cache is then not used).
pub(super) fn decode(bytes: &[u8]) -> Option<Manifest> {
    let mut r = Reader(bytes);
    let format = r.u32()?;
    let id = r.string()?;
    let kind = match r.u8()? {
        0 => IssueKind::Magazine,
        1 => IssueKind::Report,
        _ => return None,
    };
    let title = r.string()?;
    let year = r.u32()?;
    let number = r.opt_u32()?;
    let volume = r.opt_u32()?;
    let months = r.opt_string()?;
    let published = r.opt_string()?;
    let source = r.string()?;
    let cover = r.opt_string()?;
    let sections = r.list(|r| {
        let id = r.string()?;
        let kind = match r.u8()? {
            0 => SectionKind::Column,
            1 => SectionKind::Chapter,
            2 => SectionKind::Front,
            _ => return None,
        };
        Some(ManifestSection {
            id,
            kind,
            name: r.string()?,
            name_zh: r.opt_string()?,
            page: r.opt_u32()?,
            articles: r.list(|r| {
                Some(ManifestArticle {
                    id: r.string()?,
                    title: r.string()?,
                    title_zh: r.opt_string()?,
                    subtitle: r.opt_string()?,
                    page: r.opt_u32()?,
                    byline: r.opt_string()?,
                    listed: match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return None,
                    },
                    file: r.string()?,
                })
            })?,
        })
    })?;
    let missing = r.list(|r| {
        Some(Missing {
            section: r.string()?,
            title: r.string()?,
            title_zh: r.opt_string()?,
        })
    })?;
    let mut redirects = BTreeMap::new();
    for _ in 0..r.u32()? {
        let from = r.string()?;
        redirects.insert(from, r.string()?);
    }
    Some(Manifest {
        format,
        id,
        kind,
        title,
        year,
        number,
        volume,
        months,
        published,
        source,
        cover,
        sections,
        missing,
        redirects,
    })
}

pub(crate) struct Writer<'a>(pub(crate) &'a mut Vec<u8>);

impl Writer<'_> {
    pub(super) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub(super) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A length: no cache holds four billion of anything (files are capped far below).
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("a cache's lengths fit in 32 bits"));
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    fn opt_u32(&mut self, v: Option<u32>) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                self.u32(v);
            }
        }
    }
}

pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    fn opt_u32(&mut self) -> Option<Option<u32>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.u32().map(Some),
            _ => None,
        }
    }

    /// A length, then that many items. The length is not trusted for the allocation: a
    /// damaged one would ask for gigabytes.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.u32()? as usize;
        let mut out = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
}
