"""The web application: one factory, the public seriousness check's API and pages.

No Swagger UI or ReDoc page: they load their scripts from a CDN, and the machines and many
agency networks are offline. The OpenAPI document is at /api/v1/openapi.json.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from akrim.settings import Settings
from akrim.web.api import seriousness as seriousness_api
from akrim.web.context import render
from akrim.web.pages import seriousness as seriousness_pages
from akrim.web.problems import Problem, as_problem, is_api, problem_json


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="akrim", version="1", openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.include_router(seriousness_api.router)
    app.include_router(seriousness_pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.exception_handler(Problem)
    async def on_problem(request: Request, problem: Problem) -> Response:
        if is_api(request):
            return problem_json(problem)
        return render(request, "error.html", {"problem": problem}, problem.status)

    @app.exception_handler(HTTPException)
    @app.exception_handler(RequestValidationError)
    async def on_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException | RequestValidationError)
        return await on_problem(request, as_problem(error))

    return app
