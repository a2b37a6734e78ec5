"""An actor's neighbourhood: the nodes within N hops and the edges among them.

Reads the indexed `net_edge` table one hop at a time. Hubs (an office address, a large employer)
are not expanded past `max_nodes`: the result says it was cut rather than flooding the analyst.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


_NODE_COLUMNS = ("node_id", "kind", "label", "naeringskode", "kommunenummer",
                 "organisasjonsform", "fodselsdato")
_EDGE_COLUMNS = ("src", "dst", "kind", "rolle", "valid_from", "valid_to", "source")


def neighbourhood(store: Store, root: str, depth: int, max_nodes: int = 500) -> Neighbourhood:
    result = Neighbourhood(root, depth)
    seen = {root}
    frontier = [root]
    columns = ", ".join(_EDGE_COLUMNS)
    for _ in range(depth):
        if not frontier:
            break
        rows = store.rows(
            "SELECT src, dst FROM net_edge WHERE src IN (SELECT unnest(?)) "
            "UNION ALL SELECT src, dst FROM net_edge WHERE dst IN (SELECT unnest(?))",
            [frontier, frontier])
        following = []
        for src, dst in rows:
            for end in (src, dst):
                if end not in seen:
                    if len(seen) >= max_nodes:
                        result.truncated = True
                        continue
                    seen.add(end)
                    following.append(end)
        frontier = following
    nodes = sorted(seen)
    # Every edge among the nodes, those between two nodes of the outermost hop included.
    result.edges = [dict(zip(_EDGE_COLUMNS, row, strict=True)) for row in store.rows(
        f"SELECT DISTINCT {columns} FROM net_edge WHERE src IN (SELECT unnest(?)) "
        f"AND dst IN (SELECT unnest(?))", [nodes, nodes])]
    for row in store.rows(
            f"SELECT {', '.join(_NODE_COLUMNS)} FROM net_node WHERE node_id IN (SELECT unnest(?))",
            [nodes]):
        result.nodes[row[0]] = dict(zip(_NODE_COLUMNS, row, strict=True))
    return result
