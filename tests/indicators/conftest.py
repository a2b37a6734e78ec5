"""Fixtures for the indicator tests: an empty store with one snapshot (2026-01-10), copied from
a template made once per session. The row writers, the deterministic linkage and the result
readers are in `indicators.toolkit`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from akrim.store.engine import Store
from indicators.toolkit import open_store


@pytest.fixture(scope="session")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "akrim.duckdb"
    open_store(path).close()
    return path


@pytest.fixture
def store(tmp_path: Path, empty_store_file: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "akrim.duckdb", template=empty_store_file)
    try:
        yield opened
    finally:
        opened.close()
