"""Indicators read off the actor network: address_pile (IND-05), sole_proprietor_chain (IND-12),
facilitator (IND-14, the second pass) and shared_identity (IND-04, from linkage's signals)."""

from __future__ import annotations

import datetime as dt

import pytest

from akrim.indicators.runner import run_indicators
from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_hms_kort,
    add_pay,
    add_person,
    add_role,
    add_stansingsvedtak,
    add_tips,
    companies_hit,
    dnr,
    evidence,
    fnr,
    link_identity,
    org,
    persons_hit,
    run,
    status,
)

# -- address_pile -------------------------------------------------------------------------------


def _residents(store: Store, count: int, adresse: str, postnummer: str, first: int) -> None:
    for n in range(count):
        add_person(store, fnr(first + n), f"Beboer{n}", "Hansen", adresse=adresse,
                   postnummer=postnummer)


def test_address_pile_needs_15_persons_at_the_address(store: Store) -> None:
    crowded = add_enhet(store, org(1), adresse="Storgata 7", postnummer="5003")
    # Brønnøysund's spelling of the same street: one address key
    crowded_too = add_enhet(store, org(2), adresse="STORG. 7", postnummer="5003")
    almost = add_enhet(store, org(3), adresse="Lillegata 2", postnummer="5003")
    elsewhere = add_enhet(store, org(4), adresse="Storgata 7", postnummer="5004")
    _residents(store, 15, "Storgata 7", "5003", 1)
    _residents(store, 14, "Lillegata 2", "5003", 20)

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == {crowded, crowded_too}
    assert almost not in companies_hit(store, "address_pile")
    assert elsewhere not in companies_hit(store, "address_pile")
    row = next(r for r in evidence(store, "address_pile") if r["actor_id"] == crowded)
    assert row["detail"].startswith("15 personer og 2 virksomheter på")
    assert row["source_key"] == "a:stor gt 7|5003"


def test_address_pile_needs_more_persons_than_the_usual_crowded_address(store: Store) -> None:
    # apartment blocks with 20 residents each: 16 or 20 at an address is not unusual here
    for block in range(12):
        _residents(store, 20, f"Blokkveien {block + 1}", "7030", 40 + 20 * block)
    ordinary = add_enhet(store, org(1), adresse="Blokkveien 1", postnummer="7030")
    busy_house = add_enhet(store, org(2), adresse="Husveien 3", postnummer="7030")
    _residents(store, 16, "Husveien 3", "7030", 1)
    crowded = add_enhet(store, org(3), adresse="Husveien 5", postnummer="7030")
    _residents(store, 21, "Husveien 5", "7030", 17)

    run(store, "address_pile")

    # 14 addresses: their 99.9 % quantile is the most crowded one
    assert companies_hit(store, "address_pile") == {crowded}
    assert not {ordinary, busy_house} & companies_hit(store, "address_pile")


def test_address_pile_with_companies_run_by_residents_needs_only_the_floor(store: Store) -> None:
    for block in range(12):
        _residents(store, 20, f"Blokkveien {block + 1}", "7030", 40 + 20 * block)
    _residents(store, 15, "Husveien 3", "7030", 1)
    # three companies at the house, each run by someone registered there: straw men
    run_by_residents = [add_enhet(store, org(n + 1), adresse="Husveien 3", postnummer="7030")
                        for n in range(3)]
    for n, company in enumerate(run_by_residents):
        add_role(store, company, "DAGL", fnr(1 + n))
    # two such companies at another crowded house are not enough
    _residents(store, 15, "Husveien 9", "7030", 16)
    two = [add_enhet(store, org(n + 10), adresse="Husveien 9", postnummer="7030")
           for n in range(2)]
    for n, company in enumerate(two):
        add_role(store, company, "DAGL", fnr(16 + n))

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == set(run_by_residents)
    row = next(r for r in evidence(store, "address_pile") if r["actor_id"] == run_by_residents[0])
    assert row["detail"].endswith("3 av dem ledet av noen som bor der")


# -- sole_proprietor_chain ----------------------------------------------------------------------

START = dt.date(2025, 1, 6)


def _enks(store: Store, first: int, days: list[int], *, adresse: str = "Bakken 3",
          code: str = "53.200", accountant: str | None = None,
          employer: str | None = None) -> list[str]:
    """Van-transport ENKs registered `days` after START, each owned by its own person."""
    out = []
    for n, day in enumerate(days):
        owner = add_person(store, dnr(first + n), f"Sjåfør{n}", "Kowalski",
                           adresse=f"Hybel {first + n}", statsborgerskap="POL")
        enk = add_enhet(store, org(first + n), code, organisasjonsform="ENK", adresse=adresse,
                        registreringsdato=START + dt.timedelta(days=day))
        add_role(store, enk, "INNH", owner)
        if accountant:
            add_role(store, enk, "REGN", holder_org=accountant)
        if employer:
            add_hms_kort(store, f"HMS{first + n}", owner, employer)
        out.append(enk)
    return out


def test_sole_proprietor_chain_at_one_address(store: Store) -> None:
    contractor = add_enhet(store, org(1), "53.200", adresse="Bakken 3")
    chain = _enks(store, 10, [0, 20, 40, 60])
    spread = _enks(store, 20, [0, 120, 240, 360], adresse="Haugen 5")
    neighbour = add_enhet(store, org(2), "53.200", adresse="Haugen 5")

    run(store, "sole_proprietor_chain")

    assert companies_hit(store, "sole_proprietor_chain") == {*chain, contractor}
    assert not set(spread) & companies_hit(store, "sole_proprietor_chain")
    assert neighbour not in companies_hit(store, "sole_proprietor_chain")
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "sole_proprietor_chain")}
    assert details[chain[0]] == "ett av 4 enkeltpersonforetak med samme adresse"
    assert details[contractor] == "oppdragsgiver for en kjede av 4 enkeltpersonforetak"


@pytest.mark.parametrize(("last", "chained"), [(60, True), (61, False)])
def test_sole_proprietor_chain_window_is_60_days(store: Store, last: int, chained: bool) -> None:
    chain = _enks(store, 10, [0, 0, 0, last])

    run(store, "sole_proprietor_chain")

    assert companies_hit(store, "sole_proprietor_chain") == (set(chain) if chained else set())


def test_sole_proprietor_chain_leaves_out_employers_and_other_industries(store: Store) -> None:
    employing = _enks(store, 10, [0, 10, 20, 30])
    add_pay(store, employing[0], fnr(1), "2025-11", "timeloenn", "150.00", 4_500_000)
    _enks(store, 20, [0, 10, 20, 30], adresse="Haugen 5", code="43.210")

    run(store, "sole_proprietor_chain")

    assert companies_hit(store, "sole_proprietor_chain") == set()


def test_sole_proprietor_chain_through_accountant_and_hms_cards(store: Store) -> None:
    accountant = add_enhet(store, org(1), "69.201", adresse="Kontorveien 1")
    contractor = add_enhet(store, org(2), "53.200", adresse="Terminalen 9")
    chain = [enk for n in range(4) for enk in _enks(store, 10 + n, [5 * n],
                                                    adresse=f"Gardsvegen {n}",
                                                    accountant=accountant,
                                                    employer=contractor)]

    run(store, "sole_proprietor_chain")

    assert companies_hit(store, "sole_proprietor_chain") == {*chain, contractor}
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "sole_proprietor_chain")}
    assert details[chain[0]] == "ett av 4 enkeltpersonforetak med samme regnskapsfører"


# -- facilitator ------------------------------------------------------------------------------

def _clients(store: Store, facilitator: str, first: int, count: int, flagged: int,
             rolle: str = "REGN", *, person: bool = False) -> list[str]:
    out = []
    for n in range(count):
        client = add_enhet(store, org(first + n), "43.210")
        if person:
            add_role(store, client, rolle, facilitator)
        else:
            add_role(store, client, rolle, holder_org=facilitator)
        if n < flagged:  # listed by two weak signals together (the entry rule)
            add_tips(store, f"T{first + n}", client)
            add_stansingsvedtak(store, f"S{first + n}", client)
        out.append(client)
    return out


def test_facilitator_with_more_flagged_clients_than_chance(store: Store) -> None:
    three_of_five, two_of_five, four_of_200, three_of_40 = (
        add_enhet(store, org(n), "69.201") for n in range(1, 5))
    adviser = add_person(store, fnr(1), "Rolf", "Rådgiver")
    _clients(store, three_of_five, 100, 5, 3)
    _clients(store, two_of_five, 200, 5, 2)  # far above chance, but two are not several
    _clients(store, four_of_200, 300, 200, 4, rolle="REVI")  # many clients, a few flagged
    _clients(store, three_of_40, 600, 40, 3)
    _clients(store, adviser, 700, 8, 3, rolle="FFØR", person=True)
    # 15 of 258 clients flagged (5.8 %): expected 0.3 of 5 (z 5.18), 11.6 of 200 (z -2.31),
    # 2.3 of 40 (z 0.46), 0.5 of 8 (z 3.83); the bound is z 3.09

    runs = run(store, "facilitator", "tips")

    assert runs["facilitator"].status == "assessed"
    assert companies_hit(store, "facilitator") == {three_of_five}
    assert persons_hit(store, "facilitator") == {adviser}
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "facilitator")}
    assert details[three_of_five] == "3 av 5 klienter har treff (ventet 0.3 ut fra andelen 5.8 %)"


def test_facilitator_counts_the_hits_of_the_same_run(store: Store) -> None:
    accountant, honest = add_enhet(store, org(1), "69.201"), add_enhet(store, org(2), "69.201")
    _clients(store, accountant, 100, 5, 5)
    _clients(store, honest, 200, 50, 0)  # the base rate: 5 of 55 clients flagged

    # a second-pass indicator asked for alone brings the first pass it reads with it
    run(store, "facilitator")
    assert companies_hit(store, "facilitator") == {accountant}
    run_indicators(store, only=("tips", "facilitator"))
    assert companies_hit(store, "facilitator") == {accountant}


# -- shared_identity ----------------------------------------------------------------------------

def test_shared_identity_from_linkage_signals(store: Store) -> None:
    holder = add_person(store, dnr(1), "Olena", "Shevchenko", statsborgerskap="UKR")
    employer, other = add_enhet(store, org(1)), add_enhet(store, org(2))
    # a card on the holder's d-number with someone else's name and birth date ...
    add_hms_kort(store, "H1", holder, employer, fornavn="Olga", etternavn="Shevchuk",
                 foedselsdato=dt.date(1990, 5, 5))
    add_hms_kort(store, "H2", fnr(2), other, fornavn="Per", etternavn="Pettersen",
                 foedselsdato=dt.date(1970, 1, 1))
    link_identity(store)
    # ... which linkage keeps apart from the holder, and signals
    store.execute("UPDATE link_person_record SET person_id = 'P000000000001' "
                  "WHERE record_id = 'hms:H1'")
    store.execute("INSERT INTO link_signal VALUES (?, 'shared_identifier', ?)",
                  [holder, [holder, "P000000000001"]])

    run(store, "shared_identity", link=False)

    assert status(store, "shared_identity") == ("assessed", None)
    assert persons_hit(store, "shared_identity") == {holder}
    assert companies_hit(store, "shared_identity") == {employer}


def test_shared_identity_without_signals(store: Store) -> None:
    add_person(store, fnr(1))
    add_hms_kort(store, "H1", fnr(1), add_enhet(store, org(1)))

    run(store, "shared_identity")

    assert status(store, "shared_identity") == ("assessed", None)
    assert evidence(store, "shared_identity") == []


def test_shared_identity_needs_either_register_of_numbers_with_names(store: Store) -> None:
    add_enhet(store, org(1))

    run(store, "shared_identity")
    assert status(store, "shared_identity") == (
        "insufficient_data", "hms_kort: tom / empty / person: tom / empty")

    add_hms_kort(store, "H1", fnr(1), org(1), fornavn="Per", etternavn="Pettersen",
                 foedselsdato=dt.date(1970, 1, 1))  # no Folkeregisteret: the cards alone
    run(store, "shared_identity")
    assert status(store, "shared_identity") == ("assessed", None)


def test_a_facilitators_flagged_clients_are_those_the_entry_rule_lists(store: Store) -> None:
    facilitator, honest = add_enhet(store, org(1), "69.201"), add_enhet(store, org(2), "69.201")
    _clients(store, facilitator, 100, 6, 0)
    for n in range(3):  # a stop decision alone does not flag a client; with a tip it does
        add_stansingsvedtak(store, f"S{n}", org(100 + n))
    _clients(store, honest, 200, 60, 0)
    add_tips(store, "T300", org(103))
    add_tips(store, "T301", org(200))

    run(store, "facilitator")
    assert companies_hit(store, "facilitator") == set()  # stop decisions alone: weak

    for n in range(3):
        add_tips(store, f"T{400 + n}", org(100 + n))
    run(store, "facilitator")
    assert companies_hit(store, "facilitator") == {facilitator}
