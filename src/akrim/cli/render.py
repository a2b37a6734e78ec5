"""Rich rendering of library results for the terminal, in bokmål or English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from akrim.i18n import Lang, t
from akrim.numbers import number

if TYPE_CHECKING:  # the loader brings pyarrow and DuckDB: `akrim status` needs neither
    from akrim.ingest.loader import FileReport, IngestReport
    from akrim.link.resolve import LinkSummary


class _Records(ProgressColumn):
    """Records read and records per second, with the language's digits."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def render(self, task: Task) -> Text:
        unit = t("progress.records", self.lang)
        done = f"{number(int(task.completed), self.lang):>12} {unit}"
        speed = f"   {number(round(task.speed), self.lang):>10} {unit}/s" if task.speed else ""
        return Text(done + speed)


@contextmanager
def progress(quiet: bool, lang: Lang = "nb") -> Iterator[Callable[[str, int], None] | None]:
    """A progress display with records/s per file; None when quiet."""
    if quiet:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        _Records(lang),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=False) as bar:
        tasks: dict[str, Any] = {}

        def advance(name: str, count: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=None)
            bar.advance(tasks[name], count)

        yield advance


def linkage(s: LinkSummary, lang: Lang) -> str:
    """What `akrim link` (and so `akrim demo`) made of the person records."""
    return t("link.done", lang, records=number(s.records, lang), persons=number(s.persons, lang),
             merged=number(s.merged, lang), conflicts=number(s.conflicts, lang),
             shared=number(s.shared_identifiers, lang), seconds=number(s.seconds, lang, 1))


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
        table.add_row(item.path.name, item.register, number(item.records, lang),
                      number(item.quarantined, lang), _note(item, lang))
    console.print(table)
    if report.changes:
        changes = Table(title=t("changes.title", lang))
        for key in ("col.table", "col.closed", "col.opened"):
            changes.add_column(t(key, lang))
        for name, (closed, opened) in sorted(report.changes.items()):
            changes.add_row(name, number(closed, lang), number(opened, lang))
        console.print(changes)
    if report.quarantine:
        console.print(t("quarantine.by_reason", lang) + ": " + ", ".join(
            f"{kind} {number(count, lang)}" for kind, count in report.quarantine.most_common()))


def status(console: Console, data: dict[str, Any], lang: Lang = "nb") -> None:
    table = Table(title=t("tables.title", lang))
    for key in ("col.table", "col.current", "col.history"):
        table.add_column(t(key, lang))
    for name, count in data["tables"].items():
        table.add_row(name, number(count, lang), number(data["history"][name], lang))
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
            f"{kind} {number(count, lang)}" for kind, count in data["quarantine"].items()))
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
