"""Where one load's time goes, statement by statement.

Usage:
    .venv/bin/python bench/ingest_statements.py DATA_DIR FILE... [--top N]

Loads the files as one snapshot (`akrim ingest`'s library call, default settings, synthetic
identifiers allowed) into the store in DATA_DIR, made if absent: copy a kept store first
(`bench/ingest.py --keep`) to leave that one as it was. Prints each statement the load ran,
grouped by its first 100 characters (`Store.slow_statements` with no threshold): how many
times it ran and its wall-clock seconds, the largest first. Batches stage on two cursors at
once, so the statements' seconds may add up to more than the load's. The last line is a JSON object:
`seconds`, `cpu_seconds` (the process's, DuckDB's threads included), `records` and
`statements` (the first N groups: `statement`, `count`, `seconds`).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.settings import Settings
from akrim.store.engine import Store


def by_statement(timed: list[tuple[float, str]], top: int) -> list[dict[str, Any]]:
    """The `top` groups of (seconds, statement) with the most seconds."""
    groups: dict[str, list[float]] = defaultdict(list)
    for seconds, statement in timed:
        groups[statement].append(seconds)
    ranked = sorted(groups.items(), key=lambda item: -sum(item[1]))[:top]
    return [{"statement": statement, "count": len(times), "seconds": round(sum(times), 3)}
            for statement, times in ranked]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    with Store(args.data / "akrim.duckdb", memory_limit=settings.memory_limit) as store:
        store.create_schema()
        store.slow_after = 0.0
        store.slow_statements.clear()
        started, cpu = time.perf_counter(), time.process_time()
        report = ingest(store, args.files, as_of=date.today(),
                        context=ReadContext(allow_synthetic=True), workers=settings.ingest_workers)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        groups = by_statement(store.slow_statements, args.top)
    records = sum(f.records for f in report.files)
    print(f"{records:,} records in {seconds:.2f} s ({cpu:.1f} s of CPU)")
    print(f"{'s':>9} {'count':>6}  statement")
    for group in groups:
        print(f"{group['seconds']:9.3f} {group['count']:6d}  {group['statement']}")
    print(json.dumps({"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 1),
                      "records": records, "statements": groups}))


if __name__ == "__main__":
    main()
