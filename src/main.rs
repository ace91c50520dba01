//! `magreader`: argument parsing and dispatch. The commands live in `magreader::cli`, the reader
//! in `magreader::tui`.
//!
//! A flag is declared on each command that honours it (`--archive` on the commands that read an
//! archive, `--no-color` on the reader and `serve`), so every `--help` lists only what applies.
//! The reader's flags may also come before a command, as they always could
//! (`magreader --archive DIR list`); before a command that ignores them they are a usage error.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use magreader::cli::{self, ArchiveSource, CliError};

/// Loading a large archive makes tens of thousands of small allocations on several threads at
/// once, and glibc's allocator grew each thread's heap a few pages at a time (`mprotect`).
/// Measured with `perf stat -r 10` on 1,000 issues: `magreader list` 77 ms of CPU with glibc,
/// 61 ms with mimalloc. Transparent huge pages are off for it (`no_thp`): with them the reader's
/// peak memory on the same archive rose from 210 to 320 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A terminal reader for the archive of China Standardization (English edition).
///
/// With no command, opens the reader. The commands print stable, scriptable output.
#[derive(Debug, Parser)]
#[command(
    name = "magreader",
    version,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Args {
    /// Read this archive directory (the one holding issues/) instead of the built-in archive.
    /// [env: MAGREADER_ARCHIVE]
    // Read from the environment by hand rather than with clap's `env`, so that an empty
    // MAGREADER_ARCHIVE means "unset" instead of a usage error.
    #[arg(long, value_name = "DIR")]
    archive: Option<PathBuf>,

    /// Monochrome reader (also when NO_COLOR is set); focus and selection stay visible.
    #[arg(long)]
    no_color: bool,

    /// Start the reader on the contents instead of reopening the article you read last.
    #[arg(long)]
    fresh: bool,

    /// Print the version and the built-in archive (issues, articles, newest issue).
    #[arg(short = 'V', long)]
    version: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

/// `--archive DIR` on a command that reads an archive.
#[derive(Debug, Clone, clap::Args)]
struct ReadArchive {
    /// Read this archive directory (the one holding issues/) instead of the built-in archive.
    /// [env: MAGREADER_ARCHIVE]
    #[arg(long, value_name = "DIR")]
    archive: Option<PathBuf>,
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
        #[command(flatten)]
        from: ReadArchive,
    },
    /// Show an issue's sections and articles, and CONTENTS entries missing from the text.
    Toc {
        /// Issue id, e.g. 2025-06 (see `magreader list`).
        issue: String,
        /// Print a JSON object (schema in the README).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        from: ReadArchive,
    },
    /// Print one article, or a whole issue in reading order (through $PAGER on a terminal).
    Show {
        /// Issue id, e.g. 2025-06.
        issue: String,
        /// Article id (see `magreader toc ISSUE`); omit for the whole issue.
        article: Option<String>,
        /// Wrap to this many columns (default: the terminal's width up to the reader's measure
        /// of 100, or 80 when not a terminal).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// Print the stored Markdown, unwrapped.
        #[arg(long, conflicts_with = "width")]
        raw: bool,
        /// Print the article's fields and Markdown body as JSON (schema in docs/json.md).
        #[arg(long, conflicts_with_all = ["width", "raw"])]
        json: bool,
        /// Write to the terminal directly instead of through $PAGER (default `less -R`).
        #[arg(long)]
        no_pager: bool,
        #[command(flatten)]
        from: ReadArchive,
    },
    /// Validate the archive; exit 1 naming every bad file and why.
    Check {
        /// Print the problems as a JSON object (schema in docs/json.md).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        from: ReadArchive,
    },
    /// Fuzzy-find articles by English or Chinese title, column name or issue id.
    Find {
        /// Words to match, e.g. `spotlight 2025-06` or `蒙古国`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print a JSON array (schema in the README).
        #[arg(long)]
        json: bool,
        /// Print at most N matches (0: all).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        from: ReadArchive,
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
        #[command(flatten)]
        from: ReadArchive,
    },
    /// Every standard the archive mentions (GB/T 17766, ISO/IEC 42001, ...) and the articles
    /// mentioning it; with a query, those it names and a snippet around each mention.
    Standards {
        /// A designation or number, e.g. `"GB/T 17766"`, `17766`, `iso/iec 42001`.
        query: Vec<String>,
        /// Print a JSON array (schema in docs/standards.md).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        from: ReadArchive,
    },
    /// Serve the reader over SSH to many readers at once, with no shell accounts.
    Serve {
        #[command(flatten)]
        serve: cli::serve::ServeArgs,
        /// Monochrome readers (also when NO_COLOR is set).
        #[arg(long)]
        no_color: bool,
        #[command(flatten)]
        from: ReadArchive,
    },
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
        /// Import a text even when nothing in it looks like a magazine issue or a report (no
        /// cover year, number or volume, no CONTENTS page or table of contents).
        #[arg(long)]
        force: bool,
        /// The archive directory to write to (default: ./archive). [env: MAGREADER_ARCHIVE]
        #[arg(long, value_name = "DIR")]
        archive: Option<PathBuf>,
    },
    /// Print a shell completion script (install: see the README).
    Completions {
        /// The shell to complete for.
        #[arg(required_unless_present = "out_dir")]
        shell: Option<clap_complete::Shell>,
        /// Write the scripts of every shell into DIR (under the names the shells look for)
        /// instead of printing one.
        #[arg(long, value_name = "DIR", conflicts_with = "shell")]
        out_dir: Option<PathBuf>,
    },
    /// Print the man page of magreader or of one of its commands, or write them all.
    Man {
        /// A command, e.g. `show`, for its own page (magreader-show.1).
        command: Option<String>,
        /// Write magreader.1 and one page per command into DIR instead of printing.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out_dir: Option<PathBuf>,
    },
    /// Print the help of magreader or of one of its commands.
    Help {
        /// A command, e.g. `show`.
        command: Option<String>,
    },
}

impl Command {
    /// The `--archive` given to the command itself, and whether the command reads an archive
    /// at all (the reader's flag before it then applies too).
    fn archive(&self) -> Option<Option<&PathBuf>> {
        match self {
            Command::List { from, .. }
            | Command::Toc { from, .. }
            | Command::Show { from, .. }
            | Command::Check { from, .. }
            | Command::Find { from, .. }
            | Command::Search { from, .. }
            | Command::Standards { from, .. }
            | Command::Serve { from, .. } => Some(from.archive.as_ref()),
            Command::Import { archive, .. } => Some(archive.as_ref()),
            Command::Completions { .. } | Command::Man { .. } | Command::Help { .. } => None,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Command::List { .. } => "list",
            Command::Toc { .. } => "toc",
            Command::Show { .. } => "show",
            Command::Check { .. } => "check",
            Command::Find { .. } => "find",
            Command::Search { .. } => "search",
            Command::Standards { .. } => "standards",
            Command::Serve { .. } => "serve",
            Command::Import { .. } => "import",
            Command::Completions { .. } => "completions",
            Command::Man { .. } => "man",
            Command::Help { .. } => "help",
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
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

/// A usage error in clap's format, exit status 2.
fn usage_error(message: String) -> ! {
    Args::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .exit()
}

/// The archive directory for a command: its own `--archive`, else the one before the command,
/// else the environment.
fn archive_dir(args: &Args) -> Option<PathBuf> {
    let own = args.command.as_ref().and_then(|c| c.archive()).flatten();
    own.or(args.archive.as_ref()).cloned().or_else(|| {
        std::env::var_os(ARCHIVE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// Refuses the reader's own flags before a command that does not honour them.
fn refuse_misplaced_flags(args: &Args) {
    let Some(command) = &args.command else { return };
    let name = command.name();
    if args.archive.is_some() && command.archive().is_none() {
        usage_error(format!(
            "--archive does not apply to `magreader {name}`; it reads no archive"
        ));
    }
    if args.no_color && !matches!(command, Command::Serve { .. }) {
        usage_error(format!(
            "--no-color applies to the reader and `serve`, not to `magreader {name}`"
        ));
    }
    if args.fresh {
        usage_error(format!(
            "--fresh applies to the reader (no command), not to `magreader {name}`"
        ));
    }
}

fn dispatch(args: Args, out: &mut dyn Write) -> Result<(), CliError> {
    if args.version {
        return cli::version::run(out);
    }
    refuse_misplaced_flags(&args);
    let dir = archive_dir(&args);
    // These need no archive: documentation, or (import) an archive written rather than read.
    let command = match args.command {
        Some(Command::Import {
            sources,
            review,
            json,
            force,
            ..
        }) => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("archive"));
            let how = cli::import::Output {
                review,
                json,
                force,
            };
            return cli::import::run(&sources, &dir, how, out);
        }
        Some(Command::Completions { shell, out_dir }) => {
            return cli::docs::completions(Args::command(), shell, out_dir.as_deref(), out);
        }
        Some(Command::Man { command, out_dir }) => {
            return cli::docs::man(Args::command(), command.as_deref(), out_dir.as_deref(), out);
        }
        Some(Command::Help { command }) => {
            return cli::docs::help(Args::command(), command.as_deref(), out);
        }
        other => other,
    };
    let source = ArchiveSource::from_option(dir);
    let is_check = matches!(command, Some(Command::Check { .. }));
    // `check` names what is wrong with a directory as its output; everyone else refuses it.
    if is_check {
        source.refuse_without_issues()?;
    } else {
        source.refuse_non_archive()?;
    }
    let (archive, problems) = source.load()?;
    // The process ends after the command: freeing every article one by one would only cost
    // time (it showed in profiles of `find` on a large archive). The reader takes it over.
    let archive = std::mem::ManuallyDrop::new(archive);
    // `check` prints the problems as its output; everyone else warns on stderr and goes on.
    if !is_check {
        cli::report_load_problems(&problems, &mut io::stderr());
    }
    match command {
        None => run_reader(
            std::mem::ManuallyDrop::into_inner(archive),
            &problems,
            args.no_color,
            args.fresh,
        ),
        Some(Command::List { json, .. }) => cli::list::run(&archive, json, out),
        Some(Command::Toc { issue, json, .. }) => cli::toc::run(&archive, &issue, json, out),
        Some(Command::Show {
            issue,
            article,
            width,
            raw,
            json,
            no_pager,
            ..
        }) => {
            let to_terminal = io::stdout().is_terminal();
            let mode = if json {
                cli::show::Mode::Json
            } else if raw {
                cli::show::Mode::Raw { to_terminal }
            } else {
                let width = width
                    .map(usize::from)
                    .unwrap_or_else(cli::show::default_width);
                // A pager is not known to pass hyperlinks on; they go straight to a terminal.
                let hyperlinks =
                    to_terminal && no_pager && cli::hyperlink::supported(|k| std::env::var(k).ok());
                cli::show::Mode::Plain { width, hyperlinks }
            };
            let show =
                |o: &mut dyn Write| cli::show::run(&archive, &issue, article.as_deref(), mode, o);
            if to_terminal && !no_pager {
                cli::pager::page(show, out)
            } else {
                show(out)
            }
        }
        Some(Command::Check { json, .. }) => {
            cli::check::run(&source, &archive, &problems, json, out)
        }
        Some(Command::Find {
            query, json, limit, ..
        }) => cli::find::run(
            &archive,
            &query.join(" "),
            cli::all_if_zero(limit),
            json,
            out,
        ),
        Some(Command::Search {
            query, json, limit, ..
        }) => cli::search::run(
            &archive,
            &query.join(" "),
            cli::all_if_zero(limit),
            json,
            cli::terminal_width(),
            out,
        ),
        Some(Command::Standards { query, json, .. }) => {
            let query = (!query.is_empty()).then(|| query.join(" "));
            cli::standards::run(&archive, query.as_deref(), json, out)
        }
        Some(Command::Serve {
            serve, no_color, ..
        }) => cli::serve::run(
            serve,
            std::mem::ManuallyDrop::into_inner(archive),
            &problems,
            no_color || args.no_color,
        ),
        // Dispatched before loading, above.
        Some(
            Command::Import { .. }
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Help { .. },
        ) => Ok(()),
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
    let startup_notice = magreader::app::load_notice(problems);
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
