"""The public seriousness check of one unit or many: public facts and a buyer's advice.

Privacy by design: the check reads only the public registers in `PUBLIC_TABLES`, all through
the queries of `sql/seriousness.sql` (a test parses them and fails on any other table), from the
DuckDB store or from the SQLite serving file `serving.publish` writes: the same queries on the
same tables, so the rules are written once. It never
reads a-melding, Skatteetaten's arrears or VAT returns, tips, inspections, HMS cards (not public
per person), linkage, indicator results or the priority list, and it gives no score.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from akrim.seriousness import facts, serving
from akrim.seriousness.advice import APPROVAL_GROUPS, advice, industry_groups
from akrim.seriousness.model import SeriousnessReport
from akrim.store.engine import Store, named_statements

PUBLIC_TABLES = frozenset({"enhet", "underenhet", "rolle", "godkjenning", "stansingsvedtak"})
"""Every table the check may read: Enhetsregisteret (enheter, underenheter, roller) and
Arbeidstilsynet's public approval registers and published stop decisions."""

Source = Store | sqlite3.Connection
"""Where the check reads: the analytical store, or a connection to the serving file."""


@cache
def queries() -> dict[str, str]:
    """The named queries of `sql/seriousness.sql` (each starts its text with `-- name: x`)."""
    text = (files("akrim.seriousness") / "sql" / "seriousness.sql").read_text(encoding="utf-8")
    return named_statements(text)


def _rows(source: Source, name: str, **params: Any) -> list[tuple[Any, ...]]:
    sql = queries()[name]
    if isinstance(source, sqlite3.Connection):
        return serving.rows(source, sql, params)
    return source.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchall()


@dataclass(frozen=True)
class Registers:
    """Which public registers are loaded, each with the date its data speaks for."""

    newest: dict[str, dt.date]  # register ('enhet', 'godkjenning:renhold', ...) -> date

    @classmethod
    def of(cls, source: Source) -> Registers:
        return cls({name: newest for name, newest in _rows(source, "registers")
                    if newest is not None})

    def as_of(self, register: str) -> dt.date | None:
        return self.newest.get(register)


def check(source: Source, orgnr: str, registers: Registers | None = None
          ) -> SeriousnessReport | None:
    """The public facts about `orgnr` (a valid organisation number) and what a buyer should ask
    for; None when Enhetsregisteret as loaded does not know the unit."""
    registers = registers or Registers.of(source)
    found = _rows(source, "unit", orgnr=orgnr)
    if not found:
        return None
    unit = facts.Unit(*found[0])
    legal = unit.legal_orgnr or unit.orgnr
    enhet_as_of = registers.as_of("enhet")
    groups = industry_groups(unit.naeringskode1)
    approvals = _rows(source, "approval", legal_orgnr=legal)
    required = [register for group, register in sorted(APPROVAL_GROUPS.items())
                if group in groups]
    found_facts = [
        facts.registration(unit, registers.as_of(unit.kind)),
        facts.bankruptcy(unit, enhet_as_of),
        facts.liquidation(unit, enhet_as_of),
        facts.vat(unit, enhet_as_of),
        *(facts.approval(register, approvals, registers.as_of(f"godkjenning:{register}"))
          for register in required),
        *([facts.approval_need_unknown(registers.as_of(unit.kind))]
          if unit.naeringskode1 is None else []),
        facts.stop_decisions(_rows(source, "stop_decisions", orgnr=orgnr, legal_orgnr=legal),
                             registers.as_of("stansingsvedtak")),
        facts.role_bankruptcies(
            _rows(source, "role_bankruptcies", legal_orgnr=legal),
            registers.as_of("rolle")),
    ]
    return SeriousnessReport(unit.orgnr, unit.navn, tuple(found_facts), advice(groups))


def check_many(source: Source, orgnrs: Iterable[str]
               ) -> list[tuple[str, SeriousnessReport | None]]:
    """Each organisation number with its report (None when the source does not know it), in the
    order given; the registers' state is read once."""
    registers = Registers.of(source)
    return [(orgnr, check(source, orgnr, registers)) for orgnr in orgnrs]
