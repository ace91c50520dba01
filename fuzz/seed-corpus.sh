#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the committed archive, so the fuzzers start from real
# input: slices of the raw exports (importer), the real manifests (loader), article bodies
# with a width in front (wrapper). Run from anywhere; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/import_text fuzz/corpus/load_manifest fuzz/corpus/wrap_layout
for src in archive/sources/*; do
    name=$(basename "$src")
    size=$(wc -c < "$src")
    # The cover and CONTENTS page, then slices through the body (libFuzzer keeps inputs
    # small; see -max_len in the README).
    for start in 0 $((size / 4)) $((size / 2)) $((3 * size / 4)); do
        # Cut at byte offsets, then drop the partial characters at the cuts (the target
        # skips input that is not UTF-8).
        dd if="$src" bs=12000 count=1 iflag=skip_bytes skip="$start" status=none |
            iconv -c -f UTF-8 -t UTF-8 > "fuzz/corpus/import_text/$name-$start" || true
    done
done
for m in archive/issues/*/issue.json; do
    cp "$m" "fuzz/corpus/load_manifest/$(basename "$(dirname "$m")").json"
done
n=0
for md in archive/issues/*/*.md; do
    n=$((n + 1))
    # Two bytes of width (little endian), then the text: widths 17, 40, 80 in turn.
    case $((n % 3)) in 0) w='\x11\x00' ;; 1) w='\x28\x00' ;; *) w='\x50\x00' ;; esac
    { printf "$w"; head -c 6000 "$md" | iconv -c -f UTF-8 -t UTF-8; } > "fuzz/corpus/wrap_layout/$n"
done
echo "seeded: $(ls fuzz/corpus/import_text | wc -l) import_text, $(ls fuzz/corpus/load_manifest | wc -l) load_manifest, $(ls fuzz/corpus/wrap_layout | wc -l) wrap_layout"
