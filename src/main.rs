//! `magreader`: argument parsing and dispatch. The commands live in `magreader::cli`, the reader
//! in `magreader::tui`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use magreader::cli::{self, ArchiveSource, CliError};

/// A terminal reader for the archive of *China Standardization* (English edition).
///
/// With no command, opens the reader. The commands print stable, scriptable output.
#[derive(Debug, Parser)]
#[command(name = "magreader", version)]
struct Args {
    /// Read this archive directory (the one holding issues/) instead of the built-in archive.
    /// For `import`, the directory to write to (default: ./archive). [env: MAGREADER_ARCHIVE]
    // Read from the environment by hand rather than with clap's `env`, so that an empty
    // MAGREADER_ARCHIVE means "unset" instead of a usage error.
    #[arg(long, global = true, value_name = "DIR")]
    archive: Option<PathBuf>,

    /// Monochrome reader (also when NO_COLOR is set); focus and selection stay visible.
    #[arg(long, global = true)]
    no_color: bool,

    /// Start the reader on the contents instead of reopening the article you read last.
    #[arg(long)]
    fresh: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

/// Environment variable naming the archive directory, like `--archive`.
const ARCHIVE_ENV: &str = "MAGREADER_ARCHIVE";

#[derive(Debug, Subcommand)]
enum Command {
    /// List the issues, newest first.
    List {
        /// Print a JSON array (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Show an issue's sections and articles, and CONTENTS entries missing from the text.
    Toc {
        /// Issue id, e.g. 2025-06 (see `magreader list`).
        issue: String,
        /// Print a JSON object (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Print one article, or a whole issue in reading order.
    Show {
        /// Issue id, e.g. 2025-06.
        issue: String,
        /// Article id (see `magreader toc ISSUE`); omit for the whole issue.
        article: Option<String>,
        /// Wrap to this many columns (default: the terminal's width, or 80).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// Print the stored Markdown, unwrapped.
        #[arg(long, conflicts_with = "width")]
        raw: bool,
    },
    /// Validate the archive; exit 1 naming every bad file and why.
    Check,
    /// Fuzzy-find articles by English or Chinese title, column name or issue id.
    Find {
        /// Words to match, e.g. `spotlight 2025-06` or `蒙古国`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print a JSON array (schema in the README).
        #[arg(long)]
        json: bool,
        /// Print at most N matches.
        #[arg(long, value_name = "N", default_value_t = 20,
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Full-text search of every article's text and titles; one line per hit.
    Search {
        /// Words of the phrase, e.g. `digital economy` or `标准化`; a capital letter makes the
        /// search case-sensitive.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print a JSON array (schema in the README).
        #[arg(long)]
        json: bool,
        /// Print at most N hits (0: all).
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
    },
    /// Every standard the archive mentions (GB/T 17766, ISO/IEC 42001, ...) and the articles
    /// mentioning it; with a query, those it names and a snippet around each mention.
    Standards {
        /// A designation or number, e.g. `"GB/T 17766"`, `17766`, `iso/iec 42001`.
        query: Vec<String>,
        /// Print a JSON array (schema in docs/standards.md).
        #[arg(long)]
        json: bool,
    },
    /// Serve the reader over SSH to many readers at once, with no shell accounts.
    Serve(cli::serve::ServeArgs),
    /// Import raw text exports into an archive directory (default ./archive).
    Import {
        /// Raw text files to import.
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<PathBuf>,
        /// Also list every decision a rule was unsure of, with its source lines, so the person
        /// importing knows what to check.
        #[arg(long)]
        review: bool,
        /// Print each source's summary (and with --review its decisions) as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let mut args = Args::parse();
    if args.archive.is_none() {
        args.archive = std::env::var_os(ARCHIVE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = dispatch(args, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `magreader show … | head`: the reader has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Flush what was written before the error (e.g. `check`'s list of problems).
            let _ = out.flush();
            eprintln!("magreader: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn dispatch(args: Args, out: &mut dyn Write) -> Result<(), CliError> {
    // Import writes an archive rather than reading one, so it needs no loading.
    let command = match args.command {
        Some(Command::Import {
            sources,
            review,
            json,
        }) => {
            let dir = args.archive.unwrap_or_else(|| PathBuf::from("archive"));
            let how = cli::import::Output { review, json };
            return cli::import::run(&sources, &dir, how, out);
        }
        other => other,
    };
    let source = ArchiveSource::from_option(args.archive);
    let (archive, problems) = source.load()?;
    // `check` prints the problems as its output; everyone else warns on stderr and goes on.
    if !matches!(command, Some(Command::Check)) {
        cli::report_load_problems(&problems, &mut io::stderr());
    }
    match command {
        None => run_reader(archive, &problems, args.no_color, args.fresh),
        Some(Command::List { json }) => cli::list::run(&archive, json, out),
        Some(Command::Toc { issue, json }) => cli::toc::run(&archive, &issue, json, out),
        Some(Command::Show {
            issue,
            article,
            width,
            raw,
        }) => {
            let mode = if raw {
                cli::show::Mode::Raw {
                    to_terminal: io::stdout().is_terminal(),
                }
            } else {
                let width = width
                    .map(usize::from)
                    .or_else(cli::terminal_width)
                    .unwrap_or(80);
                let hyperlinks = io::stdout().is_terminal()
                    && cli::hyperlink::supported(|k| std::env::var(k).ok());
                cli::show::Mode::Plain { width, hyperlinks }
            };
            cli::show::run(&archive, &issue, article.as_deref(), mode, out)
        }
        Some(Command::Check) => cli::check::run(&source, &archive, &problems, out),
        Some(Command::Find { query, json, limit }) => {
            cli::find::run(&archive, &query.join(" "), limit as usize, json, out)
        }
        Some(Command::Search { query, json, limit }) => cli::search::run(
            &archive,
            &query.join(" "),
            (limit > 0).then_some(limit),
            json,
            cli::terminal_width(),
            out,
        ),
        Some(Command::Standards { query, json }) => {
            let query = (!query.is_empty()).then(|| query.join(" "));
            cli::standards::run(&archive, query.as_deref(), json, out)
        }
        Some(Command::Serve(serve)) => cli::serve::run(serve, archive, &problems, args.no_color),
        // Dispatched before loading, above.
        Some(Command::Import { .. }) => Ok(()),
    }
}

fn run_reader(
    archive: magreader::archive::Archive,
    problems: &[magreader::archive::LoadProblem],
    no_color: bool,
    fresh: bool,
) -> Result<(), CliError> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(CliError::Invalid(
            "the reader needs a terminal; for scripts use `magreader list`, `toc`, `show` or `find` (see --help)".into(),
        ));
    }
    let no_color = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let startup_notice = magreader::tui::load_notice(problems);
    magreader::tui::run(
        archive,
        magreader::tui::Options {
            no_color,
            startup_notice,
            fresh,
        },
    )
    .map_err(|e| CliError::Invalid(format!("{e:#}")))
}
