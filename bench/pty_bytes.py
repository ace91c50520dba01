#!/usr/bin/env python3
"""Runs a full-screen program in a pseudo-terminal of a given size and counts the bytes it
writes: at start-up, after some setup keys, and for one measured key (e.g. `j`, one-line scroll).
Also reports the time to the first complete frame (for programs that end frames with the
synchronized-update sequence, like magreader) and the peak RSS (from wait4).

usage: pty_bytes.py [--cols 80] [--rows 24] [--setup KEYS] [--key j] [--fresh-state] -- CMD ARGS...
Prints one JSON object.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import struct
import tempfile
import termios
import time

END_SYNC = b"\x1b[?2026l"


def read_for(fd, seconds):
    """Everything the program writes in the next `seconds`."""
    out = b""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        r, _, _ = select.select([fd], [], [], min(left, 0.05))
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def frames(data):
    """Output split into frames at the end-of-frame sequence (each frame keeps its end)."""
    parts = data.split(END_SYNC)
    return [p + END_SYNC for p in parts[:-1]], parts[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--setup", default="", help="keys sent before the measured one")
    ap.add_argument("--key", default="j", help="the measured key")
    ap.add_argument("--quit", default="q")
    ap.add_argument("--window", type=float, default=1.0,
                    help="seconds to collect output after each key")
    ap.add_argument("--fresh-state", action="store_true",
                    help="run magreader with an empty state directory, so no reading memory "
                         "reopens another article or position than the setup keys ask for")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    env = dict(os.environ, TERM="xterm-256color", LINES=str(a.rows), COLUMNS=str(a.cols))
    env.pop("LESS", None)
    if a.fresh_state:
        env["MAGREADER_STATE_DIR"] = tempfile.mkdtemp(prefix="pty-bytes-state-")
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    # Start-up: up to the first end-of-frame sequence (programs that send them), or all
    # output of the first seconds (programs that do not, like less).
    first = b""
    first_frame_s = None
    while time.monotonic() - t0 < 30:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            first += chunk
            if END_SYNC in first:
                first_frame_s = time.monotonic() - t0
                break
        elif first and time.monotonic() - t0 > 3:
            break
    startup_frame = first if first_frame_s is not None else None
    first += read_for(fd, a.window)
    for k in a.setup:
        os.write(fd, k.encode())
        read_for(fd, a.window)
    os.write(fd, a.key.encode())
    step = read_for(fd, a.window)
    # Measure what an idle second costs (a program redrawing on a timer writes even then).
    idle = read_for(fd, a.window)
    os.write(fd, a.quit.encode())
    read_for(fd, 0.5)
    _, status, ru = os.wait4(pid, 0)
    step_frames, _ = frames(step)
    idle_frames, _ = frames(idle)
    result = {
        "cmd": cmd,
        "size": f"{a.cols}x{a.rows}",
        "first_frame_ms": None if first_frame_s is None else round(first_frame_s * 1000, 1),
        "first_frame_bytes": len(startup_frame) if startup_frame is not None else len(first),
        "step_key": a.key,
        # With frames: the largest frame after the key (the one that shows it); without:
        # everything written after the key.
        "step_bytes": max(map(len, step_frames)) if step_frames else len(step),
        "step_total_bytes": len(step),
        "step_frames": len(step_frames),
        "idle_bytes_per_window": len(idle),
        "idle_frames_per_window": len(idle_frames),
        "window_s": a.window,
        "step_sample": (max(step_frames, key=len) if step_frames else step)[:300]
        .decode("utf-8", "replace"),
        "maxrss_kb": ru.ru_maxrss,
        "exit_status": status,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
