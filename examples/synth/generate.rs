//! A deterministic large archive made from the built-in one, for benchmarks.
//!
//! Synthetic issue `n` copies the shape of real issue `n % R` (its kind, its sections and how
//! many articles each holds, its front matter verbatim), so magazines and reports keep their
//! real proportions. Each column or chapter slot is filled by an article drawn from every real
//! column and chapter article: its body (so the mix of English and Chinese text is the real
//! one), sometimes followed by one paragraph of another article; its title is the first words
//! of its own title and the last words of another's (the Chinese title likewise, by
//! characters), so titles are varied the way a real back catalogue's are, not 200 copies of
//! the same hundred. Everything follows from `n` through a fixed pseudo-random sequence: the same
//! count always gives byte-identical files.
//!
//! Shared by `examples/synth` (the command) and the benchmarks (which call [`ensure`] so
//! `cargo bench` works from a fresh clone).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use magreader::archive::store::{is_safe_id, issue_files};
use magreader::archive::{Archive, Article, Issue, IssueKind, SectionKind};

/// Bump when the output changes, so benchmarks regenerate a stale cached archive.
pub const GENERATOR_VERSION: u32 = 2;
/// A bimonthly's issues by number.
const MONTHS: [&str; 6] = [
    "Jan/Feb", "Mar/Apr", "May/Jun", "Jul/Aug", "Sep/Oct", "Nov/Dec",
];
/// Written last into the output directory; its contents say what was generated.
pub const STAMP: &str = ".synth-stamp";

/// SplitMix64: tiny, fast, and fixed forever (unlike a library's default generator).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The real archive, arranged for drawing from.
pub struct Pool {
    templates: Vec<Issue>,
    articles: Vec<Article>,
}

impl Pool {
    pub fn new(real: &Archive) -> Pool {
        let mut templates = real.issues.clone();
        templates.sort_by(|a, b| a.id.cmp(&b.id));
        let articles: Vec<Article> = templates
            .iter()
            .flat_map(|i| &i.sections)
            .filter(|s| s.kind != SectionKind::Front)
            .flat_map(|s| s.articles.iter().cloned())
            .filter(|a| !a.body.trim().is_empty())
            .collect();
        assert!(
            !templates.is_empty() && !articles.is_empty(),
            "the built-in archive has no articles to build from"
        );
        Pool {
            templates,
            articles,
        }
    }

    /// Synthetic issue number `n` (0 is the newest).
    pub fn issue(&self, n: usize) -> Issue {
        let mut rng = Rng::new(n as u64);
        let template = &self.templates[n % self.templates.len()];
        let year = 2025 - (n / 6) as u32;
        let number = 6 - (n % 6) as u32;
        let mut issue = template.clone();
        issue.year = year;
        issue.missing.clear();
        issue.published = Some(format!("{year}-{:02}-10", number * 2 - 1));
        match template.kind {
            IssueKind::Magazine => {
                issue.id = format!("{year}-{number:02}");
                issue.number = Some(number);
                issue.months = Some(MONTHS[number as usize - 1].to_string());
                // Volumes count up with time, like the real ones.
                issue.volume = Some(100_000 - n as u32);
                issue.title = format!("China Standardization {year} No. {number}");
            }
            IssueKind::Report => {
                issue.id = format!("report-{year}-{n:04}");
                issue.number = None;
                issue.title = format!("{} ({year}, part {n})", template.title);
            }
        }
        let mut ids = std::collections::HashSet::new();
        for s in &issue.sections {
            for a in &s.articles {
                ids.insert(a.id.clone());
            }
        }
        for section in &mut issue.sections {
            if section.kind == SectionKind::Front {
                continue; // cover, masthead, ...: kept as printed
            }
            for slot in &mut section.articles {
                ids.remove(&slot.id);
                let mut a = self.draw(&mut rng);
                a.page = slot.page;
                a.id = unique_id(&slug(&a.title), &mut ids);
                *slot = a;
            }
        }
        let cover = issue.columns().flat_map(|s| &s.articles).next();
        issue.cover = cover.map(|a| a.title.clone()).or(issue.cover.take());
        issue
    }

    /// One article: a real body (sometimes with a paragraph of another article appended) under
    /// a title spliced from two real titles.
    fn draw(&self, rng: &mut Rng) -> Article {
        let own = &self.articles[rng.below(self.articles.len())];
        let other = &self.articles[rng.below(self.articles.len())];
        let mut a = own.clone();
        a.title = splice_words(&own.title, &other.title, rng);
        if let (Some(x), Some(y)) = (&own.title_zh, &other.title_zh) {
            a.title_zh = Some(splice_chars(x, y, rng));
        }
        if rng.below(2) == 0 {
            let paras: Vec<&str> = other.body.split("\n\n").filter(|p| !p.is_empty()).collect();
            if !paras.is_empty() {
                let p = paras[rng.below(paras.len())];
                a.body = format!("{}\n\n{}\n", a.body.trim_end(), p.trim_end()).into();
            }
        }
        a
    }
}

/// The first words of `a` and the last words of `b` (at least one of each when both have
/// some).
fn splice_words(a: &str, b: &str, rng: &mut Rng) -> String {
    let aw: Vec<&str> = a.split_whitespace().collect();
    let bw: Vec<&str> = b.split_whitespace().collect();
    let take_a = 1 + rng.below(aw.len().max(1));
    let skip_b = rng.below(bw.len().max(1));
    let mut words: Vec<&str> = aw.iter().take(take_a).copied().collect();
    words.extend(bw.iter().skip(skip_b.max(1)));
    words.join(" ")
}

fn splice_chars(a: &str, b: &str, rng: &mut Rng) -> String {
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    let take_a = 1 + rng.below(ac.len().max(1));
    let skip_b = rng.below(bc.len().max(1));
    ac[..take_a.min(ac.len())]
        .iter()
        .chain(bc[skip_b.min(bc.len())..].iter())
        .collect()
}

/// A safe id from a title: lowercase ASCII letters and digits joined by `-`, at most 60 bytes.
fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 60 {
            break;
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "article".into() } else { s }
}

fn unique_id(base: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    debug_assert!(is_safe_id(&id));
    taken.insert(id.clone());
    id
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub issues: usize,
    pub articles: usize,
    pub files: usize,
    /// Bytes of every file under `issues/` (manifests and Markdown): the archive's text.
    pub bytes: u64,
}

fn stamp_text(count: usize) -> String {
    format!("magreader synth v{GENERATOR_VERSION} issues={count}\n")
}

/// Whether `out` holds this generator's output for `count` issues.
pub fn is_current(out: &Path, count: usize) -> bool {
    fs::read_to_string(out.join(STAMP)).is_ok_and(|s| s == stamp_text(count))
}

/// Writes `count` synthetic issues into `out` (the archive directory: `issues/`, `sources/`).
/// Built beside `out` and renamed into place, so an interrupted run never leaves a partial
/// archive that looks complete. An existing `out` is replaced only if it is empty or a
/// generator's output (has the stamp file); anything else is an error rather than a deletion.
pub fn write(real: &Archive, count: usize, out: &Path) -> io::Result<Written> {
    let empty = fs::read_dir(out).is_ok_and(|mut d| d.next().is_none());
    if out.exists() && !empty && !out.join(STAMP).exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} exists and is not a synthetic archive; choose another --out or remove it",
                out.display()
            ),
        ));
    }
    let pool = Pool::new(real);
    let tmp = sibling(out, &format!(".tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    let mut w = Written::default();
    for n in 0..count {
        let issue = pool.issue(n);
        let dir = tmp.join("issues").join(&issue.id);
        fs::create_dir_all(&dir)?;
        // Plain writes, no fsync: this is throwaway benchmark data.
        for (name, contents) in issue_files(&issue) {
            fs::write(dir.join(&name), &contents)?;
            w.files += 1;
            w.bytes += contents.len() as u64;
        }
        w.issues += 1;
        w.articles += issue.article_count();
    }
    // The manifests name their raw sources; copy the real ones so `magreader check` is happy.
    let sources = tmp.join("sources");
    fs::create_dir_all(&sources)?;
    for t in &pool.templates {
        if let Some(f) = magreader::archive::BUILTIN.get_file(format!("sources/{}", t.source)) {
            fs::write(sources.join(&t.source), f.contents())?;
        }
    }
    fs::write(tmp.join(STAMP), stamp_text(count))?;
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    if let Some(parent) = out.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::rename(&tmp, out)?;
    Ok(w)
}

/// `out` with `suffix` appended to its last component.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    out.with_file_name(name)
}

/// Generates `count` issues into `out` unless it already holds them. For benchmarks.
pub fn ensure(count: usize, out: &Path) -> io::Result<()> {
    if !is_current(out, count) {
        let (real, problems) = magreader::archive::load_builtin();
        assert!(problems.is_empty(), "built-in archive: {problems:?}");
        write(&real, count, out)?;
    }
    Ok(())
}

/// The issues of a synthetic archive in memory, bodies left empty: for title-only benchmarks
/// of more titles than are worth writing to disk. At least `titles` articles.
pub fn titles_only(real: &Archive, titles: usize) -> Archive {
    let pool = Pool::new(real);
    let mut archive = Archive::default();
    let mut count = 0;
    let mut n = 0;
    while count < titles {
        let mut issue = pool.issue(n);
        for a in issue.sections.iter_mut().flat_map(|s| &mut s.articles) {
            a.body = Default::default();
        }
        count += issue.article_count();
        archive.issues.push(issue);
        n += 1;
    }
    archive.sort_newest_first();
    archive
}
