"""Rich rendering of library results for the terminal (bokmål first, English in brackets)."""

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

from akrim.ingest.loader import IngestReport


@contextmanager
def progress(quiet: bool) -> Iterator[Callable[[str, int], None] | None]:
    """A progress display with records/s per file; None when quiet."""
    if quiet:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed:>12,.0f} poster"),
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
            bar.update(task_id, rate=f"{speed:>10,.0f} poster/s" if speed else "")

        yield advance


def ingest_report(console: Console, report: IngestReport) -> None:
    table = Table(title=f"Innlesing (load) — øyeblikksbilde {report.snapshot_id or '-'}, "
                        f"dato {report.as_of.isoformat()}")
    for name in ("Fil (file)", "Register", "Poster (records)", "Karantene (quarantined)",
                 "Merknad (note)"):
        table.add_column(name)
    for item in report.files:
        table.add_row(item.path.name, item.register, f"{item.records:,}",
                      f"{item.quarantined:,}", item.skipped_reason or "")
    console.print(table)
    if report.changes:
        changes = Table(title="Endringer i historikken (history changes)")
        for name in ("Tabell", "Avsluttet (closed)", "Nye versjoner (opened)"):
            changes.add_column(name)
        for name, (closed, opened) in sorted(report.changes.items()):
            changes.add_row(name, f"{closed:,}", f"{opened:,}")
        console.print(changes)
    if report.quarantine:
        console.print("Karantene etter årsak (quarantine by reason): " + ", ".join(
            f"{kind} {count:,}" for kind, count in report.quarantine.most_common()))


def status(console: Console, data: dict[str, Any]) -> None:
    table = Table(title="Tabeller (tables)")
    for name in ("Tabell", "Gjeldende rader (current)", "Versjoner (history)"):
        table.add_column(name)
    for name, count in data["tables"].items():
        table.add_row(name, f"{count:,}", f"{data['history'][name]:,}")
    console.print(table)
    snapshots = Table(title="Øyeblikksbilder (snapshots)")
    for name in ("#", "Dato (as of)", "Lastet (loaded)", "Filer (files)"):
        snapshots.add_column(name)
    for snap in data["snapshots"]:
        snapshots.add_row(str(snap["snapshot_id"]), snap["as_of"], snap["loaded_at"],
                          ", ".join(f["name"] for f in snap["files"]))
    console.print(snapshots)
    if data["quarantine"]:
        console.print("Karantene (quarantine): " + ", ".join(
            f"{kind} {count:,}" for kind, count in data["quarantine"].items()))
    else:
        console.print("Karantene (quarantine): ingen rader (none)")


def quarantine(console: Console, rows: list[tuple[str, int, str, str]]) -> None:
    if not rows:
        return
    table = Table(title="Eksempler fra karantene (quarantine sample)")
    for name in ("Fil (file)", "Linje (line)", "Felt (field)", "Årsak (reason)"):
        table.add_column(name)
    for file, line, field, reason in rows:
        table.add_row(file, str(line), field, reason)
    console.print(table)
