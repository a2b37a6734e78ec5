"""Speed of `akrim analyse` on a loaded store: each indicator against the floor.

    .venv/bin/python bench/analyse.py DATA_DIR [--relink]

The floor of an indicator is a plain DuckDB scan of the register tables it reads (every column
hashed, so nothing is skipped): what reading its inputs costs before any logic. Prints one row
per indicator (seconds, floor seconds, ratio), the slowest SQL statements of the whole run, the
linkage, network and scoring times, the total and the peak resident memory, and ends with one
JSON line of the totals.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from akrim.indicators.catalogue import by_id
from akrim.indicators.runner import run_indicators
from akrim.pipeline import link
from akrim.scoring.priority import build_priority
from akrim.settings import Settings
from akrim.store.engine import Store

SLOWEST = 25


def floor_seconds(store: Store, tables: tuple[str, ...]) -> float | None:
    started = time.perf_counter()
    scanned = False
    for table in tables:
        if store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                        [table]):
            store.scalar(f"SELECT sum(hash(t)) FROM {table} t")
            scanned = True
    return time.perf_counter() - started if scanned else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--relink", action="store_true",
                        help="rebuild linkage (every record scored again) and network")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir)
    started = time.perf_counter()
    with Store(settings.analytical_db, memory_limit=settings.memory_limit) as store:
        outcome = link(store, settings, force=args.relink, full=args.relink)
        linked = time.perf_counter()
        runs = run_indicators(store)
        indicators = time.perf_counter()
        entries = build_priority(store)
        scored = time.perf_counter()
        slowest = list(store.slow_statements)  # not the floor scans below
        print(f"{'indicator':<28}{'hits':>8}{'s':>9}{'floor s':>10}{'ratio':>8}")
        for run in runs:
            floor = floor_seconds(store, by_id(run.id).requires)
            ratio = f"{run.seconds / floor:.1f}x" if floor else "-"
            floor_text = f"{floor:.3f}" if floor is not None else "-"
            print(f"{run.id + ' ' + run.key:<28}{run.hits:>8}{run.seconds:>9.3f}"
                  f"{floor_text:>10}{ratio:>8}")
        print(f"\nslowest statements (of {len(slowest)} taking {store.slow_after:.0f} s or more):")
        for seconds, line in sorted(slowest, reverse=True)[:SLOWEST]:
            print(f"{seconds:>8.1f}  {line}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    totals = {
        "data_dir": str(args.data_dir),
        "linkage_s": outcome.linkage.seconds if outcome.linkage else 0.0,
        "linkage_phases_s": outcome.linkage.phases if outcome.linkage else {},
        "network_s": outcome.network.seconds if outcome.network else 0.0,
        "network_phases_s": outcome.network.phases if outcome.network else {},
        "serving_s": outcome.serving_seconds,
        "mentions_s": outcome.mentions.seconds if outcome.mentions else 0.0,
        "link_total_s": round(linked - started, 1),
        "indicators_s": round(indicators - linked, 1),
        "scoring_s": round(scored - indicators, 1),
        "total_s": round(scored - started, 1),
        "entries": entries,
        "peak_rss_gib": round(peak, 2),
    }
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
