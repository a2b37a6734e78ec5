"""The overview (`/analyst/overview`): the priority list and the indicators in charts, each
with the table of its numbers. Counts only, no actor named, so no read is audited."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from akrim.i18n import Lang, add_messages, t
from akrim.indicators.catalogue import by_id
from akrim.numbers import number
from akrim.scoring.listing import FilterValue, IndicatorCount, filter_values, indicator_counts
from akrim.web.analyst import analysed_store
from akrim.web.auth import Analyst
from akrim.web.charts import Bar, bar_chart
from akrim.web.context import lang_of, render
from akrim.web.pages.priority import value_label

add_messages({
    "overview.title": ("Oversikt", "Overview"),
    "overview.intro": ("Prioriteringslisten har {entries} oppføringer. Hvert diagram har "
                       "tabellen med tallene sine ved siden av.",
                       "The priority list has {entries} entries. Each chart has the table "
                       "of its numbers beside it."),
    "overview.entries": ("Oppføringer", "Entries"),
    "overview.region": ("Oppføringer per a-krimsenter", "Entries per a-krim centre"),
    "overview.industry": ("Oppføringer per bransje", "Entries per industry"),
    "overview.actor_type": ("Oppføringer per type aktør", "Entries per actor type"),
    "overview.indicator": ("Treff og oppføringer per indikator",
                           "Hits and entries per indicator"),
    "overview.hits": ("Aktører med treff", "Actors with a hit"),
    "overview.listed": ("Oppføringer med indikatoren som begrunnelse",
                        "Entries with the indicator as a reason"),
    "overview.states": ("Indikatorenes tilstand", "The indicators' states"),
    "overview.indicators": ("Indikatorer", "Indicators"),
    "overview.state.hit": ("Vurdert, med treff", "Assessed, with hits"),
    "overview.state.no_hit": ("Vurdert, uten treff", "Assessed, no hits"),
    "overview.state.insufficient_data": ("For lite data", "Insufficient data"),
    "overview.desc": ("Stolpediagram: {title}. Tallene står i tabellen ved siden av.",
                      "Bar chart: {title}. The numbers are in the table beside it."),
    "overview.which": ("Hvilke", "Which"),
    "overview.label.region": ("A-krimsenter", "A-krim centre"),
    "overview.label.industry": ("Bransje", "Industry"),
    "overview.label.actor_type": ("Type aktør", "Actor type"),
    "overview.label.indicator": ("Indikator", "Indicator"),
    "overview.label.states": ("Tilstand", "State"),
})

router = APIRouter(prefix="/analyst", include_in_schema=False)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: Markup
    columns: list[str]
    rows: list[list[str]]
    """The chart's numbers (as the reader's language writes them), the text alternative shown
    beside it."""


def _chart(name: str, series: list[str], labels: list[str], values: list[tuple[int, ...]],
           lang: Lang, extra: tuple[str, list[str]] | None = None) -> Chart:
    """The chart `name` and its table; `extra` (heading, texts) is a last column of the table
    only."""
    title = t(f"overview.{name}", lang)
    svg = bar_chart(f"chart-{name}", title, t("overview.desc", lang, title=title), series,
                    [Bar(label, value) for label, value in zip(labels, values, strict=True)],
                    lambda value: number(value, lang))
    rows = [[label, *(number(v, lang) for v in value)]
            for label, value in zip(labels, values, strict=True)]
    columns = [t(f"overview.label.{name}", lang), *series]
    if extra is not None:
        columns.append(extra[0])
        rows = [[*row, text] for row, text in zip(rows, extra[1], strict=True)]
    return Chart(title, svg, columns, rows)


def _entries_chart(name: str, values: list[FilterValue], lang: Lang) -> Chart:
    ranked = sorted(values, key=lambda v: -v.entries)  # sort is stable: ties keep their order
    return _chart(name, [t("overview.entries", lang)],
                  [value_label(name, v.value, lang) for v in ranked],
                  [(v.entries,) for v in ranked], lang)


def state_of(count: IndicatorCount) -> str:
    if count.status != "assessed":
        return "insufficient_data"
    return "hit" if count.hits else "no_hit"


def _indicator_charts(counts: list[IndicatorCount], lang: Lang) -> list[Chart]:
    hits = _chart("indicator",
                  [t("overview.hits", lang), t("overview.listed", lang)],
                  [c.indicator for c in counts], [(c.hits, c.listed) for c in counts], lang,
                  (t("col.title", lang), [by_id(c.indicator).text(lang) for c in counts]))
    states = ("hit", "no_hit", "insufficient_data")
    members = {state: [c for c in counts if state_of(c) == state] for state in states}
    which = [", ".join(f"{c.indicator} ({c.reason})" if c.reason else c.indicator
                       for c in members[state]) for state in states]
    state_chart = _chart("states", [t("overview.indicators", lang)],
                         [t(f"overview.state.{state}", lang) for state in states],
                         [(len(members[state]),) for state in states], lang,
                         (t("overview.which", lang), which))
    return [hits, state_chart]


@router.get("/overview")
def overview_page(request: Request, user: Analyst) -> Response:
    lang = lang_of(request)
    with analysed_store(request) as store:
        values = filter_values(store)
        counts = indicator_counts(store)
    entries = sum(v.entries for v in values["actor_type"])
    charts = [_entries_chart(name, values[name], lang)
              for name in ("region", "industry", "actor_type")]
    return render(request, "overview.html", {
        "entries": number(entries, lang), "charts": charts + _indicator_charts(counts, lang)})
