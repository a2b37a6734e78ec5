"""Companies named loosely — a tip's firm name and address, an inspection's workplace — resolved
to units of Enhetsregisteret (`sql/company_mentions.sql` holds the steps).

Output table `link_company_mention`, rebuilt by every `akrim link`: one row per mention with what
was said (organisation number, name, address), the address key and its network place
(`a:<key>` when a unit or person is registered there), the unit found, its legal unit, the
method (orgnr, name_address, name_postnummer, name_fuzzy_postnummer, name, name_fuzzy, address;
or ambiguous, unresolved), the score and how many legal units were candidates.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import pyarrow as pa

from akrim.link.normalise import address_key, split_address
from akrim.store.engine import Store

SOURCES_SQL = """
SELECT 'tips' AS source_table, tips_id AS source_key, organisasjonsnummer,
       virksomhetsnavn AS navn, adresse
FROM tips WHERE valid_to IS NULL
  AND coalesce(organisasjonsnummer, virksomhetsnavn, adresse) IS NOT NULL
UNION ALL
SELECT 'tilsyn', tilsyn_id, organisasjonsnummer, NULL, adresse
FROM tilsyn WHERE valid_to IS NULL AND coalesce(organisasjonsnummer, adresse) IS NOT NULL
"""

FUZZY_IN_POSTNUMMER = 0.90
"""Jaro-Winkler similarity of name keys needed within one postnummer."""
FUZZY_NATIONAL = 0.95
"""... and anywhere in the country (names sharing their first three letters)."""
TIE_MARGIN = 0.02
"""Candidates this close to the best score are ties: two legal units among them is ambiguous."""

METHODS = ("orgnr", "name_address", "name_postnummer", "name_fuzzy_postnummer", "name",
           "name_fuzzy", "address", "ambiguous", "unresolved")


@dataclass(frozen=True)
class MentionSummary:
    mentions: int
    by_method: dict[str, int]
    seconds: float


def _with_address_keys(mentions: pa.Table) -> pa.Table:
    keys, codes = [], []
    for text in mentions.column("adresse").to_pylist():
        street, postnummer = split_address(text)
        keys.append(address_key(street, postnummer))
        codes.append(postnummer)
    return (mentions.append_column("address_key", pa.array(keys, pa.string()))
            .append_column("postnummer", pa.array(codes, pa.string())))


def resolve(store: Store, mentions: pa.Table) -> pa.Table:
    """Resolve `mentions` (columns mention_id, organisasjonsnummer, navn, adresse) against the
    store's current units; the store needs the network's `address_keys`. Returns the input's
    columns with address_key, postnummer, the unit found, its legal unit, method, score and
    candidates."""
    keyed = _with_address_keys(mentions)
    params: dict[str, Any] = {"fuzzy_in_postnummer": FUZZY_IN_POSTNUMMER,
                              "fuzzy_national": FUZZY_NATIONAL, "tie_margin": TIE_MARGIN}
    store.con.register("company_mention_in", keyed)
    try:
        store.run_script((files("akrim.link") / "sql" / "company_mentions.sql")
                         .read_text(encoding="utf-8"), params)
        return store.con.sql("""
            SELECT i.*, o.organisasjonsnummer AS unit_organisasjonsnummer,
                   o.enhet_organisasjonsnummer, o.method, o.score, o.candidates
            FROM company_mention_in i JOIN company_mention_out o USING (mention_id)
            ORDER BY mention_id""").to_arrow_table()
    finally:
        store.con.unregister("company_mention_in")
        for table in ("company_mention", "company_unit", "company_candidate",
                      "company_mention_out"):
            store.execute(f"DROP TABLE IF EXISTS {table}")


def resolve_company_mentions(store: Store) -> MentionSummary:
    """Rebuild `link_company_mention` from the store's tips and inspections."""
    started = time.perf_counter()
    mentions = store.con.sql(f"SELECT row_number() OVER () AS mention_id, * "
                             f"FROM ({SOURCES_SQL})").to_arrow_table()
    resolved = resolve(store, mentions)
    with store.transaction():
        store.con.register("resolved_in", resolved)
        store.execute("""
            CREATE OR REPLACE TABLE link_company_mention AS
            SELECT r.source_table, r.source_key,
                   r.organisasjonsnummer AS oppgitt_organisasjonsnummer, r.navn, r.adresse,
                   r.address_key,
                   n.node_id AS address_node,
                   r.unit_organisasjonsnummer AS organisasjonsnummer,
                   r.enhet_organisasjonsnummer, r.method, r.score, r.candidates
            FROM resolved_in r
            LEFT JOIN net_node n ON n.node_id = 'a:' || r.address_key""")
        store.con.unregister("resolved_in")
    counts = dict(store.rows("SELECT method, count(*) FROM link_company_mention GROUP BY ALL"))
    return MentionSummary(len(resolved), {m: counts.get(m, 0) for m in METHODS if counts.get(m)},
                          round(time.perf_counter() - started, 1))
