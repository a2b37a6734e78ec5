"""`akrim evaluate TRUTH_DIR`: how well the priority list finds planted schemes, measured so
that it does not flatter (issue 16). The truth file's format: `akrim.scoring.truth`.

Definitions:
- The **list** is `priority_entry` in rank order; `list_length` is its number of entries.
- **Actors** are the current enheter plus the resolved persons. The **top 1 %** is
  `top_k` = ceil(1 % of the actors) entries, but never more than the list: when 1 % is as long
  as the list or longer, `top_k` is the whole list and `top_k_is_whole_list` says so. The top
  0.25 % (`top_0_25pct`) follows the same rule; the top 1 000 is simply the first 1 000.
- An entry **names** its own id (a company's organisation number, a person's person id) and,
  for a cluster, its members. Truth persons are matched through `person_alias`, so a d-number
  in the truth finds its resolved person. A person entry's `members` (the companies whose
  scores it carries) are *not* named: the person is listed because of those companies' hits,
  and crediting them through it would count a company as found while the list shows only the
  person and the company itself may rank far below (or lie outside the top k). A cluster is
  listed as a group and inspected as one, so each of its members is named.
- An instance is **recalled** within the top k when one of its *core* actors is named by one of
  the top k entries. A facilitator's clients are its actors but not its core: a client listed
  for its own scheme does not find the facilitator.
- **Precision at 100** takes the top `precision_k` = min(100, list_length) entries, each counted
  once whatever number of schemes it touches: an entry is true when it names any actor, core or
  not, of a non-benign instance (any actor the truth involves in a scheme is a fair find), and
  false otherwise: background actors and benign look-alikes alike.
- **False positives** within the top k: `false_positive_rate` is the share of the top k entries
  that name no actor of a non-benign instance (background and benign look-alikes), counted in
  `false_positives`; `benign_false_positive_rate` is the share of benign look-alike instances
  with an actor (any of them) named in the top k (`benign_flagged` of `benign_instances`).
- **Variants**: recall within the top 1 % per scheme and variant (absent variant: "default");
  `instances` counts the non-benign instances per scheme and variant.
Rates are rounded to four decimals; a rate over nothing (no entries, no instances) is 0.0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akrim.scoring.truth import read_truth
from akrim.store.engine import Store

TOP_N = 1000  # the fixed-length list beside the top 1 %
PRECISION_AT = 100


@dataclass(frozen=True)
class Evaluation:
    schemes: dict[str, dict[str, float]]  # recall_top_1pct, recall_top_0_25pct, recall_top_1000
    variants: dict[str, dict[str, float]]  # scheme -> variant -> recall_top_1pct
    instances: dict[str, dict[str, int]]  # scheme -> variant -> non-benign instances
    actors: int  # current enheter plus resolved persons
    list_length: int
    top_k: int
    top_k_is_whole_list: bool
    top_0_25pct: int
    precision_at_100: float
    precision_k: int
    false_positive_rate: float
    false_positives: int
    benign_false_positive_rate: float
    benign_flagged: int
    benign_instances: int

    def as_json(self) -> dict[str, Any]:
        return {
            "schemes": self.schemes, "variants": self.variants, "instances": self.instances,
            "actors": self.actors, "list_length": self.list_length, "top_k": self.top_k,
            "top_k_is_whole_list": self.top_k_is_whole_list, "top_0_25pct": self.top_0_25pct,
            "precision_at_100": self.precision_at_100, "precision_k": self.precision_k,
            "false_positive_rate": self.false_positive_rate,
            "false_positives": self.false_positives,
            "benign_false_positive_rate": self.benign_false_positive_rate,
            "benign_flagged": self.benign_flagged, "benign_instances": self.benign_instances,
        }


def _rate(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _within(rank: int | None, k: int) -> bool:
    return rank is not None and rank < k


def _recall(ranks: list[int | None], k: int) -> float:
    return _rate(sum(_within(r, k) for r in ranks), len(ranks))


class _Ranking:
    """The top of the list as the sets of actor ids each entry names, and the truth's
    identifiers turned into those ids."""

    def __init__(self, store: Store, depth: int) -> None:
        self.alias: dict[str, str] = dict(store.rows(
            "SELECT identifikator, person_id FROM person_alias"))
        rows = store.rows("SELECT actor_type, internal_id, members FROM priority_entry "
                          "ORDER BY rank LIMIT ?", [depth])
        self.named = [{internal, *(members if actor_type == "cluster" else [])}
                      for actor_type, internal, members in rows]

    def ids(self, organisasjonsnummer: Iterable[str], persons: Iterable[str]) -> set[str]:
        return set(organisasjonsnummer) | {self.alias.get(p, p) for p in persons}

    def first_rank(self, wanted: set[str]) -> int | None:
        """The 0-based rank of the first entry naming one of `wanted`, None if none does."""
        return next((n for n, names in enumerate(self.named) if names & wanted), None)


def evaluate(store: Store, truth_dir: Path) -> Evaluation:
    truth = read_truth(truth_dir)
    list_length = int(store.scalar("SELECT count(*) FROM priority_entry"))
    actors = int(store.scalar("SELECT (SELECT count(*) FROM enhet WHERE valid_to IS NULL) + "
                              "(SELECT count(*) FROM link_person)"))
    one_percent = -(-actors // 100)  # rounded up
    top_k = min(one_percent, list_length)
    top_quarter = min(-(-actors // 400), list_length)
    precision_k = min(PRECISION_AT, list_length)
    ranking = _Ranking(store, max(top_k, TOP_N, precision_k))

    # scheme -> variant -> the rank at which each non-benign instance is first found
    ranks: dict[str, dict[str, list[int | None]]] = {}
    for i in sorted(truth, key=lambda i: (i.scheme, i.variant)):
        if not i.benign:
            ranks.setdefault(i.scheme, {}).setdefault(i.variant, []).append(
                ranking.first_rank(ranking.ids(i.core_organisasjonsnummer, i.core_persons)))
    bad = set().union(*(ranking.ids(i.organisasjonsnummer, i.persons)
                        for i in truth if not i.benign))
    true_hits = sum(bool(names & bad) for names in ranking.named[:precision_k])
    false_positives = sum(not names & bad for names in ranking.named[:top_k])
    benign = [ranking.first_rank(ranking.ids(i.organisasjonsnummer, i.persons))
              for i in truth if i.benign]
    flagged = sum(_within(r, top_k) for r in benign)
    schemes: dict[str, dict[str, float]] = {}
    for scheme, variants in ranks.items():
        every = [r for group in variants.values() for r in group]
        schemes[scheme] = {"recall_top_1pct": _recall(every, top_k),
                           "recall_top_0_25pct": _recall(every, top_quarter),
                           "recall_top_1000": _recall(every, TOP_N)}
    return Evaluation(
        schemes=schemes,
        variants={scheme: {variant: _recall(group, top_k) for variant, group in variants.items()}
                  for scheme, variants in ranks.items()},
        instances={scheme: {variant: len(group) for variant, group in variants.items()}
                   for scheme, variants in ranks.items()},
        actors=actors, list_length=list_length, top_k=top_k,
        top_k_is_whole_list=one_percent >= list_length, top_0_25pct=top_quarter,
        precision_at_100=_rate(true_hits, precision_k), precision_k=precision_k,
        false_positive_rate=_rate(false_positives, top_k), false_positives=false_positives,
        benign_false_positive_rate=_rate(flagged, len(benign)), benign_flagged=flagged,
        benign_instances=len(benign))
