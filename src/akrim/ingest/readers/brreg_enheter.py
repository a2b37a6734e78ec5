"""Enhetsregisteret's bulk downloads of enheter and underenheter, JSON and CSV.

JSON: `enheter_alle.json.gz` / `underenheter_alle.json.gz`, a gzip'd, pretty-printed JSON array
of objects exactly as `GET /enhetsregisteret/api/enheter/lastned` serves it. CSV: the
`.../lastned/csv` variant, whose dotted column names (`forretningsadresse.postnummer`) are the
JSON paths; a CSV row is unflattened into the JSON shape so that both go through one mapping.

DuckDB reads the JSON (`ENHETER`, `UNDERENHETER`, `akrim.ingest.sqlstage`): the array's elements
are cut by `akrim.ingest.arrays`, typed against `STRUCTURE` (every kept leaf as JSON) and
checked by `akrim.ingest.sqlchecks` and `akrim.ingest.sqlcodes` as `VALUES` checks them, which
the CSV readers and the change feed (`akrim.ingest.changes`) still use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from akrim.codes.brreg import ORGANISASJONSFORMER
from akrim.ingest import sqlchecks as c
from akrim.ingest import sqlcodes
from akrim.ingest.arrays import iter_json_array_batches
from akrim.ingest.checks import Checker
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_csv, iter_json_array
from akrim.ingest.sqlstage import SqlReader
from akrim.store.schema import TABLE_BY_NAME

ADDRESS_PARTS = ("adresse", "postnummer", "poststed", "kommunenummer", "landkode")


def _code(obj: dict[str, Any], name: str) -> Any:
    value = obj.get(name)
    return value.get("kode") if isinstance(value, dict) else value


def _address(check: Checker, obj: dict[str, Any], name: str) -> tuple[Any, ...]:
    """(address lines, postnummer, poststed, kommunenummer, landkode) of one address object."""
    address = obj.get(name)
    if not isinstance(address, dict):
        return (None,) * len(ADDRESS_PARTS)
    lines = address.get("adresse")
    if isinstance(lines, str):
        lines = [lines]
    text = ", ".join(str(line).strip() for line in lines or [] if line) or None
    landkode = check.text(address.get("landkode"), f"{name}.landkode")
    kommunenummer = address.get("kommunenummer")
    if landkode in (None, "NO"):
        kommunenummer = check.kommunenummer(kommunenummer, f"{name}.kommunenummer")
    return (
        text,
        check.text(address.get("postnummer"), f"{name}.postnummer"),
        check.text(address.get("poststed"), f"{name}.poststed"),
        kommunenummer,
        landkode,
    )


def _common(check: Checker, obj: dict[str, Any], address_field: str) -> tuple[Any, ...]:
    employees = check.integer(obj.get("antallAnsatte"), "antallAnsatte")
    has_employees = check.boolean(obj.get("harRegistrertAntallAnsatte"),
                                  "harRegistrertAntallAnsatte")
    street = _address(check, obj, address_field)
    post = _address(check, obj, "postadresse")
    return (
        check.orgnr(obj.get("organisasjonsnummer"), "organisasjonsnummer", required=True),
        check.text(obj.get("navn"), "navn"),
        check.code(_code(obj, "organisasjonsform"), "organisasjonsform.kode", ORGANISASJONSFORMER,
                   "organisasjonsform"),
        check.naeringskode(_code(obj, "naeringskode1"), "naeringskode1.kode"),
        check.naeringskode(_code(obj, "naeringskode2"), "naeringskode2.kode"),
        check.naeringskode(_code(obj, "naeringskode3"), "naeringskode3.kode"),
        employees,
        has_employees,
        *street,
        post[0],
        post[1],
        post[3],
        check.date(obj.get("registreringsdatoEnhetsregisteret"),
                   "registreringsdatoEnhetsregisteret"),
        check.text(obj.get("hjemmeside"), "hjemmeside"),
        check.date(obj.get("slettedato"), "slettedato"),
    )


def enhet_values(check: Checker, obj: dict[str, Any]) -> tuple[Any, ...]:
    return _common(check, obj, "forretningsadresse") + (
        check.date(obj.get("stiftelsesdato"), "stiftelsesdato"),
        check.boolean(obj.get("registrertIMvaregisteret"), "registrertIMvaregisteret"),
        check.boolean(obj.get("registrertIForetaksregisteret"), "registrertIForetaksregisteret"),
        check.boolean(obj.get("konkurs"), "konkurs"),
        check.date(obj.get("konkursdato"), "konkursdato"),
        check.boolean(obj.get("underAvvikling"), "underAvvikling"),
        check.boolean(obj.get("underTvangsavviklingEllerTvangsopplosning"),
                      "underTvangsavviklingEllerTvangsopplosning"),
        check.orgnr(obj.get("overordnetEnhet"), "overordnetEnhet"),
        check.text(_code(obj, "institusjonellSektorkode"), "institusjonellSektorkode.kode"),
        check.text(obj.get("sisteInnsendteAarsregnskap"), "sisteInnsendteAarsregnskap"),
    )


def underenhet_values(check: Checker, obj: dict[str, Any]) -> tuple[Any, ...]:
    return _common(check, obj, "beliggenhetsadresse") + (
        check.orgnr(obj.get("overordnetEnhet"), "overordnetEnhet"),
        check.date(obj.get("oppstartsdato"), "oppstartsdato"),
        check.date(obj.get("nedleggelsesdato"), "nedleggelsesdato"),
    )


VALUES = {"enhet": enhet_values, "underenhet": underenhet_values}


def to_record(table: str, line: int, raw: str, obj: Any, context: ReadContext) -> Record:
    """Map one enhet/underenhet object to a typed row, or to quarantine.

    Only a bad or missing organisasjonsnummer holds a unit back, and then it has no key to hold.
    """
    record = Record(line, raw)
    check = Checker(line, allow_synthetic=context.allow_synthetic)
    record.add(check, [(table, VALUES[table](check, obj))] if check.is_object(obj) else [])
    return record


CSV_NAMES = {
    name.lower(): name
    for name in (
        "registreringsdatoEnhetsregisteret", "registrertIMvaregisteret",
        "registrertIForetaksregisteret", "harRegistrertAntallAnsatte", "antallAnsatte",
        "stiftelsesdato", "konkurs", "konkursdato", "underAvvikling",
        "underTvangsavviklingEllerTvangsopplosning", "overordnetEnhet", "hjemmeside",
        "sisteInnsendteAarsregnskap", "slettedato", "oppstartsdato", "nedleggelsesdato",
        "organisasjonsnummer", "navn",
    )
}
"""The CSV header spells some JSON names differently (`registreringsdatoenhetsregisteret`,
`registrertIMvaRegisteret`); columns are matched to the JSON names case-insensitively."""
CSV_ALIASES = {"registreringsdatoienhetsregisteret": "registreringsdatoEnhetsregisteret"}
ADDRESS_LINE_BREAK = re.compile(r"/n|\n")
"""How the CSV joins an address's lines in one cell: a newline, or the two characters `/n`."""


def csv_document(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row (dotted column names) as the JSON document it flattens.

    `{"forretningsadresse.postnummer": "0150"}` -> `{"forretningsadresse": {"postnummer": ...}}`;
    empty cells are absent fields, and `*.adresse` becomes the list of address lines.
    """
    nested: dict[str, Any] = {}
    for column, value in row.items():
        if value == "":
            continue
        parts = column.split(".")
        lower = parts[0].lower()
        parts[0] = CSV_ALIASES.get(lower) or CSV_NAMES.get(lower) or parts[0]
        if parts[-1] == "adresse" and len(parts) == 2:
            value = [line.strip() for line in ADDRESS_LINE_BREAK.split(value)]  # type: ignore[assignment]
        target = nested
        for part in parts[:-1]:
            child = target.setdefault(part, {})
            if not isinstance(child, dict):
                break
            target = child
        else:
            target[parts[-1]] = value
    return nested


def _json_reader(table: str) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, raw, obj in iter_json_array(path):
            yield to_record(table, line, raw, obj, context)

    return read


def _csv_reader(table: str) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, row in iter_csv(path, required=("organisasjonsnummer", "navn")):
            raw = orjson.dumps(row).decode()
            yield to_record(table, line, raw, csv_document(row), context)

    return read


read_enheter_json = _json_reader("enhet")
read_underenheter_json = _json_reader("underenhet")
read_enheter_csv = _csv_reader("enhet")
read_underenheter_csv = _csv_reader("underenhet")


J = "JSON"
L = c.Leaf.columns
Check = tuple[str, str, str]
"""A checked leaf: (its JSON path in the element, the field its problems name, the check)."""


def _address_checks(name: str, prefix: str) -> dict[str, Check]:
    """The checked parts of one address (`_address`), in the order their problems come."""
    landkode = c.Leaf.columns(f"{prefix}_landkode")
    is_norwegian = (f"(starts_with({landkode.j}, '{{') OR starts_with({landkode.j}, '[') "
                    f"OR nullif({landkode.t}, '') IS NULL OR {landkode.t} = 'NO')")
    kommune = L(f"{prefix}_kommunenummer")
    return {
        f"{prefix}_landkode": (f"{name}.landkode", f"{name}.landkode", c.text(landkode)),
        f"{prefix}_kommunenummer": (
            f"{name}.kommunenummer", f"{name}.kommunenummer",
            f"CASE WHEN {is_norwegian} THEN {sqlcodes.kommunenummer(kommune)} "
            f"ELSE {kommune.s} END"),
        f"{prefix}_postnummer": (f"{name}.postnummer", f"{name}.postnummer",
                                 c.text(L(f"{prefix}_postnummer"))),
        f"{prefix}_poststed": (f"{name}.poststed", f"{name}.poststed",
                               c.text(L(f"{prefix}_poststed"))),
    }


def _extras(table: str) -> tuple[str, ...]:
    """The leaves of an enhet or an underenhet beyond those they share, in column order."""
    if table == "enhet":
        return ("stiftelsesdato", "registrertIMvaregisteret", "registrertIForetaksregisteret",
                "konkurs", "konkursdato", "underAvvikling",
                "underTvangsavviklingEllerTvangsopplosning", "overordnetEnhet",
                "institusjonellSektorkode", "sisteInnsendteAarsregnskap")
    return ("overordnetEnhet", "oppstartsdato", "nedleggelsesdato")


def _checks(table: str) -> dict[str, Check]:
    """Every checked leaf of an enhet or underenhet, in the order `VALUES` checks them."""
    street = "forretningsadresse" if table == "enhet" else "beliggenhetsadresse"
    checks: dict[str, Check] = {
        "ansatte": ("antallAnsatte", "antallAnsatte", sqlcodes.integer(L("ansatte"))),
        "har_ansatte": ("harRegistrertAntallAnsatte", "harRegistrertAntallAnsatte",
                        sqlcodes.boolean(L("har_ansatte"))),
        **_address_checks(street, "a"),
        **_address_checks("postadresse", "p"),
        "orgnr": ("organisasjonsnummer", "organisasjonsnummer",
                  sqlcodes.orgnr(L("orgnr"), required=True)),
        "navn": ("navn", "navn", c.text(L("navn"))),
        "form": ("organisasjonsform", "organisasjonsform.kode",
                 sqlcodes.code(L("form"), "organisasjonsform")),
        **{f"nk{n}": (f"naeringskode{n}", f"naeringskode{n}.kode",
                      sqlcodes.naeringskode(L(f"nk{n}"))) for n in (1, 2, 3)},
        "registrert": ("registreringsdatoEnhetsregisteret", "registreringsdatoEnhetsregisteret",
                       sqlcodes.date(L("registrert"))),
        "hjemmeside": ("hjemmeside", "hjemmeside", c.text(L("hjemmeside"))),
        "slettedato": ("slettedato", "slettedato", sqlcodes.date(L("slettedato"))),
    }
    dates = ("stiftelsesdato", "konkursdato", "oppstartsdato", "nedleggelsesdato")
    for name in _extras(table):
        leaf = L(name)
        if name in dates:
            checks[name] = (name, name, sqlcodes.date(leaf))
        elif name == "overordnetEnhet":
            checks[name] = (name, name, sqlcodes.orgnr(leaf))
        elif name == "institusjonellSektorkode":
            checks[name] = (name, f"{name}.kode", c.text(leaf))
        elif name == "sisteInnsendteAarsregnskap":
            checks[name] = (name, name, c.text(leaf))
        else:
            checks[name] = (name, name, sqlcodes.boolean(leaf))
    return checks


_CODED = ("form", "nk1", "nk2", "nk3", "institusjonellSektorkode")
"""Leaves whose value may be an object with a `kode` (`_code`)."""
_CODE_VALUES = ("form", "nk1", "nk2", "nk3", "a_kommunenummer", "p_kommunenummer")
"""Checks whose verdict keeps an unknown code as given (`sqlcodes.value_of`)."""


def _structure(checks: dict[str, Check]) -> str:
    structure: dict[str, Any] = {}
    for path, _, _ in checks.values():
        target = structure
        *parents, last = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = J
    for name in ("forretningsadresse", "beliggenhetsadresse", "postadresse"):
        if name in structure:
            structure[name]["adresse"] = J
    return json.dumps(structure)


def _leaf(name: str, path: str) -> str:
    expr = "e." + ".".join(f'"{part}"' for part in path.split("."))
    return sqlcodes.kode(expr) if name in _CODED else expr


def _value(name: str) -> str:
    return (sqlcodes.value_of(f"c_{name}") if name in _CODE_VALUES
            else c.value_of(f"c_{name}"))


def _reader(table: str) -> SqlReader:
    checks = _checks(table)
    street = "forretningsadresse" if table == "enhet" else "beliggenhetsadresse"
    leaves = {name: _leaf(name, path) for name, (path, _, _) in checks.items()}
    leaves |= {"a_lines": f'e."{street}".adresse', "p_lines": 'e."postadresse".adresse'}
    problems = ("list_filter([" + ", ".join(
        f"{{'f': {c.quote(field)}, 'v': c_{name}}}" for name, (_, field, _) in checks.items())
        + f"], lambda p: {c.is_problem('p.v')})")
    any_problem = " OR ".join(c.is_problem(f"c_{name}") for name in checks)
    prefix = "be" if table == "enhet" else "bu"
    stage = f"""
CREATE OR REPLACE TEMP TABLE {prefix}_e AS
SELECT line, record_id, row_number() OVER () AS n, starts_with(raw, '{{') AS is_object,
       CASE WHEN starts_with(raw, '{{') THEN json_transform(raw, {c.quote(_structure(checks))})
       END AS e,
       CASE WHEN NOT starts_with(raw, '{{') THEN {sqlcodes.type_name('raw')} END AS found
FROM src_batch;
CREATE OR REPLACE TEMP TABLE {prefix}_c AS
SELECT *, NOT {c.is_problem('c_orgnr')} AS ok,
       CASE WHEN {any_problem} THEN {problems} END AS problems
FROM (
  SELECT line, record_id, n, is_object, found,
    {sqlcodes.address_lines(L('a_lines'))} AS a_lines,
    {sqlcodes.address_lines(L('p_lines'))} AS p_lines,
    {', '.join(f"{check} AS c_{name}" for name, (_, _, check) in checks.items())}
  FROM {c.leaf_layers(f"{prefix}_e", "line, record_id, n, is_object, found", leaves)})
"""
    columns = ["orgnr", "navn", "form", "nk1", "nk2", "nk3", "ansatte", "har_ansatte",
               "a_lines", "a_postnummer", "a_poststed", "a_kommunenummer", "a_landkode",
               "p_lines", "p_postnummer", "p_kommunenummer", "registrert", "hjemmeside",
               "slettedato", *_extras(table)]
    types = dict(TABLE_BY_NAME[table].columns)
    values = []
    for name, (column, sqltype) in zip(columns, types.items(), strict=True):
        value = name if name.endswith("_lines") else _value(name)
        base = sqltype.replace(" NOT NULL", "")
        values.append(value if base == "VARCHAR" else f"CAST({value} AS {base}) AS {column}")
    rows = {table: f"""
SELECT {', '.join(values)},
  CASE WHEN problems IS NOT NULL THEN [p.f FOR p IN problems] END AS unknown_fields,
  record_id, line, n - 1 AS row_no
FROM {prefix}_c WHERE is_object AND ok"""}
    quarantine = f"""
SELECT line, '-' AS field, 'invalid_value' AS kind, 'expected a JSON object, found ' || found
       AS reason, false AS record_kept
FROM {prefix}_c WHERE NOT is_object
UNION ALL
SELECT line, p.f, {c.kind_of('p.v')}, {c.reason_of('p.v', 'p.f')}, ok
FROM (SELECT line, ok, unnest(problems) AS p FROM {prefix}_c
      WHERE is_object AND problems IS NOT NULL)"""
    # An element gives at most one row, so its number in the batch (`n`, in file order) is the
    # row's: numbering the rows again (`row_number() OVER (ORDER BY line, n)`) sorted every row
    # of the batch, a third of this statement.
    return SqlReader(iter_json_array_batches, stage, rows, {}, quarantine)


ENHETER = _reader("enhet")
UNDERENHETER = _reader("underenhet")
"""The JSON downloads, read by DuckDB; a bad organisasjonsnummer holds a unit back (it then has
no key to hold), any other bad value is noted and the unit kept."""
