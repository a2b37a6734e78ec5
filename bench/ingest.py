"""Ingest per register: time, rows/s, peak memory and the ratio to DuckDB's own reading.

Usage:
    .venv/bin/python bench/ingest.py [BUNDLE_DIR] [--scale tiny|county|national] [--months M]
                                     [--workers N] [--incremental] [--only REGISTER...]

Without BUNDLE_DIR a synthetic bundle of the given scale is generated first (`akrim synth`).
Each register's files are loaded as their own snapshot (one `ingest` call, akrim's default
settings unless `--workers` is given) into one fresh data directory, in akrim's load order, so
each register's time is measured alone; the total is their sum. With `--incremental` the newest
a-melding file is left out of the a-melding load and loaded last, on top of the whole store: the
cost of one more month.

CPU seconds (this process's threads, DuckDB's included, and its workers) are printed beside the
wall-clock seconds: on a shared machine they show the work done when the wall clock does not.
Peak memory is the largest resident set of this process and all its children (parsing workers)
together, sampled every 0.1 s while a register loads. The floor (`bench/ingest_floor.py`) is
DuckDB reading the same files into typed tables of the fields akrim keeps, each file in a fresh
process (cold), with the threads akrim's store is allowed, summed over the register's files.
`worst_ratio` is taken over the registers of at least `--ratio-min-mb` MB: below that, the fixed
cost of a snapshot (~0.1 s) is the ratio.

The last line printed is a JSON object: seconds, rows, peak_rss_gib, worst_ratio, and
cpu_seconds and worst_cpu_ratio (the same in CPU time; incremental_seconds with
`--incremental`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.ingest.registry import recognise_all
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.store.status import status

FLOOR = Path(__file__).with_name("ingest_floor.py")
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants (read from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children[int(fields[1])].append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
    return total


class PeakSampler:
    """Samples the process tree's RSS in a thread; `peak()` gives the largest since `reset()`."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._peak = max(self._peak, tree_rss(os.getpid()))

    def reset(self) -> None:
        self._peak = tree_rss(os.getpid())

    def peak(self) -> int:
        return max(self._peak, tree_rss(os.getpid()))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def floor(register: str, threads: int, paths: list[Path]) -> tuple[float, float, str] | None:
    """(seconds, CPU seconds, kind) of DuckDB's own reading of the files, each in a fresh
    process, summed: one process for all of a national year ran out of memory."""
    total, cpu, kind = 0.0, 0.0, "-"
    for path in paths:
        result = subprocess.run(
            [sys.executable, str(FLOOR), register, str(threads), str(path)],
            capture_output=True, text=True, check=False,
        )
        if result.returncode == 2:
            return None
        if result.returncode:  # reported, and the measured load is still printed
            lines = result.stderr.strip().splitlines() or [f"exit code {result.returncode}"]
            print(f"floor of {register} ({path.name}) failed: {lines[-1]}")
            return None
        seconds, used, kind = result.stdout.split()
        total, cpu = total + float(seconds), cpu + float(used)
    return total, cpu, kind


def cpu_seconds() -> float:
    """CPU time of this process (all its threads) and of its reaped children."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def generate(args: argparse.Namespace, work: Path) -> Path:
    bundle = work / "bundle"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "akrim.cli.main", "synth", "--scale", args.scale,
         "--seed", str(args.seed), "--months", str(args.months), "--out", str(bundle)],
        check=True,
    )
    print(f"generated {args.scale} bundle in {time.perf_counter() - started:.1f} s")
    return bundle


def plan(bundle: Path, incremental: bool, only: list[str]) -> list[tuple[str, list[Path]]]:
    """(label, files) per load in akrim's order; the incremental month last, if asked."""
    recognised, unknown = recognise_all([bundle])
    print(f"bundle: {bundle} ({len(recognised)} files, {len(unknown)} unrecognised)")
    by_register: dict[str, list[Path]] = defaultdict(list)
    for item in recognised:
        if not only or item.reader.register in only:
            by_register[item.reader.register].append(item.path)
    loads = list(by_register.items())
    months = by_register.get("skatteetaten.amelding", [])
    if incremental and len(months) > 1:
        newest = max(months, key=lambda p: p.name)
        months.remove(newest)
        loads.append(("incremental " + newest.name, [newest]))
    return loads


def measure(store: Store, label: str, paths: list[Path], sampler: PeakSampler,
            workers: int) -> dict[str, Any]:
    before = status(store)["history"]
    sampler.reset()
    started, cpu = time.perf_counter(), cpu_seconds()
    report = ingest(store, paths, as_of=date(2026, 11, 1),
                    context=ReadContext(allow_synthetic=True), workers=workers)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    after = status(store)["history"]
    return {
        "label": label,
        "register": report.files[0].register if report.files else label,
        "mb": sum(p.stat().st_size for p in paths) / 1e6,
        "records": sum(f.records for f in report.files),
        "rows": sum(after[t] - before[t] for t in after),
        "seconds": seconds,
        "cpu": cpu,
        "peak": sampler.peak(),
        "slow": list(store.slow_statements),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--scale", default="county")
    parser.add_argument("--months", type=int, default=2)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--workers", type=int, default=Settings().ingest_workers,
                        help="parsing processes (default: akrim's setting)")
    parser.add_argument("--incremental", action="store_true",
                        help="load the newest a-melding month last, on top of the rest")
    parser.add_argument("--only", nargs="*", default=[], metavar="REGISTER",
                        help="load only these registers (e.g. skatteetaten.amelding)")
    parser.add_argument("--ratio-min-mb", type=float, default=1.0)
    parser.add_argument("--slow", action="store_true", help="print each load's slow statements")
    parser.add_argument("--keep", action="store_true",
                        help="keep the data directory (and a generated bundle) afterwards")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="akrim-bench-"))
    bundle = args.bundle or generate(args, work)
    loads = plan(bundle, args.incremental, args.only)
    header = (f"{'register':38} {'MB':>7} {'records':>10} {'rows':>11} {'s':>8} {'cpu s':>7} "
              f"{'rows/s':>9} {'peak GiB':>8} {'floor s':>8} {'cpu s':>6} {'ratio':>6} "
              f"{'cpu x':>6}")
    print(header)
    print("-" * len(header))
    sampler = PeakSampler()
    results = []
    with Store(work / "data" / "akrim.duckdb", memory_limit=Settings().memory_limit) as store:
        threads = int(store.scalar("SELECT current_setting('threads')"))
        for label, paths in loads:
            store.slow_statements.clear()
            result = measure(store, label, paths, sampler, args.workers)
            found = floor(result["register"], threads, paths)
            result["floor"], result["floor_cpu"], result["floor_kind"] = found or (None, None, "-")
            ratio = result["seconds"] / result["floor"] if result["floor"] else None
            result["ratio"] = ratio
            cpu_ratio = result["cpu"] / result["floor_cpu"] if result["floor_cpu"] else None
            result["cpu_ratio"] = cpu_ratio
            results.append(result)
            shown_floor = f"{result['floor']:.2f}{result['floor_kind'][0]}" if found else "-"
            floor_cpu = f"{result['floor_cpu']:.2f}" if found else "-"
            print(f"{label:38} {result['mb']:7.1f} {result['records']:10,} {result['rows']:11,} "
                  f"{result['seconds']:8.2f} {result['cpu']:7.1f} "
                  f"{result['rows'] / result['seconds']:9,.0f} {result['peak'] / 2**30:8.2f} "
                  f"{shown_floor:>8} {floor_cpu:>6} {(f'{ratio:.1f}x' if ratio else '-'):>6} "
                  f"{(f'{cpu_ratio:.1f}x' if cpu_ratio else '-'):>6}", flush=True)
            if args.slow:
                for seconds, statement in result["slow"]:
                    print(f"    {seconds:6.1f} s  {statement}")
    sampler.stop()
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work)
    main_loads = [r for r in results if not r["label"].startswith("incremental")]
    seconds = sum(r["seconds"] for r in main_loads)
    rows = sum(r["rows"] for r in main_loads)
    peak = max(r["peak"] for r in results) / 2**30
    ratios = [r["ratio"] for r in results if r["ratio"] and r["mb"] >= args.ratio_min_mb]
    worst = max(ratios, default=None)
    worst_cpu = max((r["cpu_ratio"] for r in results
                     if r["cpu_ratio"] and r["mb"] >= args.ratio_min_mb), default=None)
    print(f"total: {rows:,} rows in {seconds:.1f} s ({rows / max(seconds, 1e-9):,.0f} rows/s), "
          f"peak RSS {peak:.2f} GiB, worst ratio {worst and round(worst, 1)} "
          f"(floor: d = declared fields, a = all fields auto-typed)")
    summary: dict[str, Any] = {"seconds": round(seconds, 2), "rows": rows,
                               "peak_rss_gib": round(peak, 2),
                               "worst_ratio": worst and round(worst, 2),
                               "cpu_seconds": round(sum(r["cpu"] for r in main_loads), 1),
                               "worst_cpu_ratio": worst_cpu and round(worst_cpu, 2)}
    for r in results:
        if r["label"].startswith("incremental"):
            summary["incremental_seconds"] = round(r["seconds"], 2)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
