"""Registers with no public format: HMS cards, published stop decisions, inspections and tips.

Each is a CSV file with a header row (`,` or `;`), UTF-8, dates as YYYY-MM-DD; the columns are
documented in docs/data-formats.md. A column is declared once here with the check it must pass,
and each format's reader is made from its layout (`sql_reader`): the file's rows come as the
JSON objects of their columns (`akrim.ingest.csvlines`, as the Python reader stored them), and
DuckDB checks each column as the `Checker` does (`akrim.ingest.sqlchecks`: identifiers by
`akrim.ids`, dates off the plain path by the `Checker` itself) and stages the rows
(`akrim.ingest.sqlstage`). A problem with a required column holds the row back; any other
problem marks its column and the row is kept.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from akrim.ingest import sqlchecks as c
from akrim.ingest import sqlcodes
from akrim.ingest.csvlines import iter_csv_batches
from akrim.ingest.sqlstage import SqlReader

Column = tuple[str, str, bool]
"""(CSV column = table column, check: text|orgnr|person|date, required)."""

LAYOUTS: dict[str, tuple[Column, ...]] = {
    "hms_kort": (
        ("kortnummer", "text", True),
        ("identifikasjonsnummer", "person", False),
        ("fornavn", "text", False),
        ("etternavn", "text", False),
        ("foedselsdato", "date", False),
        ("arbeidsgiver", "orgnr", False),
        ("utstedt", "date", False),
        ("gyldig_til", "date", False),
        ("status", "text", False),
    ),
    "stansingsvedtak": (
        ("vedtak_id", "text", True),
        ("organisasjonsnummer", "orgnr", True),
        ("etat", "text", False),
        ("vedtaksdato", "date", True),
        ("hjemmel", "text", False),
        ("begrunnelse", "text", False),
        ("opphevet_dato", "date", False),
    ),
    "tilsyn": (
        ("tilsyn_id", "text", True),
        ("organisasjonsnummer", "orgnr", False),
        ("etat", "text", False),
        ("tilsynsdato", "date", True),
        ("tema", "text", False),
        ("funn", "text", False),
        ("reaksjon", "text", False),
        ("adresse", "text", False),
    ),
    "tips": (
        ("tips_id", "text", True),
        ("mottatt_dato", "date", True),
        ("etat", "text", False),
        ("organisasjonsnummer", "orgnr", False),
        ("virksomhetsnavn", "text", False),
        ("personnavn", "text", False),
        ("adresse", "text", False),
        ("kategori", "text", False),
        ("beskrivelse", "text", False),
    ),
}


def verdict(kind: str, leaf: c.Leaf, required: bool) -> str | None:
    """The check of a column as an SQL verdict (`akrim.ingest.sqlchecks`); for text, only its
    problem (a text of the file may itself start with a verdict's mark, chr(0)), None if none
    is possible."""
    if kind == "orgnr":
        return sqlcodes.orgnr(leaf, required=required)
    if kind == "person":
        return c.required(leaf, c.person_id(leaf)) if required else c.person_id(leaf)
    if kind == "date":
        return sqlcodes.date(leaf, required=required)
    if kind != "text":
        raise ValueError(f"unknown check {kind!r}")
    # A required text blank once trimmed is missing too: the Python reader kept it as NULL,
    # and the NOT NULL key stopped the whole load.
    return f"CASE WHEN {leaf.s} IS NULL OR {leaf.t} = '' THEN {c.missing()} END" if required \
        else None


def value(kind: str, column: str) -> str:
    """A column's value in the table (NULL for a value with a problem)."""
    if kind == "text":
        return f"nullif({column}_t, '')"
    clean = c.value_of(f"c_{column}")
    return f"CAST({clean} AS DATE)" if kind == "date" else clean


def leaves(layout: tuple[Column, ...]) -> str:
    """The batch's rows with each column as the columns of a `Leaf`, `{column}_s` (the value,
    NULL if the file has no such column) and what its check reads of it: a text's `_t`
    (trimmed), any other's `_j` (as JSON). Every value of a CSV file is a string, so the
    general `sqlchecks.leaf_layers`, which tells a string from any other JSON value, is not
    needed: computing all three of every column was most of a batch's checking."""
    structure = json.dumps({column: "VARCHAR" for column, _, _ in layout})
    values = ", ".join(f"d.{column} AS {column}_s" for column, _, _ in layout)
    derived = ", ".join(f"{c.strip(f'{column}_s')} AS {column}_t" if kind == "text"
                        else f"to_json({column}_s)::VARCHAR AS {column}_j"
                        for column, kind, _ in layout)
    return (f"(SELECT *, {derived} FROM (SELECT line, record_id, {values} FROM "
            f"(SELECT line, record_id, json_transform(raw, {c.quote(structure)}) AS d "
            "FROM src_batch)))")


def stage(table: str, layout: tuple[Column, ...]) -> str:
    """Per batch (`src_batch`, each `raw` a row's JSON): `{table}_c`, each row's values, its
    problems (`problems`, in column order, or NULL) and whether they hold it back (`holds`)."""
    checks = {column: (found, needed) for column, kind, needed in layout
              if (found := verdict(kind, c.Leaf.columns(column), needed)) is not None}
    verdicts = ", ".join(f"{found} AS c_{column}" for column, (found, _) in checks.items())
    values = ", ".join(f"{value(kind, column)} AS v_{column}" for column, kind, _ in layout)
    candidates = ", ".join(f"{{'f': {c.quote(column)}, 'v': c_{column}}}" for column in checks)

    def any_problem(columns: Iterable[str]) -> str:
        return " OR ".join(f"coalesce({c.is_problem(f'c_{column}')}, false)"
                           for column in columns) or "false"

    holds = any_problem(column for column, (_, needed) in checks.items() if needed)
    return f"""
CREATE OR REPLACE TEMP TABLE {table}_c AS
SELECT line, record_id, {values}, {holds} AS holds,
       CASE WHEN {any_problem(checks)} THEN list_filter([{candidates}],
                                                        lambda p: {c.is_problem('p.v')})
       END AS problems
FROM (SELECT *, {verdicts} FROM {leaves(layout)});
"""


def sql_reader(table: str) -> SqlReader:
    """The reader of one format, from its layout; the table's columns are the layout's."""
    layout = LAYOUTS[table]
    required = tuple(column for column, _, needed in layout if needed)
    values = ", ".join(f"v_{column}" for column, _, _ in layout)
    rows = (f"SELECT {values}, CASE WHEN problems IS NOT NULL THEN [p.f FOR p IN problems] END, "
            f"record_id, line, row_number() OVER (ORDER BY line) - 1 FROM {table}_c "
            "WHERE NOT holds")
    quarantine = (f"SELECT line, p.f AS field, {c.kind_of('p.v')} AS kind, "
                  f"{c.reason_of('p.v', 'p.f')} AS reason, NOT holds AS record_kept "
                  f"FROM (SELECT line, unnest(problems) AS p, holds FROM {table}_c "
                  "WHERE problems IS NOT NULL)")
    # No key is held for a row held back, as before: each format's scope is its id (docs
    # §1.5), so a row missing from a file is never read as a deletion.
    return SqlReader(functools.partial(iter_csv_batches, required=required),
                     stage(table, layout), {table: rows}, {}, quarantine)


READERS = {table: sql_reader(table) for table in LAYOUTS}
"""One reader per format, by table: `hms_kort`, `stansingsvedtak`, `tilsyn`, `tips`."""
