"""The `akrim` command: a thin layer over the library (each command parses, calls, prints)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from akrim.cli import render
from akrim.cli.analysis import (
    analyse_command,
    evaluate_command,
    explain_command,
    render_top,
    top_command,
)
from akrim.cli.common import Commands, DataDir, LangOption, settings_for
from akrim.cli.network import judge_command, link_command, network_command
from akrim.cli.serve import serve_command
from akrim.cli.synth import synth
from akrim.cli.users import users_app
from akrim.i18n import t
from akrim.ingest.loader import ingest as ingest_files
from akrim.ingest.records import ReadContext
from akrim.ingest.registry import declared_as_of
from akrim.settings import DEFAULT_DATA_DIR
from akrim.store.access import create_store, open_store
from akrim.store.status import quarantine_sample
from akrim.store.status import status as store_status

app = typer.Typer(
    cls=Commands,
    help="akrim: felles registeranalyse mot arbeidslivskriminalitet (a-krim).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Register files or bundle directories.",
                                                exists=True)],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_of: Annotated[
        str | None,
        typer.Option(help="The snapshot's date (YYYY-MM-DD); default: the bundle's "
                     "bundle.json, else today."),
    ] = None,
    synthetic: Annotated[
        bool, typer.Option(help="Accept synthetic test identifiers (month + 80).")
    ] = False,
    skip_unknown: Annotated[
        bool, typer.Option(help="Report unrecognised files and load the rest.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    lang: LangOption = "nb",
) -> None:
    """Load register files as one dated snapshot, all or nothing."""
    settings = settings_for(data_dir, lang, synthetic=synthetic)
    try:
        given = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        raise typer.BadParameter(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from exc
    with create_store(settings) as store:
        snapshot_date = given or declared_as_of(paths) or date.today()
        with render.progress(quiet, settings.lang) as progress:
            report = ingest_files(
                store, paths, as_of=snapshot_date,
                context=ReadContext(allow_synthetic=settings.synthetic),
                skip_unknown=skip_unknown, progress=progress,
                workers=settings.ingest_workers,
            )
        if not quiet:
            render.ingest_report(console, report, settings.lang)
            render.quarantine(console, quarantine_sample(store), settings.lang)
    unrecognised = [f.path for f in report.files if f.unrecognised]
    for path in unrecognised:
        errors.print(f"{t('skip.unrecognised', settings.lang)}: {path}", soft_wrap=True)
    if unrecognised:
        raise typer.Exit(1)


@app.command()
def status(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    lang: LangOption = "nb",
) -> None:
    """What is loaded, from which snapshot, row counts and bad rows."""
    settings = settings_for(data_dir, lang)
    with open_store(settings) as store:
        data = store_status(store)
        sample = quarantine_sample(store)
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        render.status(console, data, settings.lang)
        render.quarantine(console, sample, settings.lang)


app.command()(synth)
app.command("link")(link_command)
app.command("judge")(judge_command)
app.command("network")(network_command)
app.command("analyse")(analyse_command)
app.command("top")(top_command)
app.command("explain")(explain_command)
app.command("evaluate")(evaluate_command)
app.command("serve")(serve_command)
app.add_typer(users_app, name="users")


@app.command()
def demo(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
    scale: Annotated[
        str, typer.Option(help="county or tiny (a synthetic bundle), or shipped (the small "
                          "fixture bundle in the package).")
    ] = "county",
) -> None:
    """What `make run` does: make a synthetic bundle (once), load it, link, analyse, and show
    the top of the priority list."""
    from akrim import demo as demo_data
    from akrim.pipeline import analyse
    from akrim.scoring.priority import top
    from akrim.synth.bundle import generate
    from akrim.synth.config import AS_OF

    settings = settings_for(data_dir, lang, synthetic=True)
    if scale == "shipped":
        bundle, as_of = demo_data.bundle_dir(), demo_data.AS_OF
    elif scale in ("tiny", "county"):
        bundle, as_of = settings.data_dir / f"demo-bundle-{scale}", AS_OF
        if not (bundle / "bundle.json").is_file():
            console.print(t("demo.generating", settings.lang, scale=scale, bundle=bundle))
            generate(scale, 1, 12, bundle)
    else:
        raise typer.BadParameter(f"--scale must be county, tiny or shipped, not {scale!r}")
    console.print(t("demo.loading", settings.lang, bundle=bundle))
    with create_store(settings) as store:
        with render.progress(False, settings.lang) as progress:
            report = ingest_files(
                store, [bundle], as_of=as_of, context=ReadContext(allow_synthetic=True),
                progress=progress, workers=settings.ingest_workers,
            )
        render.ingest_report(console, report, settings.lang)
        render.status(console, store_status(store), settings.lang)
        render.quarantine(console, quarantine_sample(store), settings.lang)
        console.print(t("demo.analysing", settings.lang))
        summary = analyse(store, settings)
        if summary.linkage.linkage is not None:
            s = summary.linkage.linkage
            console.print(t("link.done", settings.lang, records=s.records, persons=s.persons,
                            merged=s.merged, conflicts=s.conflicts, shared=s.shared_identifiers,
                            seconds=s.seconds))
        console.print(t("analyse.entries", settings.lang, entries=summary.entries))
        console.print(render_top(top(store, 10), settings.lang, t("top.title", settings.lang)))


if __name__ == "__main__":
    app()
