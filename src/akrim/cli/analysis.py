"""`akrim analyse`, `akrim top`, `akrim explain` and `akrim evaluate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from akrim.cli.common import ActorArgument, DataDir, LangOption, settings_for
from akrim.cli.filters import canonical, valid_values
from akrim.cli.output import console
from akrim.errors import UnknownActor
from akrim.i18n import Lang, t
from akrim.indicators.catalogue import by_id
from akrim.numbers import number
from akrim.ops.db import audit, connect
from akrim.scoring.priority import Entry, top
from akrim.settings import DEFAULT_DATA_DIR
from akrim.store.access import open_store


def analyse_command(data_dir: DataDir = DEFAULT_DATA_DIR, lang: LangOption = "nb") -> None:
    """Run linkage (if the store has changed), all indicators and the priority list."""
    from akrim.pipeline import analyse

    settings = settings_for(data_dir, lang)
    lang_, out = settings.lang, console()
    with open_store(settings, "loaded", read_only=False) as store:
        summary = analyse(store, settings)
    shipped = summary.linkage.linkage and summary.linkage.linkage.shipped_model
    if shipped:
        out.print(t("link.shipped", lang_, why=shipped))
    table = Table(title=t("analyse.title", lang_))
    for column in ("col.indicator", "col.title", "col.status", "col.hits", "col.seconds"):
        table.add_column(t(column, lang_))
    for run in summary.indicators:
        indicator = by_id(run.id)
        status = t(f"state.{run.status}", lang_) + (f" ({run.reason})" if run.reason else "")
        table.add_row(run.id, indicator.text(lang_), status, number(run.hits, lang_),
                      number(run.seconds, lang_, 2))
    out.print(table)
    out.print(t("analyse.entries", lang_, entries=number(summary.entries, lang_)))


def render_top(entries: list[Entry], lang: Lang, title: str,
               reasons_shown: int | None = None) -> Table:
    """The list with every reason's title whole; at most `reasons_shown` reasons an entry
    (None: all), the rest counted."""
    table = Table(title=title, show_lines=True)
    table.add_column(t("col.rank", lang), justify="right", min_width=3)
    table.add_column(t("col.actor", lang), no_wrap=True, min_width=11)
    table.add_column(t("col.name", lang), min_width=12, max_width=30)
    table.add_column(t("col.score", lang), justify="right", min_width=5)
    table.add_column(t("col.reasons", lang), min_width=26)
    for rank, entry in enumerate(entries, 1):
        shown = entry.reasons[:reasons_shown]
        lines = [f"+{number(r['weight'], lang)} {r['indicator']} "
                 f"{by_id(r['indicator']).text(lang)}" for r in shown]
        if len(shown) < len(entry.reasons):
            lines.append(t("top.more_reasons", lang, count=len(entry.reasons) - len(shown),
                           id=entry.id))
        kind = t(f"actor.{entry.actor_type}", lang)
        name = entry.name or ", ".join(entry.members[:4])
        table.add_row(number(rank, lang), f"{kind}\n{entry.id}", name,
                      number(entry.score, lang), "\n".join(lines))
    return table


def top_command(
    n: Annotated[int, typer.Option("-n", help="How many entries.", min=1)] = 20,
    region: Annotated[str | None, typer.Option(help="a-krim centre, e.g. Bergen.")] = None,
    industry: Annotated[str | None, typer.Option(help="construction, cleaning, carcare, "
                                                 "staffing, van_transport, ...")] = None,
    agency: Annotated[str | None, typer.Option(help="Arbeidstilsynet, Nav, politiet, "
                                               "Skatteetaten.")] = None,
    actor_type: Annotated[str | None, typer.Option("--type", help="company, person or "
                                                   "cluster.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list, best first.")] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """The priority list: the highest-scoring companies, persons and clusters, with reasons."""
    settings = settings_for(data_dir, lang)
    valid = valid_values()
    filters = [canonical(option, given, valid[option], settings.lang) for option, given in
               (("--region", region), ("--industry", industry), ("--agency", agency),
                ("--type", actor_type))]
    with open_store(settings, "analysed") as store:
        entries = top(store, n, *filters)
    audit(connect(settings), "top", None, None)
    if as_json:
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False))
        return
    out = console()
    # a terminal shows each entry's strongest reasons; a file or a pipe keeps them all
    out.print(render_top(entries, settings.lang, t("top.title", settings.lang),
                         reasons_shown=4 if out.is_terminal else None))


def explain_command(
    actor: ActorArgument,
    purpose: Annotated[str | None, typer.Option(help="Why you look (kept in the audit log).")]
    = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """Why an actor is (or is not) on the list: score, reasons, evidence, every indicator."""
    from akrim.scoring.evidence_text import evidence_text
    from akrim.scoring.explain import explain

    settings = settings_for(data_dir, lang)
    with open_store(settings, "analysed") as store:
        found = explain(store, actor)
    if found is None:
        raise UnknownActor(actor)
    audit(connect(settings), "explain", actor, purpose)
    lang_ = settings.lang
    texts = [evidence_text(e["indicator"], e["detail"], lang_) for e in found.evidence]
    if as_json:  # `detail` as the indicator wrote it, `text` in the language asked for
        print(json.dumps({
            "actor_type": found.actor_type, "id": found.id, "name": found.name,
            "rank": found.rank, "score": found.score, "members": found.members,
            "reasons": found.reasons,
            "evidence": [{**e, "text": text} for e, text in zip(found.evidence, texts,
                                                                  strict=True)],
            "states": {i.id: state for i, state in found.states}}, ensure_ascii=False,
            default=str))
        return
    out = console()
    out.print(t("explain.head", lang_, kind=t(f"actor.{found.actor_type}", lang_),
                id=found.id, name=found.name or "",
                rank=number(found.rank, lang_) if found.rank else "-",
                score=number(found.score or 0, lang_)))
    reasons = Table(title=t("explain.reasons", lang_))
    for column in ("col.indicator", "col.title", "col.weight", "col.evidence", "col.via"):
        reasons.add_column(t(column, lang_))
    for r in found.reasons:
        reasons.add_row(r["indicator"], by_id(r["indicator"]).text(lang_),
                        number(r["weight"], lang_), number(r["evidence_rows"], lang_),
                        ", ".join(r["via"][:5]))
    out.print(reasons)
    evidence = Table(title=t("explain.evidence", lang_))
    for column in ("col.indicator", "col.actor", "col.period", "col.detail", "col.source"):
        evidence.add_column(t(column, lang_))
    for e, text in list(zip(found.evidence, texts, strict=True))[:40]:
        evidence.add_row(e["indicator"], e["actor_id"], e["period"] or "", text,
                         f"{e['source_table']}:{e['source_key']}")
    out.print(evidence)
    if found.states:
        states = Table(title=t("explain.states", lang_))
        for column in ("col.indicator", "col.title", "col.status"):
            states.add_column(t(column, lang_))
        for indicator, state in found.states:
            states.add_row(indicator.id, indicator.text(lang_), t(f"state.{state}", lang_))
        out.print(states)


def evaluate_command(
    truth_dir: Annotated[Path, typer.Argument(help="A bundle's truth/ folder (schemes.json).",
                                              exists=True, file_okay=False)],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """Recall per scheme and variant in the top 1 %, 0.25 % and 1,000, precision at 100, false
    positives (docs/indicators.md §4)."""
    from akrim.scoring.evaluate import evaluate
    from akrim.scoring.truth import TruthError

    settings = settings_for(data_dir, lang)
    with open_store(settings, "analysed") as store:
        try:
            result = evaluate(store, truth_dir)
        except TruthError as error:
            raise typer.BadParameter(str(error), param_hint="'truth_dir'") from error
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return
    lang_, out = settings.lang, console()

    def share(value: float) -> str:
        return number(value, lang_, 3)

    table = Table(title=t("evaluate.title", lang_, k=number(result.top_k, lang_),
                          quarter=number(result.top_0_25pct, lang_),
                          entries=number(result.list_length, lang_),
                          actors=number(result.actors, lang_)))
    for column in ("col.scheme", "col.instances", "col.recall_1pct", "col.recall_quarter",
                   "col.recall_1000"):
        table.add_column(t(column, lang_))
    for scheme, values in result.schemes.items():
        variants = result.variants[scheme]
        table.add_row(scheme, number(sum(result.instances[scheme].values()), lang_),
                      *(share(values[key]) for key in ("recall_top_1pct", "recall_top_0_25pct",
                                                       "recall_top_1000")))
        if list(variants) != ["default"]:  # a scheme planted one way only needs no second row
            for variant, recall in variants.items():
                table.add_row(f"  {variant}", number(result.instances[scheme][variant], lang_),
                              share(recall), "", "")
    out.print(table)
    if result.top_k_is_whole_list:
        out.print(t("evaluate.whole_list", lang_, k=number(result.top_k, lang_)))
    out.print(t("evaluate.summary", lang_, precision=share(result.precision_at_100),
                k=number(result.precision_k, lang_), fp=share(result.false_positive_rate),
                false_positives=number(result.false_positives, lang_),
                top_k=number(result.top_k, lang_),
                benign=share(result.benign_false_positive_rate),
                flagged=number(result.benign_flagged, lang_),
                instances=number(result.benign_instances, lang_)))
