"""How long `akrim` takes to start: `akrim --help` and `akrim top` against `python -c pass`.

    .venv/bin/python bench/cli_start.py [--runs N] [--data-dir DIR]

Each command runs as a new process, as a user starts it: the interpreter, the imports, the
work. The three commands take turns (A B C A B C ...) after one warm-up run each, so a machine
that speeds up or slows down during the bench weighs on all three alike. Printed per command:
the median wall and CPU seconds (user + system, the process's own) and their ratio to
`python -c pass`. `akrim top` reads a tiny analysed store: the shipped demo bundle, loaded and
analysed into a temporary folder (or into --data-dir, reused when it is already analysed).
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "akrim"
"""The `akrim` command pip installs beside the interpreter, as a user runs it."""
AKRIM = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "akrim.cli.main"]


def analysed_store(data: Path) -> None:
    """The shipped demo bundle, loaded and analysed into `data` (once)."""
    from akrim.demo import bundle_dir

    if (data / "akrim.duckdb").is_file():
        return
    for step in (["ingest", str(bundle_dir()), "--quiet"], ["analyse"]):
        subprocess.run([*AKRIM, *step, "--data-dir", str(data)], check=True,
                       stdout=subprocess.DEVNULL)


def once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run, its output read and thrown away (a pipe, as in
    `akrim top | less`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    for command in commands.values():  # warm-up: the OS's file cache, Python's bytecode
        once(command)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(once(command))
    return {name: {"wall_s": statistics.median(w for w, _ in got),
                   "cpu_s": statistics.median(c for _, c in got)}
            for name, got in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each command")
    parser.add_argument("--data-dir", type=Path, help="where the demo store is (or is made)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="akrim-cli-start-") as scratch:
        data = args.data_dir or Path(scratch) / "data"
        analysed_store(data)
        os.environ["AKRIM_LANG"] = "nb"
        figures = measure({
            "python -c pass": [sys.executable, "-c", "pass"],
            "akrim --help": [*AKRIM, "--help"],
            "akrim top": [*AKRIM, "top", "--data-dir", str(data)],
        }, args.runs)
    base = figures["python -c pass"]
    print(f"{'command':<16}{'wall s':>9}{'cpu s':>9}{'wall/pass':>11}{'cpu/pass':>10}")
    for name, got in figures.items():
        got["wall_ratio"] = round(got["wall_s"] / base["wall_s"], 1)
        got["cpu_ratio"] = round(got["cpu_s"] / max(base["cpu_s"], 1e-3), 1)
        print(f"{name:<16}{got['wall_s']:>9.3f}{got['cpu_s']:>9.3f}{got['wall_ratio']:>11}"
              f"{got['cpu_ratio']:>10}")
    print(json.dumps({"runs": args.runs, "medians": figures}))


if __name__ == "__main__":
    main()
