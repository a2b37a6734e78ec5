"""The analysts' search page (`/analyst`): one box for numbers, names and addresses."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from akrim.i18n import add_messages
from akrim.ids import InvalidIdentifier
from akrim.search import search
from akrim.web.analyst import analysed_store, audit_read
from akrim.web.auth import Analyst
from akrim.web.context import lang_of, render

add_messages({
    "search.title": ("Søk", "Search"),
    "search.label": ("Organisasjonsnummer, fødselsnummer, d-nummer, navn eller adresse",
                     "Organisation number, fødselsnummer, d-number, name or address"),
    "search.submit": ("Søk", "Search"),
    "search.none": ("Ingen treff på «{query}».", "No match for “{query}”."),
    "search.unknown_number": ("akrim kjenner ikke nummeret {query}.",
                              "akrim does not know the number {query}."),
    "search.count": ("{count} treff på «{query}», best først",
                     "{count} matches for “{query}”, best first"),
    "search.invalid": ("Nummeret er ikke gyldig: {reason}", "The number is not valid: {reason}"),
    "search.kind.company": ("Virksomhet", "Company"),
    "search.kind.person": ("Person", "Person"),
    "search.kind.address": ("Adresse", "Address"),
    "search.via": ("funnet som underenhet {via}", "found as underenhet {via}"),
    "search.col.kind": ("Type", "Kind"),
    "search.col.name": ("Navn", "Name"),
    "search.col.id": ("Nummer", "Number"),
    "search.col.detail": ("Detaljer", "Details"),
    "search.col.match": ("Likhet", "Match"),
})

router = APIRouter(prefix="/analyst", include_in_schema=False)


def target(kind: str, id: str) -> str:
    """Where a hit leads: an actor's profile, or an address's network."""
    return f"/analyst/network/{id}" if kind == "address" else f"/analyst/actor/{id}"


@router.get("")
def search_page(request: Request, user: Analyst, q: str | None = None) -> Response:
    if not q or not q.strip():
        return render(request, "search.html", {"query": ""})
    try:
        with analysed_store(request, "linked") as store:
            result = search(store, q)
    except InvalidIdentifier as error:
        invalid = error.message(lang_of(request))
        return render(request, "search.html", {"query": q, "invalid": invalid}, 422)
    if result.has_persons:
        audit_read(request, user, "search", q.strip())
    live = request.headers.get("HX-Request") == "true"  # typed, not submitted: stay here
    if result.exact and len(result.hits) == 1 and not live:  # one actor: go straight there
        hit = result.hits[0]
        return RedirectResponse(target(hit.kind, hit.id), status_code=303)
    return render(request, "search.html", {"query": q.strip(), "result": result,
                                           "target": target})
