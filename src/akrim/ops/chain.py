"""The audit log's hash chain: each entry's hash covers its own fields and the hash before it.

This is the chain's definition, fixed for good: changing the canonical form would make every
existing log fail `akrim audit verify`. An entry's hash is SHA-256 over the previous hash and
the entry's fields as compact JSON (keys sorted, the time as ISO 8601 in UTC, microseconds).
Editing any field, deleting or inserting an entry breaks the chain at that entry.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

GENESIS = "0" * 64
"""The `prev_hash` of the first entry."""


def canonical_time(at: datetime) -> str:
    """UTC, microseconds, no offset text: SQLite returns naive datetimes, PostgreSQL aware."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(prev_hash: str, entry_id: int, at: datetime, user_name: str, action: str,
               subject: str | None, purpose: str | None) -> str:
    fields = {"id": entry_id, "at": canonical_time(at), "user": user_name, "action": action,
              "subject": subject, "purpose": purpose}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + text).encode()).hexdigest()
