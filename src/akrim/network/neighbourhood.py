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
    """'912345678' -> 'o:912345678'; a fødselsnummer or d-number -> its person's node."""
    actor = actor.strip()
    if actor[:2] in ("p:", "o:", "a:"):
        return actor if store.scalar("SELECT 1 FROM net_node WHERE node_id = ?", [actor]) else None
    if len(actor) == 9 and actor.isdigit():
        return f"o:{actor}" if store.scalar(
            "SELECT 1 FROM net_node WHERE node_id = ?", [f"o:{actor}"]) else None
    person = store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?", [actor])
    if person is None:
        person = store.scalar("SELECT person_id FROM link_person WHERE person_id = ?", [actor])
    return f"p:{person}" if person else None


_NODE_COLUMNS = ("node_id", "kind", "label", "naeringskode", "kommunenummer",
                 "organisasjonsform", "fodselsdato")
_EDGE_COLUMNS = ("src", "dst", "kind", "rolle", "valid_from", "valid_to", "source")


def neighbourhood(store: Store, root: str, depth: int, max_nodes: int = 500) -> Neighbourhood:
    result = Neighbourhood(root, depth)
    seen = {root}
    frontier = [root]
    edges: dict[tuple[Any, ...], dict[str, Any]] = {}
    for _ in range(depth):
        if not frontier:
            break
        rows = store.rows(
            f"SELECT {', '.join(_EDGE_COLUMNS)} FROM net_edge WHERE src IN (SELECT unnest(?)) "
            f"UNION ALL SELECT {', '.join(_EDGE_COLUMNS)} FROM net_edge "
            f"WHERE dst IN (SELECT unnest(?))", [frontier, frontier])
        following = []
        for row in rows:
            edge = dict(zip(_EDGE_COLUMNS, row, strict=True))
            for end in (edge["src"], edge["dst"]):
                if end not in seen:
                    if len(seen) >= max_nodes:
                        result.truncated = True
                        continue
                    seen.add(end)
                    following.append(end)
            if edge["src"] in seen and edge["dst"] in seen:
                edges[row] = edge
        frontier = following
    for row in store.rows(
            f"SELECT {', '.join(_NODE_COLUMNS)} FROM net_node WHERE node_id IN (SELECT unnest(?))",
            [sorted(seen)]):
        result.nodes[row[0]] = dict(zip(_NODE_COLUMNS, row, strict=True))
    result.edges = list(edges.values())
    return result
