"""The check of one unit: the exact facts, states and wording for each kind of unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from akrim.seriousness import Fact, SeriousnessReport, check, check_many, serving
from akrim.seriousness.check import Source
from akrim.store.engine import Store
from indicators.toolkit import (
    AS_OF,
    add_enhet,
    add_godkjenning,
    add_role,
    add_stansingsvedtak,
    add_underenhet,
    org,
    settle,
)

BRREG = "Enhetsregisteret (Brønnøysundregistrene)"
MVA = "Merverdiavgiftsregisteret (via Enhetsregisteret)"
STOP = "Arbeidstilsynets publiserte stansingsvedtak"
RENHOLD = "Renholdsregisteret (Arbeidstilsynet)"
BEMANNING = "Bemanningsforetaksregisteret (Arbeidstilsynet)"
T = TypeVar("T")
KARI = dict(name=("Kari", "Hansen"), born=dt.date(1975, 4, 2))
PUBLIC = dict(registrert_i_mvaregisteret=True, under_avvikling=False,
              under_tvangsavvikling=False)


def clean(store: Store, orgnr: str, naeringskode1: str | None = "43.210", **extra: object) -> str:
    """A registered AS with its VAT and winding-up fields, a daglig leder, and the stop
    decisions register loaded (with another unit's decision)."""
    add_enhet(store, orgnr, naeringskode1, registreringsdato=dt.date(2019, 3, 1),
              **{**PUBLIC, **extra})
    add_role(store, orgnr, "DAGL", **KARI)
    add_stansingsvedtak(store, "other", org(99))
    return orgnr


def on_both(store: Store, ask: Callable[[Source], T]) -> T:
    """`ask`'s answer from the store, checked to be the same from its published serving file:
    every test of the check is a test of the serving file too."""
    settle(store)
    from_store = ask(store)
    path = store.path.with_name(serving.PUBLIC_FILE)
    serving.publish(store, path)
    served = serving.open_public(path)
    assert served is not None
    try:
        assert ask(served) == from_store
    finally:
        served.close()
    return from_store


def report(store: Store, orgnr: str) -> SeriousnessReport:
    found = on_both(store, lambda source: check(source, orgnr))
    assert found is not None
    return found


def states(found: SeriousnessReport) -> dict[str, str]:
    return {fact.key: fact.state for fact in found.facts}


def test_a_clean_registered_as(store: Store) -> None:
    found = report(store, clean(store, org(1), navn="BYGG OG BETONG AS"))
    assert found.orgnr == org(1)
    assert found.name == "BYGG OG BETONG AS"
    assert found.facts == (
        Fact("registration", "ok", "Registrert i Enhetsregisteret siden 2019-03-01",
             "Registered in the Central Coordinating Register since 2019-03-01", BRREG, AS_OF),
        Fact("bankruptcy", "ok", "Ingen konkurs registrert", "No bankruptcy registered",
             BRREG, AS_OF),
        Fact("liquidation", "ok", "Ikke registrert under avvikling",
             "Not registered as being wound up", BRREG, AS_OF),
        Fact("vat", "ok", "Registrert i Merverdiavgiftsregisteret",
             "Registered in the VAT Register", MVA, AS_OF),
        Fact("stop_decisions", "ok",
             "Ingen gjeldende publiserte stansingsvedtak i registeret per 2026-01-10",
             "No standing published stop decisions in the register as of 2026-01-10",
             STOP, AS_OF),
        Fact("role_bankruptcies", "ok",
             "Ingen av personene i ledende roller har hatt ledende roller i andre foretak som "
             "er registrert konkurs", "None of the persons in leading roles has held leading "
             "roles in other companies registered bankrupt", BRREG, AS_OF),
    )
    assert [a.key for a in found.advice] == [
        "tax_certificate", "inspection_reports", "hms_cards", "norgesmodellen",
        "generally_applicable_wages"]


def test_fields_and_registers_missing_are_not_known_never_ok(store: Store) -> None:
    add_enhet(store, org(1), "43.210")  # no VAT or winding-up fields; no roles, no decisions
    found = report(store, org(1))
    assert states(found) == {"registration": "ok", "bankruptcy": "ok",
                             "liquidation": "unknown", "vat": "unknown",
                             "stop_decisions": "unknown", "role_bankruptcies": "unknown"}
    assert found.fact("stop_decisions") == Fact(
        "stop_decisions", "unknown", "Ikke kjent: stansingsvedtakene er ikke lastet",
        "Not known: the stop decisions are not loaded", STOP, None)
    assert found.fact("vat").text_nb == \
        "Ikke kjent om foretaket er registrert i Merverdiavgiftsregisteret"


def test_a_deleted_unit(store: Store) -> None:
    found = report(store, clean(store, org(1), slettedato=dt.date(2024, 5, 2)))
    assert found.fact("registration") == Fact(
        "registration", "not_ok", "Slettet fra Enhetsregisteret 2024-05-02",
        "Deleted from the Central Coordinating Register 2024-05-02", BRREG, AS_OF)


def test_a_unit_missing_from_the_newest_bulk_file(store: Store) -> None:
    clean(store, org(1))
    settle(store)
    store.execute("UPDATE enhet SET valid_to = DATE '2026-01-10', valid_from = "
                  "DATE '2025-06-01' WHERE organisasjonsnummer = ?", [org(1)])
    found = report(store, org(1))
    assert found.fact("registration") == Fact(
        "registration", "not_ok", "Ikke med i Enhetsregisteret fra 2026-01-10",
        "Not in the Central Coordinating Register from 2026-01-10", BRREG,
        dt.date(2026, 1, 10))


def test_a_bankrupt_unit(store: Store) -> None:
    found = report(store, clean(store, org(1), konkurs=True, konkursdato=dt.date(2025, 6, 1)))
    assert found.fact("bankruptcy") == Fact(
        "bankruptcy", "not_ok", "Registrert konkurs 2025-06-01", "Registered bankrupt 2025-06-01",
        BRREG, AS_OF)
    assert found.fact("registration").state == "ok"


def test_a_unit_being_wound_up_and_not_vat_registered(store: Store) -> None:
    found = report(store, clean(store, org(1), under_tvangsavvikling=True,
                                registrert_i_mvaregisteret=False))
    assert found.fact("liquidation").text_nb == \
        "Registrert under tvangsavvikling eller tvangsoppløsning"
    assert found.fact("vat").state == "not_ok"
    assert found.fact("vat").text_nb.startswith("Ikke registrert i Merverdiavgiftsregisteret. ")


def test_a_cleaning_firm_without_approval(store: Store) -> None:
    clean(store, org(1), "81.210")
    add_godkjenning(store, org(2), register="renhold")  # the register is loaded
    found = report(store, org(1))
    assert found.fact("approval_renhold") == Fact(
        "approval_renhold", "not_ok", f"Ikke funnet i {RENHOLD}. Virksomheter innen renhold "
        f"må være godkjent.", f"Not found in {RENHOLD}. Businesses in cleaning must be "
        f"approved.", RENHOLD, AS_OF)
    assert [a.key for a in found.advice] == [
        "tax_certificate", "inspection_reports", "approval_renhold", "hms_cards",
        "norgesmodellen", "generally_applicable_wages"]


def test_a_cleaning_firm_with_approval(store: Store) -> None:
    clean(store, org(1), "81.210")
    add_godkjenning(store, org(1), register="renhold")
    found = report(store, org(1))
    assert found.fact("approval_renhold") == Fact(
        "approval_renhold", "ok", f"Godkjent i {RENHOLD} (status fra 2024-01-01)",
        f"Approved in {RENHOLD} (status from 2024-01-01)", RENHOLD, AS_OF)


def test_a_cleaning_firm_whose_approval_was_refused(store: Store) -> None:
    clean(store, org(1), "81.210")
    add_godkjenning(store, org(1), "Ikke godkjent", register="renhold")
    assert report(store, org(1)).fact("approval_renhold").text_nb == \
        f"Ikke godkjent i {RENHOLD}: status «Ikke godkjent» fra 2024-01-01"


def test_a_staffing_firm_when_the_staffing_register_is_not_loaded(store: Store) -> None:
    clean(store, org(1), "78.200")
    add_godkjenning(store, org(2), register="renhold")  # only the cleaning register
    found = report(store, org(1))
    assert found.fact("approval_bemanning") == Fact(
        "approval_bemanning", "unknown", f"Ikke kjent: {BEMANNING} er ikke lastet. "
        f"Virksomheter innen bemanning må være godkjent.", f"Not known: {BEMANNING} is not "
        f"loaded. Businesses in staffing must be approved.", BEMANNING, None)
    assert "approval_renhold" not in states(found)


def test_a_construction_firm_needs_no_approval(store: Store) -> None:
    clean(store, org(1), "43.210")
    add_godkjenning(store, org(2), register="renhold")
    assert not [key for key in states(report(store, org(1))) if key.startswith("approval")]


def test_a_unit_without_an_industry_code(store: Store) -> None:
    clean(store, org(1), None)
    found = report(store, org(1))
    assert found.fact("approval") == Fact(
        "approval", "unknown", "Ikke kjent om virksomheten må være godkjent (renhold, bilpleie, "
        "bemanning): næringskode mangler i Enhetsregisteret", "Not known whether the business "
        "must be approved (cleaning, car care, staffing): no industry code in the Central "
        "Coordinating Register", BRREG, AS_OF)
    assert [a.key for a in found.advice] == ["tax_certificate", "inspection_reports"]


def test_a_unit_with_a_published_stop_decision(store: Store) -> None:
    clean(store, org(1))
    add_stansingsvedtak(store, "S1", org(1), vedtaksdato=dt.date(2025, 9, 1))
    add_stansingsvedtak(store, "S0", org(1), vedtaksdato=dt.date(2024, 2, 1),
                        opphevet_dato=dt.date(2024, 3, 1))
    assert report(store, org(1)).fact("stop_decisions") == Fact(
        "stop_decisions", "not_ok", "Publisert stansingsvedtak som ikke er opphevet: "
        "Arbeidstilsynet 2025-09-01; vedtak 2024-02-01 opphevet 2024-03-01",
        "Published stop decision not lifted: Arbeidstilsynet 2025-09-01; decision of "
        "2024-02-01 lifted 2024-03-01", STOP, AS_OF)


def test_a_lifted_stop_decision_is_shown_but_not_standing(store: Store) -> None:
    clean(store, org(1))
    add_stansingsvedtak(store, "S0", org(1), vedtaksdato=dt.date(2024, 2, 1),
                        opphevet_dato=dt.date(2024, 3, 1))
    fact = report(store, org(1)).fact("stop_decisions")
    assert (fact.state, fact.text_nb) == (
        "ok", "Ingen gjeldende publiserte stansingsvedtak i registeret per 2026-01-10; "
              "vedtak 2024-02-01 opphevet 2024-03-01")


def test_a_daglig_leder_who_led_two_bankrupt_companies(store: Store) -> None:
    clean(store, org(1))
    add_role(store, org(1), "LEDE", **KARI)  # the same person: one sentence
    add_role(store, org(1), "MEDL", name=("Per", "Berg"), born=dt.date(1980, 1, 1))
    add_enhet(store, org(2), navn="GAMLE BYGG AS", konkurs=True,
              konkursdato=dt.date(2021, 3, 5))
    add_enhet(store, org(3), navn="NESTE BYGG AS", konkurs=True,
              konkursdato=dt.date(2023, 11, 20))
    add_enhet(store, org(4), navn="FRISK AS")
    add_enhet(store, org(5), navn="REVIDERT AS", konkurs=True,
              konkursdato=dt.date(2022, 1, 1))
    add_role(store, org(2), "DAGL", **KARI)
    add_role(store, org(3), "LEDE", **KARI)
    add_role(store, org(4), "DAGL", **KARI)  # not bankrupt
    add_role(store, org(5), "REVI", **KARI)  # not a leading role
    assert report(store, org(1)).fact("role_bankruptcies") == Fact(
        "role_bankruptcies", "not_ok",
        f"Personen som er daglig leder og styreleder, har hatt ledende roller i 2 andre "
        f"foretak som er registrert konkurs: "
        f"GAMLE BYGG AS (org.nr. {org(2)}, konkurs 2021-03-05); NESTE BYGG AS (org.nr. "
        f"{org(3)}, konkurs 2023-11-20). En konkurs kan ha mange årsaker.",
        f"The person who is general manager and chair of the board has held leading roles "
        f"in 2 other companies registered bankrupt: GAMLE BYGG AS (org. no. {org(2)}, "
        f"bankrupt 2021-03-05); NESTE BYGG AS (org. no. {org(3)}, bankrupt 2023-11-20). "
        f"A bankruptcy can have many causes.",
        BRREG, AS_OF)


def test_a_sub_unit_takes_the_legal_facts_of_its_main_unit(store: Store) -> None:
    clean(store, org(1), konkurs=True, konkursdato=dt.date(2025, 6, 1))
    add_underenhet(store, org(2), org(1), navn="AVDELING BERGEN")
    add_stansingsvedtak(store, "S1", org(1))  # against the main unit
    found = report(store, org(2))
    assert (found.orgnr, found.name) == (org(2), "AVDELING BERGEN")
    assert states(found) == {"registration": "ok", "bankruptcy": "not_ok",
                             "liquidation": "ok", "vat": "ok", "stop_decisions": "not_ok",
                             "role_bankruptcies": "ok"}


def test_an_unknown_orgnr(store: Store) -> None:
    clean(store, org(1))
    assert on_both(store, lambda source: check(source, org(7))) is None


def test_check_many_keeps_the_order_given(store: Store) -> None:
    clean(store, org(1))
    results = on_both(store, lambda source: check_many(source, [org(7), org(1)]))
    assert [(orgnr, r is not None) for orgnr, r in results] == [(org(7), False), (org(1), True)]
