"""Build and read the priority list."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from akrim.indicators.catalogue import config, load
from akrim.store.engine import Store


@dataclass
class Entry:
    actor_type: str
    id: str
    score: float
    indicators: list[str]
    members: list[str]
    name: str | None = None
    regions: list[str] = field(default_factory=list)
    reasons: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"actor_type": self.actor_type, "id": self.id, "score": self.score,
                "indicators": self.indicators, "members": self.members}


def build_priority(store: Store) -> int:
    settings = config()
    scoring = settings["scoring"]
    params = {"person_share": float(scoring["person_share_of_company_score"]),
              "control_roles": list(scoring["control_roles"]),
              "weak_signals_to_enter": int(scoring["weak_signals_to_enter"]),
              "person_min_companies": int(scoring["person_min_companies"])}
    text = (files("akrim.scoring") / "sql" / "priority.sql").read_text(encoding="utf-8")
    with store.transaction():
        store.execute("CREATE OR REPLACE TEMP TABLE score_weight (indicator_id VARCHAR, "
                      "weight DOUBLE, agencies VARCHAR[], weak BOOLEAN)")
        store.execute_many("INSERT INTO score_weight VALUES (?, ?, ?, ?)",
                           [(i.id, i.weight, list(i.agencies), i.weak) for i in load()])
        store.execute("CREATE OR REPLACE TEMP TABLE score_region (fylke VARCHAR, region VARCHAR)")
        store.execute_many("INSERT INTO score_region VALUES (?, ?)", [
            (fylke, region) for region, counties in settings["regions"].items()
            for fylke in counties])
        store.run_script(text, params)
        _describe(store)
    return int(store.scalar("SELECT count(*) FROM priority"))


def _describe(store: Store) -> None:
    """Names, public ids, regions, industry groups and agencies for filtering and display."""
    store.execute("""
        CREATE OR REPLACE TABLE priority_entry AS
        WITH member_units AS (
            SELECT p.actor_type, p.id, m.member
            FROM priority p, unnest(CASE WHEN p.actor_type = 'company' THEN [p.id]
                                         ELSE p.members END) AS m(member)
        ), places AS (
            SELECT mu.actor_type, mu.id,
                   list(DISTINCT r.region) FILTER (WHERE r.region IS NOT NULL) AS regions,
                   list(DISTINCT g.group_name) FILTER (WHERE g.group_name IS NOT NULL)
                       AS industries
            FROM member_units mu
            LEFT JOIN ind_unit u ON u.organisasjonsnummer = mu.member
            LEFT JOIN score_region r ON r.fylke = left(u.kommunenummer, 2)
            LEFT JOIN ind_industry g ON starts_with(u.naeringskode1, g.prefix)
            GROUP BY ALL
        ), agencies AS (
            SELECT r.actor_type, r.id, list(DISTINCT a.agency) AS agencies,
                   list(DISTINCT r.indicator_id ORDER BY r.indicator_id) AS indicators
            FROM priority_reason r JOIN score_weight w USING (indicator_id),
                 unnest(w.agencies) AS a(agency)
            GROUP BY ALL
        )
        SELECT p.actor_type,
               CASE WHEN p.actor_type = 'person' AND NOT regexp_full_match(p.id, '[0-9]{11}')
                    THEN coalesce(lp.identifikatorer[1], p.id) ELSE p.id END AS id,
               p.id AS internal_id, p.score, p.members,
               coalesce(u.navn, nullif(concat_ws(' ', lp.fornavn, lp.etternavn), ''), cn.names)
                   AS name,
               coalesce(pl.regions, []) AS regions, coalesce(pl.industries, []) AS industries,
               coalesce(ag.agencies, []) AS agencies, coalesce(ag.indicators, []) AS indicators,
               -- ties: more distinct indicators first, then more evidence
               row_number() OVER (ORDER BY p.score DESC, len(ag.indicators) DESC NULLS LAST,
                                  ev.evidence DESC NULLS LAST, p.actor_type, p.id) AS rank
        FROM priority p
        LEFT JOIN ind_unit u ON p.actor_type = 'company' AND u.organisasjonsnummer = p.id
        LEFT JOIN link_person lp ON p.actor_type = 'person' AND lp.person_id = p.id
        LEFT JOIN places pl ON pl.actor_type = p.actor_type AND pl.id = p.id
        LEFT JOIN (SELECT actor_type, id, sum(evidence_rows) AS evidence FROM priority_reason
                   GROUP BY ALL) ev ON ev.actor_type = p.actor_type AND ev.id = p.id
        LEFT JOIN (
            SELECT p2.id, string_agg(coalesce(cu.navn, concat_ws(' ', cp.fornavn, cp.etternavn),
                                              m.member), ', ' ORDER BY m.n) AS names
            FROM priority p2, unnest(p2.members) WITH ORDINALITY AS m(member, n)
            LEFT JOIN ind_unit cu ON cu.organisasjonsnummer = m.member
            LEFT JOIN link_person cp ON cp.person_id = m.member
            WHERE p2.actor_type = 'cluster' GROUP BY p2.id) cn
          ON p.actor_type = 'cluster' AND cn.id = p.id
        LEFT JOIN agencies ag ON ag.actor_type = p.actor_type AND ag.id = p.id""")


def top(store: Store, n: int = 20, region: str | None = None, industry: str | None = None,
        agency: str | None = None, actor_type: str | None = None) -> list[Entry]:
    where, params = ["TRUE"], []
    if region:
        where.append("list_contains(regions, ?)")
        params.append(region)
    if industry:
        where.append("list_contains(industries, ?)")
        params.append(industry)
    if agency:
        where.append("list_contains(agencies, ?)")
        params.append(agency)
    if actor_type:
        where.append("actor_type = ?")
        params.append(actor_type)
    rows = store.rows(
        f"SELECT actor_type, id, score, indicators, members, name, regions, internal_id "
        f"FROM priority_entry WHERE {' AND '.join(where)} ORDER BY rank LIMIT ?",
        [*params, n])
    entries = [Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]
    internal = {(r[0], r[1]): r[7] for r in rows}
    for entry in entries:
        entry.reasons = reasons(store, entry.actor_type, internal[(entry.actor_type, entry.id)])
    return entries


def reasons(store: Store, actor_type: str, internal_id: str) -> list[dict[str, Any]]:
    rows = store.rows("""
        SELECT indicator_id, sum(weight) AS weight, sum(evidence_rows) AS evidence,
               list(DISTINCT via) AS via
        FROM priority_reason WHERE actor_type = ? AND id = ?
        GROUP BY indicator_id ORDER BY weight DESC, indicator_id""", [actor_type, internal_id])
    return [{"indicator": r[0], "weight": r[1], "evidence_rows": r[2], "via": r[3]}
            for r in rows]
