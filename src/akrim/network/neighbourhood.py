"""An actor's neighbourhood: the nodes within N hops and the edges among them.

Reads the serving file's indexed edges one hop at a time. Hubs (an office address, a large
employer) are not expanded past `max_nodes`: the result says it was cut rather than flooding the
analyst.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from akrim.network.serving import EDGE_COLUMNS, NODE_COLUMNS
from akrim.store.engine import Store


@dataclass
class Neighbourhood:
    root: str
    depth: int
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False


def node_id_for(store: Store, actor: str) -> str | None:
    """'912345678' -> 'o:912345678'; a fødselsnummer or d-number -> its person's node.
    None when the actor is unknown, or `akrim link` has not built the network yet."""
    actor = actor.strip()
    if not store.scalar("SELECT count(*) FROM information_schema.tables "
                        "WHERE table_name = 'net_node'"):
        return None
    if actor[:2] in ("p:", "o:", "a:"):
        return actor if store.scalar("SELECT 1 FROM net_node WHERE node_id = ?", [actor]) else None
    if len(actor) == 9 and actor.isdigit():
        return f"o:{actor}" if store.scalar(
            "SELECT 1 FROM net_node WHERE node_id = ?", [f"o:{actor}"]) else None
    person = store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?", [actor])
    if person is None:
        person = store.scalar("SELECT person_id FROM link_person WHERE person_id = ?", [actor])
    if person is None or not store.scalar("SELECT 1 FROM net_node WHERE node_id = ?",
                                          [f"p:{person}"]):
        return None
    return f"p:{person}"


def neighbourhood(serving: sqlite3.Connection, root: str, depth: int,
                  max_nodes: int = 500) -> Neighbourhood:
    """Nodes within `depth` hops of `root` and every edge among them, from the serving file
    (`akrim.network.serving`)."""
    result = Neighbourhood(root, depth)
    seen = {root}
    frontier = [root]
    edges: dict[tuple[Any, ...], None] = {}
    # One more round than hops: it brings the edges between two nodes of the outermost hop.
    for hop in range(depth + 1):
        if not frontier:
            break
        following = []
        for edge in _edges_at(serving, frontier):
            for end in (edge[0], edge[1]):
                if end in seen or hop == depth:
                    continue
                if len(seen) >= max_nodes:
                    result.truncated = True
                    continue
                seen.add(end)
                following.append(end)
            edges[edge] = None
        frontier = following
    result.edges = [_edge(row) for row in edges if row[0] in seen and row[1] in seen]
    for chunk in _chunks(sorted(seen)):
        for row in serving.execute(
                f"SELECT {', '.join(NODE_COLUMNS)} FROM net_node WHERE node_id IN "
                f"({', '.join('?' for _ in chunk)})", chunk):
            result.nodes[row[0]] = dict(zip(NODE_COLUMNS, row, strict=True))
    return result


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def _edges_at(serving: sqlite3.Connection, nodes: list[str]) -> list[tuple[Any, ...]]:
    columns = ", ".join(EDGE_COLUMNS)
    found: list[tuple[Any, ...]] = []
    for chunk in _chunks(nodes):
        marks = ", ".join("?" for _ in chunk)
        found += serving.execute(
            f"SELECT {columns} FROM net_edge WHERE src IN ({marks}) "
            f"UNION ALL SELECT {columns} FROM net_edge WHERE dst IN ({marks})",
            chunk + chunk).fetchall()
    return found


def _edge(row: tuple[Any, ...]) -> dict[str, Any]:
    edge = dict(zip(EDGE_COLUMNS, row, strict=True))
    for column in ("valid_from", "valid_to"):
        if edge[column] is not None:
            edge[column] = date.fromisoformat(edge[column])
    return edge
