"""An actor's neighbourhood: the nodes within N hops and the edges among them.

Reads each node's edges from the serving file, one hop at a time. Hubs (an office address, a large
employer) are not expanded past `max_nodes`: the result says it was cut rather than flooding the
analyst.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from akrim.network.serving import EDGE_COLUMNS, NODE_COLUMNS, SERVING_COLUMNS
from akrim.store.engine import Store


@dataclass
class Neighbourhood:
    root: str
    depth: int
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    cut: set[str] = field(default_factory=set)
    """The nodes with a neighbour left out past `max_nodes`: their links shown are not all."""

    def node_rows(self) -> list[dict[str, Any]]:
        """Each node's attributes, `links` (its edges in the whole network) and `cut`."""
        return [{**node, "cut": node_id in self.cut} for node_id, node in self.nodes.items()]


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
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[Any, ...], None] = {}
    # One more round than hops: it brings the edges between two nodes of the outermost hop,
    # and the attributes of the nodes there. Every node in `seen` is read in the round after
    # it was reached.
    for hop in range(depth + 1):
        if not frontier:
            break
        following = []
        for node, touching in _adjacency(serving, frontier):
            # `links`: how many edges the node has in the whole network, so that a view can
            # tell a node shown with all of them from one with more to expand
            nodes[node["node_id"]] = {**node, "links": len(touching)}
            for edge in touching:
                for end in (edge[0], edge[1]):
                    if end in seen or hop == depth:
                        continue
                    if len(seen) >= max_nodes:
                        result.truncated = True
                        result.cut.add(node["node_id"])
                        continue
                    seen.add(end)
                    following.append(end)
                edges[edge] = None
        frontier = following
    result.edges = [_edge(row) for row in edges if row[0] in seen and row[1] in seen]
    result.nodes = {node_id: nodes[node_id] for node_id in sorted(nodes)}
    return result


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def _adjacency(serving: sqlite3.Connection, nodes: list[str]
               ) -> Iterator[tuple[dict[str, Any], list[tuple[Any, ...]]]]:
    """Each node's attributes and the edges touching it (EDGE_COLUMNS tuples)."""
    for chunk in _chunks(nodes):
        for node_id, node, touching in serving.execute(
                f"SELECT {', '.join(SERVING_COLUMNS)} FROM net_adjacency WHERE node_id IN "
                f"({', '.join('?' for _ in chunk)})", chunk):
            attributes = dict(zip(NODE_COLUMNS, [node_id, *orjson.loads(node)], strict=True))
            yield attributes, [tuple(edge) for edge in orjson.loads(touching)]


def _edge(row: tuple[Any, ...]) -> dict[str, Any]:
    edge = dict(zip(EDGE_COLUMNS, row, strict=True))
    for column in ("valid_from", "valid_to"):
        if edge[column] is not None:
            edge[column] = date.fromisoformat(edge[column])
    return edge
