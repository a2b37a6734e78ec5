"""The ingest bench's floors (`bench/ingest_floor.py`) do akrim's reading work: each declared
floor gives the rows akrim's tables get from the same files, so the ratio to it compares like
with like."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from akrim.ingest.registry import recognise_all
from akrim.store.engine import Store
from fixtures import benchmodule

floor = benchmodule.load("ingest_floor")

TABLES = {
    "skatteetaten.amelding": {"leveranse": "amelding_leveranse", "mottaker": "amelding_mottaker",
                              "arbeidsforhold": "amelding_arbeidsforhold",
                              "inntekt": "amelding_inntekt"},
    "folkeregisteret": {"person": "person", "person_identifikator": "person_identifikator"},
    "brreg.enheter": {"unit": "enhet"},
    "brreg.underenheter": {"unit": "underenhet"},
    "brreg.roller": {"rolle": "rolle"},
    "skatteetaten.arbeidsgiveravgift": {"arbeidsgiveravgift_termin": "arbeidsgiveravgift_termin"},
    "skatteetaten.mva": {"mva_termin": "mva_termin"},
    "hms_kort": {"hms_kort": "hms_kort"},
}
"""Each declared floor's tables, and the akrim table each stands for."""


def _floor_counts(register: str, paths: list[Path]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in paths:
        con = duckdb.connect()
        for statement in floor.DECLARED[register].replace("{files}", f"['{path}']").split(";\n"):
            if statement.strip():
                con.execute(statement)
        for table in TABLES[register]:
            counts[table] = counts.get(table, 0) + con.execute(
                f"SELECT count(*) FROM {table}").fetchall()[0][0]
        con.close()
    return counts


def test_every_declared_floor_is_checked_here() -> None:
    assert set(floor.DECLARED) == set(TABLES)


@pytest.mark.parametrize("register", sorted(TABLES))
def test_a_declared_floor_reads_the_rows_akrim_keeps(
        register: str, tiny_bundle: Path, tiny_ingested: Path) -> None:
    recognised, _ = recognise_all([tiny_bundle])
    paths = [item.path for item in recognised if item.reader.register == register]
    assert paths, f"the tiny bundle has no {register} file"
    counts = _floor_counts(register, paths)
    with Store(tiny_ingested / "akrim.duckdb", read_only=True) as store:
        kept = {table: store.scalar(f"SELECT count(*) FROM {akrim}")
                for table, akrim in TABLES[register].items()}
    assert counts == kept
    assert all(kept.values())


def test_a_declared_floor_reads_data_shaped_otherwise_than_the_generators(
        tmp_path: Path) -> None:
    """A plain amount where the generator writes one per rate, a date that is none: each row
    is still read, the value it cannot type as NULL, so another's data gets a floor too."""
    mva = tmp_path / "mva.jsonl"
    mva.write_text(
        '{"forespurteOrganisasjon": "974760673", "levert": "2026-01-10", "mvaAlminneligNaering": '
        '{"samletFastsattOgReskontrofoertForTermin": [{"gjelderTermin": {"termin": "jan-feb", '
        '"aar": "2025"}, "mvaGrunnlag": 1234, "mvaAvgift": {"innlandOmsetningUttakHoeySats": 5}, '
        '"erMyndighetsfastsatt": "ukjent"}]}}\n')
    hms = tmp_path / "hms_kort.csv"
    hms.write_text("kortnummer,identifikasjonsnummer,fornavn,etternavn,foedselsdato,"
                   "arbeidsgiver,utstedt,gyldig_til,status\n"
                   "HMS1,,Kari,Nordmann,31.02.1990,974760673,2024-01-01,2026-01-01,Gyldig\n"
                   "HMS2,,Per,Hansen,1990-02-01,974760673,2024-01-01,2026-01-01,Gyldig\n")
    assert _floor_counts("skatteetaten.mva", [mva]) == {"mva_termin": 1}
    assert _floor_counts("hms_kort", [hms]) == {"hms_kort": 2}
