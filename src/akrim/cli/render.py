"""Rich rendering of library results for the terminal, in bokmål or English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from akrim.i18n import Lang, t
from akrim.ingest.loader import FileReport, IngestReport


@contextmanager
def progress(quiet: bool, lang: Lang = "nb") -> Iterator[Callable[[str, int], None] | None]:
    """A progress display with records/s per file; None when quiet."""
    if quiet:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed:>12,.0f} " + t("progress.records", lang)),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=False) as bar:
        tasks: dict[str, Any] = {}

        def advance(name: str, count: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=None, rate="")
            task_id = tasks[name]
            bar.advance(task_id, count)
            speed = bar.tasks[task_id].speed
            unit = t("progress.records", lang)
            bar.update(task_id, rate=f"{speed:>10,.0f} {unit}/s" if speed else "")

        yield advance


def _note(item: FileReport, lang: Lang) -> str:
    if item.unrecognised:
        return t("skip.unrecognised", lang)
    if item.loaded_in is not None:
        return t("skip.loaded", lang, snapshot=item.loaded_in)
    return ""


def ingest_report(console: Console, report: IngestReport, lang: Lang = "nb") -> None:
    table = Table(title=t("load.title", lang, snapshot=report.snapshot_id or "-",
                          as_of=report.as_of.isoformat()))
    for key in ("col.file", "col.register", "col.records", "col.quarantined", "col.note"):
        table.add_column(t(key, lang))
    for item in report.files:
        table.add_row(item.path.name, item.register, f"{item.records:,}",
                      f"{item.quarantined:,}", _note(item, lang))
    console.print(table)
    if report.changes:
        changes = Table(title=t("changes.title", lang))
        for key in ("col.table", "col.closed", "col.opened"):
            changes.add_column(t(key, lang))
        for name, (closed, opened) in sorted(report.changes.items()):
            changes.add_row(name, f"{closed:,}", f"{opened:,}")
        console.print(changes)
    if report.quarantine:
        console.print(t("quarantine.by_reason", lang) + ": " + ", ".join(
            f"{kind} {count:,}" for kind, count in report.quarantine.most_common()))


def status(console: Console, data: dict[str, Any], lang: Lang = "nb") -> None:
    table = Table(title=t("tables.title", lang))
    for key in ("col.table", "col.current", "col.history"):
        table.add_column(t(key, lang))
    for name, count in data["tables"].items():
        table.add_row(name, f"{count:,}", f"{data['history'][name]:,}")
    console.print(table)
    snapshots = Table(title=t("snapshots.title", lang))
    for header in ("#", t("col.as_of", lang), t("col.loaded", lang), t("col.files", lang)):
        snapshots.add_column(header)
    for snap in data["snapshots"]:
        snapshots.add_row(str(snap["snapshot_id"]), snap["as_of"], snap["loaded_at"],
                          ", ".join(f["name"] for f in snap["files"]))
    console.print(snapshots)
    if data["quarantine"]:
        console.print(t("quarantine.by_reason", lang) + ": " + ", ".join(
            f"{kind} {count:,}" for kind, count in data["quarantine"].items()))
    else:
        console.print(t("quarantine.none", lang))


def quarantine(
    console: Console, rows: list[tuple[str, int, str, str]], lang: Lang = "nb"
) -> None:
    if not rows:
        return
    table = Table(title=t("quarantine.sample", lang))
    for key in ("col.file", "col.line", "col.field", "col.reason"):
        table.add_column(t(key, lang))
    for file, line, field, reason in rows:
        table.add_row(file, str(line), field, reason)
    console.print(table)
