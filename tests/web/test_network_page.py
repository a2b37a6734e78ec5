"""The network view's JSON (`/api/v1/network/{node_id}`) and page (`/analyst/network/{node_id}`)
on the analysed tiny store: what they hold, checked against the store's own edge table, and how
a stranger, an unknown node and a cut neighbourhood are answered."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from web.conftest import ANALYST, signed_in_client
from web.test_profile_page import audited

API = "/api/v1/network/"
NODE_KEYS = {"id", "kind", "label", "links", "cut", "profile", "naeringskode", "kommunenummer",
             "organisasjonsform"}
EDGE_KEYS = {"id", "source", "target", "kind", "role", "role_label", "start_date", "end_date",
             "source_register"}


def one(store: Store, sql: str) -> str:
    return str(store.scalar(sql))


@pytest.fixture(scope="module")
def nodes(analysed_dir: Path) -> dict[str, Any]:
    """An employer with a handful of links, the node with the most links, an address, and
    each one's neighbours in the store's edge table."""
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as store:
        degree = """(SELECT node, count(*) AS links FROM (SELECT src AS node FROM net_edge
                     UNION ALL SELECT dst FROM net_edge) GROUP BY node)"""
        employer = one(store, f"""SELECT node FROM {degree} WHERE node IN (SELECT dst FROM
            net_edge WHERE kind = 'employment') AND node IN (SELECT dst FROM net_edge WHERE
            kind = 'role') AND links BETWEEN 5 AND 40 ORDER BY node LIMIT 1""")
        hub = one(store, f"SELECT node FROM {degree} ORDER BY links DESC, node LIMIT 1")
        address = one(store, "SELECT min(node_id) FROM net_node WHERE kind = 'address' "
                             "AND node_id LIKE '% %'")
        neighbours = {node: {r[0] for r in store.rows(
            "SELECT dst FROM net_edge WHERE src = $n UNION SELECT src FROM net_edge "
            "WHERE dst = $n UNION SELECT $n", {"n": node})} for node in (employer, address)}
    return {"employer": employer, "hub": hub, "address": address, "neighbours": neighbours}


def test_a_stranger_gets_401_as_problem_json(analysed_dir: Path, nodes: dict[str, Any]) -> None:
    client = TestClient(create_app(Settings(data_dir=analysed_dir)))
    answer = client.get(API + nodes["employer"])
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["type"] == "/problems/sign-in-required"
    page = client.get("/analyst/network/" + nodes["employer"], follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("node", ["o:000000000", "p:nobody", "nonsense", "a:no street|0000"])
def test_an_unknown_node_is_404(analyst: TestClient, node: str) -> None:
    answer = analyst.get(API + quote(node))
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert node in answer.json()["detail"]
    page = analyst.get("/analyst/network/" + quote(node))
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


@pytest.mark.parametrize("query", ["depth=3", "depth=-1", "max_nodes=0", "max_nodes=501"])
def test_bounds_are_422(analyst: TestClient, nodes: dict[str, Any], query: str) -> None:
    answer = analyst.get(f"{API}{nodes['employer']}?{query}")
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"


def test_the_json_is_the_neighbourhood(analyst: TestClient, nodes: dict[str, Any]) -> None:
    employer = nodes["employer"]
    data = analyst.get(API + employer).json()
    assert set(data) == {"root", "depth", "max_nodes", "truncated", "nodes", "edges"}
    assert (data["root"], data["depth"], data["truncated"]) == (employer, 1, False)
    assert {n["id"] for n in data["nodes"]} == nodes["neighbours"][employer]
    assert all(set(n) == NODE_KEYS for n in data["nodes"])
    assert all(set(e) == EDGE_KEYS for e in data["edges"])
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    kinds = {e["kind"] for e in data["edges"]}
    assert {"employment", "role"} <= kinds
    for node in data["nodes"]:
        assert node["profile"] == (None if node["kind"] == "address"
                                   else f"/analyst/actor/{node['id'][2:]}")
        assert node["links"] >= sum(node["id"] in (e["source"], e["target"])
                                    for e in data["edges"])
    for edge in data["edges"]:  # the register gives no date for a role
        if edge["source_register"] == "brreg.roller":
            assert edge["start_date"] is None and edge["end_date"] is None
            assert edge["role"] and edge["role_label"]


def test_a_cut_neighbourhood_says_so(analyst: TestClient, nodes: dict[str, Any]) -> None:
    data = analyst.get(f"{API}{nodes['hub']}?max_nodes=3").json()
    assert data["truncated"] is True and data["max_nodes"] == 3
    assert len(data["nodes"]) == 3
    assert any(n["cut"] for n in data["nodes"])
    whole = analyst.get(f"{API}{nodes['hub']}?max_nodes=500").json()
    assert len(whole["nodes"]) > 3


def test_an_address_id_with_spaces_is_read(analyst: TestClient, nodes: dict[str, Any]) -> None:
    address = nodes["address"]
    data = analyst.get(API + quote(address)).json()
    assert data["root"] == address
    assert {n["id"] for n in data["nodes"]} == nodes["neighbours"][address]


def test_a_read_with_persons_is_audited(analysed_copy: Path, nodes: dict[str, Any]) -> None:
    client = signed_in_client(analysed_copy)
    assert client.get(API + nodes["employer"]).status_code == 200
    assert (ANALYST, nodes["employer"]) in audited(analysed_copy, "network")


def test_the_page_draws_and_lists_the_neighbourhood(analyst: TestClient,
                                                    nodes: dict[str, Any]) -> None:
    employer = nodes["employer"]
    answer = analyst.get("/analyst/network/" + employer)
    assert answer.status_code == 200
    html = answer.text
    data = analyst.get(API + employer + "?max_nodes=200").json()
    root = next(n for n in data["nodes"] if n["id"] == employer)
    assert "<h1>Nettverket rundt" in html
    # the scripts are the package's own: no CDN
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert {"/static/vendor/cytoscape.min.js", "/static/network.js"} <= set(scripts)
    assert all(script.startswith("/static/") for script in scripts)
    for script in scripts:
        assert analyst.get(script).status_code == 200
    # the graph's data is the API's
    embedded = re.search(r'<script type="application/json" id="network-data">(.*?)</script>',
                         html, re.S)
    assert embedded and json.loads(embedded.group(1))["data"] == data
    # the no-JavaScript view: every node in the table, leading to its own network page
    for node in data["nodes"]:
        assert f'href="/analyst/network/{quote(node["id"], safe=":")}"' in html
    assert html.count("<tr>") == 2 + len(data["nodes"]) + len(data["edges"])
    assert f'href="{root["profile"]}"' in html
    for key in ("role", "employment", "address", "accountant", "part_of", "hms_card", "estate"):
        assert f'value="{key}" checked' in html


def test_the_page_in_english(analyst: TestClient, nodes: dict[str, Any]) -> None:
    html = analyst.get(f"/analyst/network/{nodes['employer']}?lang=en").text
    assert "<h1>The network around" in html and "Show links" in html
    assert "Nettverket rundt" not in html
