//! Small whole issues for unit tests: one magazine column ("News") holding the given articles,
//! every optional field empty, so a test spells out only what it is about.

use super::{Article, Issue, IssueKind, Section, SectionKind};

/// A listed article with only an id, a title and a body.
pub fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        title_zh: None,
        subtitle: None,
        page: None,
        byline: None,
        listed: true,
        body: body.into(),
    }
}

/// Issue `id` (`year`, No. `number`) with one column, "News", holding `articles`.
pub fn issue(id: &str, year: u32, number: u32, articles: Vec<Article>) -> Issue {
    Issue {
        id: id.into(),
        kind: IssueKind::Magazine,
        title: "t".into(),
        year,
        number: Some(number),
        volume: None,
        months: None,
        published: None,
        source: "s.txt".into(),
        cover: None,
        sections: vec![Section {
            id: "news".into(),
            kind: SectionKind::Column,
            name: "News".into(),
            name_zh: None,
            page: None,
            articles,
        }],
        missing: vec![],
        redirects: Default::default(),
    }
}
