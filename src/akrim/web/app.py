"""The web application: one factory, the public seriousness check's API and pages.

No Swagger UI or ReDoc page: they load their scripts from a CDN, and the machines and many
agency networks are offline. The OpenAPI document is at /api/v1/openapi.json and /openapi.json.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from akrim.i18n import t
from akrim.settings import Settings
from akrim.web import auth
from akrim.web.api import health as health_api
from akrim.web.api import network as network_api
from akrim.web.api import seriousness as seriousness_api
from akrim.web.context import lang_of, render
from akrim.web.pages import cases as case_pages
from akrim.web.pages import network as network_pages
from akrim.web.pages import overview as overview_pages
from akrim.web.pages import priority as priority_pages
from akrim.web.pages import profile as profile_pages
from akrim.web.pages import purpose as purpose_pages
from akrim.web.pages import review as review_pages
from akrim.web.pages import search as search_pages
from akrim.web.pages import seriousness as seriousness_pages
from akrim.web.problems import Problem, as_problem, is_api, problem_json
from akrim.web.ratelimit import PublicRateLimit


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="akrim", version="1", openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.add_api_route("/openapi.json", lambda: JSONResponse(app.openapi()),
                      include_in_schema=False)
    app.include_router(health_api.router)
    app.include_router(seriousness_api.router)
    app.include_router(seriousness_pages.router)
    app.include_router(auth.router)
    app.include_router(search_pages.router)
    app.include_router(case_pages.router)
    app.include_router(review_pages.router)
    app.include_router(network_pages.router)
    app.include_router(network_api.router)
    app.include_router(priority_pages.router)
    app.include_router(overview_pages.router)
    app.include_router(profile_pages.router)
    app.include_router(purpose_pages.router)
    app.add_middleware(PublicRateLimit, per_second=settings.public_requests_per_second,
                       burst=settings.public_burst)
    app.add_middleware(SessionMiddleware, secret_key=auth.secret_key(settings),
                       session_cookie="akrim_session", max_age=auth.SESSION_HOURS * 3600,
                       same_site="strict", https_only=False)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.exception_handler(Problem)
    async def on_problem(request: Request, problem: Problem) -> Response:
        if is_api(request):
            return problem_json(problem)
        return render(request, "error.html", {"problem": problem}, problem.status)

    @app.exception_handler(auth.SignInRequired)
    async def on_sign_in_required(request: Request, error: Exception) -> Response:
        if is_api(request):
            lang = lang_of(request)
            return problem_json(Problem(401, "/problems/sign-in-required",
                                        t("auth.required", lang),
                                        t("auth.required_detail", lang)))
        return auth.sign_in_redirect(request)

    @app.exception_handler(auth.PurposeRequired)
    async def on_purpose_required(request: Request, error: Exception) -> Response:
        if is_api(request):
            lang = lang_of(request)
            return problem_json(Problem(403, "/problems/purpose-required",
                                        t("policy.forbidden", lang), t("policy.purpose", lang)))
        return auth.purpose_redirect(request)

    @app.exception_handler(HTTPException)
    @app.exception_handler(RequestValidationError)
    async def on_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException | RequestValidationError)
        return await on_problem(request, as_problem(error))

    return app
