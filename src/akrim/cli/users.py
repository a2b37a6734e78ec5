"""`akrim users add`: users of the analysts' web app, for administrators, scripts and tests."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from akrim.cli.common import DataDir, LangOption, settings_for
from akrim.i18n import add_messages, t
from akrim.settings import DEFAULT_DATA_DIR

add_messages({
    "users.added": ("Bruker {name} ({agency}, {role}) er opprettet.",
                    "User {name} ({agency}, {role}) created."),
    "users.password_prompt": ("Passord: ", "Password: "),
    "users.password_again": ("Passord igjen: ", "Password again: "),
    "users.password_mismatch": ("Passordene er ulike.", "The passwords differ."),
})

users_app = typer.Typer(help="Users of the analysts' web app.", no_args_is_help=True)


def _password(lang: str) -> str:
    """From standard input (one line) for scripts; asked twice, hidden, at a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("users.password_prompt", "en" if lang == "en" else "nb"))
    second = getpass.getpass(t("users.password_again", "en" if lang == "en" else "nb"))
    if first != second:
        typer.secho(t("users.password_mismatch", "en" if lang == "en" else "nb"),
                    err=True, fg="red")
        raise typer.Exit(1)
    return first


@users_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The user name to sign in with.")],
    agency: Annotated[str, typer.Option(help="arbeidstilsynet, nav, politiet, skatteetaten, "
                                        "akrim-senter or styringsgruppe.")],
    role: Annotated[str, typer.Option(help="analyst, inspector, steering or admin.")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """Create a user; the password (at least 12 characters) is read from standard input."""
    from akrim.ops.db import connect
    from akrim.ops.users import add_user, check_new_user

    settings = settings_for(data_dir, lang)
    password = _password(settings.lang)
    check_new_user(name, agency, role, password)  # before the store (and its folder) is made
    user = add_user(connect(settings), name, agency, role, password)
    typer.echo(t("users.added", settings.lang, name=user.name, agency=user.agency,
                 role=user.role))
