"""`akrim evaluate TRUTH_DIR`: how well the priority list finds planted schemes.

Definitions (the issue's, made exact):
- the list is `priority_entry` in rank order; an entry *names* its own id and, for a cluster (or
  a person carrying its companies' scores), its members;
- top 1 % is 1 % (rounded up) of all actors in the store: current enheter plus resolved persons;
- a scheme instance is *recalled* within the top k when any company or person it names is named
  by one of the top k entries;
- an entry is a *true hit* when it is a company or person named in a non-benign instance, or a
  cluster with such a member; precision is taken at 100, or at the number of actors the truth
  names when that is smaller;
- a benign look-alike is a *false positive* when any of its actors is named in the top 1 %.
Persons are compared through `person_alias`, so a truth d-number finds its resolved person.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akrim.store.engine import Store


@dataclass(frozen=True)
class Evaluation:
    schemes: dict[str, dict[str, float]]
    precision_at_100: float
    benign_false_positive_rate: float
    top_1pct: int
    precision_k: int
    instances: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {"schemes": self.schemes, "precision_at_100": self.precision_at_100,
                "benign_false_positive_rate": self.benign_false_positive_rate}


def _truth(truth_dir: Path) -> list[dict[str, Any]]:
    path = truth_dir / "schemes.json" if truth_dir.is_dir() else truth_dir
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def evaluate(store: Store, truth_dir: Path) -> Evaluation:
    truth = _truth(truth_dir)
    alias = dict(store.rows("SELECT identifikator, person_id FROM person_alias"))
    actors = store.scalar("SELECT (SELECT count(*) FROM enhet WHERE valid_to IS NULL) + "
                          "(SELECT count(*) FROM link_person)")
    k1 = max(1, math.ceil(actors / 100))
    ranked = store.rows("SELECT actor_type, internal_id, members FROM priority_entry "
                        "ORDER BY rank LIMIT ?", [max(k1, 1000)])
    named = [{internal, *(members or [])} for _, internal, members in ranked]

    def actors_of(entry: dict[str, Any]) -> set[str]:
        persons = {alias.get(p, p) for p in entry.get("persons") or []}
        return set(entry.get("organisasjonsnummer") or []) | persons

    def first_rank(entry: dict[str, Any]) -> int | None:
        wanted = actors_of(entry)
        return next((n for n, names in enumerate(named) if names & wanted), None)

    schemes: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for scheme in sorted({e["scheme"] for e in truth if not e.get("benign")}):
        entries = [e for e in truth if e["scheme"] == scheme and not e.get("benign")]
        ranks = [first_rank(e) for e in entries]
        counts[scheme] = len(entries)
        schemes[scheme] = {
            "recall_top_1pct": round(sum(r is not None and r < k1 for r in ranks)
                                     / len(entries), 4),
            "recall_top_1000": round(sum(r is not None and r < 1000 for r in ranks)
                                     / len(entries), 4),
        }
    bad = set().union(*(actors_of(e) for e in truth if not e.get("benign")))
    k = max(1, min(100, len(bad)))
    true_hits = sum(bool(names & bad) for names in named[:k])
    benign = [e for e in truth if e.get("benign")]
    flagged = [e for e in benign if (r := first_rank(e)) is not None and r < k1]
    return Evaluation(
        schemes=schemes,
        precision_at_100=round(true_hits / k, 4),
        benign_false_positive_rate=round(len(flagged) / len(benign), 4) if benign else 0.0,
        top_1pct=k1, precision_k=k, instances=counts)
