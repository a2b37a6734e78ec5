"""Ingest throughput per register: records/s and typed rows/s, with a floor for comparison.

Usage:
    .venv/bin/python bench/ingest.py [BUNDLE_DIR] [--scale tiny|county|national] [--months M]

Without BUNDLE_DIR a synthetic bundle of the given scale is generated first (`akrim synth`).
Each register's files are loaded as their own snapshot into a fresh data directory, so the time
of each register is measured alone. The floor is DuckDB reading the same file with its own JSON or
CSV reader (no validation, no history): the ratio shows what validation and lineage cost.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.ingest.registry import recognise_all
from akrim.store.engine import Store
from akrim.store.status import status


def floor_seconds(path: Path) -> float | None:
    """Seconds for DuckDB to read the file with its own reader, or None for other formats."""
    name = path.name.lower()
    if ".json" in name and not name.startswith(("oppdateringer", "bilpleie", "bemanning")):
        if "jsonl" in name or "ndjson" in name:
            reader = f"read_json('{path}', format='newline_delimited', maximum_object_size=1e9)"
        else:
            reader = f"read_json('{path}', format='array', maximum_object_size=1e9)"
    elif ".csv" in name:
        reader = f"read_csv('{path}', all_varchar=true)"
    else:
        return None
    con = duckdb.connect()
    start = time.perf_counter()
    try:
        con.execute(f"SELECT count(*) FROM {reader}").fetchall()
    except duckdb.Error:
        return None
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--scale", default="county")
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1,
                        help="parsing processes (akrim's default is the number of cores)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="akrim-bench-"))
    bundle = args.bundle
    if bundle is None:
        bundle = work / "bundle"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "akrim.cli.main", "synth", "--scale", args.scale,
             "--seed", str(args.seed), "--months", str(args.months), "--out", str(bundle)],
            check=True,
        )
        print(f"generated {args.scale} bundle in {time.perf_counter() - started:.1f} s")
    recognised, unknown = recognise_all([bundle])
    by_register: dict[str, list[Path]] = defaultdict(list)
    for item in recognised:
        by_register[item.reader.register].append(item.path)
    print(f"bundle: {bundle} ({len(recognised)} files, {len(unknown)} unrecognised)")
    header = (f"{'register':34} {'MB':>8} {'records':>11} {'rows':>12} {'s':>8} "
              f"{'records/s':>11} {'rows/s':>11} {'floor s':>8} {'ratio':>7}")
    print(header)
    print("-" * len(header))
    total_rows = total_seconds = 0.0
    with Store(work / "data" / "akrim.duckdb") as store:
        for register, paths in by_register.items():
            size = sum(p.stat().st_size for p in paths) / 1e6
            before = status(store)["history"]
            started = time.perf_counter()
            report = ingest(store, paths, as_of=date(2026, 11, 1),
                            context=ReadContext(allow_synthetic=True), workers=args.workers)
            seconds = time.perf_counter() - started
            after = status(store)["history"]
            rows = sum(after[t] - before[t] for t in after)
            records = sum(f.records for f in report.files)
            floors = [floor_seconds(p) for p in paths]
            floor = sum(f for f in floors if f is not None) if all(
                f is not None for f in floors) else None
            total_rows += rows
            total_seconds += seconds
            print(f"{register:34} {size:8.1f} {records:11,} {rows:12,} {seconds:8.2f} "
                  f"{records / seconds:11,.0f} {rows / seconds:11,.0f} "
                  f"{(f'{floor:.2f}' if floor else '-'):>8} "
                  f"{(f'{seconds / floor:.1f}x' if floor else '-'):>7}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"total: {total_rows:,.0f} rows in {total_seconds:.1f} s "
          f"({total_rows / max(total_seconds, 1e-9):,.0f} rows/s), peak RSS {peak:.2f} GiB")


if __name__ == "__main__":
    main()
