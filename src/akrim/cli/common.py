"""Options every command shares, the settings they build, and the one place where the
library's problems become messages (no command catches them itself)."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup

from akrim.errors import AkrimError
from akrim.i18n import Lang, t
from akrim.ingest.problems import FileError

if TYPE_CHECKING:  # pydantic-settings costs a start that `akrim --help` need not pay
    from akrim.settings import Settings

_LANG = "akrim.lang"
"""Where `--lang` is kept in click's context meta (shared by the group and its commands), so
that messages about a command's failure come in the language it was asked for."""


def _lang(ctx: typer.Context) -> Lang:
    return "en" if ctx.meta.get(_LANG) == "en" else "nb"


@dataclass(frozen=True)
class Lazy:
    """A command whose module is imported only when the command runs (or its help is asked
    for): `akrim --help` lists it from `summary` alone."""

    module: str
    function: str
    summary: str
    """The first paragraph of the command's docstring (tests/cli/test_start.py keeps them
    equal)."""


class Commands(TyperGroup):
    """The `akrim` group: a problem the user can fix (akrim.errors), a file that cannot be
    read or written, or a load aborted on a bad file is printed to stderr in the user's
    language with exit status 1, never as a traceback. Bad arguments stay click's (status 2).

    Commands named in `lazy` are loaded on use: starting `akrim` then costs typer and the one
    command's libraries, not DuckDB, SQLAlchemy, pyarrow and Splink for every command."""

    lazy: ClassVar[dict[str, Lazy]] = {}

    # typer's own click types (Context, Command) are private to typer: hence Any below
    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.lazy, *(name for name in super().list_commands(ctx)
                              if name not in self.lazy)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The loaded command, else (for the list in `akrim --help`) its name and summary."""
        if cmd_name in self.commands or cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        return TyperCommand(cmd_name, help=self.lazy[cmd_name].summary)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name in self.lazy and name not in self.commands:
            command = self.commands[name] = self.load(name)
        return name, command, rest

    def load(self, name: str) -> Any:
        """The command, or the group of commands (a typer.Typer such as `akrim users`)."""
        target = self.lazy[name]
        found = getattr(importlib.import_module(target.module), target.function)
        holder = typer.Typer(add_completion=False)
        if isinstance(found, typer.Typer):  # a group, even of one command, as add_typer makes
            holder.add_typer(found, name=name)
            return typer.main.get_group(holder).commands[name]
        holder.command(name)(found)
        return typer.main.get_command(holder)

    def invoke(self, ctx: Any) -> Any:  # typer's own click.Context type is private to typer
        try:
            return super().invoke(ctx)
        except AkrimError as error:
            message = error.message(_lang(ctx))
        except FileError as error:
            message = f"{t('load.aborted', _lang(ctx))}: {error}"
        except BrokenPipeError:  # whoever read the output left (`| head`): not a file's fault
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error
            raise typer.Exit(1) from None
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
    from akrim.ids import InvalidIdentifier
    from akrim.ids.actor import checked_actor_id

    try:
        return checked_actor_id(value)
    except InvalidIdentifier as error:
        lang = _lang(ctx)
        raise typer.BadParameter(t("error.invalid_id", lang, reason=error.message(lang))
                                 ) from error


ActorArgument = Annotated[
    str,
    typer.Argument(help="Organisation number, fødselsnummer, d-number, node or cluster id.",
                   callback=_actor),
]


def settings_for(data_dir: Path, lang: str = "nb", **overrides: object) -> Settings:
    from akrim.settings import Settings

    return Settings(data_dir=data_dir, lang=lang, **overrides)  # type: ignore[arg-type]
