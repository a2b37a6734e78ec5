"""The seriousness check's pages: the form, one unit's facts, and the batch upload.

Plain HTML forms that work without JavaScript; the batch result's download is a `data:` link
to the same CSV the table is read from, so the page and the file cannot disagree and nothing
uploaded is kept on the server.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from akrim.web.context import batch_for, render, report_for

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/seriousness", status_code=307)


@router.get("/seriousness")
def form(request: Request, orgnr: str | None = None) -> Response:
    """The form; a number given in it is checked on the result page's address."""
    if orgnr:
        return RedirectResponse(f"/seriousness/{quote(orgnr.strip(), safe='')}",
                                status_code=303)
    return render(request, "seriousness.html", {})


@router.get("/seriousness/batch")
def batch_form(request: Request) -> Response:
    return render(request, "batch.html", {})


@router.post("/seriousness/batch")
def batch(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    result = batch_for(request, file.file, file.filename or "upload.csv")
    return render(request, "batch.html", {
        "result": result, "rows": list(csv.DictReader(io.StringIO(result.csv))),
        "csv_url": "data:text/csv;charset=utf-8," + quote(result.csv)})


@router.get("/seriousness/{orgnr}")
def result(request: Request, orgnr: str) -> Response:
    return render(request, "report.html", {"report": report_for(request, orgnr)})
