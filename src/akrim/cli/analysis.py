"""`akrim analyse`, `akrim top`, `akrim explain` and `akrim evaluate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from akrim.cli.common import ActorArgument, DataDir, LangOption, settings_for
from akrim.errors import UnknownActor
from akrim.i18n import Lang, t
from akrim.indicators.catalogue import by_id
from akrim.ops.db import audit, connect
from akrim.scoring.priority import Entry, top
from akrim.settings import DEFAULT_DATA_DIR
from akrim.store.access import open_store

console = Console()


def analyse_command(data_dir: DataDir = DEFAULT_DATA_DIR, lang: LangOption = "nb") -> None:
    """Run linkage (if the store has changed), all indicators and the priority list."""
    from akrim.pipeline import analyse

    settings = settings_for(data_dir, lang)
    with open_store(settings, "loaded", read_only=False) as store:
        summary = analyse(store, settings)
    shipped = summary.linkage.linkage and summary.linkage.linkage.shipped_model
    if shipped:
        console.print(t("link.shipped", settings.lang, why=shipped))
    table = Table(title=t("analyse.title", settings.lang))
    for column in ("col.indicator", "col.title", "col.status", "col.hits", "col.seconds"):
        table.add_column(t(column, settings.lang))
    for run in summary.indicators:
        indicator = by_id(run.id)
        status = t(f"state.{run.status}", settings.lang) + (f" ({run.reason})" if run.reason
                                                            else "")
        table.add_row(run.id, indicator.text(settings.lang), status, str(run.hits),
                      f"{run.seconds:.2f}")
    console.print(table)
    console.print(t("analyse.entries", settings.lang, entries=summary.entries))


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_top(entries: list[Entry], lang: Lang, title: str) -> Table:
    table = Table(title=title, show_lines=True)
    table.add_column(t("col.rank", lang), justify="right", min_width=3)
    table.add_column(t("col.actor", lang), no_wrap=True, min_width=11)
    table.add_column(t("col.name", lang), min_width=12, max_width=20)
    table.add_column(t("col.score", lang), justify="right", min_width=5)
    table.add_column(t("col.reasons", lang), min_width=26)
    for rank, entry in enumerate(entries, 1):
        reasons = "\n".join(
            f"+{r['weight']:g} {r['indicator']} {_short(by_id(r['indicator']).text(lang))}"
            for r in entry.reasons[:4])
        kind = t(f"actor.{entry.actor_type}", lang)
        name = entry.name or ", ".join(entry.members[:4])
        table.add_row(str(rank), f"{kind}\n{entry.id}", name, f"{entry.score:g}", reasons)
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
    with open_store(settings, "analysed") as store:
        entries = top(store, n, region, industry, agency, actor_type)
    audit(connect(settings), "top", None, None)
    if as_json:
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False))
    else:
        console.print(render_top(entries, settings.lang, t("top.title", settings.lang)))


def explain_command(
    actor: ActorArgument,
    purpose: Annotated[str | None, typer.Option(help="Why you look (kept in the audit log).")]
    = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """Why an actor is (or is not) on the list: score, reasons, evidence, every indicator."""
    from akrim.scoring.explain import explain

    settings = settings_for(data_dir, lang)
    with open_store(settings, "analysed") as store:
        found = explain(store, actor)
    if found is None:
        raise UnknownActor(actor)
    audit(connect(settings), "explain", actor, purpose)
    if as_json:
        print(json.dumps({
            "actor_type": found.actor_type, "id": found.id, "name": found.name,
            "rank": found.rank, "score": found.score, "members": found.members,
            "reasons": found.reasons, "evidence": found.evidence,
            "states": {i.id: state for i, state in found.states}}, ensure_ascii=False,
            default=str))
        return
    lang_ = settings.lang
    console.print(t("explain.head", lang_, kind=t(f"actor.{found.actor_type}", lang_),
                    id=found.id, name=found.name or "", rank=found.rank or "-",
                    score=found.score if found.score is not None else 0))
    reasons = Table(title=t("explain.reasons", lang_))
    for column in ("col.indicator", "col.title", "col.weight", "col.evidence", "col.via"):
        reasons.add_column(t(column, lang_))
    for r in found.reasons:
        reasons.add_row(r["indicator"], by_id(r["indicator"]).text(lang_), f"{r['weight']:g}",
                        str(r["evidence_rows"]), ", ".join(r["via"][:5]))
    console.print(reasons)
    evidence = Table(title=t("explain.evidence", lang_))
    for column in ("col.indicator", "col.actor", "col.period", "col.detail", "col.source"):
        evidence.add_column(t(column, lang_))
    for e in found.evidence[:40]:
        evidence.add_row(e["indicator"], e["actor_id"], e["period"] or "", e["detail"],
                         f"{e['source_table']}:{e['source_key']}")
    console.print(evidence)
    if found.states:
        states = Table(title=t("explain.states", lang_))
        for column in ("col.indicator", "col.title", "col.status"):
            states.add_column(t(column, lang_))
        for indicator, state in found.states:
            states.add_row(indicator.id, indicator.text(lang_), t(f"state.{state}", lang_))
        console.print(states)


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
    lang_ = settings.lang
    table = Table(title=t("evaluate.title", lang_, k=result.top_k, quarter=result.top_0_25pct,
                          entries=result.list_length, actors=result.actors))
    for column in ("col.scheme", "col.instances", "col.recall_1pct", "col.recall_quarter",
                   "col.recall_1000"):
        table.add_column(t(column, lang_))
    for scheme, values in result.schemes.items():
        variants = result.variants[scheme]
        table.add_row(scheme, str(sum(result.instances[scheme].values())),
                      *(f"{values[key]:.3f}" for key in ("recall_top_1pct",
                                                         "recall_top_0_25pct",
                                                         "recall_top_1000")))
        if list(variants) != ["default"]:  # a scheme planted one way only needs no second row
            for variant, recall in variants.items():
                table.add_row(f"  {variant}", str(result.instances[scheme][variant]),
                              f"{recall:.3f}", "", "")
    console.print(table)
    if result.top_k_is_whole_list:
        console.print(t("evaluate.whole_list", lang_, k=result.top_k))
    console.print(t("evaluate.summary", lang_, precision=result.precision_at_100,
                    k=result.precision_k, fp=result.false_positive_rate,
                    false_positives=result.false_positives, top_k=result.top_k,
                    benign=result.benign_false_positive_rate, flagged=result.benign_flagged,
                    instances=result.benign_instances))
