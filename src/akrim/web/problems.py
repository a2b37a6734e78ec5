"""Errors as RFC 9457 problem details: one exception for every route, two renderings.

An API route's problem is `application/problem+json` with type, title, status and detail; a
page's is the error page in the user's language with the same status. The detail is a sentence
a person can act on (it names the failed check, the unknown number, the missing store).
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from akrim.errors import AkrimError
from akrim.i18n import Lang, t
from akrim.ids import InvalidIdentifier

PROBLEM_JSON = "application/problem+json"


@dataclass  # not frozen: Starlette sets __traceback__ on the exception it handles
class Problem(Exception):
    status: int
    type: str
    """A relative URI naming the kind of problem: /problems/invalid-orgnr, ..."""
    title: str
    detail: str
    headers: dict[str, str] | None = None
    """Headers the answer must carry: `Allow` on a 405 (RFC 9110)."""

    def body(self) -> dict[str, object]:
        return {"type": self.type, "title": self.title, "status": self.status,
                "detail": self.detail}


class ProblemModel(BaseModel):
    """The problem document, for the OpenAPI description."""

    type: str
    title: str
    status: int
    detail: str


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that can answer with these problems. The schema is inline:
    FastAPI would list a `model` under the route's own media type (application/json), and a
    problem is application/problem+json only."""
    content = {PROBLEM_JSON: {"schema": ProblemModel.model_json_schema()}}
    return {status: {"description": HTTPStatus(status).phrase, "content": content}
            for status in statuses}


def invalid_orgnr(error: InvalidIdentifier, lang: Lang) -> Problem:
    """422, as the API's contract (issue 18) has it: the request is well formed, the number in
    it fails its check; the detail names the check (length, digits, mod-11)."""
    return Problem(422, "/problems/invalid-orgnr", t("web.invalid_orgnr", lang),
                   error.message(lang))


def unknown_unit(orgnr: str, lang: Lang) -> Problem:
    return Problem(404, "/problems/unknown-unit", t("web.unknown_unit_title", lang),
                   t("web.unknown_unit", lang, orgnr=orgnr))


def store_unavailable(error: AkrimError, lang: Lang) -> Problem:
    """The data directory has no usable store (none, locked, outdated or nothing loaded)."""
    return Problem(503, "/problems/store-unavailable", t("web.store_unavailable", lang),
                   error.message(lang))


def invalid_file(reason: str, lang: Lang) -> Problem:
    return Problem(400, "/problems/invalid-file", t("web.invalid_file", lang), reason)


def as_problem(error: HTTPException | RequestValidationError) -> Problem:
    """FastAPI's own errors (no such route, a missing form field) as problems."""
    if isinstance(error, RequestValidationError):
        detail = "; ".join(f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}"
                           for e in error.errors())
        return Problem(422, "/problems/invalid-request", "Invalid request", detail)
    return Problem(error.status_code, "about:blank", str(error.detail), str(error.detail),
                   dict(error.headers) if error.headers else None)


def problem_json(problem: Problem) -> Response:
    return JSONResponse(problem.body(), status_code=problem.status, media_type=PROBLEM_JSON,
                        headers=problem.headers)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")
