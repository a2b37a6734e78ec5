"""Kill `akrim ingest` at random moments and check that the store is exactly as before.

    python bench/kill.py BUNDLE_DIR [--kills 20] [--seed 1]

Loads the bundle without its newest a-melding month (the store "before"), times one whole load
of that month, then `--kills` times: copies the store, starts `akrim ingest` of the month, sends
SIGKILL after a random moment within the measured load time (staging and publishing alike), and
compares every table (staging tables aside, which the next load drops) with the store before,
and with the store after a whole load (a kill that lands after the commit finds the load done):
row count and a hash of the sorted rows, the snapshot's `loaded_at` aside. Either is right;
anything else is a store the kill broke. A last load of the month must then succeed. Prints one
line per kill and, last, a JSON object with `kills`, `as_before`, `as_after`, `broken` and
`seconds_range`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

AKRIM = [str(Path(sys.executable).with_name("akrim"))]
LOADED_AT = {"snapshot": "loaded_at"}
"""Columns that differ between two whole loads of the same files: when they ran."""


def ingest(data_dir: Path, paths: list[Path]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*AKRIM, "ingest", "--data-dir", str(data_dir), "--synthetic",
                             "--as-of", "2026-01-31", *map(str, paths)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def fingerprint(data_dir: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(data_dir / "akrim.duckdb"), read_only=True)
    try:
        names = [name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database() ORDER BY table_name").fetchall()
            if not name.startswith(("stg_", "held_"))]
        columns = {name: f"* EXCLUDE ({LOADED_AT[name]})" if name in LOADED_AT else "*"
                   for name in names}
        return {name: tuple(con.execute(  # type: ignore[misc]
            f"SELECT count(*), coalesce(md5(string_agg(r, chr(10) ORDER BY r)), '') FROM "
            f"(SELECT CAST(t AS VARCHAR) AS r FROM (SELECT {columns[name]} FROM {name}) t)"
        ).fetchall()[0]) for name in names}
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    months = sorted(args.bundle.glob("amelding_*.jsonl.gz"))
    newest = [months[-1]]
    base = [p for p in sorted(args.bundle.iterdir())
            if p.is_file() and p not in newest and p.name != "bundle.json"]
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="akrim-kill-") as tmp:
        before_dir = Path(tmp) / "before"
        assert ingest(before_dir, base).wait() == 0, "the base load failed"
        before = fingerprint(before_dir)
        trial = Path(tmp) / "trial"
        shutil.copytree(before_dir, trial)
        started = time.monotonic()
        assert ingest(trial, newest).wait() == 0, "the load of the newest month failed"
        whole = time.monotonic() - started
        after = fingerprint(trial)
        print(f"base {sum(n for n, _ in before.values()):,} rows; "
              f"a whole load of {newest[0].name} takes {whole:.1f} s")
        outcomes = {"as before": 0, "as after a whole load": 0, "broken": 0}
        moments = []
        for kill in range(1, args.kills + 1):
            shutil.rmtree(trial)
            shutil.copytree(before_dir, trial)
            moment = rng.uniform(0.0, whole)
            process = ingest(trial, newest)
            try:
                process.wait(timeout=moment)
                outcome = f"finished before the kill (exit {process.returncode})"
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                process.wait()
                outcome = "killed"
            now = fingerprint(trial)
            state = ("as before" if now == before else "as after a whole load" if now == after
                     else "broken")
            outcomes[state] += 1
            moments.append(moment)
            print(f"kill {kill:2d} at {moment:5.1f} s: {outcome}; store {state}")
        assert ingest(trial, newest).wait() == 0, "a load after the last kill failed"
    print(json.dumps({"kills": args.kills, "as_before": outcomes["as before"],
                      "as_after": outcomes["as after a whole load"],
                      "broken": outcomes["broken"],
                      "seconds_range": [round(min(moments), 2), round(max(moments), 2)]}))


if __name__ == "__main__":
    main()
