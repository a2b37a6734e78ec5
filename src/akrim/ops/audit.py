"""Checking and exporting the audit log (for the data protection officer).

`verify` walks the chain in id order and names the first entry that does not hold: an edited
field changes its hash, a deleted entry leaves a gap in the ids and its successor pointing at a
hash that is not there, an inserted one breaks its successor's link. Entries cut off at the end
leave a shorter, intact chain: that is caught only against a head recorded earlier
(`expect_head`, which `akrim audit verify` prints for the officer to keep).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from akrim.errors import AkrimError
from akrim.i18n import add_messages
from akrim.ops.chain import GENESIS, canonical_time, entry_hash
from akrim.ops.db import OPS_SQLITE, audit_log, connect
from akrim.settings import Settings

add_messages({
    "audit.reason.missing": ("mangler (neste er {next})", "is missing (the next is {next})"),
    "audit.reason.unlinked": ("følger ikke etter oppføringen før den",
                              "does not follow the entry before it"),
    "audit.reason.changed": ("er endret etter at den ble skrevet",
                             "was changed after it was written"),
    "audit.no_store": ("Ingen operasjonell database i {data_dir} (akrim-ops.sqlite): ingen "
                       "revisjonslogg å sjekke. Feil --data-dir?",
                       "No operational store in {data_dir} (akrim-ops.sqlite): no audit log "
                       "to check. Wrong --data-dir?"),
    "audit.reason.cut": ("mangler: loggen slutter før hashen {head}… som ble notert "
                         "(oppføringer er fjernet fra slutten)",
                         "is missing: the log ends before the recorded hash {head}… (entries "
                         "were removed from its end)"),
})


class NoOpsStore(AkrimError):
    """The data directory has no operational store: checking it would create an empty one."""

    key = "audit.no_store"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir=data_dir)


def existing_ops_store(settings: Settings) -> Engine:
    """The operational store to read the log from; raises NoOpsStore rather than creating one
    in a mistyped data directory."""
    if settings.ops_db_url is None and not (settings.data_dir / OPS_SQLITE).is_file():
        raise NoOpsStore(settings.data_dir)
    return connect(settings)


@dataclass(frozen=True)
class Verdict:
    entries: int
    head: str
    """The last entry's hash (GENESIS for an empty log)."""
    broken_at: int | None = None
    """The id of the first entry that does not hold; None when the chain is whole."""
    reason: str | None = None
    """Why, as a message key (audit.reason.*) filled in with `details`."""
    details: dict[str, object] | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(engine: Engine, expect_head: str | None = None) -> Verdict:
    previous, expected_id, count = GENESIS, 1, 0
    with engine.connect() as con:
        for row in con.execute(select(audit_log).order_by(audit_log.c.id)):
            count += 1
            if row.id != expected_id:
                return Verdict(count, previous, expected_id, "audit.reason.missing",
                               {"next": row.id})
            if row.prev_hash != previous:
                return Verdict(count, previous, row.id, "audit.reason.unlinked")
            computed = entry_hash(previous, row.id, row.at, row.user_name, row.action,
                                  row.subject, row.purpose)
            if row.hash != computed:
                return Verdict(count, previous, row.id, "audit.reason.changed")
            previous, expected_id = computed, expected_id + 1
    if expect_head is not None and expect_head != previous:
        return Verdict(count, previous, expected_id, "audit.reason.cut",
                       {"head": expect_head[:12]})
    return Verdict(count, previous)


def entries(engine: Engine, since: datetime | None, until: datetime | None
            ) -> Iterator[dict[str, Any]]:
    """The entries written in [since, until), oldest first, with their hashes."""
    query = select(audit_log).order_by(audit_log.c.id)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    if until is not None:
        query = query.where(audit_log.c.at < until)
    with engine.connect() as con:
        for row in con.execute(query):
            yield {"id": row.id, "at": canonical_time(row.at) + "Z", "user": row.user_name,
                   "action": row.action, "subject": row.subject, "purpose": row.purpose,
                   "prev_hash": row.prev_hash, "hash": row.hash}
