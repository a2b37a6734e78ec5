"""`akrim ingest` and `akrim status`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from akrim.cli import render
from akrim.cli.common import DataDir, LangOption, settings_for
from akrim.cli.output import console
from akrim.i18n import t
from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.ingest.registry import declared_as_of
from akrim.seriousness.serving import refresh as refresh_public
from akrim.settings import DEFAULT_DATA_DIR
from akrim.store.access import create_store, open_store
from akrim.store.status import quarantine_sample
from akrim.store.status import status as store_status


def ingest_command(
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
    out = console()
    with create_store(settings) as store:
        snapshot_date = given or declared_as_of(paths) or date.today()
        with render.progress(quiet, settings.lang) as progress:
            report = ingest(
                store, paths, as_of=snapshot_date,
                context=ReadContext(allow_synthetic=settings.synthetic),
                skip_unknown=skip_unknown, progress=progress,
                workers=settings.ingest_workers,
            )
        # The public check reads its own copy of the public registers: written after each load.
        refresh_public(store, settings.data_dir)
        if not quiet:
            render.ingest_report(out, report, settings.lang)
            render.quarantine(out, quarantine_sample(store), settings.lang)
    unrecognised = [f.path for f in report.files if f.unrecognised]
    errors = console(stderr=True)
    for path in unrecognised:
        errors.print(f"{t('skip.unrecognised', settings.lang)}: {path}", soft_wrap=True)
    if unrecognised:
        raise typer.Exit(1)


def status_command(
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
        out = console()
        render.status(out, data, settings.lang)
        render.quarantine(out, sample, settings.lang)
