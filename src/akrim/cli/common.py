"""Options every command shares, the settings they build, and the one place where the
library's problems become messages (no command catches them itself)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from akrim.errors import AkrimError
from akrim.i18n import Lang, t
from akrim.ids import InvalidIdentifier
from akrim.ids.actor import checked_actor_id
from akrim.ingest.problems import FileError
from akrim.settings import Settings

_LANG = "akrim.lang"
"""Where `--lang` is kept in click's context meta (shared by the group and its commands), so
that messages about a command's failure come in the language it was asked for."""


def _lang(ctx: typer.Context) -> Lang:
    return "en" if ctx.meta.get(_LANG) == "en" else "nb"


class Commands(TyperGroup):
    """The `akrim` group: a problem the user can fix (akrim.errors), a file that cannot be
    read or written, or a load aborted on a bad file is printed to stderr in the user's
    language with exit status 1, never as a traceback. Bad arguments stay click's (status 2)."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click.Context type is private to typer
        try:
            return super().invoke(ctx)
        except AkrimError as error:
            message = error.message(_lang(ctx))
        except FileError as error:
            message = f"{t('load.aborted', _lang(ctx))}: {error}"
        except OSError as error:  # a path given that is missing, a folder, or not writable
            message = t("error.file", _lang(ctx), error=error)
        typer.secho(message, err=True, fg="red")
        raise typer.Exit(1)


def _language(ctx: typer.Context, value: str) -> str:
    if value not in ("nb", "en"):
        raise typer.BadParameter(f"must be nb or en, not {value!r}")
    ctx.meta[_LANG] = value
    return value


DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        envvar="AKRIM_DATA_DIR",
        help="Where the stores live (akrim.duckdb).",
        show_default=True,
    ),
]

LangOption = Annotated[
    str,
    # eager: read before the other arguments, so their errors are worded in this language
    typer.Option("--lang", envvar="AKRIM_LANG", help="nb (bokmål) or en (English).",
                 callback=_language, is_eager=True),
]


def _actor(ctx: typer.Context, value: str) -> str:
    try:
        return checked_actor_id(value)
    except InvalidIdentifier as error:
        raise typer.BadParameter(t("error.invalid_id", _lang(ctx), reason=error)) from error


ActorArgument = Annotated[
    str,
    typer.Argument(help="Organisation number, fødselsnummer, d-number, node or cluster id.",
                   callback=_actor),
]


def settings_for(data_dir: Path, lang: str = "nb", **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, lang=lang, **overrides)  # type: ignore[arg-type]
