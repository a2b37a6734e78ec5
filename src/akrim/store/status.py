"""What the analytical store holds: tables, snapshots and quarantine, as plain data."""

from __future__ import annotations

from typing import Any

from akrim.store.engine import Store
from akrim.store.schema import TABLES


def status(store: Store) -> dict[str, Any]:
    """`tables`: current rows per register table; `history`: all dated versions per table;
    `snapshots`: every load with its date and files; `quarantine`: bad rows by reason."""
    tables: dict[str, int] = {}
    history: dict[str, int] = {}
    for spec in TABLES:
        current, total = store.rows(
            f"SELECT count(*) FILTER (WHERE valid_to IS NULL), count(*) FROM {spec.name}"
        )[0]
        tables[spec.name] = int(current)
        history[spec.name] = int(total)
    files: dict[int, list[dict[str, Any]]] = {}
    for snapshot_id, name, path, register, records, quarantined in store.rows(
        "SELECT snapshot_id, name, path, register, records, quarantined FROM source_file "
        "ORDER BY file_id"
    ):
        files.setdefault(int(snapshot_id), []).append({
            "name": name, "path": path, "register": register,
            "records": int(records), "quarantined": int(quarantined),
        })
    snapshots = [
        {
            "snapshot_id": int(snapshot_id),
            "as_of": as_of.isoformat(),
            "loaded_at": loaded_at.isoformat(timespec="seconds"),
            "files": files.get(int(snapshot_id), []),
        }
        for snapshot_id, as_of, loaded_at in store.rows(
            "SELECT snapshot_id, as_of, loaded_at FROM snapshot ORDER BY snapshot_id"
        )
    ]
    quarantine = {
        str(kind): int(count)
        for kind, count in store.rows(
            "SELECT kind, count(*) FROM quarantine GROUP BY kind ORDER BY count(*) DESC, kind"
        )
    }
    return {
        "tables": tables,
        "history": history,
        "snapshots": snapshots,
        "quarantine": quarantine,
    }


def quarantine_sample(store: Store, limit: int = 10) -> list[tuple[str, int, str, str]]:
    """A few quarantined rows as (file, line, field, reason), newest first."""
    return [
        (str(name), int(line), str(field or "-"), str(reason))
        for name, line, field, reason in store.rows(
            "SELECT f.name, q.line, q.field, q.reason FROM quarantine q "
            "JOIN source_file f USING (file_id) ORDER BY q.snapshot_id DESC, q.file_id, q.line "
            "LIMIT ?",
            [limit],
        )
    ]
