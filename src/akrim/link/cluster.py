"""Persons from scored pairs, respecting analysts' judgements transitively.

Edges are taken strongest first (confirmed pairs before any model score). Two groups are never
joined when that would put a rejected pair in one person: the edge is kept as a *conflict* for
review instead, so a rejection holds even through a third record. A pair that agrees only on
its identifier (names and birth date disagree) is a *shared identifier* signal, never a merge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

MERGED = "merged"
CONFIRMED = "confirmed"
REJECTED = "rejected"
CONFLICT = "conflict"
SHARED_IDENTIFIER = "shared_identifier"
BELOW_THRESHOLD = "below_threshold"


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    match_probability: float
    reasons: tuple[str, ...]


@dataclass
class Clustering:
    parent: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, list[str]] = field(default_factory=dict)  # root -> registered records
    cannot_link: dict[str, set[str]] = field(default_factory=dict)  # root -> rejected records
    status: dict[tuple[str, str], str] = field(default_factory=dict)

    def find(self, record: str) -> str:
        root = self.parent.setdefault(record, record)
        while root != self.parent[root]:
            root = self.parent[root]
        while record != root:  # path compression
            self.parent[record], record = root, self.parent[record]
        return root

    def _forbidden(self, a: str, b: str) -> bool:
        return any(self.find(r) == b for r in self.cannot_link.get(a, ())) or any(
            self.find(r) == a for r in self.cannot_link.get(b, ()))

    def union(self, left: str, right: str, *, d_and_f: bool = False,
              confirmed: bool = False) -> bool:
        """Join the persons of two records unless a rejection or the registered persons in
        them forbid it: two registered persons join only by an analyst's confirmation, or by a
        direct d-number/fødselsnummer pair (`d_and_f`) that leaves one person with at most one
        of each."""
        a, b = self.find(left), self.find(right)
        if a == b:
            return True
        if self._forbidden(a, b):
            return False
        in_a, in_b = self.anchors.get(a), self.anchors.get(b)
        if in_a and in_b and not confirmed and not (d_and_f and _one_of_each(in_a + in_b)):
            return False
        self.parent[b] = a
        if in_b:
            self.anchors[a] = (in_a or []) + self.anchors.pop(b)
        if b in self.cannot_link:
            self.cannot_link.setdefault(a, set()).update(self.cannot_link.pop(b))
        return True

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for record in list(self.parent):
            out.setdefault(self.find(record), []).append(record)
        return out


_AGREEING = ("exact", "transliterated", "first_word", "similar")
NAME_AGREEMENT = tuple(f"{name}.{level}" for name in ("fornavn", "etternavn")
                       for level in _AGREEING)
BIRTH_AGREEMENT = ("fodselsdato.exact", "fodselsdato.typo")


def both_names_agree(reasons: Iterable[str]) -> bool:
    """First name and surname each at an agreeing level (exact, transliterated, first word,
    similar)."""
    found = set(reasons)
    return all(found & {f"{name}.{level}" for level in _AGREEING}
               for name in ("fornavn", "etternavn"))


def only_identifier_agrees(reasons: Iterable[str]) -> bool:
    found = set(reasons)
    return ("identifikator.exact" in found and not found & set(NAME_AGREEMENT)
            and not found & set(BIRTH_AGREEMENT))


def only_identifier_sql(reasons: str) -> str:
    """`only_identifier_agrees` as a SQL condition on the list column `reasons`."""
    def listed(keys: tuple[str, ...]) -> str:
        return "[" + ", ".join(f"'{key}'" for key in keys) + "]"
    return (f"(list_contains({reasons}, 'identifikator.exact') "
            f"AND NOT list_has_any({reasons}, {listed(NAME_AGREEMENT)}) "
            f"AND NOT list_has_any({reasons}, {listed(BIRTH_AGREEMENT)}))")


def cluster(records: Iterable[str], pairs: Iterable[Pair], *, threshold: float,
            confirmed: Iterable[tuple[str, str]] = (),
            rejected: Iterable[tuple[str, str]] = (),
            anchor_prefix: str | None = None) -> Clustering:
    """Group records into persons.

    Records whose id starts with `anchor_prefix` are registered persons (Folkeregisteret): two
    of them end up in one person only through a direct pair of their own — a d-number and a
    fødselsnummer encoding the same birth date, with both names agreeing, scored above the
    threshold, and never more than one of each in a person (triplets share a birth date) — or
    one that an analyst confirmed. (The d-number level weighs so much that without the names
    rule a fødselsnummer and a d-number of one birth date and one surname, Grzegorz and
    Magdalena Woźniak, scored as one person.)
    A record
    that matches two registered namesakes joins the better one; the other pair is a conflict.
    """
    result = Clustering()
    for record in records:
        result.find(record)
        if anchor_prefix and record.startswith(anchor_prefix):
            result.anchors[record] = [record]
    for left, right in rejected:
        result.cannot_link.setdefault(result.find(left), set()).add(right)
        result.cannot_link.setdefault(result.find(right), set()).add(left)
        result.status[_key(left, right)] = REJECTED
    for left, right in confirmed:
        key = _key(left, right)
        joined = result.union(left, right, confirmed=True)
        result.status[key] = CONFIRMED if joined else CONFLICT
    # Ties broken by record ids: DuckDB returns pairs in no fixed order, persons must not vary.
    for pair in sorted(pairs, key=lambda p: (-p.match_probability, p.left, p.right)):
        key = _key(pair.left, pair.right)
        if key in result.status:
            continue
        if pair.match_probability < threshold:
            result.status[key] = BELOW_THRESHOLD
        elif only_identifier_agrees(pair.reasons):
            result.status[key] = SHARED_IDENTIFIER
        else:
            same = (anchor_prefix is not None and pair.left.startswith(anchor_prefix)
                    and pair.right.startswith(anchor_prefix)
                    and "identifikator.d_and_f_same_birth" in pair.reasons
                    and both_names_agree(pair.reasons))
            joined = result.union(pair.left, pair.right, d_and_f=same)
            result.status[key] = MERGED if joined else CONFLICT
    return result


def _one_of_each(registered: list[str]) -> bool:
    """At most one fødselsnummer and one d-number among registered records (`freg:<number>`;
    a d-number starts with 4-7)."""
    d_numbers = sum(r.rsplit(":", 1)[-1][:1] in ("4", "5", "6", "7") for r in registered)
    return d_numbers <= 1 and len(registered) - d_numbers <= 1


def _key(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left <= right else (right, left)
