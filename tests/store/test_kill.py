"""Killing a load (SIGKILL, no clean-up) at a point it has provably reached leaves the store
exactly as it was, and the store takes a load afterwards.

The points are observed, not timed. The killed process runs `akrim.ingest.loader.ingest` (what
`akrim ingest` calls) and reports on stdout what the loader itself reports: each batch through the
`progress` hook, called once the batch is committed to the staging tables, and the start of the
publishing transaction, through a `Store` whose `transaction()` says so once it has begun (the
one point no outside observer can see). It is killed after the first of five batches, after the
third, and inside the publishing transaction. The staging tables the killed load leaves behind
(the next load drops them) then show how far it got."""

from __future__ import annotations

import hashlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from akrim.demo import bundle_dir
from akrim.ingest.batches import BATCH_RECORDS
from akrim.store.engine import Store
from fixtures.make_demo_bundle import big_enheter
from fixtures.shapes import enhet, orgnr, write_json_array
from fixtures.storeutil import Cli

ENHETER = 5 * BATCH_RECORDS  # five batches, so "mid-way" lies between the first and the last
WAIT_S = 120.0  # for a line the load must print; a stuck load fails the test

LOAD = """
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from akrim.ingest.loader import ingest
from akrim.store.engine import Store


class Announcing(Store):
    @contextmanager
    def transaction(self) -> Iterator[None]:
        with super().transaction():
            print("publishing", flush=True)
            yield


data_dir, path, as_of = sys.argv[1:]
with Announcing(Path(data_dir) / "akrim.duckdb", memory_limit="1GB") as store:
    ingest(store, [Path(path)], as_of=date.fromisoformat(as_of),
           progress=lambda name, count: print("staged", count, flush=True))
print("done", flush=True)
"""


@dataclass(frozen=True)
class Point:
    line: str  # kill once the load has printed this line ...
    times: int  # ... this many times
    staged: int  # records then committed to staging, at least
    staging_done: bool  # whether stg_source_file then has the file's final count


POINTS = {
    "after-first-batch": Point(f"staged {BATCH_RECORDS}", 1, BATCH_RECORDS, staging_done=False),
    "mid-way": Point(f"staged {BATCH_RECORDS}", 3, 3 * BATCH_RECORDS, staging_done=False),
    "publishing": Point("publishing", 1, ENHETER, staging_done=True),
}


@dataclass(frozen=True)
class Loaded:
    """The store before the killed load (the demo bundle) and the big file the load reads."""

    data_dir: Path
    status: dict[str, Any]
    fingerprint: dict[str, tuple[int, str]]
    big: Path


def fingerprint(store: Store) -> dict[str, tuple[int, str]]:
    """Every table but a load's staging tables: its row count and a hash of its sorted rows."""
    out: dict[str, tuple[int, str]] = {}
    for (name,) in store.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() ORDER BY table_name"
    ):
        if name.startswith(("stg_", "held_")):
            continue
        rows = sorted(repr(row) for row in store.rows(f"SELECT * FROM {name}"))
        out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    base = tmp_path_factory.mktemp("kill")
    cli = Cli(base / "data")
    assert cli.ingest(bundle_dir()).exit_code == 0
    with Store(cli.data_dir / "akrim.duckdb", read_only=True) as store:
        before = fingerprint(store)
    big = big_enheter(base / "big" / "enheter_alle.json.gz", ENHETER).parent
    return Loaded(cli.data_dir, cli.status(), before, big)


def _kill_at(command: list[str], point: Point) -> None:
    """Run `command`; SIGKILL it once it has printed `point.line` `point.times` times."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = b""
    deadline = time.monotonic() + WAIT_S
    try:
        while output.decode().splitlines().count(point.line) < point.times:
            ready, _, _ = select.select([process.stdout], [], [],
                                        max(0.0, deadline - time.monotonic()))
            assert ready, f"no {point.line!r} x{point.times} in {WAIT_S} s: {output!r}"
            chunk = os.read(process.stdout.fileno(), 1 << 16)
            assert chunk, f"the load ended (exit {process.wait()}) first: {output!r}"
            output += chunk
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS.values(), ids=POINTS.keys())
def test_sigkill_leaves_the_pre_load_state(point: Point, loaded: Loaded, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data")
    shutil.copytree(loaded.data_dir, cli.data_dir)
    _kill_at([sys.executable, "-c", LOAD, str(cli.data_dir), str(loaded.big), "2026-11-30"],
             point)

    with Store(cli.data_dir / "akrim.duckdb", read_only=True) as store:
        # how far the load got: its committed staging, left for the next load to drop
        staged = store.scalar("SELECT count(*) FROM stg_record")
        [(file_records,)] = store.rows("SELECT records FROM stg_source_file")
        after = fingerprint(store)
    # whole batches only, at least as many as were reported (the next may have been committed)
    assert staged % BATCH_RECORDS == 0 and point.staged <= staged <= ENHETER, staged
    # the file's count is written once its last batch is staged, before publishing begins
    assert file_records == (ENHETER if point.staging_done else 0)
    assert after == loaded.fingerprint
    assert cli.status() == loaded.status

    small = write_json_array(tmp_path / "small" / "enheter_alle.json.gz",
                             [enhet(orgnr(1), "EN AS")])
    assert cli.ingest(small, as_of="2026-12-31").exit_code == 0
    status = cli.status()
    assert status["tables"]["enhet"] == 1
    assert [s["snapshot_id"] for s in status["snapshots"]] == [1, 2]
    assert cli.staging_tables() == []  # the killed load's staging is gone too
