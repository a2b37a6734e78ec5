"""`/api/v1/network/{node_id}`: an actor's neighbourhood as nodes and edges, for the network view.

Read from the network's serving file (akrim.network.serving) one hop at a time, as `akrim
network` reads it; the dates are those the registers give (akrim.network.dates), never a
load's. A neighbourhood cut at `max_nodes` says so (`truncated`, and `cut` on each node whose
links are not all shown). Reads with persons in them are audited.
"""

from __future__ import annotations

from contextlib import closing
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel

from akrim.codes.brreg import ROLLETYPER
from akrim.errors import NotLinked
from akrim.i18n import add_messages, t
from akrim.network.dates import Coverage, coverage, dated_edges
from akrim.network.neighbourhood import Neighbourhood, neighbourhood
from akrim.network.serving import open_serving
from akrim.ops.users import User
from akrim.web import problems
from akrim.web.analyst import analysed_store, audit_read
from akrim.web.auth import Analyst
from akrim.web.context import lang_of, settings_of
from akrim.web.problems import Problem, problem_responses

add_messages({
    "network.unknown": ("Ukjent node", "Unknown node"),
    "network.unknown_detail": ("Nettverket har ingen node {node}.",
                               "The network has no node {node}."),
})

router = APIRouter(prefix="/api/v1/network", tags=["network"])

MAX_NODES = 500
"""The most nodes one answer holds: past a few hundred a drawing helps no one, and the
neighbourhood's hubs (an office address, a large employer) say so with `truncated`."""

NodeKind = Literal["person", "company", "address"]


class NodeOut(BaseModel):
    id: str
    """The node id: `o:ORGNR`, `p:PERSONID` or `a:ADDRESS`."""
    kind: NodeKind
    label: str
    links: int
    """The node's links in the whole network (more than shown when it is not expanded)."""
    cut: bool
    """The size limit left out some of this node's neighbours."""
    profile: str | None
    """The actor's profile page; None for an address."""
    naeringskode: str | None
    kommunenummer: str | None
    organisasjonsform: str | None


class EdgeOut(BaseModel):
    id: str
    source: str
    target: str
    kind: str
    """role, employment, address, accountant, auditor, part_of, hms_card or estate."""
    role: str | None
    """Enhetsregisteret's role code (DAGL, LEDE, ...) of a role."""
    role_label: str | None
    start_date: str | None
    """The start the register gives (ISO date, or month for employment); None if it gives none."""
    end_date: str | None
    """The end the register gives; None while it goes on or when the register gives none."""
    source_register: str


class NetworkOut(BaseModel):
    root: str
    depth: int
    max_nodes: int
    truncated: bool
    nodes: list[NodeOut]
    edges: list[EdgeOut]


NodePath = Annotated[str, Path(description="A node id: o:ORGNR, p:PERSONID or a:ADDRESS.")]
DepthQuery = Annotated[int, Query(ge=0, le=2, description="Hops from the node.")]
MaxNodesQuery = Annotated[int, Query(ge=1, le=MAX_NODES,
                                     description="Stop expanding past this many nodes.")]


def _profile(node_id: str) -> str | None:
    return None if node_id.startswith("a:") else f"/analyst/actor/{node_id[2:]}"


def _coverage(request: Request) -> Coverage:
    """The loads' dates and months, read from the store once per version of its file."""
    settings = settings_of(request)
    try:
        stamp: int | None = settings.analytical_db.stat().st_mtime_ns
    except OSError:
        stamp = None  # no store: analysed_store says so
    cached: tuple[int | None, Coverage] | None = getattr(request.app.state,
                                                         "network_coverage", None)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    with analysed_store(request, "linked") as store:
        covered = coverage(store)
    request.app.state.network_coverage = (stamp, covered)
    return covered


def _out(hood: Neighbourhood, covered: Coverage, max_nodes: int) -> NetworkOut:
    nodes = [NodeOut(id=n["node_id"], kind=n["kind"], label=n.get("label") or n["node_id"][2:],
                     links=n["links"], cut=n["cut"], profile=_profile(n["node_id"]),
                     naeringskode=n.get("naeringskode"), kommunenummer=n.get("kommunenummer"),
                     organisasjonsform=n.get("organisasjonsform"))
             for n in hood.node_rows()]
    edges = [EdgeOut(id="|".join(str(e[k]) for k in ("src", "dst", "kind", "rolle",
                                                       "valid_from")),
                     source=e["src"], target=e["dst"], kind=e["kind"], role=e["rolle"],
                     role_label=ROLLETYPER.get(e["rolle"]) if e["rolle"] else None,
                     start_date=e["start_date"], end_date=e["end_date"],
                     source_register=e["source"])
             for e in dated_edges(hood.edges, covered)]
    return NetworkOut(root=hood.root, depth=hood.depth, max_nodes=max_nodes,
                      truncated=hood.truncated, nodes=nodes, edges=edges)


def read_network(request: Request, user: User, node_id: str, depth: int, max_nodes: int
                 ) -> NetworkOut:
    """The neighbourhood of `node_id`; a 404 problem for a node the network lacks, a 503 one
    before `akrim link` has written the serving file. Audited when it shows persons."""
    lang = lang_of(request)
    covered = _coverage(request)
    serving = open_serving(settings_of(request).serving_db)
    if serving is None:
        raise problems.store_unavailable(NotLinked(settings_of(request).data_dir), lang)
    with closing(serving):
        hood = neighbourhood(serving, node_id, depth, max_nodes=max_nodes)
    if node_id not in hood.nodes:
        raise Problem(404, "/problems/unknown-node", t("network.unknown", lang),
                      t("network.unknown_detail", lang, node=node_id))
    if any(node["kind"] == "person" for node in hood.nodes.values()):
        audit_read(request, user, "network", node_id)
    return _out(hood, covered, max_nodes)


# `:path`: an address's id may hold any character of a street name.
@router.get("/{node_id:path}", responses=problem_responses(401, 404, 422, 503))
def network(request: Request, user: Analyst, node_id: NodePath, depth: DepthQuery = 1,
            max_nodes: MaxNodesQuery = 200) -> NetworkOut:
    """The nodes within `depth` hops of `node_id` and every edge among them (signed in only;
    a read with persons in it is kept in the audit log)."""
    return read_network(request, user, node_id, depth, max_nodes)
