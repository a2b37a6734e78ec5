"""akrim.network.serving: the serving file holds the network exactly, however it was written."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from akrim.network import serving
from akrim.store.engine import Store


def _rows(connection: Any, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    selected = ", ".join(f"CAST({c} AS VARCHAR)" for c in columns)
    return sorted(connection.execute(f"SELECT {selected} FROM {table}").fetchall(),
                  key=lambda row: tuple("" if v is None else v for v in row))


@pytest.mark.parametrize("parallel_from_rows", [10**9, 0], ids=["in_process", "two_writers"])
def test_the_serving_file_is_the_network(tiny_linked: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         parallel_from_rows: int) -> None:
    monkeypatch.setattr(serving, "_PARALLEL_FROM_ROWS", parallel_from_rows)
    target = tmp_path / "serving.sqlite"
    with Store(tiny_linked.data_dir / "akrim.duckdb", read_only=True) as store:
        serving.publish(store, target)
        with closing(sqlite3.connect(target)) as written:
            for table, columns in serving.TABLES.items():
                assert _rows(written, table, columns) == _rows(store.con, table, columns)
            indexes = {r[0] for r in written.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert indexes == {"net_node_id", "net_edge_src", "net_edge_dst"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serving.sqlite"]  # nothing left


def test_a_failed_publish_keeps_the_old_file(tiny_linked: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "serving.sqlite"
    target.write_bytes(b"the old network")

    def broken(path: Path, parts: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(serving, "_write_part", broken)
    with Store(tiny_linked.data_dir / "akrim.duckdb", read_only=True) as store, \
            pytest.raises(OSError, match="disk full"):
        serving.publish(store, target)
    assert target.read_bytes() == b"the old network"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serving.sqlite"]
