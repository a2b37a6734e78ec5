"""akrim.ingest.readers.amelding: a-meldingen v2 JSON leveranser (single file and bulk lines)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from akrim.ingest.readers.amelding import TABLES
from akrim.store.engine import Store, statement_text
from fixtures.shapes import (
    inntekt,
    leveranse,
    mottaker,
    orgnr,
    person_id,
    write_json,
    write_jsonl,
)
from fixtures.storeutil import load, rows

PLIKTIG, VIRKSOMHET, ANNEN = orgnr(1), orgnr(2), orgnr(3)
KRZYSZTOF = person_id(dt.date(1990, 2, 11))
PAWEL = person_id(dt.date(1993, 12, 1))


def current(store: Store, table: str) -> list[dict[str, Any]]:
    return rows(store, f"SELECT * FROM {table} WHERE valid_to IS NULL ORDER BY ALL")


def test_single_leveranse_values_and_timeloenn_hours(store: Store, tmp_path: Path) -> None:
    doc = leveranse(PLIKTIG, "2026-08", "m-1", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(34125.5, "timeloenn", antall=162.5),
                             inntekt(6300.0, "overtidsgodtgjoerelse", antall=20.0)],
                 stillingsprosent=80.0, trekk=-9150),
    ]}, agi=5_699, trekk=9_150)
    report = load(store, write_json(tmp_path / "amelding_2026-08.json", doc))
    assert not report.quarantine
    (lev,) = current(store, "amelding_leveranse")
    assert (lev["opplysningspliktig"], lev["kalendermaaned"], lev["meldings_id"]) == (
        PLIKTIG, "2026-08", "m-1")
    assert lev["kildesystem"] == "Tripletex" and lev["erstatter_meldings_id"] is None
    assert lev["sum_arbeidsgiveravgift_oere"] == 569_900
    assert lev["sum_forskuddstrekk_oere"] == 915_000
    (mot,) = current(store, "amelding_mottaker")
    assert (mot["virksomhet"], mot["inntektsmottaker"], mot["norsk_identifikator"]) == (
        VIRKSOMHET, KRZYSZTOF, KRZYSZTOF)
    assert mot["forskuddstrekk_oere"] == -915_000
    (af,) = current(store, "amelding_arbeidsforhold")
    assert af["arbeidsforhold_id"] == "1" and af["stillingsprosent"] == Decimal("80.00")
    assert af["timer_per_uke_full_stilling"] == Decimal("37.50")
    assert af["startdato"] == dt.date(2024, 1, 1) and af["yrke"] == "7124101"
    lines = {r["beskrivelse"]: r for r in current(store, "amelding_inntekt")}
    assert lines["timeloenn"]["antall"] == Decimal("162.50")
    assert lines["timeloenn"]["beloep_oere"] == 3_412_550
    assert lines["timeloenn"]["inntektstype"] == "loennsinntekt"
    assert lines["overtidsgodtgjoerelse"]["antall"] == Decimal("20.00")
    assert lines["timeloenn"]["utloeser_arbeidsgiveravgift"] is True


def test_recipient_without_norwegian_id_gets_a_fallback_key(store: Store, tmp_path: Path) -> None:
    doc = leveranse(PLIKTIG, "2026-09", "m-1", {VIRKSOMHET: [
        mottaker(None, [inntekt(12800.0, "timeloenn", antall=64.0)],
                 internasjonalIdentifikator=[{"identifikator": "LT2284611",
                                              "identifikatortype": "passnummer", "land": "LT"}],
                 identifiserendeInformasjon={"navn": "Dovydas Žukauskas",
                                             "foedselsdato": "1999-01-17"})]})
    assert not load(store, write_json(tmp_path / "amelding.json", doc)).quarantine
    (mot,) = current(store, "amelding_mottaker")
    assert mot["inntektsmottaker"] == "LT:LT2284611" and mot["norsk_identifikator"] is None
    assert mot["navn"] == "Dovydas Žukauskas"
    assert mot["foedselsdato"] == dt.date(1999, 1, 17)


def test_replacement_closes_the_replaced_message_and_an_addition_does_not(
    store: Store, tmp_path: Path
) -> None:
    first = leveranse(PLIKTIG, "2026-09", "kb-a", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(33600.0, "timeloenn", antall=160.0)])]})
    other_month = leveranse(PLIKTIG, "2026-08", "kb-aug", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(30000.0, "timeloenn", antall=150.0)])]})
    other_employer = leveranse(ANNEN, "2026-09", "x-1", {ANNEN: [
        mottaker(PAWEL, [inntekt(1000.0)])]})
    load(store, write_jsonl(tmp_path / "amelding_1.jsonl.gz", [first, other_month,
                                                              other_employer]),
         as_of=dt.date(2026, 10, 1))
    replacement = leveranse(PLIKTIG, "2026-09", "kb-b", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(33600.0, "timeloenn", antall=160.0)]),
        mottaker(PAWEL, [inntekt(31080.0, "timeloenn", antall=148.0)])]}, erstatter="kb-a")
    addition = leveranse(PLIKTIG, "2026-09", "kb-c", {VIRKSOMHET: [
        mottaker(PAWEL, [inntekt(5000.0, "bonus")])]})
    report = load(store, write_jsonl(tmp_path / "amelding_2.jsonl.gz", [replacement, addition]),
                  as_of=dt.date(2026, 10, 15))
    assert not report.quarantine
    live = {r["meldings_id"] for r in current(store, "amelding_leveranse")}
    assert live == {"kb-b", "kb-c", "kb-aug", "x-1"}
    for table in ("amelding_leveranse", "amelding_mottaker", "amelding_arbeidsforhold",
                  "amelding_inntekt"):
        replaced = rows(store, f"SELECT valid_to FROM {table} WHERE meldings_id = 'kb-a'")
        assert replaced and all(r["valid_to"] == dt.date(2026, 10, 15) for r in replaced), table
    hours = rows(store, "SELECT sum(antall) AS timer FROM amelding_inntekt WHERE valid_to IS NULL"
                        " AND kalendermaaned = '2026-09' AND opplysningspliktig = ? "
                        "AND beskrivelse = 'timeloenn'", [PLIKTIG])
    assert hours == [{"timer": Decimal("308.00")}]


def original_and_replacement() -> tuple[dict[str, Any], dict[str, Any]]:
    """Message kb-a, and kb-b replacing it."""
    return (
        leveranse(PLIKTIG, "2026-09", "kb-a", {VIRKSOMHET: [
            mottaker(KRZYSZTOF, [inntekt(33600.0, "timeloenn", antall=160.0)])]}),
        leveranse(PLIKTIG, "2026-09", "kb-b", {VIRKSOMHET: [
            mottaker(KRZYSZTOF, [inntekt(33000.0, "timeloenn", antall=158.0)])]},
            erstatter="kb-a"),
    )


def current_messages(store: Store) -> dict[str, set[str]]:
    """Per a-melding table, the messages with current rows."""
    return {table: {r["meldings_id"] for r in current(store, table)} for table in TABLES}


def test_an_original_arriving_after_its_replacement_is_closed_at_once(
    store: Store, tmp_path: Path
) -> None:
    original, replacement = original_and_replacement()
    load(store, write_jsonl(tmp_path / "amelding_1.jsonl", [replacement]))
    load(store, write_jsonl(tmp_path / "amelding_2.jsonl", [original]))
    assert current_messages(store) == {table: {"kb-b"} for table in TABLES}


def test_an_original_loaded_with_its_replacement_opens_closed(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rows are not opened and then closed by an UPDATE of rows the load itself inserted
    (which DuckDB writes whole to its write-ahead log): no UPDATE closes any of them."""
    closed_by_update: list[int] = []
    execute = Store.execute

    def spy(self: Store, sql: str | duckdb.Statement, params: Any = None) -> Any:
        result = execute(self, sql, params)
        words = statement_text(sql).split()
        if words[0] == "UPDATE" and words[1] in TABLES[1:]:
            closed_by_update.append(result.fetchall()[0][0])
        return result

    monkeypatch.setattr(Store, "execute", spy)
    original, replacement = original_and_replacement()
    load(store, write_jsonl(tmp_path / "amelding.jsonl", [original, replacement]),
         as_of=dt.date(2026, 10, 1))
    assert closed_by_update and not any(closed_by_update)
    for table in TABLES:
        assert [(r["valid_from"], r["valid_to"]) for r in rows(
            store, f"SELECT * FROM {table} WHERE meldings_id = 'kb-a'")] == [
            (dt.date(2026, 10, 1), dt.date(2026, 10, 1))], table
    assert current_messages(store) == {table: {"kb-b"} for table in TABLES}


@pytest.mark.parametrize("loads", [(3,), (1, 2)], ids=["one load", "original before"])
def test_a_chain_of_replacements_leaves_only_the_last_current(
    store: Store, tmp_path: Path, loads: tuple[int, ...]
) -> None:
    """kb-1 replaces kb-0 and kb-2 replaces kb-1, loaded at once or after kb-0."""
    chain = [leveranse(PLIKTIG, "2026-09", f"kb-{n}", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(33000.0 + n, "timeloenn", antall=160.0)])]},
        erstatter=f"kb-{n - 1}" if n else None) for n in range(3)]
    for n, count in enumerate(loads):
        load(store, write_jsonl(tmp_path / f"amelding_{n}.jsonl", chain[:count]))
        chain = chain[count:]
    assert current_messages(store) == {table: {"kb-2"} for table in TABLES}


def test_a_bad_recipient_is_quarantined_and_the_rest_of_the_leveranse_loads(
    store: Store, tmp_path: Path
) -> None:
    bad_id = KRZYSZTOF[:-1] + str((int(KRZYSZTOF[-1]) + 1) % 10)
    doc = leveranse(PLIKTIG, "2026-09", "m-1", {VIRKSOMHET: [
        mottaker(bad_id, [inntekt(100.0)]), mottaker(PAWEL, [inntekt(200.0)])]})
    path = write_jsonl(tmp_path / "amelding.jsonl", [doc])
    report = load(store, path)
    assert report.quarantine == {"invalid_identifier": 1}
    assert [r["inntektsmottaker"] for r in current(store, "amelding_mottaker")] == [PAWEL]
    (problem,) = rows(store, "SELECT * FROM quarantine")
    assert problem["field"] == (
        "leveranse.oppgave.virksomhet[0].inntektsmottaker[0].norskIdentifikator")
    assert problem["line"] == 1


def test_impossible_month_quarantines_the_leveranse(store: Store, tmp_path: Path) -> None:
    good = leveranse(PLIKTIG, "2026-09", "ok", {VIRKSOMHET: [mottaker(PAWEL, [inntekt(1.0)])]})
    bad = leveranse(PLIKTIG, "2026-13", "bad", {VIRKSOMHET: [mottaker(PAWEL, [inntekt(1.0)])]})
    report = load(store, write_jsonl(tmp_path / "amelding.jsonl", [good, bad]))
    assert report.quarantine == {"impossible_date": 1}
    assert [r["meldings_id"] for r in current(store, "amelding_leveranse")] == ["ok"]
    (problem,) = rows(store, "SELECT line, field FROM quarantine")
    assert problem == {"line": 2, "field": "leveranse.kalendermaaned"}


def test_a_bad_field_marks_the_recipients_rows_and_keeps_them(store: Store, tmp_path: Path
                                                              ) -> None:
    doc = leveranse(PLIKTIG, "2026-09", "m-1", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(100.0)], startdato="2024-02-30"),
        mottaker(PAWEL, [inntekt(200.0)])]})
    report = load(store, write_jsonl(tmp_path / "amelding.jsonl", [doc]))
    assert report.quarantine == {"impossible_date": 1}
    field = "leveranse.oppgave.virksomhet[0].inntektsmottaker[0].arbeidsforhold[0].startdato"
    marks = {(table, r["inntektsmottaker"]): r["unknown_fields"]
             for table in TABLES[1:] for r in current(store, table)}
    assert marks == {(table, person): [field] if person == KRZYSZTOF else None
                     for table in TABLES[1:] for person in (KRZYSZTOF, PAWEL)}
    assert [r["unknown_fields"] for r in current(store, "amelding_leveranse")] == [None]
    assert {r["inntektsmottaker"]: r["startdato"] for r in current(
        store, "amelding_arbeidsforhold")} == {KRZYSZTOF: None, PAWEL: dt.date(2024, 1, 1)}
    assert rows(store, "SELECT field, record_kept FROM quarantine") == [
        {"field": field, "record_kept": True}]


def test_a_percentage_too_large_for_the_store_is_quarantined_not_fatal(
    store: Store, tmp_path: Path
) -> None:
    doc = leveranse(PLIKTIG, "2026-09", "m-1", {VIRKSOMHET: [
        mottaker(KRZYSZTOF, [inntekt(100.0)], stillingsprosent=12_345_678_901.0)]})
    report = load(store, write_jsonl(tmp_path / "amelding.jsonl", [doc]))
    assert report.quarantine == {"invalid_value": 1}
    (af,) = current(store, "amelding_arbeidsforhold")
    assert af["stillingsprosent"] is None
    assert af["unknown_fields"] == [
        "leveranse.oppgave.virksomhet[0].inntektsmottaker[0].arbeidsforhold[0].stillingsprosent"]


def test_a_recipient_with_an_empty_identifier_and_nothing_else_is_quarantined(
    store: Store, tmp_path: Path
) -> None:
    doc = leveranse(PLIKTIG, "2026-09", "m-1", {VIRKSOMHET: [
        mottaker("", [inntekt(100.0)]), mottaker(PAWEL, [inntekt(200.0)])]})
    report = load(store, write_jsonl(tmp_path / "amelding.jsonl", [doc]))
    assert report.quarantine == {"missing_field": 1}
    assert [r["inntektsmottaker"] for r in current(store, "amelding_mottaker")] == [PAWEL]
    assert rows(store, "SELECT field, record_kept FROM quarantine") == [{
        "field": "leveranse.oppgave.virksomhet[0].inntektsmottaker[0].norskIdentifikator",
        "record_kept": False}]


def test_an_identifier_that_is_an_object_is_quarantined_not_dropped(
    store: Store, tmp_path: Path
) -> None:
    doc = leveranse(PLIKTIG, "2026-09", "m-1", {VIRKSOMHET: [
        mottaker(PAWEL, [inntekt(200.0)])]})
    recipients = doc["leveranse"]["oppgave"]["virksomhet"][0]["inntektsmottaker"]
    recipients.append(dict(recipients[0], norskIdentifikator={"id": KRZYSZTOF}))
    doc["leveranse"]["oppgave"]["virksomhet"].append(
        {"norskIdentifikator": ["x"], "inntektsmottaker": recipients[:1]})
    report = load(store, write_jsonl(tmp_path / "amelding.jsonl", [doc]))
    assert report.quarantine == {"invalid_identifier": 2}
    assert sorted(r["field"] for r in rows(store, "SELECT field FROM quarantine")) == [
        "leveranse.oppgave.virksomhet[0].inntektsmottaker[1].norskIdentifikator",
        "leveranse.oppgave.virksomhet[1].norskIdentifikator"]
    assert [r["inntektsmottaker"] for r in current(store, "amelding_mottaker")] == [PAWEL]


def test_a_blank_message_id_is_missing_and_the_rest_of_the_file_loads(
    store: Store, tmp_path: Path
) -> None:
    good = leveranse(PLIKTIG, "2026-09", "ok", {VIRKSOMHET: [mottaker(PAWEL, [inntekt(1.0)])]})
    blank = leveranse(ANNEN, "2026-09", "  ", {ANNEN: [mottaker(PAWEL, [inntekt(1.0)])]})
    report = load(store, write_jsonl(tmp_path / "amelding.jsonl", [good, blank]))
    assert report.quarantine == {"missing_field": 1}
    assert rows(store, "SELECT line, field, record_kept FROM quarantine") == [
        {"line": 2, "field": "leveranse.meldingsId", "record_kept": False}]
    assert [r["meldings_id"] for r in current(store, "amelding_leveranse")] == ["ok"]
