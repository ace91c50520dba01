#!/usr/bin/env bash
# Reruns every benchmark of BENCHMARKS.md and rewrites its results table, in one go:
#
#   bench/run.sh            # everything (about 20-30 minutes on 2 cores)
#   SKIP_CRITERION=1 bench/run.sh   # only the whole-process and terminal figures
#   BENCHES="fuzzy matchers fulltext" bench/run.sh   # only these Criterion benchmarks
#
# The table goes into BENCHMARKS.md between its markers, with the figures of the run it
# replaces beside the new ones, and is printed (also to target/bench-results/table.md), ready
# to paste. Figures of Criterion benchmarks not run keep whatever target/criterion holds.
#
# Installs the peers it compares against (hyperfine, fzf, ripgrep, less, GNU time) with
# apt-get when missing. Results land in target/bench-results/; Criterion's in target/criterion/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/bench-results
SYNTH=${MAGREADER_SYNTH_DIR:-$TARGET/synth/issues-1000}
export MAGREADER_SYNTH_DIR=$SYNTH
mkdir -p "$OUT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Tools --------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v fzf >/dev/null || missing+=(fzf)
command -v rg >/dev/null || missing+=(ripgrep)
command -v less >/dev/null || missing+=(less)
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# --- Build and data -----------------------------------------------------------------------
cargo build --release --bin magreader --example synth --example term_bytes
BIN=$TARGET/release/magreader
"$TARGET/release/examples/synth" --issues 1000 --out "$SYNTH"
# The manifest cache (see README, "The manifest cache") kept with the results, and made
# before anything is timed: a manifest written in the last two seconds is not cached yet.
export MAGREADER_CACHE_DIR=$OUT/manifest-cache
sleep 2
"$BIN" --archive "$SYNTH" list >/dev/null

# Every article title (and Chinese title) of the synthetic archive, one per line: what
# `fzf --filter` ranks, the same text `magreader find` does.
python3 - "$SYNTH" "$OUT/titles.txt" <<'PY'
import glob, json, sys
lines = []
for m in sorted(glob.glob(sys.argv[1] + "/issues/*/issue.json")):
    issue = json.load(open(m))
    for s in issue["sections"]:
        for a in s["articles"]:
            t = a["title"] + (" · " + a["title_zh"] if a["title_zh"] else "")
            lines.append(f'{issue["id"]}  {s["name"]}  {t}')
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY

# Queries: the same as the Criterion benchmarks (benches/support/mod.rs).
FUZZY=standardization
LABELS=(common_phrase rare_word chinese_phrase standard_number)
QUERIES=("international standards" "accenture" "标准化" "ISO/IEC 17025")

# --- Criterion ----------------------------------------------------------------------------
if [ -z "${SKIP_CRITERION:-}" ]; then
    benches=()
    for b in ${BENCHES:-first_frame fuzzy matchers fulltext text render}; do
        benches+=(--bench "$b")
    done
    cargo bench "${benches[@]}" 2>&1 | tee "$OUT/criterion.log"
fi

# --- Whole process: magreader beside its peers, same data, same run ------------------------
hf_args=(--warmup 2 --min-runs 10 --export-json "$OUT/cli.json" --style basic)
hf_args+=(-n "magreader list" "$BIN --archive $SYNTH list")
hf_args+=(-n "magreader list, no cache" "env MAGREADER_NO_CACHE=1 $BIN --archive $SYNTH list")
hf_args+=(-n "cat manifests" "cat $SYNTH/issues/*/issue.json")
hf_args+=(-n "magreader find" "$BIN --archive $SYNTH find $FUZZY")
hf_args+=(-n "fzf --filter" "fzf --filter $FUZZY < $OUT/titles.txt")
for i in "${!LABELS[@]}"; do
    q=${QUERIES[$i]}
    hf_args+=(-n "magreader search ${LABELS[$i]}" "$BIN --archive $SYNTH search --limit 0 '$q'")
    hf_args+=(-n "magreader search ${LABELS[$i]}, no cache" \
        "env MAGREADER_NO_CACHE=1 $BIN --archive $SYNTH search --limit 0 '$q'")
    hf_args+=(-n "rg -i -c ${LABELS[$i]}" "rg -i -c '$q' $SYNTH/issues")
done
hyperfine "${hf_args[@]}" | tee "$OUT/hyperfine.log"

# Peak RSS (KB) of each command.
{
    echo "{"
    sep=
    for cmd in "list" "find $FUZZY" "search --limit 0 international standards"; do
        kb=$(/usr/bin/time -f %M "$BIN" --archive "$SYNTH" $cmd 2>&1 >/dev/null | tail -1)
        printf '%s"magreader %s": %s\n' "$sep" "$cmd" "$kb"
        sep=,
    done
    echo "}"
} >"$OUT/rss.json"

# --- Terminal output ----------------------------------------------------------------------
# Reading mode (`2` opens an article, `z` shows it alone at the full width: the terminal can
# scroll it), then the three panes (`_panes` files).
"$TARGET/release/examples/term_bytes" --size 80x24 --reading --text "$OUT/article.txt" >"$OUT/term_bytes.json"
"$TARGET/release/examples/term_bytes" --size 80x24 --text "$OUT/article_panes.txt" >"$OUT/term_bytes_panes.json"
PTY="python3 bench/pty_bytes.py --cols 80 --rows 24"
$PTY --key j -- less "$OUT/article.txt" >"$OUT/pty_less.json"
$PTY --key j -- less "$OUT/article_panes.txt" >"$OUT/pty_less_panes.json"
$PTY --fresh-state --setup 2z --key j -- "$BIN" >"$OUT/pty_reader_builtin.json"
$PTY --fresh-state --setup 2 --key j -- "$BIN" >"$OUT/pty_reader_builtin_panes.json"
$PTY --key j -- "$BIN" >"$OUT/pty_reader_builtin_start.json"
# Start-up of the reader on 1,000 issues, five times (one sample is too noisy on a shared machine).
for i in 1 2 3 4 5; do
    $PTY --window 0.3 --key j -- "$BIN" --archive "$SYNTH" >"$OUT/pty_reader_1000_$i.json"
done

# --- Facts and the table ------------------------------------------------------------------
hits=()
for i in "${!LABELS[@]}"; do
    n=$("$BIN" --archive "$SYNTH" search --limit 0 --json "${QUERIES[$i]}" |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    hits+=("\"${LABELS[$i]}\": $n")
done
text_bytes=$(find "$SYNTH/issues" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
load=$(cut -d' ' -f1-3 /proc/loadavg)
cat >"$OUT/facts.json" <<JSON
{
  "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
  "machine": "$(nproc) cores, $cpu, $mem, load average $LOAD_START at the start and $load at the end",
  "commit": "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml || echo ' + uncommitted changes')",
  "archive_text_bytes": $text_bytes,
  "titles_1000": $(wc -l <"$OUT/titles.txt"),
  "titles_100k": "≥100,000",
  "fulltext_queries": [["common_phrase", "international standards"], ["rare_word", "accenture"], ["chinese_phrase", "标准化"], ["standard_number", "ISO/IEC 17025"]],
  "uptime": "$(uptime | sed 's/^ *//')",
  "hits": {$(IFS=,; echo "${hits[*]}")}
}
JSON
python3 bench/report.py "$OUT" "$TARGET/criterion" --write BENCHMARKS.md | tee "$OUT/table.md"
