"""Enhetsregisteret's change feeds (`/oppdateringer/enheter`, `/underenheter`, `/roller`).

Enheter and underenheter: HAL pages `{"_embedded": {"oppdaterteEnheter": [...]}}` (one page per
file, or one page a line) whose items carry `oppdateringsid`, `dato`, `organisasjonsnummer`,
`endringstype` (Ny, Endring, Sletting, Fjernet, Ukjent) and, with `includeChanges=true`,
`endringer`: RFC 6902 JSON Patch operations on the unit's JSON document.

Roller: a JSON array of CloudEvents whose `data` names only the `organisasjonsnummer`; the roles
themselves are what `GET /enheter/{orgnr}/roller` returned when the event was followed up, placed
beside it as `data.rollegrupper` (see docs/data-formats.md).

A reader only parses; `akrim.ingest.changes` applies the events on top of the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from akrim.ingest.checks import Checker
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_json_array, iter_json_records

CHANGE_TYPES = ("Ny", "Endring", "Sletting", "Fjernet", "Ukjent")
EMBEDDED = {"enhet": "oppdaterteEnheter", "underenhet": "oppdaterteUnderenheter"}


def _unit_events(table: str) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, _raw, page in iter_json_records(path):
            items = ((page or {}).get("_embedded") or {}).get(EMBEDDED[table])
            if items is None and isinstance(page, dict) and "oppdateringsid" in page:
                items = [page]
            for n, item in enumerate(items or []):
                raw = orjson.dumps(item).decode()
                record = Record(line, raw)
                check = Checker(line, prefix=f"_embedded.{EMBEDDED[table]}[{n}].")
                orgnr = check.orgnr(item.get("organisasjonsnummer"), "organisasjonsnummer",
                                    required=True)
                kind = check.required(item.get("endringstype"), "endringstype")
                if kind and kind not in CHANGE_TYPES:
                    check.fail("endringstype", "unknown_code", f"unknown endringstype {kind!r}")
                event_id = check.integer(check.required(item.get("oppdateringsid"),
                                                        "oppdateringsid"), "oppdateringsid",
                                         maximum=None)  # only orders events, never stored
                when = check.date(item.get("dato"), "dato", required=True)
                patch = item.get("endringer")
                if patch is not None and not isinstance(patch, list):
                    check.fail("endringer", "invalid_value", "endringer is not a JSON Patch list")
                record.add(check, [(f"{table}_change", (orgnr, event_id, when, kind, patch))])
                yield record

    return read


def read_roller_events(path: Path, context: ReadContext) -> Iterator[Record]:
    for line, raw, event in iter_json_array(path):
        record = Record(line, raw)
        check = Checker(line)
        data = (event or {}).get("data") if isinstance(event, dict) else None
        if not isinstance(data, dict):
            check.fail("data", "missing_field", "CloudEvent without data")
            record.problems = check.problems
            yield record
            continue
        orgnr = check.orgnr(data.get("organisasjonsnummer"), "data.organisasjonsnummer",
                            required=True)
        event_id = check.integer(check.required(event.get("id"), "id"), "id", maximum=None)
        when = check.date(event.get("time"), "time", required=True)
        groups = data.get("rollegrupper")
        if groups is None:
            check.fail("data.rollegrupper", "incomplete_change",
                       f"roles of {orgnr} changed but were not fetched "
                       f"(GET /enheter/{orgnr}/roller); nothing to apply")
        record.add(check, [("rolle_change", (orgnr, event_id, when, "Endring", groups))])
        yield record


read_enheter_events = _unit_events("enhet")
read_underenheter_events = _unit_events("underenhet")
