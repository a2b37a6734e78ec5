"""Sign-in for the analyst part: users of the operational store, a signed session cookie, and
a CSRF token on every form that changes something.

The public part (the seriousness check) needs no sign-in. An analyst page asked for without a
session leads to the sign-in page and back; an analyst API route answers 401.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from akrim.i18n import add_messages, t
from akrim.ops import policy
from akrim.ops.db import audit, connect
from akrim.ops.users import User, authenticate, find_user
from akrim.settings import Settings
from akrim.web.context import lang_of, render, templates
from akrim.web.problems import Problem

add_messages({
    "auth.title": ("Logg inn", "Sign in"),
    "auth.intro": ("Analysesidene viser opplysninger om personer og er bare for ansatte i "
                   "a-krim-samarbeidet. Hver lesing logges.",
                   "The analyst pages show data about persons and are for staff of the "
                   "a-krim cooperation only. Every read is logged."),
    "auth.user": ("Brukernavn", "User name"),
    "auth.password": ("Passord", "Password"),
    "auth.submit": ("Logg inn", "Sign in"),
    "auth.failed": ("Feil brukernavn eller passord.", "Wrong user name or password."),
    "auth.sign_out": ("Logg ut", "Sign out"),
    "auth.signed_in_as": ("Innlogget som {name} ({agency})", "Signed in as {name} ({agency})"),
    "auth.required": ("Innlogging kreves", "Sign-in required"),
    "auth.required_detail": ("Denne delen av akrim krever innlogging.",
                             "This part of akrim requires signing in."),
    "nav.search": ("Søk", "Search"),
    "nav.priority": ("Prioriteringsliste", "Priority list"),
    "nav.overview": ("Oversikt", "Overview"),
    "nav.review": ("Vurderingskø", "Review queue"),
    "nav.analyst": ("For analytikere", "For analysts"),
    "policy.forbidden": ("Ingen tilgang", "No access"),
    "policy.role": ("Rollen din ({role}, {agency}) gir ikke tilgang til opplysninger om "
                    "personer. Slike opplysninger deles etter a-kriminformasjonsforskriften "
                    "med analytikere og inspektører i Arbeidstilsynet, Nav, politiet, "
                    "Skatteetaten og a-krimsentrene; spør koordinatoren ved ditt a-krimsenter.",
                    "Your role ({role}, {agency}) gives no access to data about persons. Such "
                    "data is shared under the a-krim information regulation with analysts and "
                    "inspectors of Arbeidstilsynet, Nav, politiet, Skatteetaten and the a-krim "
                    "centres; ask the coordinator of your a-krim centre."),
    "policy.unclassified": ("Denne siden er ikke klassifisert i tilgangsreglene og er derfor "
                            "stengt.",
                            "This page is not classified in the access policy and is therefore "
                            "closed."),
    "policy.sign_in": ("Innlogging kreves.", "Sign-in required."),
    "policy.purpose": ("Oppgi formålet før du ser opplysninger om personer.",
                       "State the purpose before seeing data about persons."),
    "auth.csrf": ("Skjemaet er utløpt", "The form has expired"),
    "auth.csrf_detail": ("Last siden på nytt og prøv igjen.", "Reload the page and try again."),
})

SESSION_HOURS = 8
SECRET_FILE = "akrim-secret.key"

router = APIRouter(include_in_schema=False)


def secret_key(settings: Settings) -> str:
    """The configured key, else the data directory's own, made once and readable by its owner
    only (a restart keeps everyone signed in; a new data directory signs everyone out)."""
    if settings.secret_key:
        return settings.secret_key
    path: Path = settings.data_dir / SECRET_FILE
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()


class SignInRequired(Exception):
    """Raised by `authorised`; the app turns it into a redirect (page) or a 401 (API)."""


class PurposeRequired(Exception):
    """Raised by `authorised` before person-level data is shown without a stated purpose; the
    app turns it into a redirect to the purpose page (page) or a 403 (API)."""


def ops_engine(request: Request) -> Engine:
    engine: Engine | None = getattr(request.app.state, "ops_engine", None)
    if engine is None:
        engine = request.app.state.ops_engine = connect(request.app.state.settings)
    return engine


def session_user(request: Request) -> User | None:
    name = request.session.get("user")
    user = find_user(ops_engine(request), name) if isinstance(name, str) else None
    if user is None:
        request.session.pop("user", None)
    return user


def purpose_of(request: Request) -> str | None:
    """The purpose the user stated in this session (akrim.ops.policy)."""
    purpose = request.session.get("purpose")
    return purpose if isinstance(purpose, str) else None


def authorised(request: Request) -> User:
    """The signed-in user, when the policy lets them use this route for the stated purpose:
    the dependency of every route that is not public (akrim.ops.policy decides)."""
    user = session_user(request)
    route = request.scope.get("route")
    level = policy.level_of(request.method, getattr(route, "path", request.url.path))
    decision = policy.decide(user, level, purpose_of(request))
    if decision.allowed and user is not None:
        return user
    if decision.reason == "policy.sign_in":
        raise SignInRequired
    if decision.reason == "policy.purpose":
        raise PurposeRequired
    lang = lang_of(request)
    reason = decision.reason or "policy.unclassified"
    raise Problem(403, "/problems/forbidden", t("policy.forbidden", lang),
                  t(reason, lang, role=user.role if user else "-",
                    agency=user.agency if user else "-"))


Analyst = Annotated[User, Depends(authorised)]


def csrf_token(request: Request) -> str:
    """The session's token for forms (a template global)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return token


async def csrf_checked(request: Request) -> None:
    """A dependency of every form POST: the form's `csrf` field must be the session's token."""
    form = await request.form()
    given = form.get("csrf")
    expected = request.session.get("csrf")
    if not (isinstance(given, str) and isinstance(expected, str)
            and secrets.compare_digest(given, expected)):
        lang = lang_of(request)
        raise Problem(403, "/problems/csrf", t("auth.csrf", lang), t("auth.csrf_detail", lang))


def signed_in_user(request: Request) -> str | None:
    """The session's user name, for the page header (no database read)."""
    name = request.session.get("user") if "session" in request.scope else None
    return name if isinstance(name, str) else None


templates.env.globals["csrf_token"] = csrf_token
templates.env.globals["signed_in_user"] = signed_in_user


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (an open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/analyst"


def _here(request: Request) -> str:
    return quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                 safe="")


def sign_in_redirect(request: Request) -> Response:
    return RedirectResponse(f"/login?next={_here(request)}", status_code=303)


def purpose_redirect(request: Request) -> Response:
    return RedirectResponse(f"/analyst/purpose?next={_here(request)}", status_code=303)


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": safe_next(next)})


@router.post("/login", dependencies=[Depends(csrf_checked)])
def login(request: Request, user: Annotated[str, Form()], password: Annotated[str, Form()],
          next: Annotated[str | None, Form()] = None) -> Response:
    engine = ops_engine(request)
    found = authenticate(engine, user, password)
    if found is None:
        audit(engine, "sign_in_failed", user, user="-")
        return render(request, "login.html", {"next": safe_next(next), "failed": True}, 401)
    request.session.clear()  # a new session on sign-in: no fixation of an old one
    request.session["user"] = found.name
    audit(engine, "sign_in", found.name, user=found.name)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(csrf_checked)])
def logout(request: Request) -> Response:
    name = request.session.get("user")
    request.session.clear()
    if isinstance(name, str):
        audit(ops_engine(request), "sign_out", name, user=name)
    return RedirectResponse("/", status_code=303)
