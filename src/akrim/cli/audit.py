"""`akrim audit verify` and `akrim audit export`: the audit log for the data protection officer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from akrim.cli.common import DataDir, LangOption, settings_for
from akrim.i18n import add_messages, t
from akrim.settings import DEFAULT_DATA_DIR

add_messages({
    "audit.intact": ("Revisjonsloggen er hel: {entries} oppføringer, siste hash {head}",
                     "The audit log is intact: {entries} entries, last hash {head}"),
    "audit.broken": ("Revisjonsloggen er endret: oppføring {entry} {reason}",
                     "The audit log has been tampered with: entry {entry} {reason}"),
    "audit.exported": ("{count} oppføringer skrevet til {out}", "{count} entries written to {out}"),
})

audit_app = typer.Typer(help="The audit log of reads of personal data and of changes.",
                        no_args_is_help=True)


@audit_app.command("verify")
def verify_command(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    expect_head: Annotated[str | None, typer.Option(
        help="The last hash recorded at an earlier check: entries cut from the end are then "
             "found too.")] = None,
    lang: LangOption = "nb",
) -> None:
    """Check the hash chain; exit status 1 naming the first broken entry."""
    from akrim.ops.audit import existing_ops_store, verify

    settings = settings_for(data_dir, lang)
    verdict = verify(existing_ops_store(settings), expect_head)
    if verdict.intact:
        typer.echo(t("audit.intact", settings.lang, entries=verdict.entries, head=verdict.head))
        return
    reason = t(verdict.reason or "audit.reason.changed", settings.lang,
               **(verdict.details or {}))
    typer.secho(t("audit.broken", settings.lang, entry=verdict.broken_at, reason=reason),
                err=True, fg="red")
    raise typer.Exit(1)


def _day(value: str | None, option: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), tzinfo=dt.UTC)
    except ValueError as error:
        raise typer.BadParameter(f"{option} {value!r} is not a date (YYYY-MM-DD)") from error


@audit_app.command("export")
def export_command(
    since: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD, UTC).")
                     ] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day, included.")] = None,
    out: Annotated[Path | None, typer.Option(help="A JSON-lines file; default: standard "
                                             "output.")] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: LangOption = "nb",
) -> None:
    """The entries of a period as JSON lines (id, at, user, action, subject, purpose, hashes)."""
    from akrim.ops.audit import entries, existing_ops_store

    settings = settings_for(data_dir, lang)
    first, last = _day(since, "--from"), _day(until, "--to")  # bad arguments before the store
    rows = entries(existing_ops_store(settings), first,
                   last + dt.timedelta(days=1) if last else None)
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if out is None:
        for line in lines:
            typer.echo(line, nl=False)
        return
    count = 0
    with out.open("w", encoding="utf-8") as file:
        for line in lines:
            file.write(line)
            count += 1
    typer.echo(t("audit.exported", settings.lang, count=count, out=out))
