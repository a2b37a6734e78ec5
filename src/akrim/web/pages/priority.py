"""The priority list (`/analyst/priority`): filters offering the values the list holds, pages
of entries with their reasons, and the same entries as CSV and Excel downloads. Every view and
download is audited: the list names persons."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from akrim.i18n import MESSAGES, Lang, add_messages, t
from akrim.indicators.catalogue import by_id
from akrim.numbers import number
from akrim.scoring.export import write_csv, write_xlsx
from akrim.scoring.listing import (
    Filters,
    UnknownFilterValue,
    filter_values,
    listing,
    resolve,
)
from akrim.store.engine import Store
from akrim.web.analyst import analysed_store, audit_read
from akrim.web.auth import Analyst
from akrim.web.context import lang_of, render
from akrim.web.problems import Problem

add_messages({
    "priority.title": ("Prioriteringsliste", "Priority list"),
    "priority.filters": ("Filtre", "Filters"),
    "priority.filter.region": ("A-krimsenter", "A-krim centre"),
    "priority.filter.industry": ("Bransje", "Industry"),
    "priority.filter.agency": ("Etat", "Agency"),
    "priority.filter.actor_type": ("Type aktør", "Actor type"),
    "priority.filter.indicator": ("Indikator", "Indicator"),
    "priority.all": ("Alle", "All"),
    "priority.show": ("Vis", "Show"),
    "priority.clear": ("Fjern filtrene", "Clear the filters"),
    "priority.caption": ("Oppføring {first}–{last} av {total}, høyest poeng først",
                         "Entries {first}–{last} of {total}, highest score first"),
    "priority.rank_note": ("Plass er plassen på hele listen.",
                           "Rank is the place on the whole list."),
    "priority.empty": ("Ingen oppføringer passer til filtrene.",
                       "No entries match the filters."),
    "priority.unknown": ("Ukjent verdi for {name}: «{value}». Gyldige verdier: {valid}.",
                         "Unknown value for {name}: “{value}”. Valid values: {valid}."),
    "priority.unknown_title": ("Ukjent filterverdi", "Unknown filter value"),
    "priority.download": ("Last ned listen med disse filtrene:",
                          "Download the list with these filters:"),
    "priority.csv": ("CSV (UTF-8)", "CSV (UTF-8)"),
    "priority.xlsx": ("Excel", "Excel"),
    "priority.weight": ("vekt {weight}", "weight {weight}"),
    "priority.pages": ("Sider", "Pages"),
    "priority.previous": ("Forrige side", "Previous page"),
    "priority.next": ("Neste side", "Next page"),
    "priority.page_of": ("Side {page} av {pages}", "Page {page} of {pages}"),
    "priority.industry.construction": ("Bygg og anlegg", "Construction"),
    "priority.industry.cleaning": ("Renhold", "Cleaning"),
    "priority.industry.carcare": ("Bilpleie og verksted", "Car care and repair"),
    "priority.industry.staffing": ("Bemanning", "Staffing"),
    "priority.industry.van_transport": ("Varetransport og bud", "Van transport and courier"),
    "priority.industry.labour_intensive": ("Arbeidsintensive bransjer",
                                           "Labour-intensive industries"),
    "priority.industry.electrical": ("Elektro", "Electrical installation"),
    "priority.industry.hospitality": ("Overnatting og servering", "Hotels and restaurants"),
    "priority.industry.goods_transport": ("Godstransport på vei", "Road haulage"),
    "priority.industry.tour_bus": ("Turbiltransport", "Tour buses"),
    "priority.industry.agriculture": ("Jordbruk og gartneri", "Agriculture and horticulture"),
    "priority.industry.fish_processing": ("Fiskeindustri", "Fish processing"),
    "priority.industry.shipyard": ("Skipsverft", "Shipyards"),
})

router = APIRouter(prefix="/analyst", include_in_schema=False)

PAGE_SIZE = 50
FILTER_NAMES = ("region", "industry", "agency", "actor_type", "indicator")


def value_label(name: str, value: str, lang: Lang) -> str:
    """A filter value as the reader sees it: a region or agency as it is spelled, the rest
    named in the reader's language (an industry config.yaml adds later: its key)."""
    if name == "actor_type":
        return t(f"actor.{value}", lang)
    if name == "indicator":
        return f"{value} {by_id(value).text(lang)}"
    key = f"priority.industry.{value}"
    return t(key, lang) if name == "industry" and key in MESSAGES else value


def _filters(request: Request, store: Store) -> tuple[Filters, dict[str, list[tuple[str, str,
                                                                                    int]]]]:
    """The query string's filters, and every filter's options (value, label, entries); an
    unknown value is a 422 problem naming the valid ones."""
    lang = lang_of(request)
    values = filter_values(store)
    try:
        filters = resolve({name: request.query_params.get(name) for name in FILTER_NAMES},
                          values)
    except UnknownFilterValue as error:
        raise Problem(422, "/problems/unknown-filter-value", t("priority.unknown_title", lang),
                      t("priority.unknown", lang, name=t(f"priority.filter.{error.name}", lang),
                        value=error.value, valid=", ".join(error.valid))) from error
    options = {name: [(v.value, value_label(name, v.value, lang), v.entries)
                      for v in values[name]] for name in FILTER_NAMES}
    for name in ("region", "industry", "agency"):  # the reader finds a value by its label
        options[name].sort(key=lambda option: option[1].casefold())
    return filters, options


def _subject(filters: Filters) -> str:
    """What was read, for the audit log: the filters as a query string ("" for all)."""
    return urlencode(filters.given())


@router.get("/priority")
def priority_page(request: Request, user: Analyst,
                  page: int = Query(1, ge=1)) -> Response:
    with analysed_store(request) as store:
        filters, options = _filters(request, store)
        listed = listing(store, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        pages = max(1, -(-listed.total // PAGE_SIZE))
        if page > pages:  # an old link past the end: the last page
            page = pages
            listed = listing(store, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    audit_read(request, user, "priority", _subject(filters) or "all")
    query, lang = filters.given(), lang_of(request)
    return render(request, "priority.html", {
        "num": lambda value: number(value, lang),
        "filters": query, "options": options, "listed": listed, "page": page, "pages": pages,
        "first": (page - 1) * PAGE_SIZE + 1, "last": (page - 1) * PAGE_SIZE + len(listed.rows),
        "page_url": lambda n: "/analyst/priority?" + urlencode({**query, "page": n}),
        "download_query": urlencode(query),
        "reasons_of": lambda row: [(r.indicator, by_id(r.indicator).text(lang),
                                    number(r.weight, lang)) for r in row.reasons],
    })


def _download(request: Request, user: Analyst, kind: str) -> tuple[io.BytesIO, str]:
    with analysed_store(request) as store:
        filters, _ = _filters(request, store)
        rows = listing(store, filters).rows
    audit_read(request, user, f"priority.{kind}", _subject(filters) or "all")
    out, lang = io.BytesIO(), lang_of(request)
    if kind == "csv":
        text = io.StringIO(newline="")
        write_csv(text, rows, lang)
        out.write(text.getvalue().encode("utf-8"))
    else:
        write_xlsx(out, rows, lang)
    name = f"akrim-priority-{date.today().isoformat()}.{kind}"
    return out, name


@router.get("/priority.csv")
def priority_csv(request: Request, user: Analyst) -> Response:
    out, name = _download(request, user, "csv")
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/priority.xlsx")
def priority_xlsx(request: Request, user: Analyst) -> Response:
    out, name = _download(request, user, "xlsx")
    return Response(out.getvalue(), headers={"Content-Disposition":
                                             f'attachment; filename="{name}"'},
                    media_type="application/vnd.openxmlformats-officedocument"
                               ".spreadsheetml.sheet")
