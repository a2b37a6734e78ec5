"""Neighbourhoods (akrim.network.neighbourhood) and their exports (akrim.network.export):
FollowTheMoney entities, GraphML and JSON, on the tiny synthetic store."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import igraph as ig
import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from akrim.network.dates import Coverage, coverage
from akrim.network.export import CUT_NOTE, to_ftm_lines, to_graphml, to_json
from akrim.network.neighbourhood import Neighbourhood, neighbourhood, node_id_for
from akrim.store.engine import Store

ENTITY_PROPERTIES = {"director", "organization", "employee", "employer", "agent", "client",
                     "owner", "asset", "subject", "object", "addressEntity"}


@pytest.fixture(scope="module")
def company(truth: dict[str, Any]) -> str:
    """The live company of the repeat-bankruptcy scheme: roles, employees, an address."""
    return str(truth["repeat_bankruptcy"]["organisasjonsnummer"][-1])


@pytest.fixture(scope="module")
def hub_company(truth: dict[str, Any]) -> str:
    """A company at the address hub: its depth-2 neighbourhood has 30 and more nodes."""
    return str(truth["address_hub"]["organisasjonsnummer"][0])


def edge_keys(hood: Neighbourhood) -> set[tuple[Any, ...]]:
    return {(e["src"], e["dst"], e["kind"], e["rolle"], e["valid_from"]) for e in hood.edges}


def within_two_hops(store: Store, root: str) -> set[str]:
    """The nodes at most two edges from `root`, from the store's edge table."""
    return {r[0] for r in store.execute("""
        WITH one AS (SELECT dst AS node FROM net_edge WHERE src = $root
                     UNION SELECT src FROM net_edge WHERE dst = $root UNION SELECT $root)
        SELECT node FROM one
        UNION SELECT dst FROM net_edge WHERE src IN (SELECT node FROM one)
        UNION SELECT src FROM net_edge WHERE dst IN (SELECT node FROM one)""",
        {"root": root}).fetchall()}


def test_node_id_for(linked_store: Store, company: str, truth: dict[str, Any]) -> None:
    assert node_id_for(linked_store, company) == f"o:{company}"
    assert node_id_for(linked_store, f" {company} ") == f"o:{company}"
    assert node_id_for(linked_store, f"o:{company}") == f"o:{company}"
    [boss] = truth["repeat_bankruptcy"]["persons"]
    assert node_id_for(linked_store, boss) == f"p:{boss}"
    assert node_id_for(linked_store, f"p:{boss}") == f"p:{boss}"
    assert node_id_for(linked_store, "p:nobody") is None
    assert node_id_for(linked_store, "999999999") is None
    assert node_id_for(linked_store, "01010100000") is None


def test_depth_one_is_the_root_and_its_neighbours(
    serving: sqlite3.Connection, linked_store: Store, company: str
) -> None:
    root = f"o:{company}"
    hood = neighbourhood(serving, root, 1)
    neighbours = {r[0] for r in linked_store.rows(
        "SELECT dst FROM net_edge WHERE src = ? UNION SELECT src FROM net_edge WHERE dst = ?",
        [root, root])}
    assert set(hood.nodes) == neighbours | {root}
    touching = [e for e in hood.edges if root in (e["src"], e["dst"])]
    assert len(touching) == linked_store.scalar(
        "SELECT count(DISTINCT (src, dst, kind, rolle, valid_from, valid_to, source)) "
        "FROM net_edge WHERE src = ? OR dst = ?", [root, root])
    # the rest join two neighbours (a manager living at the company's address)
    assert all(e["src"] in hood.nodes and e["dst"] in hood.nodes for e in hood.edges)
    assert not hood.truncated and hood.root == root and hood.depth == 1
    kinds = {n["kind"] for n in hood.nodes.values()}
    assert kinds == {"person", "company", "address"}
    assert hood.nodes[root]["label"] and hood.nodes[root]["kind"] == "company"


def test_depth_two_contains_depth_one(
    serving: sqlite3.Connection, linked_store: Store, company: str
) -> None:
    one = neighbourhood(serving, f"o:{company}", 1)
    two = neighbourhood(serving, f"o:{company}", 2)
    assert set(two.nodes) == within_two_hops(linked_store, f"o:{company}")
    assert set(one.nodes) < set(two.nodes)
    assert edge_keys(one) < edge_keys(two)
    # the three bankrupt companies are two hops away, through the person who ran them all
    for hop in two.edges:
        assert hop["src"] in two.nodes and hop["dst"] in two.nodes
    assert neighbourhood(serving, f"o:{company}", 0).nodes.keys() == {f"o:{company}"}


def test_bankrupt_companies_are_two_hops_away(
    serving: sqlite3.Connection, linked_store: Store, company: str, truth: dict[str, Any]
) -> None:
    bankrupt = {f"o:{o}" for o in truth["repeat_bankruptcy"]["organisasjonsnummer"][:-1]}
    assert not bankrupt & set(neighbourhood(serving, f"o:{company}", 1).nodes)
    assert bankrupt <= set(neighbourhood(serving, f"o:{company}", 2).nodes)


@pytest.mark.parametrize("max_nodes", [1, 3, 10])
def test_max_nodes_cuts_and_says_so(
    serving: sqlite3.Connection, linked_store: Store, hub_company: str, max_nodes: int
) -> None:
    root = f"o:{hub_company}"
    full = neighbourhood(serving, root, 2)
    assert set(full.nodes) == within_two_hops(linked_store, root) and not full.truncated
    assert len(full.nodes) > max_nodes  # so there is something to cut
    cut = neighbourhood(serving, root, 2, max_nodes=max_nodes)
    assert cut.truncated
    assert root in cut.nodes and len(cut.nodes) == max_nodes
    assert set(cut.nodes) <= set(full.nodes)
    assert all(e["src"] in cut.nodes and e["dst"] in cut.nodes for e in cut.edges)
    exact = neighbourhood(serving, root, 2, max_nodes=len(full.nodes))
    assert set(exact.nodes) == set(full.nodes)


# -- exports --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def covered(linked_store: Store) -> Coverage:
    return coverage(linked_store)


@pytest.fixture(scope="module")
def hood(serving: sqlite3.Connection, hub_company: str) -> Neighbourhood:
    return neighbourhood(serving, f"o:{hub_company}", 2)


def ftm(hood: Neighbourhood, covered: Coverage) -> list[EntityProxy]:
    return [model.get_proxy(json.loads(line)) for line in to_ftm_lines(hood, covered).splitlines()]


def node_of(hood: Neighbourhood, proxies: list[EntityProxy]) -> dict[str, str]:
    """Entity id -> akrim node id (the nodes come first, in the neighbourhood's order)."""
    return {p.id: node_id for p, node_id in zip(proxies, hood.nodes, strict=False) if p.id}


def links_with_edges(hood: Neighbourhood, proxies: list[EntityProxy]
                     ) -> list[tuple[EntityProxy, dict[str, Any]]]:
    """Each link entity with the edge it was written from (in the neighbourhood's order)."""
    edges = [e for e in hood.edges if e["kind"] != "address"]
    links = proxies[len(hood.nodes):]
    assert len(links) == len(edges)
    return list(zip(links, edges, strict=True))


def test_ftm_lines_parse_and_every_reference_resolves(hood: Neighbourhood,
                                                      covered: Coverage) -> None:
    text = to_ftm_lines(hood, covered)
    assert text.endswith("\n")
    entities = [json.loads(line) for line in text.splitlines()]
    proxies = [model.get_proxy(data, cleaned=False) for data in entities]
    schema_of = {p.id: p.schema for p in proxies}
    assert len(schema_of) == len(proxies), "entity ids must be unique"
    referenced = 0
    for proxy, data in zip(proxies, entities, strict=True):
        assert proxy.id and proxy.schema.name == data["schema"]
        # FtM's own cleaning keeps every value we wrote
        assert proxy.to_dict()["properties"] == data["properties"], data
        for prop in proxy.iterprops():  # the properties that have values
            if prop.type.name != "entity":
                continue
            assert prop.name in ENTITY_PROPERTIES, prop.name
            for target in proxy.get(prop):
                referenced += 1
                assert target in schema_of, (data["schema"], prop.name)
                assert schema_of[target].is_a(prop.range), (data["schema"], prop.name,
                                                            schema_of[target].name)
    nodes = [p for p in proxies if p.schema.name in ("Person", "Company", "Address")]
    assert len(nodes) == len(hood.nodes)
    links = [p for p in proxies if p.schema.name not in ("Person", "Company", "Address")]
    assert len(links) == sum(1 for e in hood.edges if e["kind"] != "address")
    with_address = [p for p in nodes if p.get("addressEntity")]
    addresses = {(e["src"], e["dst"]) for e in hood.edges if e["kind"] == "address"}
    assert len(with_address) == len({src for src, _ in addresses})
    # a link names its two ends; a holder each of its addresses
    assert referenced == 2 * len(links) + len(addresses)


OWNER_ROLES = {"INNH", "DTPR", "DTSO", "KOMP"}  # an owner or partner: Ownership
LINK_SCHEMAS = {"role": "Directorship", "employment": "Employment",
                "accountant": "Representation", "auditor": "Representation",
                "estate": "Representation", "part_of": "UnknownLink", "hms_card": "UnknownLink"}


def test_ftm_schemas_per_edge_kind(hood: Neighbourhood, covered: Coverage) -> None:
    proxies = ftm(hood, covered)
    expected = Counter(n["kind"].capitalize() for n in hood.nodes.values())
    expected.update("Ownership" if e["kind"] == "role" and e["rolle"] in OWNER_ROLES
                    else LINK_SCHEMAS[e["kind"]] for e in hood.edges if e["kind"] != "address")
    assert Counter(p.schema.name for p in proxies) == expected
    people = [p for p in proxies if p.schema.name == "Person"]
    assert all(p.get("name") for p in people)
    assert sum(1 for p in people if p.get("birthDate")) == sum(
        1 for n in hood.nodes.values() if n["kind"] == "person" and n["fodselsdato"])
    companies = [p for p in proxies if p.schema.name == "Company"]
    assert all(len(p.first("registrationNumber") or "") == 9 for p in companies)


def test_ftm_ids_are_stable(
    serving: sqlite3.Connection, hub_company: str, hood: Neighbourhood, covered: Coverage
) -> None:
    again = neighbourhood(serving, f"o:{hub_company}", 2)
    first = {json.loads(line)["id"] for line in to_ftm_lines(hood, covered).splitlines()}
    second = {json.loads(line)["id"] for line in to_ftm_lines(again, covered).splitlines()}
    assert first == second


def test_graphml_reads_back(hood: Neighbourhood, covered: Coverage, tmp_path: Path) -> None:
    path = tmp_path / "hood.graphml"
    path.write_text(to_graphml(hood, covered), encoding="utf-8")
    graph = ig.Graph.Read_GraphML(str(path))
    assert graph.vcount() == len(hood.nodes)
    assert graph.ecount() == len(hood.edges)
    assert set(graph.vs["node_id"]) == set(hood.nodes)
    assert set(graph.es["kind"]) == {e["kind"] for e in hood.edges}
    kinds = dict(zip(graph.vs["node_id"], graph.vs["kind"], strict=True))
    assert all(kinds[n] == hood.nodes[n]["kind"] for n in hood.nodes)


def test_json_has_root_nodes_and_edges(hood: Neighbourhood, covered: Coverage) -> None:
    data = json.loads(to_json(hood, covered))
    assert data["root"] == hood.root and data["depth"] == 2 and data["truncated"] is False
    assert {n["node_id"] for n in data["nodes"]} == set(hood.nodes)
    assert len(data["edges"]) == len(hood.edges)
    ids = {n["node_id"] for n in data["nodes"]}
    assert all(e["src"] in ids and e["dst"] in ids for e in data["edges"])
    assert all(isinstance(e["valid_from"], str | None) for e in data["edges"])


# -- exports say what the data says ----------------------------------------------------------

def test_a_role_has_no_start_date_the_register_does_not_give(
    hood: Neighbourhood, covered: Coverage, linked_store: Store
) -> None:
    """Enhetsregisteret gives no date for a role: the edge's dates are the load's."""
    loads = {row[0] for row in linked_store.rows("SELECT as_of FROM snapshot")}
    roles = [(p, e) for p, e in links_with_edges(hood, ftm(hood, covered))
             if e["source"] == "brreg.roller"]
    assert {p.schema.name for p, _ in roles} >= {"Directorship", "Representation"}
    assert all(e["valid_from"] in loads for _, e in roles)  # what the old export wrote
    assert all(not p.get("startDate") and not p.get("endDate") for p, _ in roles)


def test_a_register_date_is_kept(hood: Neighbourhood, covered: Coverage,
                                 linked_store: Store) -> None:
    """An underenhet's part_of link starts on its oppstartsdato, as the register gives it."""
    started = dict(linked_store.rows("SELECT 'o:' || organisasjonsnummer, oppstartsdato "
                                     "FROM underenhet WHERE valid_to IS NULL"))
    parts = [(p, e) for p, e in links_with_edges(hood, ftm(hood, covered))
             if e["kind"] == "part_of"]
    assert parts
    for proxy, edge in parts:
        given = started[edge["src"]]
        assert proxy.get("startDate") == ([given.isoformat()] if given else [])


@pytest.fixture(scope="module")
def employer(linked_store: Store) -> str:
    """A company with employees still reported in the last month loaded and some no longer."""
    return str(linked_store.scalar("""
        WITH last AS (SELECT max(kalendermaaned) AS month FROM amelding_leveranse),
        pairs AS (SELECT opplysningspliktig, norsk_identifikator, max(kalendermaaned) AS month
                  FROM amelding_mottaker WHERE valid_to IS NULL GROUP BY ALL)
        SELECT opplysningspliktig FROM pairs GROUP BY ALL
        HAVING bool_or(month = (SELECT month FROM last))
           AND bool_or(month < (SELECT month FROM last))
        ORDER BY 1 LIMIT 1"""))


def test_an_employment_ends_only_when_it_has_ended(
    serving: sqlite3.Connection, linked_store: Store, covered: Coverage, employer: str
) -> None:
    first, last = linked_store.rows("SELECT min(kalendermaaned), max(kalendermaaned) "
                                    "FROM amelding_leveranse")[0]
    reported = {row[0]: (row[1], row[2]) for row in linked_store.rows("""
        SELECT 'p:' || pa.person_id, min(m.kalendermaaned), max(m.kalendermaaned)
        FROM amelding_mottaker m JOIN person_alias pa ON pa.identifikator = m.norsk_identifikator
        WHERE m.valid_to IS NULL AND m.opplysningspliktig = ? GROUP BY ALL""", [employer])}
    hood = neighbourhood(serving, f"o:{employer}", 1)
    proxies = ftm(hood, covered)
    node = node_of(hood, proxies)
    jobs = [p for p in proxies if p.schema.name == "Employment"]
    assert len(jobs) == len(reported)
    ended = 0
    for job in jobs:
        began, stopped = reported[node[str(job.first("employee"))]]
        assert job.get("endDate") == ([] if stopped == last else [stopped])
        assert job.get("startDate") == ([] if began == first else [began])
        ended += stopped < last
    assert 0 < ended < len(jobs)


def test_no_internal_id_as_id_number(
    serving: sqlite3.Connection, linked_store: Store, hood: Neighbourhood, covered: Coverage
) -> None:
    internal = [row[0] for row in linked_store.rows(
        "SELECT 'p:' || person_id FROM link_person WHERE NOT regexp_matches(person_id, "
        "'^[0-9]{11}$')")]
    assert internal, "the tiny store has persons known by no register number"
    hoods = [hood, *(neighbourhood(serving, node_id, 1) for node_id in internal)]
    numbered = 0
    for each in hoods:
        proxies = ftm(each, covered)
        node = node_of(each, proxies)
        for person in (p for p in proxies if p.schema.name == "Person"):
            number = node[str(person.id)][2:]
            if f"p:{number}" in internal:
                assert person.get("idNumber") == [], person.to_dict()
                assert number not in person.get("name")
            else:
                assert person.get("idNumber") == [number]
                numbered += 1
    assert numbered


def test_a_cut_neighbourhood_says_so(
    serving: sqlite3.Connection, hub_company: str, hood: Neighbourhood, covered: Coverage,
    tmp_path: Path
) -> None:
    assert not any(p.get("notes", quiet=True) for p in ftm(hood, covered))
    cut = neighbourhood(serving, f"o:{hub_company}", 2, max_nodes=3)
    assert cut.truncated and cut.cut and cut.cut <= set(cut.nodes)
    proxies = ftm(cut, covered)
    node = node_of(cut, proxies)
    assert {node[str(p.id)] for p in proxies if CUT_NOTE in p.get("notes", quiet=True)} == cut.cut
    data = json.loads(to_json(cut, covered))
    assert data["truncated"] is True
    assert {n["node_id"] for n in data["nodes"] if n["cut"]} == cut.cut
    path = tmp_path / "cut.graphml"
    path.write_text(to_graphml(cut, covered), encoding="utf-8")
    graph = ig.Graph.Read_GraphML(str(path))
    assert graph["truncated"] == "true"
    assert {v["node_id"] for v in graph.vs if v["cut"] == "true"} == cut.cut


def test_graphml_keeps_every_attribute_of_the_json(
    hood: Neighbourhood, covered: Coverage, tmp_path: Path
) -> None:
    data = json.loads(to_json(hood, covered))
    path = tmp_path / "hood.graphml"
    path.write_text(to_graphml(hood, covered), encoding="utf-8")
    graph = ig.Graph.Read_GraphML(str(path))

    def text(value: Any) -> str:
        return "" if value is None else json.dumps(value) if isinstance(value, bool) \
            else str(value)

    node_keys = {key for node in data["nodes"] for key in node}
    assert node_keys >= {"fodselsdato", "links", "cut"}
    assert set(graph.vs.attributes()) >= node_keys
    vertices = {v["node_id"]: v for v in graph.vs}
    for node in data["nodes"]:
        vertex = vertices[node["node_id"]]
        assert {k: text(v) for k, v in node.items()} == {k: vertex[k] for k in node}
    assert set(graph.es.attributes()) >= {key for edge in data["edges"] for key in edge}


# -- known defects ------------------------------------------------------------------------------

def test_neighbourhood_has_every_edge_among_its_nodes(
    serving: sqlite3.Connection, linked_store: Store, hub_company: str
) -> None:
    hood = neighbourhood(serving, f"o:{hub_company}", 1)
    ids = sorted(hood.nodes)
    among = linked_store.scalar(
        "SELECT count(*) FROM net_edge WHERE src IN (SELECT unnest(?)) "
        "AND dst IN (SELECT unnest(?))", [ids, ids])
    assert len(hood.edges) == among


def test_a_resolved_actor_is_in_its_own_neighbourhood(
    serving: sqlite3.Connection, linked_store: Store
) -> None:
    assert linked_store.scalar("""
        SELECT count(*) FROM link_person lp
        ANTI JOIN net_node n ON n.node_id = 'p:' || lp.person_id""") == 0
    # a person with no edge at all if the store has one, else the first person
    lonely = linked_store.scalar("""
        SELECT person_id FROM link_person lp
        ORDER BY EXISTS (SELECT 1 FROM net_edge e WHERE e.src = 'p:' || lp.person_id),
                 person_id
        LIMIT 1""")
    root = node_id_for(linked_store, lonely)
    assert root is not None
    assert node_id_for(linked_store, root) == root
    assert root in neighbourhood(serving, root, 1).nodes


def test_ftm_entities_have_their_required_properties(
    serving: sqlite3.Connection, tiny_linked: Any, covered: Coverage
) -> None:
    planted = tiny_linked.cases["reference_only"]
    hood = neighbourhood(serving, f"o:{planted.employer}", 1)
    assert f"p:{planted.identifier}" in hood.nodes
    for line in to_ftm_lines(hood, covered).splitlines():
        proxy = model.get_proxy(json.loads(line))
        missing = [name for name in proxy.schema.required if not proxy.get(name)]
        assert missing == [], (proxy.schema.name, proxy.to_dict())
