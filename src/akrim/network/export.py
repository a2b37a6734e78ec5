"""A neighbourhood as FollowTheMoney entities (JSON lines), GraphML or JSON.

FollowTheMoney is the model Aleph, OpenSanctions and yente load: persons become `Person`,
companies `Company`, addresses `Address`; roles become `Directorship` (or `Ownership` for an
owner or partner), employment `Employment`, accountants, auditors and estates `Representation`,
and the rest (`part_of`, HMS-card employer) `UnknownLink` with the relation in `role`.
Entity ids are hashes of akrim's node ids under the `akrim` namespace, so repeated exports of
the same actor give the same ids.

Every export says what the data says (docs/linkage-and-network.md, "Exports"): a link's start
and end dates are the register's (`akrim.network.dates`), never the date of a load; a person's
`idNumber` is their fødselsnummer or d-number, never akrim's own person id; and a neighbourhood
cut at `max_nodes` says so: in FollowTheMoney a note on each entity whose links were cut, in
JSON and GraphML `truncated` on the whole and `cut` on each node.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import igraph as ig
from followthemoney import model
from followthemoney.proxy import EntityProxy

from akrim.ids.person import is_valid_person_id
from akrim.network.dates import Coverage, dated_edges, stated_dates
from akrim.network.neighbourhood import Neighbourhood

_OWNER_ROLES = {"INNH", "DTPR", "DTSO", "KOMP"}
CUT_NOTE = ("akrim cut this neighbourhood at its size limit here: this entity has links the "
            "export leaves out.")
UNKNOWN_NAME = "(name not known)"


def _entity_id(node_id: str) -> str:
    proxy = model.make_entity("Thing")
    return str(proxy.make_id("akrim", node_id))


def _national_number(node_id: str) -> str | None:
    """The person id when it is a fødselsnummer or d-number; None for akrim's own ids (`P…`,
    given to persons no register numbers)."""
    number = node_id[2:]
    return number if is_valid_person_id(number, allow_synthetic=True) else None


def _node_entity(node: dict[str, Any], cut: bool) -> EntityProxy:
    node_id: str = node["node_id"]
    if node["kind"] == "person":
        entity = model.make_entity("Person")
        number = _national_number(node_id)
        entity.add("name", node.get("label") or number or UNKNOWN_NAME)
        birth = node.get("fodselsdato")
        if birth and len(birth) == 8:
            entity.add("birthDate", f"{birth[:4]}-{birth[4:6]}-{birth[6:]}")
        entity.add("idNumber", number)
    elif node["kind"] == "company":
        entity = model.make_entity("Company")
        entity.add("name", node.get("label") or node_id[2:])
        entity.add("registrationNumber", node_id[2:])
        entity.add("jurisdiction", "no")
        entity.add("legalForm", node.get("organisasjonsform"))
        entity.add("sector", node.get("naeringskode"))
    else:
        entity = model.make_entity("Address")
        street, _, postal = node_id[2:].partition("|")
        entity.add("full", node.get("label") or street)
        entity.add("postalCode", postal or None)
        entity.add("country", "no")
    if cut:
        entity.add("notes", CUT_NOTE)
    entity.id = _entity_id(node_id)
    return entity


def _edge_entity(edge: dict[str, Any], covered: Coverage) -> EntityProxy | None:
    src, dst = _entity_id(edge["src"]), _entity_id(edge["dst"])
    kind, rolle = edge["kind"], edge.get("rolle")
    if kind == "address":
        return None  # an address is a property of its holder (addressEntity), not an interval
    if kind == "role" and rolle in _OWNER_ROLES:
        entity = model.make_entity("Ownership")
        entity.add("owner", src)
        entity.add("asset", dst)
    elif kind == "role":
        entity = model.make_entity("Directorship")
        entity.add("director", src)
        entity.add("organization", dst)
    elif kind == "employment":
        entity = model.make_entity("Employment")
        entity.add("employee", src)
        entity.add("employer", dst)
    elif kind in ("accountant", "auditor", "estate"):
        entity = model.make_entity("Representation")
        entity.add("agent", src)
        entity.add("client", dst)
    else:
        entity = model.make_entity("UnknownLink")
        entity.add("subject", src)
        entity.add("object", dst)
    entity.add("role", rolle or kind)
    start, end = stated_dates(edge, covered)
    entity.add("startDate", start)
    entity.add("endDate", end)
    entity.add("publisher", edge.get("source"))
    entity.id = str(entity.make_id("akrim", edge["src"], edge["dst"], kind, rolle or "",
                                   str(edge.get("valid_from"))))
    return entity


def ftm_entities(hood: Neighbourhood, covered: Coverage) -> Iterator[EntityProxy]:
    entities = {node_id: _node_entity(node, node_id in hood.cut)
                for node_id, node in hood.nodes.items()}
    for edge in hood.edges:
        if edge["kind"] == "address" and edge["src"] in entities and edge["dst"] in entities:
            entities[edge["src"]].add("addressEntity", entities[edge["dst"]].id)
    yield from entities.values()
    for edge in hood.edges:
        entity = _edge_entity(edge, covered)
        if entity is not None:
            yield entity


def to_ftm_lines(hood: Neighbourhood, covered: Coverage) -> str:
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n"
                   for e in ftm_entities(hood, covered))


def to_json(hood: Neighbourhood, covered: Coverage) -> str:
    return json.dumps({
        "root": hood.root, "depth": hood.depth, "truncated": hood.truncated,
        "nodes": hood.node_rows(),
        "edges": dated_edges(hood.edges, covered),
    }, ensure_ascii=False, default=str, indent=1)


def _text(value: Any) -> str:
    """GraphML's value of a JSON value: dates in ISO form, booleans as JSON has them, an
    absent value empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def to_graphml(hood: Neighbourhood, covered: Coverage) -> str:
    """The graph with every attribute the JSON export has, nodes and edges, as text."""
    nodes, edges = hood.node_rows(), dated_edges(hood.edges, covered)
    index = {node["node_id"]: n for n, node in enumerate(nodes)}
    graph = ig.Graph(directed=True)
    graph.add_vertices(len(nodes))
    for attribute in _columns(nodes):
        graph.vs[attribute] = [_text(node.get(attribute)) for node in nodes]
    kept = [e for e in edges if e["src"] in index and e["dst"] in index]
    graph.add_edges([(index[e["src"]], index[e["dst"]]) for e in kept])
    for attribute in _columns(kept):
        graph.es[attribute] = [_text(e.get(attribute)) for e in kept]
    graph["root"], graph["depth"] = hood.root, str(hood.depth)
    graph["truncated"] = _text(hood.truncated)
    with tempfile.TemporaryDirectory() as folder:  # igraph writes to a named file only
        path = Path(folder) / "graph.graphml"
        graph.write_graphml(str(path))
        return path.read_text(encoding="utf-8")
