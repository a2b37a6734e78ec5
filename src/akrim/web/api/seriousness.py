"""`/api/v1/seriousness`: the public seriousness check as JSON, and the batch check as CSV.

The response models list every field there is: a report carries only the library's public
facts and advice, never a score (tests/web/test_api.py checks the keys of every response).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from akrim.i18n import Lang
from akrim.seriousness import SeriousnessReport, State
from akrim.web.context import batch_for, lang_of, report_async
from akrim.web.problems import problem_responses

router = APIRouter(prefix="/api/v1/seriousness", tags=["seriousness"])

OrgnrPath = Annotated[str, Path(
    description="The organisation number: nine digits (spaces allowed), the last a mod-11 "
                "check digit. A wrong one is answered with 422 naming the check.",
    openapi_examples={"brreg": {"summary": "Brønnøysundregistrene", "value": "974760673"}})]
LangQuery = Annotated[Literal["nb", "en"] | None,
                      Query(description="Language of the texts: nb (default) or en.")]


class FactOut(BaseModel):
    key: str
    state: State
    """ok, not_ok, or unknown (insufficient data: never shown as ok)"""
    text: str
    source_register: str
    source_date: dt.date | None


class AdviceOut(BaseModel):
    key: str
    text: str


class ReportOut(BaseModel):
    orgnr: str
    name: str | None
    lang: Lang
    facts: list[FactOut]
    advice: list[AdviceOut]

    @classmethod
    def of(cls, report: SeriousnessReport, lang: Lang) -> ReportOut:
        return cls(
            orgnr=report.orgnr, name=report.name, lang=lang,
            facts=[FactOut(key=f.key, state=f.state,
                           text=f.text_en if lang == "en" else f.text_nb,
                           source_register=f.source_register, source_date=f.source_date)
                   for f in report.facts],
            advice=[AdviceOut(key=a.key, text=a.text_en if lang == "en" else a.text_nb)
                    for a in report.advice])


# /batch before /{orgnr}: Starlette answers a wrong method (OPTIONS /batch) with the first
# route whose path matches, and its Allow header must name POST, not GET.
@router.post("/batch", response_class=Response, responses={
    200: {"content": {"text/csv": {}}, "description": "One row per fact of each supplier"},
    **problem_responses(400, 422, 429, 503)})
def batch(request: Request, file: Annotated[UploadFile, File(
        description="CSV with a column organisasjonsnummer (or orgnr), or one number a line")]
          ) -> Response:
    """The public facts of every supplier in a CSV file, as CSV (`orgnr, name, fact, state,
    text_nb, text_en, source_register, source_date`); bad lines come back as `input` rows."""
    result = batch_for(request, file.file, file.filename or "upload.csv")
    return Response(result.csv, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="seriousness.csv"'})


@router.get("/{orgnr}", responses=problem_responses(404, 422, 429, 503))
async def seriousness(orgnr: OrgnrPath, request: Request, lang: LangQuery = None) -> ReportOut:
    """The public facts about one unit (each OK, not OK or not known, with its register and
    date) and what a buyer should ask the supplier for."""
    del lang  # lang_of reads it (and the cookie); declared for the OpenAPI document
    return ReportOut.of(await report_async(request, orgnr), lang_of(request))
