"""The public seriousness check's domain objects: facts with three states, advice, the report.

Why three states and no score: a buyer reads each fact on its own, with its register and date.
"Not known" (a register not loaded, a field missing) is never shown as OK, and nothing is summed
into a number that would read as a judgement of the supplier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

State = Literal["ok", "not_ok", "unknown"]
STATES: tuple[State, ...] = ("ok", "not_ok", "unknown")


@dataclass(frozen=True)
class Fact:
    """One public fact about a unit, worded to inform without accusing."""

    key: str
    state: State
    text_nb: str
    text_en: str
    source_register: str
    source_date: dt.date | None
    """The date the register's data speaks for (its newest load); None when not loaded."""


@dataclass(frozen=True)
class Advice:
    """What a buyer should ask the supplier for, with the seed lines it comes from."""

    key: str
    text_nb: str
    text_en: str


@dataclass(frozen=True)
class SeriousnessReport:
    orgnr: str
    name: str | None
    facts: tuple[Fact, ...]
    advice: tuple[Advice, ...]

    def fact(self, key: str) -> Fact:
        for found in self.facts:
            if found.key == key:
                return found
        raise KeyError(key)
