"""A case's life: opened with its evidence, agencies assigned, moved along its status flow
(invalid moves refused with the reason), instruments recorded, closed with an outcome; every
change on the timeline and in the audit log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select

from akrim.cases.evidence import Evidence
from akrim.cases.flow import (
    NEXT,
    STATUSES,
    CaseError,
    add_instrument,
    add_note,
    assign_agencies,
    change_status,
    open_case,
)
from akrim.cases.read import get_case, list_cases
from akrim.ops.audit import verify
from akrim.ops.db import audit_log

HITS = [Evidence("IND-01", "912345678", "amelding_inntekt:42", "2025-11", "pay 120 kr/h"),
        Evidence("IND-06", "p:P1", "priority_reason")]


def opened(engine: Engine, agencies: tuple[str, ...] = ("arbeidstilsynet",)) -> int:
    return open_case(engine, "company", "912345678", "Bygg AS", agencies, HITS, "kari")


def test_a_case_is_opened_with_its_evidence_agencies_and_timeline(engine: Engine) -> None:
    case_id = opened(engine, ("skatteetaten", "arbeidstilsynet"))
    case = get_case(engine, case_id)
    assert case.summary.status == "new" and case.summary.opened_by == "kari"
    assert case.summary.agencies == ("arbeidstilsynet", "skatteetaten")
    assert [(e["indicator_id"], e["actor_id"], e["reference"]) for e in case.evidence] == [
        ("IND-01", "912345678", "amelding_inntekt:42"), ("IND-06", "p:P1", "priority_reason")]
    assert case.indicators == ["IND-01", "IND-06"]
    assert [e["kind"] for e in case.timeline] == ["opened", "agencies"]
    with engine.connect() as con:
        entry = con.execute(select(audit_log).order_by(audit_log.c.id.desc())).first()
    assert entry is not None
    assert (entry.action, entry.purpose, entry.user_name) == ("case.open", f"sak:{case_id}",
                                                              "kari")


def test_the_status_flow_runs_forward_to_closed_with_an_outcome(engine: Engine) -> None:
    case_id = opened(engine)
    for status in ("under_assessment", "in_action"):
        change_status(engine, case_id, status, "ola")
    change_status(engine, case_id, "closed", "ola", outcome="  Stanset, bot ilagt ")
    case = get_case(engine, case_id)
    assert case.summary.status == "closed" and case.summary.outcome == "Stanset, bot ilagt"
    assert case.summary.closed_at is not None
    assert [e["detail"] for e in case.timeline if e["kind"] == "status"] == [
        "new → under_assessment", "under_assessment → in_action", "in_action → closed"]
    assert verify(engine).intact


@pytest.mark.parametrize(("current", "wanted"), [
    (current, wanted) for current in STATUSES for wanted in STATUSES
    if wanted not in NEXT[current]])
def test_a_move_off_the_flow_is_refused_and_changes_nothing(
        engine: Engine, current: str, wanted: str) -> None:
    case_id = opened(engine)
    path = {"new": [], "under_assessment": ["under_assessment"],
            "in_action": ["under_assessment", "in_action"],
            "closed": ["closed"]}[current]
    for status in path:
        change_status(engine, case_id, status, "ola", outcome="done")
    events = len(get_case(engine, case_id).timeline)
    with pytest.raises(CaseError) as refused:
        change_status(engine, case_id, wanted, "ola", outcome="done")
    assert refused.value.key == "case.bad_transition"
    assert f"«{current}»" in refused.value.message() and wanted in refused.value.message()
    after = get_case(engine, case_id)
    assert after.summary.status == current and len(after.timeline) == events


def test_closing_needs_an_outcome_and_a_closed_case_refuses_changes(engine: Engine) -> None:
    case_id = opened(engine)
    with pytest.raises(CaseError) as refused:
        change_status(engine, case_id, "closed", "ola", outcome="   ")
    assert refused.value.key == "case.outcome_needed"
    change_status(engine, case_id, "closed", "ola", outcome="Ingen funn")
    for change in (lambda: add_note(engine, case_id, "more", "ola"),
                   lambda: assign_agencies(engine, case_id, ["nav"], "ola"),
                   lambda: add_instrument(engine, case_id, "bot", "politiet", date(2026, 1, 5),
                                          None, None, "ola")):
        with pytest.raises(CaseError) as closed:
            change()
        assert closed.value.key == "case.closed"


def test_an_instrument_puts_the_case_in_action_with_its_amount(engine: Engine) -> None:
    case_id = opened(engine)
    add_instrument(engine, case_id, "bot", "politiet", date(2026, 1, 5), 2_500_000,
                   "Forelegg vedtatt", "ola")
    case = get_case(engine, case_id)
    assert case.summary.status == "in_action"
    [applied] = case.instruments
    assert (applied.instrument_id, applied.agency, applied.applied_on, applied.amount_oere,
            applied.outcome) == ("bot", "politiet", date(2026, 1, 5), 2_500_000,
                                 "Forelegg vedtatt")
    assert [e["kind"] for e in case.timeline][-3:] == ["status", "status", "instrument"]


@pytest.mark.parametrize(("instrument", "agency", "amount", "key"), [
    ("no_such_thing", "politiet", None, "case.unknown_instrument"),
    ("bot", "nav", None, "case.instrument_agency"),
    ("stans_fare", "arbeidstilsynet", 100, "case.no_amount"),
    ("bot", "politiet", -1, "case.negative_amount"),
])
def test_a_wrong_instrument_record_is_refused(engine: Engine, instrument: str, agency: str,
                                              amount: int | None, key: str) -> None:
    case_id = opened(engine)
    with pytest.raises(CaseError) as refused:
        add_instrument(engine, case_id, instrument, agency, date(2026, 1, 5), amount, None,
                       "ola")
    assert refused.value.key == key
    assert get_case(engine, case_id).instruments == []


def test_agencies_are_checked_and_replaced(engine: Engine) -> None:
    with pytest.raises(CaseError) as unknown:
        opened(engine, ("tolletaten",))
    assert unknown.value.key == "case.bad_agency" and "tolletaten" in unknown.value.message()
    with pytest.raises(CaseError) as none:
        opened(engine, ())
    assert none.value.key == "case.no_agency"
    case_id = opened(engine)
    assign_agencies(engine, case_id, ["nav", "politiet"], "ola")
    assert get_case(engine, case_id).summary.agencies == ("nav", "politiet")


def test_notes_and_the_list_filtered_by_status_and_agency(engine: Engine) -> None:
    first = opened(engine, ("nav",))
    second = opened(engine, ("politiet",))
    add_note(engine, first, "  Ringte daglig leder  ", "ola")
    with pytest.raises(CaseError):
        add_note(engine, first, "   ", "ola")
    change_status(engine, second, "under_assessment", "ola")
    assert [n["text"] for n in get_case(engine, first).notes] == ["Ringte daglig leder"]
    assert [c.id for c in list_cases(engine)] == [second, first]
    assert [c.id for c in list_cases(engine, status="new")] == [first]
    assert [c.id for c in list_cases(engine, agency="politiet")] == [second]
    assert list_cases(engine, status="new", agency="politiet") == []
    with pytest.raises(CaseError) as missing:
        get_case(engine, 999)
    assert missing.value.key == "case.unknown"
