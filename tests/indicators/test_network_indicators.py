"""Indicators read off the actor network: address_pile (IND-05), sole_proprietor_chain (IND-12),
facilitator (IND-14, the second pass) and shared_identity (IND-04, from linkage's signals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
# A kind of address needs 100 addresses for its baseline (max_share_of_kind 0.01): each test
# builds a neighbourhood of 100 ordinary addresses of the kinds it judges.

FLATS = ["H0101", "H0102", "H0201", "H0202", "H0301", "H0302"]


def _residents(store: Store, count: int, adresse: str, units: list[str | None] | None = None,
               postnummer: str = "7030") -> list[str]:
    """`count` new persons registered at `adresse`, in the dwellings `units` in turn (default:
    all in H0101; [None]: the register gives no bruksenhetsnummer)."""
    units = units or ["H0101"]
    first = store.scalar("SELECT count(*) FROM person")
    born = [dt.date(1950, 1, 1) + dt.timedelta(days=29 * (first + n)) for n in range(count)]
    return [add_person(store, fnr(first + n, born[n]), f"Beboer{n}", "Hansen", adresse=adresse,
                       postnummer=postnummer, bruksenhetsnummer=units[n % len(units)])
            for n in range(count)]


def _neighbourhood(store: Store, count: int, street: str = "Husveien", persons: int = 1,
                   units: list[str | None] | None = None, first: int = 100) -> None:
    """`count` ordinary addresses `street` `first`, ... of `persons` residents each."""
    for n in range(count):
        _residents(store, persons, f"{street} {first + n}", units)


def _companies(store: Store, count: int, adresse: str, first: int) -> list[str]:
    return [add_enhet(store, org(first + n), adresse=adresse, postnummer="7030")
            for n in range(count)]


def _facts(store: Store, *addresses: str) -> dict[str, tuple[Any, ...]]:
    """(kind, companies, persons, dwellings, persons_per_dwelling) of each address key."""
    return {r[0]: r[1:] for r in store.rows(
        "SELECT address_id, kind, companies, persons, dwellings, persons_per_dwelling "
        "FROM net_address_fact WHERE address_id IN (SELECT unnest(?))",
        [[f"a:{a}" for a in addresses]])}


def test_crowded_dwelling_counts_persons_per_dwelling_not_per_building(store: Store) -> None:
    _neighbourhood(store, 100)
    _neighbourhood(store, 100, "Blokkveien", persons=3, units=FLATS)  # three flats each
    crowded_house = _companies(store, 1, "Husveien 5", 1)
    _residents(store, 12, "Husveien 5")
    # a large family: eight in one house, and a firm at home
    family = _companies(store, 1, "Husveien 7", 2)
    _residents(store, 8, "Husveien 7")
    # twelve persons in a block, two in each of six flats
    block = _companies(store, 1, "Blokkveien 1", 3)
    _residents(store, 12, "Blokkveien 1", FLATS)
    # ten persons in one flat of a block, one in each of three others: the crowded flat is seen
    # through the employer of its residents; the company registered at the block's street
    # address is not tied to that flat, and is not hit
    at_block = _companies(store, 1, "Blokkveien 2", 4)
    flat = _residents(store, 10, "Blokkveien 2", ["H0201"])
    _residents(store, 3, "Blokkveien 2", ["H0101", "H0102", "H0202"])
    employer = _companies(store, 1, "Kontorveien 1", 5)
    for worker in flat[:5]:
        add_pay(store, employer[0], worker, "2025-12")

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == {*crowded_house, *employer}
    assert not {*family, *block, *at_block} & companies_hit(store, "address_pile")
    assert _facts(store, "hus vn 5|7030", "hus vn 7|7030", "blokk vn 1|7030",
                  "blokk vn 2|7030") == {
        "a:hus vn 5|7030": ("small_residential", 1, 12, 1, 12),
        "a:hus vn 7|7030": ("small_residential", 1, 8, 1, 8),
        "a:blokk vn 1|7030": ("multi_dwelling", 1, 12, 6, 2),
        "a:blokk vn 2|7030": ("multi_dwelling", 1, 13, 4, 10)}
    assert [(r["actor_id"], r["detail"], r["source_table"], r["source_key"])
            for r in evidence(store, "address_pile")] == sorted([
        (crowded_house[0], "12 personer registrert i én bolig på Husveien 5, 7030 "
         "(boliger: 1, personer: 12, virksomheter: 1)", "net_address_fact", "a:hus vn 5|7030"),
        (employer[0], "5 av de 10 personene registrert i én bolig på Blokkveien 2, 7030 har "
         "lønn herfra", "net_address_fact", "a:blokk vn 2|7030")])


def test_crowded_dwelling_arranged_by_the_employer(store: Store) -> None:
    # ten workers in one flat, no company registered there: the employer that pays six of them
    # in the last month is flagged; the one that pays two, or paid six a month before, is not
    _neighbourhood(store, 100)
    workers = _residents(store, 10, "Husveien 5")
    employer, other, earlier = _companies(store, 3, "Kontorveien 1", 1)
    for worker in workers[:6]:
        add_pay(store, employer, worker, "2025-12")
        add_pay(store, earlier, worker, "2025-11")
    for worker in workers[6:8]:
        add_pay(store, other, worker, "2025-12")

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == {employer}
    [row] = evidence(store, "address_pile")
    assert (row["period"], row["detail"], row["source_key"]) == (
        "2025-12", "6 av de 10 personene registrert i én bolig på Husveien 5, 7030 har lønn "
        "herfra", "a:hus vn 5|7030")


def test_crowded_dwelling_shared_by_two_employers(store: Store) -> None:
    # eleven in one flat: five and four of them paid by two employers (nine of eleven together),
    # two by a third; each of the first two pays three or more, so both arranged it
    _neighbourhood(store, 100)
    workers = _residents(store, 11, "Husveien 5")
    first, second, third = _companies(store, 3, "Kontorveien 1", 1)
    for worker in workers[:5]:
        add_pay(store, first, worker, "2025-12")
    for worker in workers[5:9]:
        add_pay(store, second, worker, "2025-12")
    for worker in workers[9:]:
        add_pay(store, third, worker, "2025-12")

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == {first, second}


def test_crowded_dwelling_against_the_houses_of_its_kind(store: Store) -> None:
    # where ten in one house is not rare (five of 106 houses), ten is no sign; twelve, in one
    # house only, still is
    _neighbourhood(store, 100)
    _neighbourhood(store, 5, persons=10, first=200)
    common = _companies(store, 1, "Husveien 200", 1)
    crowded = _companies(store, 1, "Husveien 5", 2)
    _residents(store, 12, "Husveien 5")

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == set(crowded)
    assert common[0] not in companies_hit(store, "address_pile")


def test_without_dwelling_numbers_an_address_is_one_dwelling_judged_by_its_kind(
        store: Store) -> None:
    _neighbourhood(store, 100, units=[None])
    crowded = _companies(store, 1, "Husveien 5", 1)
    _residents(store, 12, "Husveien 5", [None])

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == set(crowded)
    assert _facts(store, "hus vn 5|7030") == {
        "a:hus vn 5|7030": ("residential_units_unknown", 1, 12, None, None)}
    [row] = evidence(store, "address_pile")
    assert row["detail"] == ("12 personer registrert i én bolig på Husveien 5, 7030 "
                             "(boliger: ukjent antall, personer: 12, virksomheter: 1)")


def test_without_dwelling_numbers_blocks_make_crowding_usual(store: Store) -> None:
    # blocks whose flats lack their numbers (10 of 106 addresses): twelve at an address is
    # then not rare
    _neighbourhood(store, 95, units=[None])
    _neighbourhood(store, 10, "Blokkveien", persons=20, units=[None], first=1)
    block = _companies(store, 1, "Blokkveien 1", 1)
    house = _companies(store, 1, "Husveien 5", 2)
    _residents(store, 12, "Husveien 5", [None])

    run(store, "address_pile")

    assert not {*block, *house} & companies_hit(store, "address_pile")
    assert companies_hit(store, "address_pile") == set()


def test_mailbox_hub_whoever_runs_the_companies(store: Store) -> None:
    _neighbourhood(store, 100)
    _residents(store, 2, "Husveien 3")
    hub = _companies(store, 5, "Husveien 3", 1)
    for n, company in enumerate(hub):  # run by persons who live elsewhere
        add_role(store, company, "DAGL", _residents(store, 1, f"Annenvei {n + 1}")[0])
    # a family firm at home, and a holding company for each of the couple: not a hub
    family = _residents(store, 4, "Husveien 9")
    at_home = _companies(store, 4, "Husveien 9", 10)
    for company, owner in zip(at_home, family[:2] * 2, strict=True):
        add_role(store, company, "DAGL", owner)
    # an office building: many companies, no one lives there
    offices = _companies(store, 30, "Kontorveien 1", 20)

    run(store, "address_pile")

    assert companies_hit(store, "address_pile") == set(hub)
    assert not {*at_home, *offices} & companies_hit(store, "address_pile")
    assert _facts(store, "hus vn 3|7030", "hus vn 9|7030", "kontor vn 1|7030") == {
        "a:hus vn 3|7030": ("small_residential", 5, 2, 1, 2),
        "a:hus vn 9|7030": ("small_residential", 4, 4, 1, 4),
        "a:kontor vn 1|7030": ("non_residential", 30, 0, None, None)}
    assert {r["detail"] for r in evidence(store, "address_pile")} == {
        "postkasseadresse i et bolighus på Husveien 3, 7030 "
        "(boliger: 1, personer: 2, virksomheter: 5)"}


def test_mailbox_hub_against_the_houses_of_its_kind(store: Store) -> None:
    # five companies in each of three of 100 houses: not rare here
    _neighbourhood(store, 100)
    usual = [c for house in range(3)
             for c in _companies(store, 5, f"Husveien {100 + house}", 10 * house + 1)]

    run(store, "address_pile")

    assert not set(usual) & companies_hit(store, "address_pile")
    assert companies_hit(store, "address_pile") == set()


def test_a_kind_of_fewer_than_100_addresses_has_no_baseline(store: Store) -> None:
    _neighbourhood(store, 98)
    _residents(store, 2, "Husveien 3")
    hub = _companies(store, 6, "Husveien 3", 1)

    runs = run(store, "address_pile")

    assert runs["address_pile"].status == "assessed"
    assert not set(hub) & companies_hit(store, "address_pile")
    assert store.scalar("SELECT count(*) FROM net_address_fact "
                        "WHERE kind = 'small_residential'") == 99


def test_mailbox_hub_without_folkeregisteret(store: Store) -> None:
    for n in range(100):  # one firm at each of 100 addresses
        add_enhet(store, org(100 + n), adresse=f"Bakkeveien {n + 1}", postnummer="7030")
    hub = _companies(store, 6, "Husveien 3", 1)

    runs = run(store, "address_pile")

    assert runs["address_pile"].status == "assessed"
    assert status(store, "address_pile") == ("assessed", None)
    assert companies_hit(store, "address_pile") == set(hub)
    assert {r["detail"] for r in evidence(store, "address_pile")} == {
        "postkasseadresse? (Folkeregisteret ikke lest inn: om noen bor der er ukjent) på "
        "Husveien 3, 7030 (boliger: ukjent antall, personer: 0, virksomheter: 6)"}
    assert store.rows("SELECT kind, count(*) FROM net_address_fact GROUP BY kind") == [
        ("residents_unknown", 101)]


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


def test_a_facilitator_keeps_the_books_of_a_repeat_bankrupts_companies(store: Store) -> None:
    """The bankrupt companies a listed person's evidence names belong to the flagged pattern,
    though they are not on the list themselves."""
    boss = add_person(store, fnr(1), "Kåre", "Konkurs")
    accountant, honest = add_enhet(store, org(1), "69.201"), add_enhet(store, org(2), "69.201")
    for n in range(3):
        bankrupt = add_enhet(store, org(10 + n), "43.210",
                             registreringsdato=dt.date(2021, 1, 1) + dt.timedelta(days=200 * n),
                             konkurs=True, konkursdato=dt.date(2023, 1, 1)
                             + dt.timedelta(days=200 * n))
        add_role(store, bankrupt, "DAGL", boss)
        add_role(store, bankrupt, "REGN", holder_org=accountant)
    _clients(store, accountant, 100, 5, 0)
    _clients(store, honest, 200, 60, 0)

    run(store, "facilitator")

    assert companies_hit(store, "facilitator") == {accountant}
