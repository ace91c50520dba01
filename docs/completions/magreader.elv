
use builtin;
use str;

set edit:completion:arg-completer[magreader] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'magreader'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'magreader'= {
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --no-color 'Monochrome reader (also when NO_COLOR is set); focus and selection stay visible'
            cand --fresh 'Start the reader on the contents instead of reopening the article you read last'
            cand -V 'Print the version and the built-in archive (issues, articles, newest issue)'
            cand --version 'Print the version and the built-in archive (issues, articles, newest issue)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the issues, newest first'
            cand toc 'Show an issue''s sections and articles, and CONTENTS entries missing from the text'
            cand show 'Print one article, or a whole issue in reading order (through $PAGER on a terminal)'
            cand check 'Validate the archive; exit 1 naming every bad file and why'
            cand find 'Fuzzy-find articles by English or Chinese title, column name or issue id'
            cand search 'Full-text search of every article''s text and titles; one line per hit'
            cand standards 'Every standard the archive mentions (GB/T 17766, ISO/IEC 42001, ...) and the articles mentioning it; with a query, those it names and a snippet around each mention'
            cand serve 'Serve the reader over SSH to many readers at once, with no shell accounts'
            cand import 'Import raw text exports into an archive directory (default ./archive)'
            cand completions 'Print a shell completion script (install: see the README)'
            cand man 'Print the man page of magreader or of one of its commands, or write them all'
            cand help 'Print the help of magreader or of one of its commands'
        }
        &'magreader;list'= {
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --json 'Print a JSON array (schema in the README)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;toc'= {
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --json 'Print a JSON object (schema in the README)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;show'= {
            cand --width 'Wrap to this many columns (default: the terminal''s width up to the reader''s measure of 100, or 80 when not a terminal)'
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --raw 'Print the stored Markdown, unwrapped'
            cand --json 'Print the article''s fields and Markdown body as JSON (schema in docs/json.md)'
            cand --no-pager 'Write to the terminal directly instead of through $PAGER (default `less -R`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;check'= {
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --json 'Print the problems as a JSON object (schema in docs/json.md)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;find'= {
            cand --limit 'Print at most N matches (0: all)'
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --json 'Print a JSON array (schema in the README)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;search'= {
            cand --limit 'Print at most N hits (0: all)'
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --json 'Print a JSON array (schema in the README)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;standards'= {
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --json 'Print a JSON array (schema in docs/standards.md)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;serve'= {
            cand --listen 'Address and port to listen on. The default is loopback only: serving other machines is a choice you make here (e.g. 0.0.0.0:2222)'
            cand --host-key 'The server''s ed25519 host key; generated there (mode 0600) if missing. [default: <state dir>/serve/host_ed25519]'
            cand --authorized-keys 'OpenSSH authorized_keys file: only these keys may read, each with its own reading memory'
            cand --max-sessions 'Most readers at once; the next one is told the server is full'
            cand --max-per-ip 'Most readers at once from one IP address'
            cand --idle-timeout 'Close a session after this long without a key (e.g. 30m, 90s, 2h)'
            cand --stall-timeout 'Drop a session whose client has taken none of its output for this long (it stopped reading)'
            cand --archive 'Read this archive directory (the one holding issues/) instead of the built-in archive. [env: MAGREADER_ARCHIVE]'
            cand --open 'Let anyone read, with or without a key; reading memory lasts for the session only'
            cand --no-color 'Monochrome readers (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;import'= {
            cand --archive 'The archive directory to write to (default: ./archive). [env: MAGREADER_ARCHIVE]'
            cand --review 'Also list every decision a rule was unsure of, with its source lines, so the person importing knows what to check'
            cand --json 'Print each source''s summary (and with --review its decisions) as JSON'
            cand --force 'Import a text even when nothing in it looks like a magazine issue or a report (no cover year, number or volume, no CONTENTS page or table of contents)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;completions'= {
            cand --out-dir 'Write the scripts of every shell into DIR (under the names the shells look for) instead of printing one'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;man'= {
            cand --out-dir 'Write magreader.1 and one page per command into DIR instead of printing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'magreader;help'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
    ]
    $completions[$command]
}
