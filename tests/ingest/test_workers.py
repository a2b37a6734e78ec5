"""Parsing in worker processes gives exactly what parsing in the loading process gives."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path

import pytest

from akrim import demo
from akrim.ingest import workers
from akrim.ingest.loader import ingest
from akrim.ingest.problems import FileError
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store
from fixtures.storeutil import dump


def _load(data: Path, bundle: Path, worker_count: int) -> dict[str, list[tuple[object, ...]]]:
    with Store(data / "akrim.duckdb") as store:
        ingest(store, [bundle], as_of=demo.AS_OF, context=ReadContext(), workers=worker_count)
        tables = dump(store)
    # Load times and file paths differ between the two runs; everything else must not.
    tables.pop("snapshot")
    tables["source_file"] = [row[3:] for row in tables["source_file"]]
    return tables


def test_workers_load_the_same_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "SMALL_FILE", 0)  # every file goes to a worker process
    inline = _load(tmp_path / "one", demo.bundle_dir(), 1)
    parallel = _load(tmp_path / "two", demo.bundle_dir(), 2)
    assert parallel == inline
    assert inline["enhet"], "the demo bundle loaded nothing"


def test_a_file_error_in_a_worker_aborts_the_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "SMALL_FILE", 0)
    bundle = tmp_path / "bundle"
    shutil.copytree(demo.bundle_dir(), bundle)
    broken = bundle / "enheter_alle.json.gz"
    broken.write_bytes(gzip.compress(gzip.decompress(broken.read_bytes()))[:-40])
    with Store(tmp_path / "data" / "akrim.duckdb") as store:
        with pytest.raises(FileError) as caught:
            ingest(store, [bundle], as_of=date(2026, 10, 31), workers=2)
        assert caught.value.file.endswith("enheter_alle.json.gz")
        assert "truncated" in caught.value.reason
        assert store.scalar("SELECT count(*) FROM snapshot") == 0
