"""The evidence a case rests on: an actor's indicator hits, as the explanation of its rank
(`akrim.scoring.explain`) gives them."""

from __future__ import annotations

from dataclasses import dataclass

from akrim.scoring.explain import Explanation


@dataclass(frozen=True)
class Evidence:
    """One indicator hit: the indicator, the actor it was found on, and where in the analytical
    store (table and key) the evidence is."""

    indicator_id: str
    actor_id: str
    reference: str | None = None
    period: str | None = None
    detail: str | None = None


def evidence_of(explanation: Explanation) -> list[Evidence]:
    """The actor's indicator hits as case evidence: each evidence row, and each indicator
    among its reasons that has no row (the evidence list of a large actor is cut)."""
    rows = [Evidence(str(e["indicator"]), str(e["actor_id"]),
                     f"{e['source_table']}:{e['source_key']}" if e.get("source_table") else None,
                     str(e["period"]) if e.get("period") else None,
                     str(e["detail"]) if e.get("detail") else None)
            for e in explanation.evidence]
    shown = {e.indicator_id for e in rows}
    rows += [Evidence(str(r["indicator"]), explanation.internal_id, "priority_reason")
             for r in explanation.reasons if r["indicator"] not in shown]
    return rows
