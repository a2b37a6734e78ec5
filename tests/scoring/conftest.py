"""Fixtures for the scoring tests: a store (as in tests/indicators) and the scene of
`scoring.scene`, linked, assessed and scored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from akrim.store.engine import Store
from indicators.toolkit import open_store
from scoring.scene import Scene, plant, score


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


@pytest.fixture
def scene(store: Store) -> Scene:
    planted = plant(store)
    score(store)
    return planted
