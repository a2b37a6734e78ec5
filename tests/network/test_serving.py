"""akrim.network.serving: the serving file holds the network exactly, however it was written."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
import pytest

from akrim.network import serving
from akrim.store.engine import Store


def _network(store: Store) -> dict[str, tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Each node's attributes and the edges touching it, from the store's tables."""
    def text(value: Any) -> Any:
        return None if value is None else str(value)

    nodes = {row[0]: (tuple(text(v) for v in row[1:]), []) for row in store.rows(
        f"SELECT {', '.join(serving.NODE_COLUMNS)} FROM net_node")}
    edges = [tuple(text(v) for v in row) for row in store.rows(
        f"SELECT {', '.join(serving.EDGE_COLUMNS)} FROM net_edge")]
    for edge in edges:
        for end in {edge[0], edge[1]}:
            nodes[end][1].append(edge)
    return {node: (attributes, sorted(touching, key=repr))
            for node, (attributes, touching) in nodes.items()}


def _served(path: Path) -> dict[str, tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    with closing(sqlite3.connect(path)) as written:
        return {node_id: (tuple(orjson.loads(node)),
                          sorted((tuple(e) for e in orjson.loads(edges)), key=repr))
                for node_id, node, edges in written.execute(
                    "SELECT node_id, node, edges FROM net_adjacency")}


@pytest.mark.parametrize("parallel_from_nodes", [10**9, 0], ids=["in_process", "two_writers"])
def test_the_serving_file_is_the_network(tiny_linked: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         parallel_from_nodes: int) -> None:
    monkeypatch.setattr(serving, "_PARALLEL_FROM_NODES", parallel_from_nodes)
    target = tmp_path / "serving.sqlite"
    with Store(tiny_linked.data_dir / "akrim.duckdb", read_only=True) as store:
        serving.publish(store, target)
        expected = _network(store)
    assert any(touching for _, touching in expected.values())
    assert _served(target) == expected
    with closing(sqlite3.connect(target)) as written:
        # the node id is the primary key, so a lookup is a B-tree search, not a scan
        plan = written.execute("EXPLAIN QUERY PLAN SELECT edges FROM net_adjacency "
                               "WHERE node_id = 'x'").fetchall()
    # (a TEXT PRIMARY KEY of a rowid table is SQLite's automatic index)
    assert [step[-1] for step in plan] == [
        "SEARCH net_adjacency USING INDEX sqlite_autoindex_net_adjacency_1 (node_id=?)"]
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
