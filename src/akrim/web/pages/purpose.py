"""`/analyst/purpose`: the purpose stated before person-level data is shown (akrim.ops.policy).

The purpose is kept in the session and written with every audited read; it is asked again
after each sign-in."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from akrim.i18n import add_messages
from akrim.ops.db import audit
from akrim.ops.policy import GENERAL_PURPOSES
from akrim.web.auth import Analyst, csrf_checked, ops_engine, purpose_of, safe_next
from akrim.web.context import render

add_messages({
    "purpose.title": ("Formål", "Purpose"),
    "purpose.intro": ("Opplysninger om personer kan bare brukes til et bestemt formål i "
                      "a-krimsamarbeidet (a-kriminformasjonsforskriften). Oppgi formålet; det "
                      "lagres sammen med hver lesing i revisjonsloggen.",
                      "Data about persons may only be used for a stated purpose in the a-krim "
                      "cooperation (the a-krim information regulation). State it; it is stored "
                      "with every read in the audit log."),
    "purpose.prioritering": ("Felles oversikt og prioritering av sentrale trusselaktører",
                             "Joint overview and prioritisation of central threat actors"),
    "purpose.koblingskontroll": ("Kvalitetskontroll av personkobling (vurderingskøen)",
                                 "Quality control of person linkage (the review queue)"),
    "purpose.case": ("En sak, nummer:", "A case, number:"),
    "purpose.submit": ("Bruk dette formålet", "Use this purpose"),
    "purpose.current": ("Formål nå: {purpose}", "Purpose now: {purpose}"),
    "purpose.invalid": ("Velg et formål, eller skriv et saksnummer.",
                        "Choose a purpose, or write a case number."),
})

router = APIRouter(prefix="/analyst", include_in_schema=False)
_CASE = re.compile(r"\d{1,9}")


@router.get("/purpose")
def purpose_form(request: Request, user: Analyst, next: str | None = None) -> Response:
    return render(request, "purpose.html", {"next": safe_next(next), "purposes":
                                            GENERAL_PURPOSES, "current": purpose_of(request)})


@router.post("/purpose", dependencies=[Depends(csrf_checked)])
def state_purpose(request: Request, user: Analyst, purpose: Annotated[str, Form()] = "",
                  case: Annotated[str, Form()] = "",
                  next: Annotated[str | None, Form()] = None) -> Response:
    if purpose == "sak" and _CASE.fullmatch(case.strip()):
        stated = f"sak:{case.strip()}"
    elif purpose in GENERAL_PURPOSES:
        stated = purpose
    else:
        return render(request, "purpose.html", {"next": safe_next(next), "purposes":
                                                GENERAL_PURPOSES, "invalid": True,
                                                "current": purpose_of(request)}, 422)
    request.session["purpose"] = stated
    audit(ops_engine(request), "purpose", stated, purpose=stated, user=user.name)
    return RedirectResponse(safe_next(next), status_code=303)
