"""What the analyst pages share: the store as far as analysis has gone, and the audit of every
read of person-level data (who, when, what; the purpose once the cases issue brings it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from akrim.errors import AkrimError
from akrim.ops.db import audit_all
from akrim.ops.users import User
from akrim.store.access import Need, open_store
from akrim.store.engine import Store
from akrim.web import problems
from akrim.web.auth import ops_engine, purpose_of
from akrim.web.context import lang_of, settings_of


@contextmanager
def analysed_store(request: Request, need: Need = "analysed") -> Iterator[Store]:
    """The store, read-only, for one request; a 503 problem saying which step has not run."""
    try:
        store = open_store(settings_of(request), need)
    except AkrimError as error:
        raise problems.store_unavailable(error, lang_of(request)) from error
    try:
        yield store
    finally:
        store.close()


def audit_read(request: Request, user: User, action: str, subject: str | list[str]) -> None:
    """Record that `user` read person-level data about `subject` (an actor id, a query; a list:
    one entry each, written together), with the purpose stated in the session."""
    subjects: list[str | None] = [subject] if isinstance(subject, str) else list(subject)
    audit_all(ops_engine(request), action, subjects, purpose=purpose_of(request),
              user=user.name)
