"""Counts of a linkage benchmark and the figures and table row made from them.

`hard_cases.py` and `company_mentions.py` count every derived record the same way: it was
*found* (linked to, or resolved as, what it truly is), or *missed*; and each link to something
it is not is a *false* one (a false merge, a wrong firm). So precision = found / (found + false)
and recall = found / records, whatever the case.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER = (f"{'records':>8}{'found':>8}{'missed':>8}{'false':>8}"
          f"{'precision':>10}{'recall':>8}{'F1':>8}")


@dataclass
class Counts:
    records: int = 0
    found: int = 0
    missed: int = 0
    false: int = 0

    def add(self, other: Counts) -> None:
        self.records += other.records
        self.found += other.found
        self.missed += other.missed
        self.false += other.false

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false) if self.found + self.false else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.records if self.records else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        """The cells under `HEADER`."""
        return (f"{self.records:>8}{self.found:>8}{self.missed:>8}{self.false:>8}"
                f"{self.precision:>10.4f}{self.recall:>8.4f}{self.f1:>8.4f}")

    def figures(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}
