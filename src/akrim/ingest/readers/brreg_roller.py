"""Enhetsregisteret's roles: the bulk file `roller_totalbestand.json.gz`
(`GET /roller/totalbestand`), a gzip'd JSON array of
`{organisasjonsnummer, rollegrupper: [...]}`, one element per enhet.

The roles file names no person by identifier: a person holder is known by birth date and name
only (linkage resolves them later). Older payloads mark a role that has ended with `fratraadt`,
newer ones with `avregistrert`; either counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akrim.codes.brreg import ROLLETYPER
from akrim.ingest.checks import Checker
from akrim.ingest.records import ReadContext, Record
from akrim.ingest.sources import iter_json_array


def _kode(value: Any) -> Any:
    return value.get("kode") if isinstance(value, dict) else value


def role_rows(check: Checker, orgnr: str, groups: Any) -> list[tuple[Any, ...]]:
    """The typed `rolle` rows of one enhet's `rollegrupper`; problems go to `check`."""
    rows: list[tuple[Any, ...]] = []
    if not isinstance(groups, list):
        check.fail("rollegrupper", "invalid_value", "rollegrupper is not a list")
        return rows
    for g, group in enumerate(groups):
        group_code = check.required(_kode(group.get("type")), f"rollegrupper[{g}].type.kode")
        for r, role in enumerate(group.get("roller") or []):
            where = f"rollegrupper[{g}].roller[{r}]"
            code = check.code(check.required(_kode(role.get("type")), f"{where}.type.kode"),
                              f"{where}.type.kode", ROLLETYPER, "role type")
            person = role.get("person")
            unit = role.get("enhet")
            fodselsdato = fornavn = mellomnavn = etternavn = er_doed = None
            unit_orgnr = unit_name = None
            if isinstance(person, dict):
                navn = person.get("navn") or {}
                fodselsdato = check.date(person.get("fodselsdato"), f"{where}.person.fodselsdato",
                                         required=True)
                fornavn = check.text(navn.get("fornavn"), f"{where}.person.navn.fornavn")
                mellomnavn = check.text(navn.get("mellomnavn"), f"{where}.person.navn.mellomnavn")
                etternavn = check.text(navn.get("etternavn"), f"{where}.person.navn.etternavn")
                er_doed = check.boolean(person.get("erDoed"), f"{where}.person.erDoed")
                full_name = " ".join(p for p in (fornavn, mellomnavn, etternavn) if p)
                holder = f"p:{fodselsdato}|{full_name}"
            elif isinstance(unit, dict):
                unit_orgnr = check.orgnr(unit.get("organisasjonsnummer"),
                                         f"{where}.enhet.organisasjonsnummer", required=True)
                names = unit.get("navn")
                unit_name = " ".join(names) if isinstance(names, list) else check.text(
                    names, f"{where}.enhet.navn")
                holder = f"o:{unit_orgnr}"
            else:
                check.fail(where, "missing_field", "role has neither person nor enhet")
                continue
            ended = bool(role.get("avregistrert")) or bool(role.get("fratraadt"))
            rows.append((
                orgnr, group_code, code, holder, fodselsdato, fornavn, mellomnavn, etternavn,
                er_doed, unit_orgnr, unit_name, ended,
                check.integer(role.get("rekkefolge"), f"{where}.rekkefolge"),
                _kode(role.get("valgtAv")),
            ))
    return rows


def roles_record(line: int, raw: str, obj: Any, context: ReadContext) -> Record:
    record = Record(line, raw)
    check = Checker(line, allow_synthetic=context.allow_synthetic)
    if not check.is_object(obj):
        record.problems = check.problems
        return record
    orgnr = check.orgnr(obj.get("organisasjonsnummer"), "organisasjonsnummer", required=True)
    rows = role_rows(check, orgnr or "", obj.get("rollegrupper"))
    # One enhet's roles stand or fall together: a partial set would read as resignations.
    record.add(check, [("rolle", row) for row in rows],
               held=[("rolle", (orgnr, None, None, None))] if orgnr else [])
    return record


def read_roller(path: Path, context: ReadContext) -> Iterator[Record]:
    for line, raw, obj in iter_json_array(path):
        yield roles_record(line, raw, obj, context)
