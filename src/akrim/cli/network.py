"""`akrim link`, `akrim judge` and `akrim network`."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from akrim.cli.common import ActorArgument, DataDir, LangOption, settings_for
from akrim.cli.output import console
from akrim.cli.render import linkage
from akrim.errors import NotLinked, UnknownActor
from akrim.i18n import t
from akrim.link.judgements import VERDICTS, check_records, judge
from akrim.network.dates import coverage
from akrim.network.neighbourhood import neighbourhood, node_id_for
from akrim.network.serving import open_serving
from akrim.numbers import number
from akrim.ops.db import audit, connect
from akrim.settings import DEFAULT_DATA_DIR
from akrim.store.access import open_store


def link_command(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    retrain: Annotated[bool, typer.Option(help="Train the model again (EM) before use.")] = False,
    force: Annotated[bool, typer.Option(help="Rebuild even if nothing new was loaded.")] = False,
    full: Annotated[bool, typer.Option(
        help="Score every record again, not only those changed since the last run.")] = False,
    lang: LangOption = "nb",
) -> None:
    """Resolve persons across registers and build the actor network."""
    from akrim.pipeline import link  # Splink and SciPy load only for this command

    settings = settings_for(data_dir, lang)
    lang_, out = settings.lang, console()
    with open_store(settings, "loaded", read_only=False) as store:
        outcome = link(store, settings, retrain=retrain, force=force, full=full)
    if outcome.linkage is None or outcome.network is None:
        out.print(t("link.current", lang_))
        return
    s, n = outcome.linkage, outcome.network
    out.print(linkage(s, lang_))
    if s.rescored is not None:
        out.print(t("link.rescored", lang_, rescored=number(s.rescored, lang_)))
    if s.shipped_model is not None:
        out.print(t("link.shipped", lang_, why=s.shipped_model))
    out.print(t("network.done", lang_, nodes=number(n.nodes, lang_),
                edges=number(n.edges, lang_), clusters=number(n.clusters, lang_),
                seconds=number(n.seconds, lang_, 1)))
    if outcome.mentions is not None:
        m = outcome.mentions
        ambiguous = m.by_method.get("ambiguous", 0)
        unresolved = m.by_method.get("unresolved", 0)
        out.print(t("mentions.done", lang_, mentions=number(m.mentions, lang_),
                    resolved=number(m.mentions - ambiguous - unresolved, lang_),
                    ambiguous=number(ambiguous, lang_), unresolved=number(unresolved, lang_),
                    seconds=number(m.seconds, lang_, 1)))


def judge_command(
    left: Annotated[str, typer.Argument(help="A record id (freg:…, rolle:…, hms:…, tips:…).")],
    right: Annotated[str, typer.Argument(help="The other record id.")],
    verdict: Annotated[str, typer.Argument(help="same, different or unsure.")],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """Record an analyst's judgement on two person records; `akrim link --force` applies it."""
    if verdict not in VERDICTS:
        raise typer.BadParameter(f"verdict must be one of {', '.join(VERDICTS)}")
    settings = settings_for(data_dir, lang)
    with open_store(settings, "linked") as store:
        check_records(store, left, right)
    try:
        judge(connect(settings), left, right, verdict, note)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    console().print(t("judge.saved", settings.lang, left=left, right=right, verdict=verdict))


def network_command(
    actor: ActorArgument,
    depth: Annotated[int, typer.Option(help="Hops from the actor.", min=0)] = 1,
    output_format: Annotated[str, typer.Option("--format", help="json, ftm or graphml.")] = "json",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    max_nodes: Annotated[int, typer.Option(help="Stop expanding past this many nodes.",
                                           min=1)] = 500,
    purpose: Annotated[str | None, typer.Option(help="Why you look (kept in the audit log).")]
    = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """Print or export an actor's neighbourhood (persons, companies, addresses, edges)."""
    from akrim.network.export import to_ftm_lines, to_graphml, to_json  # FtM loads its model

    writers = {"json": to_json, "ftm": to_ftm_lines, "graphml": to_graphml}
    if output_format not in writers:
        raise typer.BadParameter("--format must be json, ftm or graphml")
    settings = settings_for(data_dir, lang)
    with open_store(settings, "linked") as store:
        root = node_id_for(store, actor)
        covered = coverage(store)
    serving = open_serving(settings.serving_db)
    if serving is None:
        raise NotLinked(settings.data_dir)
    if root is None:
        raise UnknownActor(actor)
    with closing(serving):
        hood = neighbourhood(serving, root, depth, max_nodes=max_nodes)
    audit(connect(settings), "network", actor, purpose)
    text = writers[output_format](hood, covered)
    if out is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        out.write_text(text, encoding="utf-8")
