"""Generation time, peak memory and bundle size of `akrim synth` per scale.

Usage:
    .venv/bin/python bench/synth.py [--national] [--months M] [--seed N] [--scales tiny,county]
                                    [--workers W] [--keep]

Each bundle is written by `akrim synth` in a child process, into a temporary directory that is
removed afterwards (unless --keep). Memory is measured two ways, both from the kernel, without
psutil:
- peak tree PSS: the child and its worker processes, sampled from /proc/<pid>/smaps_rollup every
  second and summed (PSS splits pages the forked workers share copy-on-write, so the sum is the
  memory the whole generation really holds); a sampled peak can miss a short spike;
- max RSS: the largest single process, from wait4()'s rusage (exact, but per process).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

GIB = 1024**3


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _pss_bytes(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_pss(root: int) -> int:
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_bytes(pid)
        stack.extend(tree.get(pid, []))
    return total


def size_on_disk(path: Path) -> int:
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file())


def run(scale: str, months: int, seed: int, workers: int | None, out: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "akrim.cli.main", "synth", "--scale", scale, "--seed",
               str(seed), "--months", str(months), "--out", str(out)]
    env = dict(os.environ)
    if workers is not None:
        env["AKRIM_SYNTH_WORKERS"] = str(workers)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss(child.pid))
            done.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    output = child.stdout.read() if child.stdout else ""
    if child.returncode:
        raise SystemExit(f"akrim synth --scale {scale} failed ({child.returncode})\n{output}")
    return {"seconds": seconds, "peak_pss": peak, "max_rss": usage.ru_maxrss * 1024,
            "bytes": size_on_disk(out)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true", help="also the national scale")
    parser.add_argument("--scales", default="tiny,county")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (AKRIM_SYNTH_WORKERS); default: the generator's")
    parser.add_argument("--keep", action="store_true", help="keep the bundles")
    args = parser.parse_args()
    scales = [s for s in args.scales.split(",") if s] + (["national"] if args.national else [])
    work = Path(tempfile.mkdtemp(prefix="akrim-synth-bench-"))
    print(f"{'scale':10} {'months':>6} {'wall s':>9} {'peak PSS GiB':>13} {'max RSS GiB':>12} "
          f"{'bundle MiB':>11}", flush=True)
    try:
        for scale in scales:
            r = run(scale, args.months, args.seed, args.workers, work / scale)
            print(f"{scale:10} {args.months:6d} {r['seconds']:9.1f} {r['peak_pss'] / GIB:13.2f} "
                  f"{r['max_rss'] / GIB:12.2f} {r['bytes'] / 2**20:11.1f}", flush=True)
    finally:
        if args.keep:
            print(f"bundles kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
