//! `magreader completions SHELL`, `magreader man [COMMAND]` and `magreader help [COMMAND]`:
//! documents generated from the same argument definitions that parse the command line, so they
//! cannot disagree with it. The copies committed under docs/ are checked against these by a
//! test.

use crate::text::sanitize::sanitize;
use std::io::Write;
use std::path::Path;

use clap::Command;
use clap_complete::Shell;

use super::CliError;

/// Prints the completion script for `shell`, or with `out_dir` writes every shell's there,
/// each under the name its shell looks for (`magreader.bash`, `_magreader`, …).
pub fn completions(
    mut cmd: Command,
    shell: Option<Shell>,
    out_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use clap::ValueEnum;
    use clap_complete::Generator;
    let Some(dir) = out_dir else {
        let shell = shell.ok_or_else(|| CliError::Usage("name a shell, e.g. bash".into()))?;
        clap_complete::generate(shell, &mut cmd, "magreader", out);
        return Ok(());
    };
    create_dir(dir)?;
    for &shell in Shell::value_variants() {
        let path = dir.join(shell.file_name("magreader"));
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd, "magreader", &mut script);
        write_file(&path, &script)?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}

fn create_dir(dir: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Invalid(format!("cannot create {}: {e}", dir.display())))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes)
        .map_err(|e| CliError::Invalid(format!("cannot write {}: {e}", path.display())))
}

/// Prints the page of `magreader` or of `magreader-COMMAND`, or with `out_dir` writes them all
/// there (`magreader.1`, `magreader-list.1`, …).
pub fn man(
    cmd: Command,
    command: Option<&str>,
    out_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cmd = built(cmd);
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::Invalid(format!("cannot create {}: {e}", dir.display())))?;
        for page in pages(&cmd) {
            let path = dir.join(clap_mangen::Man::new(page.clone()).get_filename());
            let mut file = std::fs::File::create(&path)
                .map_err(|e| CliError::Invalid(format!("cannot write {}: {e}", path.display())))?;
            render(page, &mut file)?;
            writeln!(out, "{}", path.display())?;
        }
        return Ok(());
    }
    let page = match command {
        None => cmd,
        Some(name) => subcommand(&mut cmd, name)?.clone(),
    };
    render(page, out)
}

/// Prints the long help of `magreader` or of one of its commands. `magreader help --help`
/// is this command's own help, like any other command's.
pub fn help(cmd: Command, command: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let mut cmd = built(cmd);
    let help = match command {
        None => cmd.render_long_help(),
        Some(name) => subcommand(&mut cmd, name)?.render_long_help(),
    };
    write!(out, "{help}")?;
    Ok(())
}

/// The command with its subcommands' names filled in (`magreader list` in their usage).
fn built(mut cmd: Command) -> Command {
    cmd = cmd.bin_name("magreader");
    cmd.build();
    cmd
}

/// `magreader` and each of its commands, in the order they are declared.
fn pages(cmd: &Command) -> Vec<Command> {
    let mut all = vec![cmd.clone()];
    all.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    all
}

fn subcommand<'a>(cmd: &'a mut Command, name: &str) -> Result<&'a mut Command, CliError> {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    cmd.find_subcommand_mut(name).ok_or_else(|| {
        CliError::Usage(format!(
            "no command \"{}\"; the commands are {}",
            sanitize(name),
            names.join(", ")
        ))
    })
}

fn render(page: Command, out: &mut dyn Write) -> Result<(), CliError> {
    clap_mangen::Man::new(page).render(out)?;
    Ok(())
}
