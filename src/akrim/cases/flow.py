"""Changing a case: open it on an actor with its indicator evidence, assign agencies, move it
along its status flow, add notes and applied instruments.

Every change writes a timeline event in the same transaction, and then an entry in the
hash-chained audit log (with the case as its purpose). A closed case is final: it refuses
further changes, so its outcome stays what was reported."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

from sqlalchemy import Connection, Engine, delete, insert, select, update

from akrim.cases.catalogue import AGENCIES, catalogue
from akrim.cases.evidence import Evidence
from akrim.errors import AkrimError
from akrim.i18n import add_messages
from akrim.ops.db import (
    audit,
    case_agency,
    case_event,
    case_evidence_link,
    case_file,
    case_instrument,
    case_note,
    now,
)

STATUSES = ("new", "under_assessment", "in_action", "closed")
NEXT: dict[str, tuple[str, ...]] = {
    "new": ("under_assessment", "closed"),
    "under_assessment": ("in_action", "closed"),
    "in_action": ("closed",),
    "closed": (),
}
"""Forward only; a case may close from any open state (an assessment that finds nothing to
act on closes it too)."""
MAX_TITLE = 200

add_messages({
    "case.unknown": ("Sak {case_id} finnes ikke.", "Case {case_id} does not exist."),
    "case.closed": ("Sak {case_id} er lukket og kan ikke endres.",
                    "Case {case_id} is closed and cannot be changed."),
    "case.bad_transition": ("En sak med status «{current}» kan ikke få status «{wanted}»; "
                            "gyldige: {valid}.",
                            "A case with status “{current}” cannot move to “{wanted}”; "
                            "valid: {valid}."),
    "case.outcome_needed": ("En sak lukkes med et utfall: skriv hva saken endte med.",
                            "A case is closed with an outcome: write what it came to."),
    "case.bad_title": ("Tittelen må ha 1 til {max} tegn.",
                       "The title must have 1 to {max} characters."),
    "case.bad_agency": ("Ukjent etat «{agency}»; gyldige: {valid}.",
                        "Unknown agency “{agency}”; valid: {valid}."),
    "case.no_agency": ("En sak må ha minst én etat.", "A case needs at least one agency."),
    "case.empty_note": ("Notatet er tomt.", "The note is empty."),
    "case.unknown_instrument": ("Ukjent virkemiddel «{instrument}».",
                                "Unknown instrument “{instrument}”."),
    "case.instrument_agency": ("{agency} kan ikke bruke virkemiddelet «{instrument}»; det kan: "
                               "{valid}.",
                               "{agency} cannot apply the instrument “{instrument}”; these "
                               "can: {valid}."),
    "case.no_amount": ("Virkemiddelet «{instrument}» har ikke noe beløp (bare bøter, krav og "
                       "beslag har det).",
                       "The instrument “{instrument}” has no amount (only fines, claims and "
                       "seizures have one)."),
    "case.negative_amount": ("Beløpet kan ikke være negativt.",
                             "The amount cannot be negative."),
})


class CaseError(AkrimError):
    """A change the case refuses; `key` says why."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key  # type: ignore[misc]  # one class, several messages
        super().__init__(**values)


def record_event(con: Connection, case_id: int, user: str, kind: str, detail: str | None) -> None:
    con.execute(insert(case_event).values(case_id=case_id, at=now(), made_by=user, kind=kind,
                                          detail=detail))


def _status(con: Connection, case_id: int) -> str:
    """The case's status; raises CaseError when it does not exist."""
    status = con.execute(select(case_file.c.status).where(case_file.c.id == case_id)).scalar()
    if status is None:
        raise CaseError("case.unknown", case_id=case_id)
    return str(status)


def require_open(con: Connection, case_id: int) -> str:
    status = _status(con, case_id)
    if status == "closed":
        raise CaseError("case.closed", case_id=case_id)
    return status


def _checked_agencies(agencies: Iterable[str]) -> list[str]:
    chosen = sorted(set(agencies))
    for agency in chosen:
        if agency not in AGENCIES:
            raise CaseError("case.bad_agency", agency=agency, valid=", ".join(AGENCIES))
    if not chosen:
        raise CaseError("case.no_agency")
    return chosen


def open_case(engine: Engine, actor_type: str, actor_id: str, title: str,
              agencies: Iterable[str], evidence: Iterable[Evidence], user: str) -> int:
    """A new case on the actor, its evidence linked; returns its id."""
    title = title.strip()
    if not 0 < len(title) <= MAX_TITLE:
        raise CaseError("case.bad_title", max=MAX_TITLE)
    chosen = _checked_agencies(agencies)
    with engine.begin() as con:
        case_id = int(con.execute(insert(case_file).values(
            title=title, actor_type=actor_type, actor_id=actor_id, opened_by=user,
            opened_at=now(), status="new").returning(case_file.c.id)).scalar_one())
        con.execute(insert(case_agency), [{"case_id": case_id, "agency": a} for a in chosen])
        links = [{"case_id": case_id, **asdict(e)} for e in evidence]
        if links:
            con.execute(insert(case_evidence_link), links)
        record_event(con, case_id, user, "opened", f"{actor_type} {actor_id}")
        record_event(con, case_id, user, "agencies", ", ".join(chosen))
    audit(engine, "case.open", f"{actor_type}:{actor_id}", f"sak:{case_id}", user)
    return case_id


def assign_agencies(engine: Engine, case_id: int, agencies: Iterable[str], user: str) -> None:
    """The case's agencies become `agencies` (at least one)."""
    chosen = _checked_agencies(agencies)
    with engine.begin() as con:
        require_open(con, case_id)
        con.execute(delete(case_agency).where(case_agency.c.case_id == case_id))
        con.execute(insert(case_agency), [{"case_id": case_id, "agency": a} for a in chosen])
        record_event(con, case_id, user, "agencies", ", ".join(chosen))
    audit(engine, "case.agencies", f"case:{case_id}", f"sak:{case_id}", user)


def _move(con: Connection, case_id: int, current: str, wanted: str, user: str,
          outcome: str | None = None) -> None:
    if wanted not in NEXT[current]:
        raise CaseError("case.bad_transition", current=current, wanted=wanted,
                        valid=", ".join(NEXT[current]) or "-")
    closing = wanted == "closed"
    con.execute(update(case_file).where(case_file.c.id == case_id).values(
        status=wanted, outcome=outcome if closing else None,
        closed_at=now() if closing else None))
    record_event(con, case_id, user, "status", f"{current} → {wanted}")
    if closing:
        record_event(con, case_id, user, "outcome", outcome)


def change_status(engine: Engine, case_id: int, status: str, user: str,
                  outcome: str | None = None) -> None:
    """Move the case to `status`: the next step of its flow, or closed with an outcome."""
    outcome = (outcome or "").strip() or None
    if status == "closed" and outcome is None:
        raise CaseError("case.outcome_needed")
    with engine.begin() as con:
        _move(con, case_id, _status(con, case_id), status, user, outcome)
    audit(engine, f"case.{status}", f"case:{case_id}", f"sak:{case_id}", user)


def add_note(engine: Engine, case_id: int, text: str, user: str) -> None:
    text = text.strip()
    if not text:
        raise CaseError("case.empty_note")
    with engine.begin() as con:
        require_open(con, case_id)
        note_id = con.execute(insert(case_note).values(
            case_id=case_id, text=text, written_by=user, written_at=now())
            .returning(case_note.c.id)).scalar_one()
        record_event(con, case_id, user, "note", f"#{note_id}")
    audit(engine, "case.note", f"case:{case_id}", f"sak:{case_id}", user)


def add_instrument(engine: Engine, case_id: int, instrument_id: str, agency: str,
                   applied_on: date, amount_oere: int | None, outcome: str | None,
                   user: str) -> None:
    """Record an instrument an agency applied. The case is in action from then on: one not yet
    there moves to `in_action` (the timeline says so)."""
    try:
        instrument = catalogue().instrument(instrument_id)
    except KeyError as error:
        raise CaseError("case.unknown_instrument", instrument=instrument_id) from error
    if agency not in instrument.agencies:
        raise CaseError("case.instrument_agency", agency=agency, instrument=instrument_id,
                        valid=", ".join(instrument.agencies))
    if amount_oere is not None and not instrument.money:
        raise CaseError("case.no_amount", instrument=instrument_id)
    if amount_oere is not None and amount_oere < 0:
        raise CaseError("case.negative_amount")
    with engine.begin() as con:
        status = require_open(con, case_id)
        if status == "new":
            _move(con, case_id, status, "under_assessment", user)
            status = "under_assessment"
        if status == "under_assessment":
            _move(con, case_id, status, "in_action", user)
        con.execute(insert(case_instrument).values(
            case_id=case_id, instrument_id=instrument_id, agency=agency, applied_on=applied_on,
            amount_oere=amount_oere, outcome=(outcome or "").strip() or None,
            recorded_by=user, recorded_at=now()))
        record_event(con, case_id, user, "instrument", f"{instrument_id} ({agency}, {applied_on})")
    audit(engine, "case.instrument", f"case:{case_id}", f"sak:{case_id}", user)
