"""One case as its page shows it: the case, its recommendations, the instrument choices of
the record form (recommended first) and the timeline in the reader's words."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from akrim.cases.catalogue import AGENCIES, catalogue
from akrim.cases.read import CaseFile, get_case
from akrim.cases.recommend import Recommendations, recommend_instruments
from akrim.i18n import Lang, t

Choice = tuple[str, str, bool]
"""The form value ("agency/instrument"), its label, and whether it is recommended."""


def _choices(recommended: Recommendations, lang: Lang) -> list[tuple[str, list[Choice]]]:
    """Per agency, every instrument it can apply: the recommended ones first, fastest first."""
    known = catalogue()
    ours = {(agency, r.instrument.id) for agency, listed in recommended.by_agency
            for r in listed}
    out = []
    for agency in AGENCIES:
        usable = [i for i in known.instruments if agency in i.agencies]
        usable.sort(key=lambda i: ((agency, i.id) not in ours, known.speed_rank(i.speed),
                                   i.text(lang)))
        out.append((agency, [(f"{agency}/{i.id}", i.text(lang), (agency, i.id) in ours)
                             for i in usable]))
    return out


def _what(kind: str, detail: str | None, lang: Lang) -> str:
    """A timeline event's detail in words: statuses and instruments named, not coded."""
    if detail is None:
        return ""
    if kind == "status":
        return " → ".join(t(f"cases.status.{s}", lang) for s in detail.split(" → "))
    if kind == "instrument":
        instrument_id, _, rest = detail.partition(" ")
        try:
            return f"{catalogue().instrument(instrument_id).text(lang)} {rest}"
        except KeyError:  # an instrument since taken out of the catalogue keeps its id
            return detail
    return detail


def case_view(engine: Engine, case_id: int, lang: Lang) -> dict[str, Any]:
    case: CaseFile = get_case(engine, case_id)
    recommended = recommend_instruments(case)
    return {"case": case, "recommended": recommended,
            "choices": _choices(recommended, lang),
            "timeline": [(e["at"], e["made_by"], t(f"cases.event.{e['kind']}", lang),
                          _what(e["kind"], e["detail"], lang)) for e in case.timeline]}
