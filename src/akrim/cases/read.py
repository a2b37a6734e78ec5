"""Reading cases: the list (filtered by status and agency) and one case whole, with its
timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Row, select

from akrim.cases.flow import CaseError
from akrim.ops.db import (
    case_agency,
    case_attachment,
    case_event,
    case_evidence_link,
    case_file,
    case_instrument,
    case_note,
)


@dataclass(frozen=True)
class CaseSummary:
    id: int
    title: str
    actor_type: str
    actor_id: str
    status: str
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None
    outcome: str | None
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class AppliedInstrument:
    instrument_id: str
    agency: str
    applied_on: date
    amount_oere: int | None
    outcome: str | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class CaseFile:
    summary: CaseSummary
    notes: list[dict[str, Any]]
    attachments: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    instruments: list[AppliedInstrument]
    timeline: list[dict[str, Any]]
    """Every change, oldest first: at, made_by, kind, detail."""

    @property
    def indicators(self) -> list[str]:
        """The indicators of its evidence, each once, in order."""
        return sorted({e["indicator_id"] for e in self.evidence})


def _summary(row: Row[Any], agencies: tuple[str, ...]) -> CaseSummary:
    return CaseSummary(row.id, row.title, row.actor_type, row.actor_id, row.status,
                       row.opened_by, row.opened_at, row.closed_at, row.outcome, agencies)


def _agencies(engine: Engine, case_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {case_id: [] for case_id in case_ids}
    with engine.connect() as con:
        for row in con.execute(select(case_agency).where(case_agency.c.case_id.in_(case_ids))
                               .order_by(case_agency.c.agency)):
            found[row.case_id].append(row.agency)
    return {case_id: tuple(agencies) for case_id, agencies in found.items()}


def list_cases(engine: Engine, status: str | None = None, agency: str | None = None,
               actor_id: str | None = None) -> list[CaseSummary]:
    """The cases, newest first, of this status, agency and actor (None: any)."""
    query = select(case_file).order_by(case_file.c.id.desc())
    if status:
        query = query.where(case_file.c.status == status)
    if actor_id:
        query = query.where(case_file.c.actor_id == actor_id)
    if agency:
        query = query.where(case_file.c.id.in_(
            select(case_agency.c.case_id).where(case_agency.c.agency == agency)))
    with engine.connect() as con:
        rows = con.execute(query).all()
    agencies = _agencies(engine, [row.id for row in rows])
    return [_summary(row, agencies[row.id]) for row in rows]


def _dicts(engine: Engine, table: Any, case_id: int) -> list[dict[str, Any]]:
    with engine.connect() as con:
        return [dict(row._mapping) for row in con.execute(
            select(table).where(table.c.case_id == case_id).order_by(table.c.id))]


def get_case(engine: Engine, case_id: int) -> CaseFile:
    """The case whole; raises CaseError when it does not exist."""
    with engine.connect() as con:
        row = con.execute(select(case_file).where(case_file.c.id == case_id)).first()
    if row is None:
        raise CaseError("case.unknown", case_id=case_id)
    instruments = [AppliedInstrument(r["instrument_id"], r["agency"], r["applied_on"],
                                     r["amount_oere"], r["outcome"], r["recorded_by"],
                                     r["recorded_at"])
                   for r in _dicts(engine, case_instrument, case_id)]
    return CaseFile(_summary(row, _agencies(engine, [case_id])[case_id]),
                    _dicts(engine, case_note, case_id), _dicts(engine, case_attachment, case_id),
                    _dicts(engine, case_evidence_link, case_id), instruments,
                    _dicts(engine, case_event, case_id))
