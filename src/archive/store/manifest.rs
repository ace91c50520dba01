//! `issue.json`: the manifest's schema, parsed (fast for a good one, carefully with a message
//! naming the failing field for any other) and written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;
use crate::archive::model::{
    Article, FORMAT_VERSION, Issue, IssueKind, Missing, Section, SectionKind,
};

/// The manifest as written to `issue.json`: the issue without article bodies, each article
/// pointing at its Markdown file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::archive) struct Manifest {
    pub(super) format: u32,
    pub(super) id: String,
    pub(super) kind: IssueKind,
    pub(super) title: String,
    pub(super) year: u32,
    pub(super) number: Option<u32>,
    pub(super) volume: Option<u32>,
    pub(super) months: Option<String>,
    pub(super) published: Option<String>,
    pub(super) source: String,
    pub(super) cover: Option<String>,
    pub(super) sections: Vec<ManifestSection>,
    #[serde(default)]
    pub(super) missing: Vec<Missing>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) redirects: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::archive) struct ManifestSection {
    pub(super) id: String,
    pub(super) kind: SectionKind,
    pub(super) name: String,
    pub(super) name_zh: Option<String>,
    pub(super) page: Option<u32>,
    pub(super) articles: Vec<ManifestArticle>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::archive) struct ManifestArticle {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) title_zh: Option<String>,
    pub(super) subtitle: Option<String>,
    pub(super) page: Option<u32>,
    pub(super) byline: Option<String>,
    pub(super) listed: bool,
    pub(super) file: String,
}

/// serde_json's message without its trailing ` at line L column C`, which we print once.
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// `an array`, `the string "1"`, … for messages about a JSON value of the wrong kind.
fn json_kind(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) if s.chars().count() <= 20 => format!("the string {v}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A manifest that is a JSON object of this format version and fits the schema, parsed once
/// straight into it; `None` for anything else. Every manifest this accepts, the careful path
/// accepts too, with the same result: it only spares good manifests the second parse (the
/// version probe), which was a sixth of the time it takes to load a large archive.
pub(super) fn fast_manifest(text: &str) -> Option<Manifest> {
    // serde would also take a JSON array for the struct; the careful path refuses one.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str::<Manifest>(text)
        .ok()
        .filter(|m| m.format == FORMAT_VERSION)
}

/// Parses a manifest that the fast path refused, naming the most helpful problem: invalid JSON,
/// then the format version (so a newer format gets the right message), then the schema, with
/// the path of the failing field.
pub(super) fn careful_manifest(
    text: &str,
    problem: &dyn Fn(String) -> LoadProblem,
) -> Result<Manifest, LoadProblem> {
    // Check the version before the full schema, so a newer format gets the right message.
    let probe: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        problem(format!(
            "invalid JSON at line {}, column {}: {}",
            e.line(),
            e.column(),
            without_position(&e)
        ))
    })?;
    if !probe.is_object() {
        return Err(problem(format!(
            "the manifest must be a JSON object (`{{\"format\": 1, ...}}`), found {}",
            json_kind(&probe)
        )));
    }
    match (
        probe.get("format"),
        probe.get("format").and_then(|v| v.as_u64()),
    ) {
        (_, Some(v)) if v == u64::from(FORMAT_VERSION) => {}
        (_, Some(v)) => {
            return Err(problem(format!(
                "format version {v} is not supported (this magreader reads version {FORMAT_VERSION}); upgrade magreader or re-import the source"
            )));
        }
        (None, _) => {
            return Err(problem(
                "field `format` is missing; expected `\"format\": 1`".into(),
            ));
        }
        (Some(v), None) => {
            return Err(problem(format!(
                "field `format` must be a whole number (`\"format\": 1`), found {}",
                json_kind(v)
            )));
        }
    }
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text)).map_err(|e| {
        let inner = e.inner();
        // The path is `.` for the top-level object itself (e.g. a key given twice).
        let field = match e.path().to_string() {
            p if p == "." => "top-level object".to_string(),
            p => format!("field `{p}`"),
        };
        problem(format!(
            "{field} (line {}, column {}): {}",
            inner.line(),
            inner.column(),
            without_position(inner)
        ))
    })
}

/// The files that make up an issue on disk: (file name, contents), manifest first.
pub fn issue_files(issue: &Issue) -> Vec<(String, String)> {
    let manifest = Manifest::of(issue);
    let mut json = serde_json::to_string_pretty(&manifest).expect("manifest serializes");
    json.push('\n');
    let mut files = vec![(MANIFEST.to_string(), json)];
    for a in issue.sections.iter().flat_map(|s| &s.articles) {
        let mut body = a.body.to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        files.push((article_file_name(&a.id), body));
    }
    files
}

impl Manifest {
    /// The manifest of `issue`, as written.
    pub(super) fn of(issue: &Issue) -> Manifest {
        Manifest {
            format: FORMAT_VERSION,
            id: issue.id.clone(),
            kind: issue.kind,
            title: issue.title.clone(),
            year: issue.year,
            number: issue.number,
            volume: issue.volume,
            months: issue.months.clone(),
            published: issue.published.clone(),
            source: issue.source.clone(),
            cover: issue.cover.clone(),
            sections: issue
                .sections
                .iter()
                .map(|s| ManifestSection {
                    id: s.id.clone(),
                    kind: s.kind,
                    name: s.name.clone(),
                    name_zh: s.name_zh.clone(),
                    page: s.page,
                    articles: s
                        .articles
                        .iter()
                        .map(|a| ManifestArticle {
                            id: a.id.clone(),
                            title: a.title.clone(),
                            title_zh: a.title_zh.clone(),
                            subtitle: a.subtitle.clone(),
                            page: a.page,
                            byline: a.byline.clone(),
                            listed: a.listed,
                            file: article_file_name(&a.id),
                        })
                        .collect(),
                })
                .collect(),
            missing: issue.missing.clone(),
            redirects: issue.redirects.clone(),
        }
    }

    /// The issue this manifest describes, each article's body from `body`.
    pub(super) fn into_issue(self, mut body: impl FnMut(&ManifestArticle) -> Body) -> Issue {
        let sections = self
            .sections
            .into_iter()
            .map(|s| Section {
                articles: s
                    .articles
                    .into_iter()
                    .map(|a| Article {
                        body: body(&a),
                        id: a.id,
                        title: a.title,
                        title_zh: a.title_zh,
                        subtitle: a.subtitle,
                        page: a.page,
                        byline: a.byline,
                        listed: a.listed,
                    })
                    .collect(),
                id: s.id,
                kind: s.kind,
                name: s.name,
                name_zh: s.name_zh,
                page: s.page,
            })
            .collect();
        Issue {
            id: self.id,
            kind: self.kind,
            title: self.title,
            year: self.year,
            number: self.number,
            volume: self.volume,
            months: self.months,
            published: self.published,
            source: self.source,
            cover: self.cover,
            sections,
            missing: self.missing,
            redirects: self.redirects,
        }
    }
}
