"""The review queue: the person pairs linkage left for an analyst, with the evidence of each.

Two kinds of pair are left (`link_pair.status`, see `akrim.link.cluster`):
- `conflict`: the model scored the pair at or above the threshold, but joining it would have put
  a rejected pair or two registered persons in one person, so it was kept apart;
- `below_threshold`: the model scored it at even odds or better (Splink keeps only pairs of
  match weight 0 or more, `resolve._score_all`) but under the threshold, so it was not merged.

Conflicts come first, then the pairs closest to the threshold: where the decision was the
narrowest. A pair judged same or different leaves the queue and is listed among the judged pairs
with its verdict; an `unsure` judgement keeps it in the queue for someone else. A judgement takes
effect at the next linkage run (`akrim link --force`), never in the store the pages read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from typing import Any

import pyarrow as pa
from sqlalchemy import Engine, select

from akrim.link.cluster import BELOW_THRESHOLD, CONFIRMED, CONFLICT, REJECTED
from akrim.ops.db import link_judgement
from akrim.store.engine import Store

FOR_REVIEW = (CONFLICT, BELOW_THRESHOLD)
APPLIED = {"same": CONFIRMED, "different": REJECTED}
"""The status a pair has once the last linkage run applied the verdict."""


@dataclass(frozen=True)
class RecordEvidence:
    record_id: str
    source: str
    identifier: str | None
    first_name: str | None
    surname: str | None
    birth_date: str | None  # YYYY-MM-DD
    address: str | None
    employers: tuple[str, ...]
    roles: tuple[str, ...]
    person_id: str
    person_name: str | None
    person_records: int


@dataclass(frozen=True)
class Judgement:
    verdict: str
    made_by: str
    made_at: datetime
    note: str | None


@dataclass(frozen=True)
class ReviewPair:
    left: RecordEvidence
    right: RecordEvidence
    status: str | None  # None: the last linkage run did not score the pair
    match_probability: float | None
    reasons: tuple[str, ...]
    judgement: Judgement | None

    @property
    def key(self) -> str:
        """A short stable name for the pair (a page anchor)."""
        return pair_key(self.left.record_id, self.right.record_id)

    @property
    def same_person(self) -> bool:
        return self.left.person_id == self.right.person_id

    @property
    def applied(self) -> bool:
        """The judgement in force shows in the persons the pages read."""
        return (self.judgement is not None
                and APPLIED.get(self.judgement.verdict) == self.status)


@dataclass(frozen=True)
class ReviewPage:
    pairs: list[ReviewPair]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def pair_key(left: str, right: str) -> str:
    a, b = ordered(left, right)
    return hashlib.sha256(f"{a}\n{b}".encode()).hexdigest()[:16]


def ordered(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left <= right else (right, left)


def judgements_in_force(engine: Engine) -> dict[tuple[str, str], Judgement]:
    """Every unretracted judgement, by its pair (smaller record id first)."""
    j = link_judgement.c
    query = (select(j.left_id, j.right_id, j.verdict, j.made_by, j.made_at, j.note)
             .where(j.retracted_at.is_(None)))
    with engine.connect() as con:
        return {ordered(left, right): Judgement(verdict, by, at, note)
                for left, right, verdict, by, at, note in con.execute(query)}


def _pairs_table(pairs: list[tuple[str, str]]) -> pa.Table:
    return pa.table({"record_l": pa.array([p[0] for p in pairs], pa.string()),
                     "record_r": pa.array([p[1] for p in pairs], pa.string())})


# The queue's pairs, smaller record id first, without those in `decided_in`.
_OPEN = f"""
    SELECT * FROM (
        SELECT least(record_l, record_r) AS record_l, greatest(record_l, record_r) AS record_r,
               status, match_probability, reasons
        FROM link_pair WHERE status IN ({", ".join(f"'{s}'" for s in FOR_REVIEW)})) p
    ANTI JOIN decided_in d USING (record_l, record_r)"""


@contextmanager
def _decided(store: Store, judgements: dict[tuple[str, str], Judgement]) -> Iterator[None]:
    """`decided_in`: the pairs judged same or different, for `_OPEN`."""
    decided = [pair for pair, judged in judgements.items() if judged.verdict != "unsure"]
    store.con.register("decided_in", _pairs_table(decided))
    try:
        yield
    finally:
        store.con.unregister("decided_in")


def open_count(store: Store, judgements: dict[tuple[str, str], Judgement]) -> int:
    """How many pairs the queue holds."""
    with _decided(store, judgements):
        return int(store.scalar(f"SELECT count(*) FROM ({_OPEN})"))


def review_queue(store: Store, judgements: dict[tuple[str, str], Judgement], threshold: float,
                 page: int = 1, per_page: int = 20) -> ReviewPage:
    """The pairs left for review and not yet judged same or different, narrowest first."""
    total = open_count(store, judgements)
    with _decided(store, judgements):
        rows = store.rows(f"""
            SELECT record_l, record_r, status, match_probability, reasons FROM ({_OPEN})
            ORDER BY status <> '{CONFLICT}', abs(match_probability - ?), record_l, record_r
            LIMIT ? OFFSET ?""", [threshold, per_page, (page - 1) * per_page])
    return ReviewPage(_with_evidence(store, rows, judgements), total, page, per_page)


def judged_pairs(store: Store, judgements: dict[tuple[str, str], Judgement], page: int = 1,
                 per_page: int = 20) -> ReviewPage:
    """The pairs with a judgement in force, latest first, with what the last run made of them
    (no status: the run did not score the pair)."""
    latest = sorted(judgements, key=lambda pair: judgements[pair].made_at, reverse=True)
    shown = latest[(page - 1) * per_page:page * per_page]
    store.con.register("shown_in", _pairs_table(shown))
    try:
        found = {(row[0], row[1]): row for row in store.rows("""
            SELECT s.record_l, s.record_r, p.status, p.match_probability, p.reasons
            FROM shown_in s JOIN link_pair p
              ON least(p.record_l, p.record_r) = s.record_l
             AND greatest(p.record_l, p.record_r) = s.record_r""")}
    finally:
        store.con.unregister("shown_in")
    rows = [found.get(pair, (*pair, None, None, [])) for pair in shown]
    return ReviewPage(_with_evidence(store, rows, judgements), len(latest), page, per_page)


def _with_evidence(store: Store, rows: list[tuple[Any, ...]],
                   judgements: dict[tuple[str, str], Judgement]) -> list[ReviewPair]:
    """Pairs from (record_l, record_r, status, match_probability, reasons) rows, smaller record
    id first; a pair whose record the last run no longer has is left out (a judgement outlives
    its records)."""
    records = evidence(store, {r for row in rows for r in row[:2]})
    return [ReviewPair(records[left], records[right], status,
                       None if probability is None else float(probability), tuple(reasons),
                       judgements.get((left, right)))
            for left, right, status, probability, reasons in rows
            if left in records and right in records]


def evidence(store: Store, record_ids: set[str]) -> dict[str, RecordEvidence]:
    """Each record as the registers wrote it, with the person it belongs to now."""
    store.con.register("review_records_in", pa.table({
        "record_id": pa.array(sorted(record_ids), pa.string())}))
    try:
        rows = store.rows((files("akrim.link") / "sql" / "review_evidence.sql")
                          .read_text(encoding="utf-8"))
    finally:
        store.con.unregister("review_records_in")
    out = {}
    for (record_id, source, identifier, first, surname, born, address, employers, roles,
         person_id, person_records, person_name) in rows:
        out[record_id] = RecordEvidence(
            record_id, source, identifier, first, surname,
            f"{born[:4]}-{born[4:6]}-{born[6:]}" if born else None, address,
            tuple(employers), tuple(roles), person_id, person_name, int(person_records))
    return out
