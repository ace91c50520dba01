//! Imports sources into an archive directory with the library alone (the same code path as
//! `magreader import`): `cargo run --example import_write -- ARCHIVE_DIR FILE...`.
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("ARCHIVE_DIR"));
    for path in args {
        match magreader::import::import_file(std::path::Path::new(&path), &dir) {
            Ok(report) => print!("{report}"),
            Err(e) => eprintln!("{e}"),
        }
    }
}
