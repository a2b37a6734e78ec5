"""What the analyst pages share: the store as far as analysis has gone, and the audit of every
read of person-level data (who, when, what, and the purpose stated in the session)."""

from __future__ import annotations

from contextlib import AbstractContextManager

from fastapi import Request

from akrim.ops.db import audit_all
from akrim.ops.users import User
from akrim.store.access import Need
from akrim.store.engine import Store
from akrim.web.auth import ops_engine, purpose_of
from akrim.web.context import request_store


def analysed_store(request: Request, need: Need = "analysed"
                   ) -> AbstractContextManager[Store]:
    """The store as far as analysis has gone, read-only, for one request."""
    return request_store(request, need)


def audit_read(request: Request, user: User, action: str, subject: str | list[str]) -> None:
    """Record that `user` read person-level data about `subject` (an actor id, a query; a list:
    one entry each, written together), with the purpose stated in the session."""
    subjects: list[str | None] = [subject] if isinstance(subject, str) else list(subject)
    audit_all(ops_engine(request), action, subjects, purpose=purpose_of(request),
              user=user.name)
