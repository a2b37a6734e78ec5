"""A neighbourhood as FollowTheMoney entities (JSON lines), GraphML or JSON.

FollowTheMoney is the model Aleph, OpenSanctions and yente load: persons become `Person`,
companies `Company`, addresses `Address`; roles become `Directorship` (or `Ownership` for an
owner or partner), employment `Employment`, accountants, auditors and estates `Representation`,
and the rest (`part_of`, HMS-card employer) `UnknownLink` with the relation in `role`.
Entity ids are hashes of akrim's node ids under the `akrim` namespace, so repeated exports of
the same actor give the same ids.
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

from akrim.network.neighbourhood import Neighbourhood

_OWNER_ROLES = {"INNH", "DTPR", "DTSO", "KOMP"}


def _entity_id(node_id: str) -> str:
    proxy = model.make_entity("Thing")
    return str(proxy.make_id("akrim", node_id))


def _day(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def _node_entity(node: dict[str, Any]) -> EntityProxy:
    node_id: str = node["node_id"]
    if node["kind"] == "person":
        entity = model.make_entity("Person")
        entity.add("name", node.get("label") or node_id[2:])  # known only by number
        birth = node.get("fodselsdato")
        if birth and len(birth) == 8:
            entity.add("birthDate", f"{birth[:4]}-{birth[4:6]}-{birth[6:]}")
        entity.add("idNumber", node_id[2:])
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
    entity.id = _entity_id(node_id)
    return entity


def _edge_entity(edge: dict[str, Any]) -> EntityProxy | None:
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
    entity.add("startDate", _day(edge.get("valid_from")))
    entity.add("endDate", _day(edge.get("valid_to")))
    entity.add("publisher", edge.get("source"))
    entity.id = str(entity.make_id("akrim", edge["src"], edge["dst"], kind, rolle or "",
                                   str(edge.get("valid_from"))))
    return entity


def ftm_entities(hood: Neighbourhood) -> Iterator[EntityProxy]:
    entities = {node_id: _node_entity(node) for node_id, node in hood.nodes.items()}
    for edge in hood.edges:
        if edge["kind"] == "address" and edge["src"] in entities and edge["dst"] in entities:
            entities[edge["src"]].add("addressEntity", entities[edge["dst"]].id)
    yield from entities.values()
    for edge in hood.edges:
        entity = _edge_entity(edge)
        if entity is not None:
            yield entity


def to_ftm_lines(hood: Neighbourhood) -> str:
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in ftm_entities(hood))


def to_json(hood: Neighbourhood) -> str:
    return json.dumps({
        "root": hood.root, "depth": hood.depth, "truncated": hood.truncated,
        "nodes": list(hood.nodes.values()),
        "edges": hood.edges,
    }, ensure_ascii=False, default=str, indent=1)


def to_graphml(hood: Neighbourhood) -> str:
    ids = list(hood.nodes)
    index = {node_id: n for n, node_id in enumerate(ids)}
    graph = ig.Graph(directed=True)
    graph.add_vertices(len(ids))
    for attribute in ("kind", "label", "naeringskode", "kommunenummer", "organisasjonsform"):
        graph.vs[attribute] = [str(hood.nodes[i].get(attribute) or "") for i in ids]
    graph.vs["node_id"] = ids
    kept = [e for e in hood.edges if e["src"] in index and e["dst"] in index]
    graph.add_edges([(index[e["src"]], index[e["dst"]]) for e in kept])
    for attribute in ("kind", "rolle", "valid_from", "valid_to", "source"):
        graph.es[attribute] = [str(e.get(attribute) or "") for e in kept]
    with tempfile.TemporaryDirectory() as folder:  # igraph writes to a named file only
        path = Path(folder) / "graph.graphml"
        graph.write_graphml(str(path))
        return path.read_text(encoding="utf-8")
