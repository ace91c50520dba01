
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'magreader' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'magreader'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'magreader' {
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Monochrome reader (also when NO_COLOR is set); focus and selection stay visible')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Start the reader on the contents instead of reopening the article you read last')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print the version and the built-in archive (issues, articles, newest issue)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print the version and the built-in archive (issues, articles, newest issue)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the issues, newest first')
            [CompletionResult]::new('toc', 'toc', [CompletionResultType]::ParameterValue, 'Show an issue''s sections and articles, and CONTENTS entries missing from the text')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print one article, or a whole issue in reading order (through $PAGER on a terminal)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the archive; exit 1 naming every bad file and why')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Fuzzy-find articles by English or Chinese title, column name or issue id')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Full-text search of every article''s text and titles; one line per hit')
            [CompletionResult]::new('standards', 'standards', [CompletionResultType]::ParameterValue, 'Every standard the archive mentions (GB/T 17766, ISO/IEC 42001, ...) and the articles mentioning it; with a query, those it names and a snippet around each mention')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the reader over SSH to many readers at once, with no shell accounts')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import raw text exports into an archive directory (default ./archive)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (install: see the README)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page of magreader or of one of its commands, or write them all')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print the help of magreader or of one of its commands')
            break
        }
        'magreader;list' {
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array (schema in the README)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;toc' {
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object (schema in the README)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;show' {
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Wrap to this many columns (default: the terminal''s width up to the reader''s measure of 100, or 80 when not a terminal)')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the stored Markdown, unwrapped')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the article''s fields and Markdown body as JSON (schema in docs/json.md)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Write to the terminal directly instead of through $PAGER (default `less -R`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;check' {
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the problems as a JSON object (schema in docs/json.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;find' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N matches (0: all)')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array (schema in the README)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;search' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N hits (0: all)')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array (schema in the README)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;standards' {
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array (schema in docs/standards.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on. The default is loopback only: serving other machines is a choice you make here (e.g. 0.0.0.0:2222)')
            [CompletionResult]::new('--host-key', '--host-key', [CompletionResultType]::ParameterName, 'The server''s ed25519 host key; generated there (mode 0600) if missing. [default: <state dir>/serve/host_ed25519]')
            [CompletionResult]::new('--authorized-keys', '--authorized-keys', [CompletionResultType]::ParameterName, 'OpenSSH authorized_keys file: only these keys may read, each with its own reading memory')
            [CompletionResult]::new('--max-sessions', '--max-sessions', [CompletionResultType]::ParameterName, 'Most readers at once; the next one is told the server is full')
            [CompletionResult]::new('--max-per-ip', '--max-per-ip', [CompletionResultType]::ParameterName, 'Most readers at once from one IP address')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a session after this long without a key (e.g. 30m, 90s, 2h)')
            [CompletionResult]::new('--stall-timeout', '--stall-timeout', [CompletionResultType]::ParameterName, 'Drop a session whose client has taken none of its output for this long (it stopped reading)')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Let anyone read, with or without a key; reading memory lasts for the session only')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Monochrome readers (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;import' {
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'The archive directory to write to (default: ./archive). [env: MAGREADER_ARCHIVE]')
            [CompletionResult]::new('--review', '--review', [CompletionResultType]::ParameterName, 'Also list every decision a rule was unsure of, with its source lines, so the person importing knows what to check')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print each source''s summary (and with --review its decisions) as JSON')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Import a text even when nothing in it looks like a magazine issue or a report (no cover year, number or volume, no CONTENTS page or table of contents)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;completions' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write the scripts of every shell into DIR (under the names the shells look for) instead of printing one')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write magreader.1 and one page per command into DIR instead of printing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'magreader;help' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
