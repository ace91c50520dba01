# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_magreader_global_optspecs
    string join \n archive= no-color fresh V/version h/help
end

function __fish_magreader_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_magreader_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_magreader_using_subcommand
    set -l cmd (__fish_magreader_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c magreader -n "__fish_magreader_needs_command" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_needs_command" -l no-color -d 'Monochrome reader (also when NO_COLOR is set); focus and selection stay visible'
complete -c magreader -n "__fish_magreader_needs_command" -l fresh -d 'Start the reader on the contents instead of reopening the article you read last'
complete -c magreader -n "__fish_magreader_needs_command" -s V -l version -d 'Print the version and the built-in archive (issues, articles, newest issue)'
complete -c magreader -n "__fish_magreader_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "list" -d 'List the issues, newest first'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "toc" -d 'Show an issue\'s sections and articles, and CONTENTS entries missing from the text'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "show" -d 'Print one article, or a whole issue in reading order (through $PAGER on a terminal)'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "check" -d 'Validate the archive; exit 1 naming every bad file and why'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "find" -d 'Fuzzy-find articles by English or Chinese title, column name or issue id'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "search" -d 'Full-text search of every article\'s text and titles; one line per hit'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "standards" -d 'Every standard the archive mentions (GB/T 17766, ISO/IEC 42001, ...) and the articles mentioning it; with a query, those it names and a snippet around each mention'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "serve" -d 'Serve the reader over SSH to many readers at once, with no shell accounts'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "import" -d 'Import raw text exports into an archive directory (default ./archive)'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "completions" -d 'Print a shell completion script (install: see the README)'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "man" -d 'Print the man page of magreader or of one of its commands, or write them all'
complete -c magreader -n "__fish_magreader_needs_command" -f -a "help" -d 'Print the help of magreader or of one of its commands'
complete -c magreader -n "__fish_magreader_using_subcommand list" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand list" -l json -d 'Print a JSON array (schema in the README)'
complete -c magreader -n "__fish_magreader_using_subcommand list" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand toc" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand toc" -l json -d 'Print a JSON object (schema in the README)'
complete -c magreader -n "__fish_magreader_using_subcommand toc" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand show" -l width -d 'Wrap to this many columns (default: the terminal\'s width up to the reader\'s measure of 100, or 80 when not a terminal)' -r
complete -c magreader -n "__fish_magreader_using_subcommand show" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand show" -l raw -d 'Print the stored Markdown, unwrapped'
complete -c magreader -n "__fish_magreader_using_subcommand show" -l json -d 'Print the article\'s fields and Markdown body as JSON (schema in docs/json.md)'
complete -c magreader -n "__fish_magreader_using_subcommand show" -l no-pager -d 'Write to the terminal directly instead of through $PAGER (default `less -R`)'
complete -c magreader -n "__fish_magreader_using_subcommand show" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand check" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand check" -l json -d 'Print the problems as a JSON object (schema in docs/json.md)'
complete -c magreader -n "__fish_magreader_using_subcommand check" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand find" -l limit -d 'Print at most N matches (0: all)' -r
complete -c magreader -n "__fish_magreader_using_subcommand find" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand find" -l json -d 'Print a JSON array (schema in the README)'
complete -c magreader -n "__fish_magreader_using_subcommand find" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand search" -l limit -d 'Print at most N hits (0: all)' -r
complete -c magreader -n "__fish_magreader_using_subcommand search" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand search" -l json -d 'Print a JSON array (schema in the README)'
complete -c magreader -n "__fish_magreader_using_subcommand search" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand standards" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand standards" -l json -d 'Print a JSON array (schema in docs/standards.md)'
complete -c magreader -n "__fish_magreader_using_subcommand standards" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l listen -d 'Address and port to listen on. The default is loopback only: serving other machines is a choice you make here (e.g. 0.0.0.0:2222)' -r
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l host-key -d 'The server\'s ed25519 host key; generated there (mode 0600) if missing. [default: <state dir>/serve/host_ed25519]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l authorized-keys -d 'OpenSSH authorized_keys file: only these keys may read, each with its own reading memory' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l max-sessions -d 'Most readers at once; the next one is told the server is full' -r
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l max-per-ip -d 'Most readers at once from one IP address' -r
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l idle-timeout -d 'Close a session after this long without a key (e.g. 30m, 90s, 2h)' -r
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l stall-timeout -d 'Drop a session whose client has taken none of its output for this long (it stopped reading)' -r
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l archive -d 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l open -d 'Let anyone read, with or without a key; reading memory lasts for the session only'
complete -c magreader -n "__fish_magreader_using_subcommand serve" -l no-color -d 'Monochrome readers (also when NO_COLOR is set)'
complete -c magreader -n "__fish_magreader_using_subcommand serve" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand import" -l archive -d 'The archive directory to write to (default: ./archive). [env: MAGREADER_ARCHIVE]' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand import" -l review -d 'Also list every decision a rule was unsure of, with its source lines, so the person importing knows what to check'
complete -c magreader -n "__fish_magreader_using_subcommand import" -l json -d 'Print each source\'s summary (and with --review its decisions) as JSON'
complete -c magreader -n "__fish_magreader_using_subcommand import" -l force -d 'Import a text even when nothing in it looks like a magazine issue or a report (no cover year, number or volume, no CONTENTS page or table of contents)'
complete -c magreader -n "__fish_magreader_using_subcommand import" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand completions" -l out-dir -d 'Write the scripts of every shell into DIR (under the names the shells look for) instead of printing one' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand completions" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand man" -l out-dir -d 'Write magreader.1 and one page per command into DIR instead of printing' -r -F
complete -c magreader -n "__fish_magreader_using_subcommand man" -s h -l help -d 'Print help'
complete -c magreader -n "__fish_magreader_using_subcommand help" -s h -l help -d 'Print help'
