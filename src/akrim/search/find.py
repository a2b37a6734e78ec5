"""One search box: a number is looked up exactly (after its check digits are checked), any
other text is matched against names and addresses, word by word, forgiving typos."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from akrim.ids._text import strip_spaces
from akrim.ids.actor import ORGNR_DIGITS, PERSON_ID_DIGITS, checked_actor_id
from akrim.store.engine import Store, named_statements

Kind = Literal["company", "person", "address"]
_SQL = named_statements((Path(__file__).parent / "search.sql").read_text())
_WORDS = re.compile(r"\w+")

MIN_SIMILARITY = 0.85
"""A name word matches a query word at Jaro-Winkler similarity 0.85 or more: one wrong, missing
or swapped letter in a word of six or more letters, the rate of typing errors in names that
record-linkage practice (Winkler 1990) builds on; shorter words must match more closely."""


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: str
    """The actor's id (organisation number, person id) or an address's node id."""
    label: str
    detail: str | None
    """What tells equal names apart: industry code and municipality, or the birth date."""
    score: float
    via: str | None = None
    """The number searched for when it led to this actor (an underenhet to its legal unit)."""


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    exact: bool
    """The query was an identifier: at most one hit, and no hit means akrim does not know it."""

    @property
    def has_persons(self) -> bool:
        return any(hit.kind == "person" for hit in self.hits)


def _node_id(hit_kind: str, node_id: str) -> str:
    return node_id.split(":", 1)[1] if hit_kind != "address" else node_id


def _by_number(store: Store, number: str) -> list[Hit]:
    if len(number) == ORGNR_DIGITS:
        rows = store.rows(_SQL["legal_unit"], [f"o:{number}"])
    else:
        rows = store.rows(_SQL["person_by_number"], [number])
    return [Hit(kind, _node_id(kind, node), label, detail, 1.0,
                via=number if node != f"o:{number}" and kind == "company" else None)
            for kind, node, label, detail in rows]


def search(store: Store, query: str, limit: int = 50) -> SearchResult:
    """The actors `query` names, best first; raises InvalidIdentifier for a number that fails
    its check digits (a typo must say so, not answer "nothing found")."""
    text = query.strip()
    digits = strip_spaces(text)
    if digits.isdigit() and len(digits) in (ORGNR_DIGITS, PERSON_ID_DIGITS):
        return SearchResult(text, _by_number(store, checked_actor_id(digits)), exact=True)
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return SearchResult(text, [], exact=False)
    rows = store.rows(_SQL["by_name"], {"words": words, "limit": limit,
                                              "min_similarity": MIN_SIMILARITY})
    return SearchResult(text, [Hit(kind, _node_id(kind, node), label, detail, round(score, 3),
                                   via)
                               for kind, node, label, detail, score, via in rows], exact=False)
