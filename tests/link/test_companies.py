"""akrim.link.companies: loosely named companies in tips and inspections resolved to units."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_person,
    add_tilsyn,
    add_tips,
    add_underenhet,
    fnr,
    link_identity,
    open_store,
    org,
    settle,
)


@pytest.fixture
def units(tmp_path: Path) -> Iterator[tuple[Store, dict[str, str]]]:
    """Bergen firms: two similar names in one postnummer, a name used in two towns, an enhet with
    a branch (underenhet) at another address, and a firm whose address two firms share."""
    store = open_store(tmp_path / "akrim.duckdb")
    firms = {
        "bygg": add_enhet(store, org(1), navn="BERGEN BYGG OG ANLEGG AS",
                          adresse="Strandgaten 12", postnummer="5013"),
        "ror": add_enhet(store, org(2), navn="RØRLEGGER HANSEN & SØNN AS",
                         adresse="Kong Oscars gate 5", postnummer="5017"),
        "maler_bergen": add_enhet(store, org(3), navn="MALERMESTER LIE AS",
                                  adresse="Nygårdsgaten 3", postnummer="5015"),
        "maler_oslo": add_enhet(store, org(4), navn="MALERMESTER LIE AS",
                                adresse="Storgata 3", postnummer="0155"),
        "vask1": add_enhet(store, org(5), navn="RENHOLD SERVICE AS",
                           adresse="Fjøsangerveien 50", postnummer="5054"),
        "vask2": add_enhet(store, org(6), navn="RENHOLDSERVICE AS",
                           adresse="Fjøsangerveien 52", postnummer="5054"),
        "polish": add_enhet(store, org(7), navn="KOWALSKI BUDOWA SP. Z O.O.",
                            organisasjonsform="NUF", adresse="Damsgårdsveien 8",
                            postnummer="5058"),
        "shared1": add_enhet(store, org(8), navn="ALFA TRANSPORT AS",
                             adresse="Lodin Leppsgate 2", postnummer="5003"),
        "shared2": add_enhet(store, org(9), navn="BETA TRANSPORT AS",
                             adresse="Lodin Leppsgate 2", postnummer="5003"),
    }
    firms["branch"] = add_underenhet(store, org(10), firms["bygg"], navn="BERGEN BYGG OG ANLEGG AS",
                                     adresse="Sandviksveien 100", postnummer="5035")
    add_person(store, fnr(1), adresse="Sandviksveien 100", postnummer="5035")
    settle(store)
    try:
        yield store, firms
    finally:
        store.close()


def _resolve(store: Store) -> dict[str, dict[str, Any]]:
    settle(store)
    link_identity(store)  # persons by exact keys, the network, then the mentions
    cursor = store.execute("SELECT * FROM link_company_mention")
    names = [d[0] for d in cursor.description]
    return {row[1]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def test_a_stated_organisation_number_is_taken_as_it_is(units: Any) -> None:
    store, firms = units
    add_tips(store, "T1", firms["ror"], virksomhetsnavn="Noe helt annet AS")
    add_tips(store, "T2", firms["branch"])

    found = _resolve(store)

    assert (found["T1"]["enhet_organisasjonsnummer"], found["T1"]["method"]) == (firms["ror"],
                                                                               "orgnr")
    # A branch is found as itself; its legal unit is the actor.
    assert found["T2"]["organisasjonsnummer"] == firms["branch"]
    assert found["T2"]["enhet_organisasjonsnummer"] == firms["bygg"]


@pytest.mark.parametrize(("name", "address", "key", "method"), [
    # Legal form, "og"/"&", letters and abbreviations written differently; the address decides.
    ("Bergen Bygg & Anlegg", "Strandgt. 12, 5013 Bergen", "bygg", "name_address"),
    ("Rørlegger Hansen og Sønn A/S", "Kong Oscars gt 5 5017 BERGEN", "ror", "name_address"),
    ("Rorlegger Hansen & Sonn", None, "ror", "name"),
    # Same name in two towns: the postnummer chooses.
    ("Malermester Lie", "Nygårdsgt. 9, 5015 Bergen", "maler_bergen", "name_postnummer"),
    # A misspelled name within the postnummer.
    ("Bergen Byg og Anleg AS", "Strandgaten 99, 5013 Bergen", "bygg", "name_fuzzy_postnummer"),
    # A misspelled name without an address: nationwide, blocked on its first letters.
    ("Rørleger Hansen og Sønn", None, "ror", "name_fuzzy"),
    # A foreign legal form.
    ("Kowalski Budowa", "Damsgårdsvn. 8, 5058 Bergen", "polish", "name_address"),
    # A branch named at its own address: the branch, under its enhet.
    ("Bergen Bygg og Anlegg", "Sandviksveien 100, 5035 Bergen", "branch", "name_address"),
])
def test_a_loosely_named_company_is_found(units: Any, name: str, address: str | None, key: str,
                                          method: str) -> None:
    store, firms = units
    add_tips(store, "T", None, virksomhetsnavn=name, adresse=address)

    found = _resolve(store)["T"]

    assert found["organisasjonsnummer"] == firms[key], found
    expected_enhet = firms["bygg"] if key == "branch" else firms[key]
    assert found["enhet_organisasjonsnummer"] == expected_enhet
    assert found["method"] == method


@pytest.mark.parametrize(("name", "address", "candidates"), [
    # Two towns, no address: the register holds two firms of that name.
    ("Malermester Lie AS", None, 2),
    # Two similar names in one postnummer, and the tip's spelling is between them.
    ("Renhold Servise", "5054 Bergen", 2),
])
def test_an_ambiguous_mention_is_not_guessed(units: Any, name: str, address: str | None,
                                             candidates: int) -> None:
    store, _ = units
    add_tips(store, "T", None, virksomhetsnavn=name, adresse=address)

    found = _resolve(store)["T"]

    assert (found["method"], found["candidates"]) == ("ambiguous", candidates)
    assert found["organisasjonsnummer"] is None and found["enhet_organisasjonsnummer"] is None


def test_an_unknown_company_stays_unresolved_with_what_was_said(units: Any) -> None:
    store, _ = units
    add_tips(store, "T", "999999999", virksomhetsnavn="Ukjent Firma Zeta",
             adresse="Ingensteds vei 1, 9999 Ingensted")

    found = _resolve(store)["T"]

    assert found["method"] == "unresolved" and found["enhet_organisasjonsnummer"] is None
    assert (found["oppgitt_organisasjonsnummer"], found["navn"]) == ("999999999",
                                                                    "Ukjent Firma Zeta")
    assert found["address_key"] == "ingensteds vn 1|9999"
    assert found["address_node"] is None  # no unit or person is registered there


def test_an_inspection_address_finds_the_workplace_or_says_it_is_shared(units: Any) -> None:
    store, firms = units
    add_tilsyn(store, "A1", None, "Avvik", adresse="Sandviksvn. 100, 5035 Bergen")
    add_tilsyn(store, "A2", None, "Avvik", adresse="Lodin Leppsgt. 2, 5003 Bergen")

    found = _resolve(store)

    assert found["A1"]["method"] == "address"
    assert found["A1"]["organisasjonsnummer"] == firms["branch"]
    assert found["A1"]["address_node"] == "a:sandviks vn 100|5035"  # a place in the network
    assert (found["A2"]["method"], found["A2"]["candidates"]) == ("ambiguous", 2)


def test_a_rebuild_reflects_the_register(units: Any) -> None:
    store, _ = units
    add_tips(store, "T", None, virksomhetsnavn="Gamma Bygg AS", adresse="Strandgaten 1, 5013")
    assert _resolve(store)["T"]["method"] == "unresolved"
    gamma = add_enhet(store, org(11), navn="GAMMA BYGG AS", adresse="Strandgaten 1",
                      postnummer="5013")

    found = _resolve(store)["T"]

    assert (found["enhet_organisasjonsnummer"], found["method"]) == (gamma, "name_address")
