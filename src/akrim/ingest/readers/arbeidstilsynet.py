"""Arbeidstilsynet's approval registers: cleaning (renholdsregisteret), car care and tyres
(bilpleieregisteret) and staffing agencies (bemanningsforetaksregisteret).

Renholdsregisteret is read from its open XML feed in both published shapes: the older
`ArrayOfRenholdsvirksomhet/Renholdsvirksomhet` and the newer `Virksomhet/Hovedenhet`. Bilpleie and
bemanning come as the registers' JSON (`{"metadata": ..., "data": [...]}`), as a whole document or
one response a line. A sub-unit (underavdeling, underenhet) takes its own status where it has one,
else its parent's. Being in a register is not approval: the status says.

The renhold XML feed and the bemanning JSON file are each the whole register, so a firm they no
longer list has left it; bilpleie is read from per-firm responses, which speak for one firm.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from akrim.ingest.checks import Checker
from akrim.ingest.problems import FileError
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_bytes, iter_json_records

UNIT_TAGS = {"Renholdsvirksomhet", "Virksomhet"}


def _row(
    check: Checker, register: str, unit: dict[str, Any], parent: dict[str, Any] | None
) -> tuple[Any, ...]:
    status = (unit.get("godkjenningsstatus") or unit.get("registerstatusTekst")
              or unit.get("status") or (parent or {}).get("status"))
    return (
        register,
        check.orgnr(unit.get("organisasjonsnummer"), "organisasjonsnummer", required=True),
        check.text(unit.get("navn"), "navn"),
        check.orgnr(unit.get("overordnetEnhet") or (parent or {}).get("organisasjonsnummer"),
                    "overordnetEnhet"),
        check.text(check.required(status, "godkjenningsstatus"), "godkjenningsstatus"),
        check.date(unit.get("statusEndret") or unit.get("StatusEndret")
                   or (parent or {}).get("statusEndret"), "statusEndret"),
    )


def _record_from_units(
    record: Record, check: Checker, register: str, unit: dict[str, Any],
    parent: dict[str, Any] | None = None,
) -> None:
    """A firm and each of its sub-units: each is identified by its own orgnr, so each is kept or
    held back on its own."""
    row = _row(check, register, unit, parent)
    record.add(check, [("godkjenning", row)], held=[("godkjenning", row[:2])] if row[1] else [])
    for n, child in enumerate(unit.get("underenheter") or []):
        _record_from_units(record, check.child(f"underenheter[{n}]."), register, child, unit)


def _json_reader(register: str) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, raw, obj in iter_json_records(path):
            record = Record(line, raw)
            data = obj.get("data") if isinstance(obj, dict) else None
            units = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
            if not units:
                check = Checker(line)
                check.fail("data", "missing_field", "no data in the register response")
                record.problems += check.problems
            for n, unit in enumerate(units):
                check = Checker(line, prefix=f"data[{n}]." if isinstance(data, list) else "data.")
                _record_from_units(record, check, register, unit)
            yield record

    return read


def _text(element: Any, tag: str) -> str | None:
    found = element.find(f".//{{*}}{tag}")
    if found is None:
        found = element.find(f".//{tag}")
    return found.text.strip() if found is not None and found.text else None


def _renhold_unit(element: Any) -> dict[str, Any]:
    """Normalise either XML shape into the JSON registers' field names."""
    head = element.find("{*}Hovedenhet")
    if head is None:
        head = element.find("Hovedenhet")
    source = head if head is not None else element
    unit: dict[str, Any] = {
        "organisasjonsnummer": _text(source, "Organisasjonsnummer"),
        "navn": _text(source, "Navn"),
        "status": _text(element, "Godkjenningsstatus") or _text(element, "Status"),
        "statusEndret": _text(element, "StatusEndret"),
        "underenheter": [],
    }
    for child in element.iter("{*}Avdeling", "Avdeling", "{*}Underenhet", "Underenhet"):
        unit["underenheter"].append({
            "organisasjonsnummer": _text(child, "Organisasjonsnummer"),
            "navn": _text(child, "Navn"),
            "status": _text(child, "Godkjenningsstatus") or _text(child, "Status"),
        })
    return unit


def read_renhold_xml(path: Path, context: ReadContext) -> Iterator[Record]:
    parser = etree.XMLPullParser(events=("end",), huge_tree=True)
    try:
        for block in iter_bytes(path):
            parser.feed(block)
            yield from _renhold_events(parser)
        parser.close()
        yield from _renhold_events(parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise FileError(path, f"broken XML ({exc.msg})", line=line) from exc


def _renhold_events(parser: Any) -> Iterator[Record]:
    for _, element in parser.read_events():
        if etree.QName(element).localname not in UNIT_TAGS:
            continue
        line = element.sourceline or 0
        raw = etree.tostring(element, encoding="unicode")
        record = Record(line, raw)
        _record_from_units(record, Checker(line), "renhold", _renhold_unit(element))
        element.clear()
        yield record


def whole_register(register: str) -> tuple[str, ...]:
    """After-merge SQL for a file that is the whole register: firms it no longer lists have left
    the register. (Bilpleie is read from per-firm responses, so it has no such step.)"""
    return (
        f"""
        UPDATE godkjenning t SET valid_to = $as_of
        WHERE t.valid_to IS NULL AND t.register = '{register}'
          AND EXISTS (SELECT 1 FROM stg_godkjenning s WHERE s.register = '{register}')
          AND NOT EXISTS (SELECT 1 FROM stg_godkjenning s
                          WHERE s.register = t.register
                            AND s.organisasjonsnummer = t.organisasjonsnummer)
          AND NOT EXISTS (SELECT 1 FROM held_godkjenning h
                          WHERE h.register = t.register
                            AND h.organisasjonsnummer = t.organisasjonsnummer)
        """,
    )


read_bilpleie = _json_reader("bilpleie")
read_bemanning = _json_reader("bemanning")
