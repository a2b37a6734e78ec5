"""Apply Enhetsregisteret change-feed events on top of the last snapshot.

Events are applied per unit in `oppdateringsid` order. An `Endring` patches the unit's current
JSON document (RFC 6902); a `Ny` event builds it from its patch (`add` operations); a `Sletting`
keeps the unit with `slettedato` set to the event date; `Fjernet` (removed for legal reasons)
ends it. Each event opens a dated version valid from the event's date. The patched documents are
kept in `change_document`, so the next feed can patch them again.

Roles: the latest event per enhet in a load wins; its role set replaces the current one from the
event's date.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from datetime import date
from typing import Any

import orjson

from akrim.ingest.batches import CHANGE_SUFFIX
from akrim.ingest.checks import Checker
from akrim.ingest.readers import READERS
from akrim.ingest.readers.brreg_enheter import VALUES, csv_document
from akrim.ingest.readers.brreg_roller import role_rows
from akrim.ingest.sqlchecks import quote
from akrim.store import history
from akrim.store.bookkeeping import records_of
from akrim.store.engine import Store
from akrim.store.history import row_hash_sql
from akrim.store.schema import TABLE_BY_NAME, UNKNOWN_FIELDS

Event = tuple[tuple[Any, ...], str, int, int]
"""(orgnr, event id, date, kind, patch) values, record id, file id, line."""

DOCUMENT_DDL = """CREATE TABLE IF NOT EXISTS change_document (
  table_name VARCHAR NOT NULL, organisasjonsnummer VARCHAR NOT NULL,
  record_id VARCHAR NOT NULL, document VARCHAR NOT NULL)"""


class PatchError(ValueError):
    pass


def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f"JSON pointer {path!r} does not start with '/'")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _parent(doc: Any, parts: list[str]) -> tuple[Any, str]:
    target = doc
    for part in parts[:-1]:
        if isinstance(target, list):
            target = target[int(part)]
        elif isinstance(target, dict):
            target = target.setdefault(part, {})
        else:
            raise PatchError(f"cannot descend into {type(target).__name__} at {part!r}")
    return target, parts[-1]


def apply_patch(document: dict[str, Any], operations: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply RFC 6902 operations (add, replace, remove, move, copy; test is checked)."""
    doc = copy.deepcopy(document)
    for op in operations:
        name, parts = op.get("op"), _pointer(str(op.get("path", "")))
        if not parts:
            value = op.get("value")
            if name in ("add", "replace") and isinstance(value, dict):
                doc = copy.deepcopy(value)
                continue
            raise PatchError(f"cannot {name} the whole document")
        if name == "move" or name == "copy":
            source_parent, source_key = _parent(doc, _pointer(str(op.get("from", ""))))
            value = (source_parent[int(source_key)] if isinstance(source_parent, list)
                     else source_parent.get(source_key))
            if name == "move":
                if isinstance(source_parent, list):
                    del source_parent[int(source_key)]
                else:
                    source_parent.pop(source_key, None)
            op = {"op": "add", "path": op["path"], "value": value}
            name = "add"
        parent, key = _parent(doc, parts)
        if name in ("add", "replace"):
            if isinstance(parent, list):
                index = len(parent) if key == "-" else int(key)
                if name == "add":
                    parent.insert(index, op.get("value"))
                else:
                    parent[index] = op.get("value")
            else:
                parent[key] = op.get("value")
        elif name == "remove":
            if isinstance(parent, list):
                del parent[int(key)]
            else:
                parent.pop(key, None)
        elif name == "test":
            actual = parent[int(key)] if isinstance(parent, list) else parent.get(key)
            if actual != op.get("value"):
                raise PatchError(f"test failed at {op.get('path')}")
        else:
            raise PatchError(f"unknown patch operation {name!r}")
    return doc


def _key_table(store: Store, keys: list[str]) -> None:
    """The temporary table `change_keys (k)` of the units a feed changes: what is read of the
    store is joined to it, so that a day's feed reads its own units only."""
    store.temp_table("change_keys", "(k VARCHAR)")
    store.execute_many("INSERT INTO change_keys VALUES (?)", [(k,) for k in keys])


def _registers_of(table: str) -> str:
    """The registers a version of `table` can have come from (its bulk files and its change
    feed), as an SQL list: its record is looked for among theirs only (`records_of`)."""
    return ", ".join(quote(spec.register) for spec in READERS
                     if {table, table + CHANGE_SUFFIX} & set(spec.tables))


def _current_documents(
    store: Store, table: str, keys: list[str]
) -> dict[str, tuple[dict[str, Any], date]]:
    """Each unit's current JSON document and the date its current version is valid from."""
    _key_table(store, keys)
    found: dict[str, tuple[dict[str, Any], date]] = {}
    for orgnr, valid_from, patched, payload, register in store.rows(
        f"""
        SELECT t.organisasjonsnummer, t.valid_from,
               (SELECT any_value(d.document) FROM change_document d
                WHERE d.table_name = ? AND d.organisasjonsnummer = t.organisasjonsnummer
                  AND d.record_id = t.record_id),
               r.payload, f.register
        FROM {table} t JOIN change_keys c ON c.k = t.organisasjonsnummer
        LEFT JOIN {records_of(_registers_of(table))} r ON r.record_id = t.record_id
        LEFT JOIN source_file f ON f.file_id = r.file_id
        WHERE t.valid_to IS NULL
        """,
        [table],
    ):
        if patched:
            found[orgnr] = (orjson.loads(patched), valid_from)
        elif payload:
            document = orjson.loads(payload)
            if str(register).endswith(".csv"):  # the flat row of the CSV download
                document = csv_document(document)
            found[orgnr] = (document, valid_from)
    return found


def apply_unit_changes(
    store: Store, table: str, events: list[Event], snapshot_id: int, problems: list[Any]
) -> tuple[int, int]:
    """Apply one table's unit events; return (versions closed, versions opened)."""
    spec = TABLE_BY_NAME[table]
    store.execute(DOCUMENT_DDL)
    by_unit: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_unit[event[0][0]].append(event)
    current = _current_documents(store, table, list(by_unit))
    versions: list[tuple[Any, ...]] = []
    closes: list[tuple[str, date]] = []
    kept_documents: list[tuple[str, str, str, str]] = []
    for orgnr, unit_events in by_unit.items():
        unit_events.sort(key=lambda e: e[0][1])
        document, since = current.get(orgnr, (None, None))
        first = True
        for (values, record_id, file_id, line) in unit_events:
            _, _, when, kind, patch = values
            check = Checker(line)
            if since is not None and when < since:
                check.fail("dato", "stale_change",
                           f"{kind} event of {when} precedes the current version of {orgnr} "
                           f"(valid from {since}), which already reflects it; not applied")
                problems.append((file_id, check.problems))
                continue
            try:
                if kind == "Fjernet":
                    document = None
                elif kind == "Sletting":
                    document = dict(document or {"organisasjonsnummer": orgnr})
                    document["slettedato"] = when.isoformat()
                elif patch:
                    document = apply_patch(document or {"organisasjonsnummer": orgnr}, patch)
                elif document is None or kind == "Ny":
                    check.fail("endringer", "incomplete_change",
                               f"{kind} event for {orgnr} carries no changes and no earlier "
                               "version is known (fetch with includeChanges=true)")
                    problems.append((file_id, check.problems))
                    continue
                else:
                    check.fail("endringer", "incomplete_change",
                               f"{kind} event for {orgnr} carries no changes "
                               "(fetch with includeChanges=true); not applied")
                    problems.append((file_id, check.problems))
                    continue
            except (PatchError, IndexError, ValueError, TypeError) as exc:
                check.fail("endringer", "invalid_value", f"cannot apply patch: {exc}")
                problems.append((file_id, check.problems))
                continue
            if first:
                closes.append((orgnr, when))
                first = False
            if document is None:
                versions.append((None, when, record_id, orgnr))
                continue
            row = VALUES[table](check, document)
            if check.problems:
                problems.append((file_id, check.problems))
            if not check.ok:
                continue
            versions.append(((*row, check.unknown_fields), when, record_id, orgnr))
            kept_documents.append((table, orgnr, record_id, orjson.dumps(document).decode()))
    store.execute_many("INSERT INTO change_document VALUES (?, ?, ?, ?)", kept_documents)
    return _write_versions(store, spec.name, (*spec.column_names, UNKNOWN_FIELDS[0]), versions,
                           closes, snapshot_id)


def _write_versions(
    store: Store,
    table: str,
    columns: tuple[str, ...],
    versions: list[tuple[Any, ...]],
    closes: list[tuple[str, date]],
    snapshot_id: int,
) -> tuple[int, int]:
    spec = TABLE_BY_NAME[table]
    # `history.merge` reads `stg_<table>`. Change feeds are applied after the bulk merge, so this
    # replaces the load's own staging table of that name (see akrim.ingest.loader), which is done.
    store.temp_table(f"stg_{table}", spec.staging_columns())
    store.execute(f"ALTER TABLE stg_{table} ADD COLUMN valid_from DATE")
    store.execute(f"ALTER TABLE stg_{table} ADD COLUMN valid_to DATE")
    by_unit: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for version in versions:
        by_unit[version[3]].append(version)
    rows = []
    for unit_versions in by_unit.values():
        for n, (values, when, record_id, _) in enumerate(unit_versions):
            if values is None:
                continue
            until = unit_versions[n + 1][1] if n + 1 < len(unit_versions) else None
            rows.append((*values, record_id, when, until))
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in range(len(columns) + 3))
    store.execute_many(
        f"INSERT INTO stg_{table} ({names}, record_id, valid_from, valid_to) VALUES ({marks})",
        rows,
    )
    closed = _close_current(store, table, closes)
    store.execute(
        f"""INSERT INTO {table} ({names}, valid_from, valid_to, snapshot_id, record_id, row_hash)
        SELECT {names}, valid_from, valid_to, ?, record_id, {row_hash_sql(spec)}
        FROM stg_{table}""",
        [snapshot_id],
    )
    return closed, len(rows)


def _close_current(store: Store, table: str, closes: list[tuple[str, date]]) -> int:
    """End each unit's current version on its date, in one statement: one UPDATE per unit
    scanned the whole table each time, so a day's feed cost followed the store's size."""
    store.temp_table("change_closes", "(organisasjonsnummer VARCHAR, valid_to DATE)")
    store.execute_many("INSERT INTO change_closes VALUES (?, ?)", closes)
    result = store.execute(
        f"""UPDATE {table} SET valid_to = c.valid_to FROM change_closes c
        WHERE {table}.organisasjonsnummer = c.organisasjonsnummer AND {table}.valid_to IS NULL"""
    ).fetchone()
    store.execute("DROP TABLE change_closes")
    return int(result[0]) if result else 0


def apply_role_changes(
    store: Store, events: list[Event], snapshot_id: int, problems: list[Any]
) -> tuple[int, int]:
    """Replace each changed enhet's roles with the latest fetched set, from the event's date."""
    spec = TABLE_BY_NAME["rolle"]
    latest: dict[str, Event] = {}
    for event in events:
        orgnr = event[0][0]
        if orgnr not in latest or event[0][1] > latest[orgnr][0][1]:
            latest[orgnr] = event
    by_date: dict[date, list[tuple[Any, ...]]] = defaultdict(list)
    orgs_by_date: dict[date, list[str]] = defaultdict(list)
    _key_table(store, list(latest))
    since = dict(store.rows(
        "SELECT organisasjonsnummer, max(valid_from) FROM rolle "
        "JOIN change_keys c ON c.k = organisasjonsnummer WHERE valid_to IS NULL "
        "GROUP BY organisasjonsnummer"))
    for orgnr, (values, record_id, file_id, line) in latest.items():
        check = Checker(line)
        if orgnr in since and values[2] < since[orgnr]:
            check.fail("time", "stale_change",
                       f"roles event of {values[2]} precedes the current roles of {orgnr} "
                       f"(valid from {since[orgnr]}), which already reflect it; not applied")
            problems.append((file_id, check.problems))
            continue
        rows = role_rows(check, orgnr, values[4])
        if check.problems:
            problems.append((file_id, check.problems))
        if not check.ok:
            continue
        by_date[values[2]] += [(*row, check.unknown_fields, record_id, line, file_id)
                               for row in rows]
        orgs_by_date[values[2]].append(orgnr)
    closed = opened = 0
    scoped = type(spec)(spec.name, spec.columns, spec.key, ("organisasjonsnummer",))
    for when, rows in sorted(by_date.items()):
        store.temp_table("stg_rolle", spec.staging_columns())  # as in _write_versions
        store.temp_table("held_rolle", spec.held_columns())
        names = ", ".join(spec.column_names)
        marks = ", ".join("?" for _ in range(len(spec.column_names) + 5))
        numbered = [(*row, n) for n, row in enumerate(rows)]
        store.execute_many(
            f"INSERT INTO stg_rolle ({names}, unknown_fields, record_id, line, file_id, row_no) "
            f"VALUES ({marks})",
            numbered
        )
        store.execute(f"UPDATE stg_rolle SET row_hash = {row_hash_sql(spec)}")
        # An enhet whose new role set is empty still ends its old roles.
        with_roles = {row[0] for row in rows}
        closed += _close_current(store, "rolle", [(orgnr, when) for orgnr in orgs_by_date[when]
                                                  if orgnr not in with_roles])
        c, o = history.merge(store, scoped, snapshot_id, when)
        closed += c
        opened += o
    return closed, opened
