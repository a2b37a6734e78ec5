"""The network view (`/analyst/network/{node_id}`): an actor's neighbourhood drawn with
cytoscape.js, expanded by clicking a node, its link kinds switched on and off; and the same
nodes and links as tables on the page, for keyboards, screen readers and browsers without
JavaScript (each node's row leads to its own network page: expansion without a script)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from akrim.i18n import MESSAGES, Lang, add_messages, t
from akrim.web.api.network import NodePath, read_network
from akrim.web.auth import Analyst
from akrim.web.context import lang_of, render

add_messages({
    "network.title": ("Nettverket rundt {label}", "The network around {label}"),
    "network.profile": ("Se profilen", "See the profile"),
    "network.intro": ("Klikk en node for å hente og vise dens naboer. Tabellene under grafen "
                      "viser de samme nodene og koblingene.",
                      "Click a node to fetch and show its neighbours. The tables below the "
                      "graph list the same nodes and links."),
    "network.graph": ("Nettverksgraf; tabellene under viser det samme som tekst.",
                      "Network graph; the tables below show the same as text."),
    "network.truncated": ("Nabolaget er avkortet ved {max} noder: noder merket «avkortet» har "
                          "flere koblinger enn vist.",
                          "The neighbourhood is cut at {max} nodes: nodes marked “cut” have "
                          "more links than shown."),
    "network.kinds": ("Vis koblinger", "Show links"),
    "network.node_kinds": ("Noder", "Nodes"),
    "network.kind.person": ("Person (sirkel)", "Person (circle)"),
    "network.kind.company": ("Virksomhet (avrundet firkant)", "Company (rounded square)"),
    "network.kind.address": ("Adresse (rute)", "Address (diamond)"),
    "network.edge.role": ("Roller (styre, ledelse, eiere)", "Roles (board, management, owners)"),
    "network.edge.employment": ("Arbeidsforhold (a-melding)", "Employment (a-melding)"),
    "network.edge.address": ("Adresser", "Addresses"),
    "network.edge.accountant": ("Regnskapsfører og revisor", "Accountant and auditor"),
    "network.edge.part_of": ("Underenhet av", "Underenhet of"),
    "network.edge.hms_card": ("HMS-kort", "HMS card"),
    "network.edge.estate": ("Konkursbo", "Bankruptcy estate"),
    "network.panel": ("Valgt node", "Selected node"),
    "network.panel_empty": ("Klikk en node i grafen.", "Click a node in the graph."),
    "network.links": ("Koblinger", "Links"),
    "network.links_count": ("{shown} vist av {total}", "{shown} shown of {total}"),
    "network.cut": ("avkortet", "cut"),
    "network.open": ("Vis nettverket rundt denne", "Show the network around this one"),
    "network.loading": ("Henter naboene til {label} …", "Fetching the neighbours of {label} …"),
    "network.added": ("{count} nye noder rundt {label}.", "{count} new nodes around {label}."),
    "network.added_cut": ("{count} nye noder rundt {label}; avkortet ved størrelsesgrensen.",
                          "{count} new nodes around {label}; cut at the size limit."),
    "network.failed": ("Kunne ikke hente naboene: {reason}",
                       "Could not fetch the neighbours: {reason}"),
    "network.shown": ("{nodes} noder og {edges} koblinger vist.",
                      "{nodes} nodes and {edges} links shown."),
    "network.nodes": ("Noder", "Nodes"),
    "network.edges": ("Koblinger", "Links"),
    "network.col.name": ("Navn", "Name"),
    "network.col.kind": ("Type", "Kind"),
    "network.col.links": ("Koblinger", "Links"),
    "network.col.from": ("Fra", "From"),
    "network.col.to": ("Til", "To"),
    "network.col.link": ("Kobling", "Link"),
    "network.col.start": ("Start", "Start"),
    "network.col.end": ("Slutt", "End"),
    "network.col.register": ("Register", "Register"),
    "network.no_date": ("ikke oppgitt", "not given"),
    "network.dates_note": ("Datoene er registerets. Enhetsregisteret oppgir ingen datoer for "
                           "roller; et arbeidsforhold uten slutt pågikk i siste måned som er "
                           "lest inn.",
                           "The dates are the register's. Enhetsregisteret gives no dates for "
                           "roles; an employment without an end went on in the last month "
                           "loaded."),
})

router = APIRouter(prefix="/analyst", include_in_schema=False)

PAGE_MAX_NODES = 200


@dataclass(frozen=True)
class EdgeGroup:
    """A checkbox of the view: the edge kinds it switches, and how they are drawn (the legend
    and network.js read the same values)."""

    key: str
    kinds: tuple[str, ...]
    colour: str
    line: str  # a cytoscape line-style: solid, dashed or dotted


# Colours at 3:1 or more on white (WCAG 1.4.11 for graphics), told apart by line style too.
EDGE_GROUPS = (
    EdgeGroup("role", ("role",), "#0b4f9c", "solid"),
    EdgeGroup("employment", ("employment",), "#595959", "dashed"),
    EdgeGroup("address", ("address",), "#8a5a00", "dotted"),
    EdgeGroup("accountant", ("accountant", "auditor"), "#7b3294", "dashed"),
    EdgeGroup("part_of", ("part_of",), "#1d6b2c", "solid"),
    EdgeGroup("hms_card", ("hms_card",), "#a3261b", "dotted"),
    EdgeGroup("estate", ("estate",), "#1a1a1a", "dashed"),
)
NODE_COLOURS = {"person": "#0b4f9c", "company": "#1d6b2c", "address": "#8a5a00"}
_SCRIPT_TEXTS = ("loading", "added", "added_cut", "failed", "shown", "links_count", "cut")


def network_url(node_id: str) -> str:
    return "/analyst/network/" + quote(node_id, safe=":")


def _edge_name(kind: str, role_label: str | None, role: str | None, lang: Lang) -> str:
    """A role (accountant, auditor and estate included) by its register name and code, any
    other link by its kind."""
    if role:
        return f"{role_label or role} ({role})"
    group = next(g.key for g in EDGE_GROUPS if kind in g.kinds)
    return t(f"network.edge.{group}", lang)


@router.get("/network/{node_id:path}")
def network_page(request: Request, user: Analyst, node_id: NodePath) -> Response:
    lang = lang_of(request)
    data = read_network(request, user, node_id, depth=1, max_nodes=PAGE_MAX_NODES)
    root = next(node for node in data.nodes if node.id == data.root)
    return render(request, "network.html", {
        "net": data, "root": root, "groups": EDGE_GROUPS, "node_colours": NODE_COLOURS,
        "labels": {node.id: node.label for node in data.nodes},
        "network_url": network_url,
        "edge_name": lambda kind, label, role: _edge_name(kind, label, role, lang),
        "script": {"data": data.model_dump(mode="json"), "max_nodes": PAGE_MAX_NODES,
                   "api": "/api/v1/network/", "page": "/analyst/network/",
                   "node_colours": NODE_COLOURS,
                   "groups": [{"key": g.key, "kinds": g.kinds, "colour": g.colour,
                               "line": g.line} for g in EDGE_GROUPS],
                   # templates: the script fills in their {placeholders}
                   "texts": {key: MESSAGES[f"network.{key}"][lang == "en"]
                             for key in _SCRIPT_TEXTS}},
    })
