"""Read one actor's profile from the store (the analytical store, after `akrim analyse`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akrim.scoring.explain import Explanation, explain
from akrim.store.engine import Store, named_statements

_SQL = named_statements((Path(__file__).parent / "profile.sql").read_text())

Row = dict[str, Any]


def _dicts(store: Store, name: str, params: dict[str, Any]) -> list[Row]:
    sql = _SQL[name]
    code = re.sub(r"--[^\n]*", "", sql)  # a $name in a comment is not a parameter
    used = {k: v for k, v in params.items() if f"${k}" in code}
    result = store.execute(sql, used)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


@dataclass(frozen=True)
class Profile:
    kind: str
    """company, person or cluster"""
    id: str
    node_id: str | None
    """The actor's node in the network (none for a cluster, which is a set of nodes)."""
    name: str | None
    explanation: Explanation
    history: list[Row] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)
    employments: list[Row] = field(default_factory=list)
    employees_per_month: list[Row] = field(default_factory=list)
    underenheter: list[Row] = field(default_factory=list)
    legal_unit: Row | None = None
    identity: Row | None = None
    addresses: list[Row] = field(default_factory=list)

    @property
    def shows_persons(self) -> bool:
        """Whether the profile holds person-level data (its read must be audited)."""
        return self.kind != "company" or bool(self.roles or self.employments)


def _with_holders(store: Store, found: Explanation) -> None:
    """Name the receiving agency of each tip in the evidence (`holder`), for the access policy."""
    keys = [row["source_key"] for row in found.evidence if row["source_table"] == "tips"]
    holders = dict(store.rows(_SQL["tip_holders"], {"keys": keys})) if keys else {}
    for row in found.evidence:
        row["holder"] = holders.get(row["source_key"]) if row["source_table"] == "tips" else None


def profile(store: Store, actor: str) -> Profile | None:
    """The profile of a company (organisation number), person (person id or any of its numbers)
    or cluster id; None when akrim does not know the actor."""
    found = explain(store, actor)
    if found is None:
        return None
    _with_holders(store, found)
    kind, internal = found.actor_type, found.internal_id
    if kind == "cluster":
        return Profile(kind, found.id, None, found.name, found)
    node = f"o:{internal}" if kind == "company" else f"p:{internal}"
    params = {"node": node, "orgnr": internal, "person": internal}
    roles, employments = _dicts(store, "roles", params), _dicts(store, "employments", params)
    addresses = _dicts(store, "addresses", params)
    if kind == "company":
        legal = _dicts(store, "legal_unit", params)
        return Profile(kind, internal, node, found.name, found,
                       history=_dicts(store, "company_history", params),
                       employees_per_month=_dicts(store, "employees_per_month", params),
                       underenheter=_dicts(store, "underenheter", params),
                       legal_unit=legal[0] if legal else None, roles=roles,
                       employments=employments, addresses=addresses)
    identity = _dicts(store, "person_identity", params)
    name = found.name or (" ".join(filter(None, (identity[0]["fornavn"],
                                                 identity[0]["etternavn"])))
                          if identity else None)
    return Profile(kind, internal, node, name, found,
                   history=_dicts(store, "person_history", params),
                   identity=identity[0] if identity else None, roles=roles,
                   employments=employments, addresses=addresses)
