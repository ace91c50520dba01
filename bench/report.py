#!/usr/bin/env python3
"""Builds the results table of BENCHMARKS.md from one run of bench/run.sh: Criterion's
estimates (target/criterion), hyperfine's JSON, peak RSS and terminal byte counts (in the
results directory). Prints the table and, with --write FILE, replaces the part of FILE between
the `results:begin` and `results:end` markers.

usage: report.py RESULTS_DIR CRITERION_DIR [--write BENCHMARKS.md]
"""
import json
import os
import re
import sys

BEGIN = "<!-- results:begin (bench/run.sh writes this part) -->"
END = "<!-- results:end -->"


def load(path):
    with open(path) as f:
        return json.load(f)


def crit(cdir, group, name):
    """Median of a Criterion benchmark in nanoseconds (our clock: CPU time unless the run
    used MAGREADER_BENCH_CLOCK=wall)."""
    p = os.path.join(cdir, group, name, "new", "estimates.json")
    if not os.path.exists(p):
        return None
    return load(p)["median"]["point_estimate"]


def crit_bytes(cdir, group, name):
    p = os.path.join(cdir, group, name, "new", "benchmark.json")
    if not os.path.exists(p):
        return None
    t = load(p).get("throughput") or {}
    return t.get("Bytes") or t.get("BytesDecimal")


def ms(ns):
    return "n/a" if ns is None else (f"{ns / 1e6:.2f} ms" if ns < 1e8 else f"{ns / 1e6:.0f} ms")


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def key(figure):
    """A figure's name with its numbers left out, so that a row matches the same row of the
    previous run even where a count (hits, titles) changed."""
    figure = figure.replace("\\|", "|")
    # Sizes such as 80x24 name the figure; other numbers are counts.
    return re.sub(r"(?<![\dx])[\d,.]+(?![\dx])", "#", figure).strip()


def previous_run(table):
    """{figure key: measured} and the run line of the table that is being replaced."""
    head, rows = "none", {}
    for line in table.strip().splitlines():
        if line.startswith("Run of"):
            head = line.split(";")[0].removeprefix("Run of ").strip() + " (" + \
                (re.search(r"commit ([0-9a-f]+)", line) or re.search("()", "")).group(1) + ")"
        elif line.startswith("| ") and not line.startswith("| Figure") and "---" not in line:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if len(cells) >= 2:
                rows[key(cells[0])] = cells[1]
    return rows, head


def main():
    rdir, cdir = sys.argv[1], sys.argv[2]
    write = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--write" else None
    info = load(os.path.join(rdir, "facts.json"))
    hf = {r["command"]: r for r in load(os.path.join(rdir, "cli.json"))["results"]}
    rss = load(os.path.join(rdir, "rss.json"))
    tb = load(os.path.join(rdir, "term_bytes.json"))
    pty_less = load(os.path.join(rdir, "pty_less.json"))
    pty_reader = load(os.path.join(rdir, "pty_reader_builtin.json"))
    runs = [load(os.path.join(rdir, f"pty_reader_1000_{i}.json")) for i in range(1, 6)]
    frames = sorted(r["first_frame_ms"] for r in runs if r["first_frame_ms"] is not None)
    pty_large = {
        # Median of the runs that drew a frame; peak RSS of the largest.
        "first_frame_ms": frames[len(frames) // 2] if frames else None,
        "first_frame_all": frames,
        "maxrss_kb": max(r["maxrss_kb"] for r in runs),
    }
    pty_small = load(os.path.join(rdir, "pty_reader_builtin_start.json"))

    def proc(name):
        """hyperfine: (wall median, CPU user+sys mean) in ms."""
        r = hf.get(name)
        if r is None:
            return None, None
        return r["median"] * 1e3, (r["user"] + r["system"]) * 1e3

    rows = []

    def row(figure, measured, target, peer, ok):
        rows.append((figure, measured, target, peer, verdict(ok)))

    # Start-up.
    b = crit(cdir, "first_frame", "builtin")
    row("First frame, built-in archive (load + state + draw, in-process CPU)", ms(b), "≤ 20 ms",
        f"whole process in a pty: {pty_small['first_frame_ms']} ms wall",
        None if b is None else b <= 20e6)
    l = crit(cdir, "first_frame", "issues_1000")
    lw = crit(cdir, "first_frame", "issues_1000_wall")
    lo = crit(cdir, "first_frame", "issues_1000_load_only")
    lu = crit(cdir, "first_frame", "issues_1000_load_only_uncached")
    row("First frame, 1,000 issues (in-process, wall time; loading on all cores)", ms(lw),
        "≤ 150 ms", f"CPU time {ms(l)}, of which loading {ms(lo)} (without the manifest "
        f"cache: {ms(lu)})",
        None if lw is None else lw <= 150e6)
    big = pty_large["first_frame_ms"]
    row("First frame, 1,000 issues, whole process in an 80×24 pty (wall, median of 5)",
        "n/a" if big is None else f"{big:.0f} ms", "≤ 150 ms",
        "all runs: " + ", ".join(f"{t:.0f}" for t in pty_large["first_frame_all"]) + " ms",
        None if big is None else big <= 150)
    # Memory.
    text = info["archive_text_bytes"]
    limit = 2 * text + 30e6
    reader_rss = pty_large["maxrss_kb"] * 1024
    row(f"Peak RSS, reader on 1,000 issues ({text / 1e6:.0f} MB of text)",
        f"{reader_rss / 1e6:.0f} MB", f"≤ 2×text + 30 MB = {limit / 1e6:.0f} MB",
        "; ".join(f"`{k}`: {v / 1e3:.0f} MB" for k, v in rss.items()),
        reader_rss <= limit)
    worst_search = max(v * 1024 for k, v in rss.items())
    row("Peak RSS, worst command on 1,000 issues", f"{worst_search / 1e6:.0f} MB",
        f"≤ {limit / 1e6:.0f} MB", max(rss, key=rss.get), worst_search <= limit)
    # Fuzzy.
    # A popup keystroke is the first key (`one_letter`, a fresh query), a key that extends
    # the query (`narrow_*`) or a backspace (`backspace_*`); a whole query at once (paste,
    # `magreader find`) is a fresh query (the other four).
    fresh = ["one_letter", "prefix", "word", "two_words", "chinese", "typo_words", "british"]
    keys = ["one_letter"] + [f"{k}_{q}" for q in fresh[1:] for k in ["narrow", "backspace"]]
    wall, cpu = proc("magreader find")
    fwall, fcpu = proc("fzf --filter")
    for group, titles, target in [("fuzzy_titles_1000_issues", info["titles_1000"], 5e6),
                                  ("fuzzy_titles_100k", info["titles_100k"], None)]:
        fk = {q: crit(cdir, group, q) for q in keys}
        worst = max((v for v in fk.values() if v is not None), default=None)
        row(f"Fuzzy keystroke in the popup, {titles} titles (slowest of first key, "
            "narrowing and backspace, CPU)", ms(worst), "≤ 5 ms" if target else "—",
            "per key: " + ", ".join(f"{k} {ms(v)}" for k, v in fk.items()),
            None if worst is None or target is None else worst <= target)
        fz = {q: crit(cdir, group, q) for q in fresh}
        worst = max((v for v in fz.values() if v is not None), default=None)
        row(f"Fuzzy query typed at once (paste, `find`), {titles} titles (slowest of {len(fresh)}, CPU)",
            ms(worst), "—", "per query: " + ", ".join(f"{k} {ms(v)}" for k, v in fz.items()),
            None)
    row("`magreader find standardization`, whole process", f"{wall:.0f} ms wall, {cpu:.0f} ms CPU",
        "≤ 0.8× fzf", f"`fzf --filter` over the same titles: {fwall:.0f} ms wall, {fcpu:.0f} ms CPU "
        f"({wall / fwall:.2f}× wall, {cpu / fcpu:.2f}× CPU)", wall <= 0.8 * fwall)
    # The matcher choice: the same title lines scored by each library.
    mg = "matchers_1000_issues"
    for kind, what in [("keystroke", "one keystroke (`standardiz`)"),
                       ("whole_query", "`standardization` typed key by key (15 passes)")]:
        fm = crit(cdir, mg, f"{kind}_fuzzy_matcher")
        nm = crit(cdir, mg, f"{kind}_nucleo_matcher")
        ti = crit(cdir, mg, f"{kind}_title_index")
        ratio = "" if fm is None or nm is None else f" ({fm / nm:.1f}× nucleo's time)"
        row(f"Matchers over {info['titles_1000']} title lines, {what}, fuzzy-matcher "
            "`SkimMatcherV2` (CPU)", ms(fm), "—",
            f"nucleo-matcher: {ms(nm)}{ratio}; the project's title index (nucleo with "
            f"interning, bounds, narrowing): {ms(ti)}", None)
    lw, lc = proc("magreader list")
    cw, cc = proc("cat manifests")
    nw, nc = proc("magreader list, no cache")
    row("`magreader list`, whole process", f"{lw:.0f} ms wall, {lc:.0f} ms CPU", "—",
        f"`cat issues/*/issue.json`: {cw:.0f} ms wall, {cc:.0f} ms CPU; without the manifest "
        f"cache: {nw:.0f} ms wall, {nc:.0f} ms CPU", None)
    # Full text.
    for label, q in info["fulltext_queries"]:
        mw, mc = proc(f"magreader search {label}")
        uw, uc = proc(f"magreader search {label}, no cache")
        rw, rc = proc(f"rg -i -c {label}")
        warm = crit(cdir, "fulltext_1000_issues", f"{label}_warm")
        cold = crit(cdir, "fulltext_1000_issues", f"{label}_cold")
        ok = None if mw is None or rw is None else mw <= rw
        row(f"Full text `{q}` over 1,000 issues, whole process "
            f"({info['hits'].get(label, '?')} hits)",
            f"{mw:.0f} ms wall, {mc:.0f} ms CPU", "≤ 1.0× rg",
            f"`rg -i -c`: {rw:.0f} ms wall, {rc:.0f} ms CPU ({mw / rw:.2f}× wall, "
            f"{mc / rc:.2f}× CPU); without the manifest cache: {uw:.0f} ms wall "
            f"({uw / rw:.2f}× rg), {uc:.0f} ms CPU; in-process query: "
            f"{ms(warm)} folded, {ms(cold)} folding included, "
            f"{ms(crit(cdir, 'fulltext_1000_issues', f'{label}_scan'))} as `search` scans", ok)
    # Text.
    for name, label in [("wrap_mixed_article", "Wrapping a mixed article at 80 columns"),
                        ("markdown_layout_mixed_article", "Markdown layout of the same at 80")]:
        t = crit(cdir, "wrap_80", name)
        n = crit_bytes(cdir, "wrap_80", name)
        rate = None if t is None or n is None else n / (t / 1e9) / 1e6
        row(label + " (CPU)", "n/a" if rate is None else f"{rate:.0f} MB/s", "≥ 50 MB/s",
            f"{n} bytes per run", None if rate is None else rate >= 50)
    r = crit(cdir, "resize", "rewrap_longest_article")
    row("Resize re-wrap of the open article (longest, "
        f"{crit_bytes(cdir, 'resize', 'rewrap_longest_article')} bytes; CPU)", ms(r), "≤ 2 ms",
        f"whole resize step of the reader on 1,000 issues: "
        f"{ms(crit(cdir, 'app_1000_issues', 'resize'))}", None if r is None else r <= 2e6)
    # Frames.
    for size in ["80x24", "200x60"]:
        row(f"One frame at {size}, article open (TestBackend, CPU)",
            ms(crit(cdir, "frame", f"draw_{size}")), "—",
            f"scroll key + frame: {ms(crit(cdir, 'frame', f'scroll_key_and_frame_{size}'))}", None)
    row("Scroll key on 1,000 issues (state update only, CPU)",
        ms(crit(cdir, "app_1000_issues", "scroll_key")), "—", "", None)
    k = crit(cdir, "app_1000_issues", "fulltext_keystroke_wall")
    row("Full-text search keystroke in the reader, 1,000 issues (wall time of the key)", ms(k),
        "never blocks", "searches on the spot for at most 4 ms, then hands the rest to a job "
        "thread; results stream in", None if k is None else k <= 16e6)
    # Terminal bytes.
    less = pty_less["step_bytes"]
    mine = pty_reader["step_bytes"]
    row("Bytes for one `j` scroll at 80×24, reading mode `z` (reader in a pty)", f"{mine} B",
        f"≤ 2× less = {2 * less} B",
        f"`less` on the same lines: {less} B; counted in-process through the backend: "
        f"{tb['scroll_j_frame_bytes']} B; beyond the new line, every `j` to the article's end: "
        f"{tb['scroll_j_overhead_bytes_min_median_max']} B (min, median, max)", mine <= 2 * less)
    # The three panes: the article beside the lists, no scroll region possible.
    tb_panes = load(os.path.join(rdir, "term_bytes_panes.json"))
    less_panes = load(os.path.join(rdir, "pty_less_panes.json"))["step_bytes"]
    mine_panes = load(os.path.join(rdir, "pty_reader_builtin_panes.json"))["step_bytes"]
    row("Bytes for one `j` scroll at 80×24, three panes (reader in a pty)", f"{mine_panes} B",
        f"≤ 2× less = {2 * less_panes} B",
        f"`less` on the same lines: {less_panes} B; in-process: "
        f"{tb_panes['scroll_j_frame_bytes']} B", mine_panes <= 2 * less_panes)
    row("Bytes for the first frame at 80×24", f"{tb['setup_bytes'] + tb['first_frame_bytes']} B "
        f"(in-process; pty: {pty_small['first_frame_bytes']} B)", "—",
        f"`less` start-up: {pty_less['first_frame_bytes']} B", None)
    row("Bytes while idle (reader in a pty, per second)",
        f"{pty_reader['idle_bytes_per_window'] / pty_reader['window_s']:.0f} B/s", "—",
        f"{pty_reader['idle_frames_per_window']} frames/s; `less`: "
        f"{pty_less['idle_bytes_per_window']} B", None)

    doc = None
    previous, prev_head = {}, "none"
    if write:
        with open(write) as f:
            doc = f.read()
        i, j = doc.find(BEGIN), doc.find(END)
        if i < 0 or j < 0:
            sys.exit(f"{write}: markers {BEGIN!r} and {END!r} not found")
        previous, prev_head = previous_run(doc[i + len(BEGIN):j])
    out = [f"Run of {info['date']} on {info['machine']}; commit {info['commit']}. "
           f"`uptime` at the end: {info.get('uptime', 'n/a')}. Previous run: {prev_head}", "",
           "| Figure | Measured | Previous run | Target | Peer and detail | |",
           "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        cells = [r[0], r[1], previous.get(key(r[0]), "—"), *r[2:]]
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    table = "\n".join(out) + "\n"
    print(table)
    if write:
        doc = doc[:i + len(BEGIN)] + "\n" + table + doc[j:]
        with open(write, "w") as f:
            f.write(doc)


if __name__ == "__main__":
    main()
