"""What the API and the pages share: the user's language, the store, and the two checks.

The checks read the data directory's public serving file (`akrim-public.sqlite`, published by
`akrim ingest` and at `akrim serve`'s start; see akrim.seriousness.serving): SQLite answers
the check's point reads in about a millisecond, DuckDB in tens (design.md: about 1,300 req/s,
p99 115 ms). Only when no serving file has been published do they read the DuckDB store,
opened read-only for the request and closed after it (no lock held between requests). Each
thread keeps its connection to the serving file, and opens the new one when a publish has
renamed one over it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.templating import Jinja2Templates

from akrim.errors import AkrimError
from akrim.i18n import Lang, t
from akrim.ids import InvalidIdentifier, validate_orgnr
from akrim.seriousness import (
    SeriousnessReport,
    SupplierFileError,
    check,
    check_many,
    read_suppliers_csv,
    write_report_csv,
)
from akrim.seriousness.check import Source
from akrim.seriousness.serving import connection, public_file
from akrim.settings import Settings
from akrim.store.access import Need, open_store
from akrim.store.engine import Store
from akrim.web import problems

LANG_COOKIE = "akrim_lang"
MAX_UPLOAD_BYTES = 2_000_000
"""A supplier file larger than this is refused (about 100,000 numbers): one request must not
hold the store for minutes."""

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def lang_of(request: Request) -> Lang:
    """`?lang=` first, then the cookie a page set, then the app's setting."""
    for asked in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if asked in ("nb", "en"):
            return "en" if asked == "en" else "nb"
    return settings_of(request).lang


def render(request: Request, name: str, context: dict[str, Any], status: int = 200
           ) -> Response:
    """A page in the user's language; `?lang=` is remembered in a cookie."""
    lang = lang_of(request)
    other: Lang = "en" if lang == "nb" else "nb"
    toggle = request.url.include_query_params(lang=other)
    response = templates.TemplateResponse(request, name, {
        **context, "lang": lang, "t": lambda key, **values: t(key, lang, **values),
        "other_lang": other,
        "other_url": f"{toggle.path}?{toggle.query}",
    }, status_code=status)
    if request.query_params.get("lang") == lang:
        response.set_cookie(LANG_COOKIE, lang, samesite="lax", httponly=True)
    return response


@contextmanager
def public_source(request: Request) -> Iterator[Source]:
    """The data directory's serving file; without one, its store read-only; a 503 problem when
    there is neither to read."""
    settings = settings_of(request)
    served = connection(public_file(settings.data_dir))
    if served is not None:
        yield served  # kept open for the thread's next request
        return
    with request_store(request, "loaded") as store:
        yield store


@contextmanager
def request_store(request: Request, need: Need) -> Iterator[Store]:
    """The store, read-only, for one request; a 503 problem saying what is missing (no store,
    or a step that has not run)."""
    try:
        store = open_store(settings_of(request), need)
    except AkrimError as error:
        raise problems.store_unavailable(error, lang_of(request)) from error
    try:
        yield store
    finally:
        store.close()


def report_for(request: Request, orgnr: str) -> SeriousnessReport:
    """The public check of `orgnr`: a 422 problem naming the failed check of a bad number, a
    404 problem for a number Enhetsregisteret (as loaded) does not know."""
    lang = lang_of(request)
    try:
        number = validate_orgnr(orgnr, allow_synthetic=settings_of(request).synthetic)
    except InvalidIdentifier as error:
        raise problems.invalid_orgnr(error, lang) from error
    with public_source(request) as source:
        report = check(source, number)
    if report is None:
        raise problems.unknown_unit(number, lang)
    return report


async def report_async(request: Request, orgnr: str) -> SeriousnessReport:
    """`report_for` for an async route: on the event loop when the serving file is published
    (a check there costs about 0.3 ms of CPU, less than handing it to a worker thread: the
    server's CPU a request fell from 2.4 to 1.4 ms), in a worker thread when it must read the
    store (tens of ms)."""
    if public_file(settings_of(request).data_dir).is_file():
        return report_for(request, orgnr)
    return await run_in_threadpool(report_for, request, orgnr)


@dataclass(frozen=True)
class BatchResult:
    suppliers: int
    bad: int
    csv: str
    """`write_report_csv`'s file: the download, and the rows the page shows."""


def batch_for(request: Request, upload: BinaryIO, filename: str) -> BatchResult:
    """The batch check of an uploaded supplier file; a 400 problem when the file as a whole
    cannot be read (too large, not UTF-8, no organisation-number column)."""
    lang = lang_of(request)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    try:
        if len(data) > MAX_UPLOAD_BYTES:
            raise SupplierFileError(filename, f"larger than {MAX_UPLOAD_BYTES} bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SupplierFileError(filename, f"not UTF-8 text ({error.reason} at byte "
                                              f"{error.start})") from error
        suppliers = read_suppliers_csv(text)
    except SupplierFileError as error:
        raise problems.invalid_file(f"{filename}: {error.reason}", lang) from error
    with public_source(request) as source:
        results = check_many(source, suppliers.orgnrs)
    out = io.StringIO()
    write_report_csv(out, results, suppliers.bad)
    return BatchResult(len(suppliers.suppliers), len(suppliers.bad), out.getvalue())
