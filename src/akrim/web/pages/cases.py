"""The case pages: the list (`/analyst/cases`), opening a case on an actor
(`/analyst/cases/new?actor=ID`, from the priority list or a profile) and one case
(`/analyst/cases/{id}`) with its evidence, recommended instruments, the instruments applied,
notes, attachments, the timeline and the forms that change it (all POST with CSRF).

Every page that shows a case is audited as a read (a case names its actor and evidence); every
change is audited by the library (`akrim.cases`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from akrim.cases.attachments import MAX_BYTES, add_attachment, read_attachment
from akrim.cases.catalogue import AGENCIES, catalogue
from akrim.cases.evidence import evidence_of
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
from akrim.cases.money import NotAnAmount, format_oere, parse_kroner
from akrim.cases.read import list_cases
from akrim.cases.recommend import agencies_for
from akrim.i18n import t
from akrim.ids import InvalidIdentifier
from akrim.ids.actor import checked_actor_id
from akrim.indicators.catalogue import by_id
from akrim.scoring.explain import Explanation, explain
from akrim.web.analyst import analysed_store, audit_read
from akrim.web.auth import Analyst, csrf_checked, ops_engine
from akrim.web.context import lang_of, render, settings_of
from akrim.web.pages import cases_text  # noqa: F401  (registers the pages' messages)
from akrim.web.pages.cases_view import case_view
from akrim.web.problems import Problem

router = APIRouter(prefix="/analyst", include_in_schema=False)

_STATUS_OF_ERROR = {"case.unknown": 404, "case.attachment_missing": 404, "case.closed": 409,
                    "case.attachment_changed": 409}


def _problem(request: Request, error: CaseError) -> Problem:
    lang = lang_of(request)
    return Problem(_STATUS_OF_ERROR.get(error.key, 422), f"/problems/{error.key}",
                   t("cases.refused", lang), error.message(lang))


def _invalid(request: Request, detail: str) -> Problem:
    return Problem(422, "/problems/invalid-case-form", t("cases.refused", lang_of(request)),
                   detail)


def _back(case_id: int, anchor: str = "") -> Response:
    return RedirectResponse(f"/analyst/cases/{case_id}{anchor}", status_code=303)


@router.get("/cases")
def cases_page(request: Request, user: Analyst, status: str = "", agency: str = "") -> Response:
    if status not in ("", *STATUSES) or agency not in ("", *AGENCIES):
        raise _invalid(request, t("cases.bad_filter", lang_of(request),
                                  valid=", ".join(STATUSES + AGENCIES)))
    listed = list_cases(ops_engine(request), status or None, agency or None)
    audit_read(request, user, "cases", f"status={status}&agency={agency}")
    return render(request, "cases.html", {"cases": listed, "status": status, "agency": agency,
                                          "statuses": STATUSES, "agencies": AGENCIES})


def _explained(request: Request, actor: str) -> Explanation:
    lang = lang_of(request)
    try:
        actor_id = checked_actor_id(actor)
    except InvalidIdentifier as error:
        raise Problem(422, "/problems/invalid-identifier", t("profile.invalid", lang),
                      error.reason) from error
    with analysed_store(request) as store:
        found = explain(store, actor_id)
    if found is None:
        raise Problem(404, "/problems/unknown-actor", t("profile.unknown", lang),
                      t("profile.unknown_detail", lang, actor=actor_id))
    return found


@router.get("/cases/new")
def new_case_page(request: Request, user: Analyst, actor: str) -> Response:
    found = _explained(request, actor)
    audit_read(request, user, "case.new", f"{found.actor_type}:{found.id}")
    indicators = [r["indicator"] for r in found.reasons]
    return render(request, "case_new.html", {
        "e": found, "agencies": AGENCIES, "chosen": agencies_for(indicators),
        "indicator": by_id, "title": found.name or found.id,
        "open_cases": [c for c in list_cases(ops_engine(request), actor_id=found.id)
                       if c.status != "closed"]})


@router.post("/cases", dependencies=[Depends(csrf_checked)])
def open_case_form(request: Request, user: Analyst, actor: Annotated[str, Form()],
                   title: Annotated[str, Form()],
                   agencies: Annotated[list[str] | None, Form()] = None) -> Response:
    found = _explained(request, actor)
    try:
        case_id = open_case(ops_engine(request), found.actor_type, found.id, title,
                            agencies or [], evidence_of(found), user.name)
    except CaseError as error:
        raise _problem(request, error) from error
    return _back(case_id)


@router.get("/cases/{case_id}")
def case_page(request: Request, user: Analyst, case_id: int) -> Response:
    engine, lang = ops_engine(request), lang_of(request)
    try:
        view = case_view(engine, case_id, lang)
    except CaseError as error:
        raise _problem(request, error) from error
    audit_read(request, user, "case", f"case:{case_id}")
    return render(request, "case.html", {
        **view, "known": catalogue(),
        "next_statuses": NEXT[view["case"].summary.status], "agencies": AGENCIES,
        "indicator": by_id, "money": lambda oere: format_oere(oere, lang),
        "today": date.today().isoformat(), "max_bytes": MAX_BYTES})


@router.post("/cases/{case_id}/status", dependencies=[Depends(csrf_checked)])
def status_form(request: Request, user: Analyst, case_id: int,
                status: Annotated[str, Form()],
                outcome: Annotated[str, Form(max_length=4000)] = "") -> Response:
    try:
        change_status(ops_engine(request), case_id, status, user.name, outcome)
    except CaseError as error:
        raise _problem(request, error) from error
    return _back(case_id)


@router.post("/cases/{case_id}/agencies", dependencies=[Depends(csrf_checked)])
def agencies_form(request: Request, user: Analyst, case_id: int,
                  agencies: Annotated[list[str] | None, Form()] = None) -> Response:
    try:
        assign_agencies(ops_engine(request), case_id, agencies or [], user.name)
    except CaseError as error:
        raise _problem(request, error) from error
    return _back(case_id)


@router.post("/cases/{case_id}/notes", dependencies=[Depends(csrf_checked)])
def note_form(request: Request, user: Analyst, case_id: int,
              text: Annotated[str, Form(max_length=20000)]) -> Response:
    try:
        add_note(ops_engine(request), case_id, text, user.name)
    except CaseError as error:
        raise _problem(request, error) from error
    return _back(case_id, "#notes")


@router.post("/cases/{case_id}/instruments", dependencies=[Depends(csrf_checked)])
def instrument_form(request: Request, user: Analyst, case_id: int,
                    instrument: Annotated[str, Form()], applied_on: Annotated[str, Form()],
                    amount: Annotated[str, Form()] = "",
                    outcome: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """`instrument` is "agency/instrument id", as the form's choices pair them."""
    lang = lang_of(request)
    agency, _, instrument_id = instrument.partition("/")
    try:
        applied = date.fromisoformat(applied_on)
    except ValueError as error:
        raise _invalid(request, t("cases.bad_date", lang, value=applied_on)) from error
    try:
        oere = parse_kroner(amount, lang) if amount.strip() else None
    except NotAnAmount as error:
        raise _invalid(request, error.message(lang)) from error
    try:
        add_instrument(ops_engine(request), case_id, instrument_id, agency, applied, oere,
                       outcome, user.name)
    except CaseError as error:
        raise _problem(request, error) from error
    return _back(case_id, "#applied")


@router.post("/cases/{case_id}/attachments", dependencies=[Depends(csrf_checked)])
def attachment_form(request: Request, user: Analyst, case_id: int,
                    upload: Annotated[UploadFile, File()]) -> Response:
    content = upload.file.read(MAX_BYTES + 1)
    try:
        add_attachment(ops_engine(request), settings_of(request).data_dir, case_id,
                       upload.filename or "", content, user.name)
    except CaseError as error:
        raise _problem(request, error) from error
    return _back(case_id, "#attachments")


@router.get("/cases/{case_id}/attachments/{attachment_id}")
def attachment_download(request: Request, user: Analyst, case_id: int,
                        attachment_id: int) -> Response:
    try:
        name, content = read_attachment(ops_engine(request), settings_of(request).data_dir,
                                        case_id, attachment_id)
    except CaseError as error:
        raise _problem(request, error) from error
    audit_read(request, user, "case.attachment", f"case:{case_id}/{attachment_id}")
    return Response(content, media_type="application/octet-stream", headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff"})
