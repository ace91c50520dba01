#!/usr/bin/env bash
# `magreader standards` on the 1,000-issue synthetic archive beside `rg -o` with a comparable
# pattern over the same files, in one hyperfine run (see BENCHMARKS.md, "Standards").
#
#   bench/standards.sh
#
# Needs a release build and the synthetic archive (bench/run.sh makes both; so does this).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/bench-results
SYNTH=${MAGREADER_SYNTH_DIR:-$TARGET/synth/issues-1000}
mkdir -p "$OUT"
for tool in hyperfine rg; do
    command -v $tool >/dev/null || { echo "needs $tool (apt-get install hyperfine ripgrep)"; exit 1; }
done
cargo build --release --bin magreader --example synth
BIN=$TARGET/release/magreader
"$TARGET/release/examples/synth" --issues 1000 --out "$SYNTH"

# Every body and title of the archive is in issues/ (rg reads the manifests too). The pattern
# finds what the recogniser starts from: a body (national, sector, group, ISO/IEC, ITU-T, IEEE,
# EN, ASTM, UIC, JIS) and a number with its parts and edition; it does not tell committees,
# awards or years apart, group, or list articles, which magreader does.
# ASCII word boundary: with rg's default Unicode `\b` the same search takes seconds, not a
# fair peer.
PATTERN='(?-u:\b)(GB/[TZ]|GB|ISO/IEC|ISO|IEC|ITU-T|IEEE|EN|ASTM|UIC|JIS|T/[A-Z]{2,10}|[A-Z]{2,4}/[TZ]) ?(TR |TS )?[A-Z]?\.?[0-9][0-9.:—–-]*'

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "magreader standards --json: $($BIN --archive "$SYNTH" standards --json | grep -c '"designation"') standards"
echo "magreader standards: $($BIN --archive "$SYNTH" standards | wc -l) lines"
echo "rg -o: $(rg -o --no-filename "$PATTERN" "$SYNTH/issues" | wc -l) matches"
hyperfine --warmup 2 --min-runs 10 --style basic --export-json "$OUT/standards.json" \
    -n "magreader standards" "$BIN --archive $SYNTH standards" \
    -n "magreader standards --json" "$BIN --archive $SYNTH standards --json" \
    -n "magreader standards 17766" "$BIN --archive $SYNTH standards 17766" \
    -n "rg -o" "rg -o '$PATTERN' $SYNTH/issues" \
    | tee "$OUT/standards.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
