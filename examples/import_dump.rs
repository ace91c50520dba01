//! Prints what the importer makes of sources, without writing anything:
//! `cargo run --example import_dump -- FILE...`. A tool for tuning the importer's heuristics.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable source");
        match magreader::import::import_bytes(std::path::Path::new(&path), &bytes) {
            Ok((issue, report)) => {
                print!("{report}");
                for s in &issue.sections {
                    println!(
                        "  [{:?}] {} {} p{:?}",
                        s.kind,
                        s.name,
                        s.name_zh.as_deref().unwrap_or(""),
                        s.page
                    );
                    for a in &s.articles {
                        println!(
                            "      {}{} | {} | {} | {} | {} lines",
                            if a.listed { "*" } else { " " },
                            a.id,
                            a.title,
                            a.title_zh.as_deref().unwrap_or("-"),
                            a.byline.as_deref().unwrap_or("-"),
                            a.body.lines().count()
                        );
                    }
                }
            }
            Err(e) => println!("{path}: error: {e}"),
        }
    }
}
