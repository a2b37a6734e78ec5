"""`akrim serve`: the web application under uvicorn."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from akrim.cli.common import DataDir, LangOption, settings_for
from akrim.i18n import add_messages, t
from akrim.seriousness.serving import public_file, refresh
from akrim.settings import DEFAULT_DATA_DIR
from akrim.store.access import open_store

add_messages({"serve.published": (
    "Skrev seriøsitetssjekkens serveringsfil {path} ({seconds:.1f} s)",
    "Wrote the seriousness check's serving file {path} ({seconds:.1f} s)")})


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """The web application: the public seriousness check (page and /api/v1) and the analysts'
    pages (sign-in)."""
    import uvicorn  # only this command needs the server

    from akrim.web.app import create_app

    settings = settings_for(data_dir, lang)
    # Said now, like every other command, rather than as a 503 on each request: a mistyped
    # --data-dir or a store nothing was loaded into. The public check reads its serving file;
    # one older than the newest load, or none (a store loaded before there were serving files),
    # is written now, so that a loaded but not analysed store is served fast too.
    with open_store(settings, "loaded") as store:
        started = time.perf_counter()
        if refresh(store, settings.data_dir):
            typer.echo(t("serve.published", settings.lang, path=public_file(settings.data_dir),
                         seconds=time.perf_counter() - started))
    typer.echo(t("serve.open", settings.lang, url=f"http://{host}:{port}/"))
    uvicorn.run(create_app(settings), host=host, port=port)
