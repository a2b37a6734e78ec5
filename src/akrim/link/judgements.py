"""Analysts' judgements on pairs of person records: same, different or unsure.

A judgement names two record ids (stable register keys, see sql/person_records.sql), so it
applies to every rebuild. The latest unretracted judgement on a pair is the one in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine, insert, select, update

from akrim.errors import UnknownRecord
from akrim.ops.db import current_user, link_judgement, now
from akrim.store.engine import Store

Verdict = Literal["same", "different", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("same", "different", "unsure")


@dataclass(frozen=True)
class Judgements:
    same: list[tuple[str, str]]
    different: list[tuple[str, str]]
    unsure: list[tuple[str, str]]


def _ordered(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left <= right else (right, left)


def judge(engine: Engine, left: str, right: str, verdict: Verdict, note: str | None = None,
          user: str | None = None) -> None:
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
    if left == right:
        raise ValueError("a record cannot be judged against itself")
    a, b = _ordered(left, right)
    with engine.begin() as con:
        con.execute(update(link_judgement)
                    .where(link_judgement.c.left_id == a, link_judgement.c.right_id == b,
                           link_judgement.c.retracted_at.is_(None))
                    .values(retracted_at=now()))
        con.execute(insert(link_judgement).values(
            left_id=a, right_id=b, verdict=verdict, made_by=user or current_user(),
            made_at=now(), note=note))


def check_records(store: Store, *record_ids: str) -> None:
    """Raise UnknownRecord for the first id that no person record of the last linkage has
    (`link_person_record`): a judgement on a mistyped id would never apply."""
    for record_id in record_ids:
        if not store.scalar("SELECT count(*) FROM link_person_record WHERE record_id = ?",
                            [record_id]):
            raise UnknownRecord(record_id)


def in_force(engine: Engine) -> Judgements:
    query = select(link_judgement.c.left_id, link_judgement.c.right_id,
                   link_judgement.c.verdict).where(link_judgement.c.retracted_at.is_(None))
    out: dict[str, list[tuple[str, str]]] = {v: [] for v in VERDICTS}
    with engine.connect() as con:
        for left, right, verdict in con.execute(query):
            out[verdict].append((left, right))
    return Judgements(out["same"], out["different"], out["unsure"])
