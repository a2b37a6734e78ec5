"""`akrim demo`: what `make run` does."""

from __future__ import annotations

from typing import Annotated

import typer

from akrim.cli import render
from akrim.cli.analysis import render_top
from akrim.cli.common import DataDir, LangOption, settings_for
from akrim.cli.output import console
from akrim.i18n import add_messages, t
from akrim.numbers import number
from akrim.settings import DEFAULT_DATA_DIR, Settings

add_messages({
    "demo.sign_in": ("Analysesidene: logg inn som {user} med passordet {password} (nytt ved hver "
                     "kjøring av demoen).",
                     "The analyst pages: sign in as {user} with the password {password} (new "
                     "at every run of the demo)."),
})


def demo_command(
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
    from akrim.ingest.loader import ingest
    from akrim.ingest.records import ReadContext
    from akrim.pipeline import analyse
    from akrim.scoring.priority import top
    from akrim.store.access import create_store
    from akrim.store.status import quarantine_sample
    from akrim.store.status import status as store_status
    from akrim.synth.bundle import generate
    from akrim.synth.config import AS_OF

    settings = settings_for(data_dir, lang, synthetic=True)
    lang_, out = settings.lang, console()
    if scale == "shipped":
        bundle, as_of = demo_data.bundle_dir(), demo_data.AS_OF
    elif scale in ("tiny", "county"):
        bundle, as_of = settings.data_dir / f"demo-bundle-{scale}", AS_OF
        if not (bundle / "bundle.json").is_file():
            out.print(t("demo.generating", lang_, scale=scale, bundle=bundle))
            generate(scale, 1, 12, bundle)
    else:
        raise typer.BadParameter(f"--scale must be county, tiny or shipped, not {scale!r}")
    out.print(t("demo.loading", lang_, bundle=bundle))
    with create_store(settings) as store:
        with render.progress(False, lang_) as progress:
            report = ingest(
                store, [bundle], as_of=as_of, context=ReadContext(allow_synthetic=True),
                progress=progress, workers=settings.ingest_workers,
            )
        render.ingest_report(out, report, lang_)
        render.status(out, store_status(store), lang_)
        render.quarantine(out, quarantine_sample(store), lang_)
        out.print(t("demo.analysing", lang_))
        summary = analyse(store, settings)
        if summary.linkage.linkage is not None:
            out.print(render.linkage(summary.linkage.linkage, lang_))
        out.print(t("analyse.entries", lang_, entries=number(summary.entries, lang_)))
        out.print(render_top(top(store, 10), lang_, t("top.title", lang_),
                             reasons_shown=4 if out.is_terminal else None))
    out.print(t("demo.sign_in", lang_, user=DEMO_USER, password=demo_user(settings)))


DEMO_USER = "demo"


def demo_user(settings: Settings) -> str:
    """The demo's analyst account, with a new random password each run (printed, kept nowhere
    else), so that `make run` ends in an app one can sign in to."""
    import secrets

    from akrim.ops.db import connect
    from akrim.ops.users import add_user, find_user, set_password

    engine = connect(settings)
    password = secrets.token_urlsafe(12)
    if find_user(engine, DEMO_USER) is None:
        add_user(engine, DEMO_USER, "akrim-senter", "analyst", password)
    else:
        set_password(engine, DEMO_USER, password)
    return password
