"""repeat_bankruptcy (IND-06) and bankruptcy_quarantine (IND-07)."""

from __future__ import annotations

import datetime as dt

import pytest

from akrim.indicators.catalogue import by_id
from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_person,
    add_role,
    companies_hit,
    evidence,
    fnr,
    org,
    persons_hit,
    run,
    state,
    status,
)

# Late enough that the lookback holds from the wall clock too (until 2029-10: see the xfail
# at the end), early enough that a successor 13 months on is registered before the snapshot.
FIRST_BANKRUPTCY = dt.date(2023, 10, 1)
SECOND_BANKRUPTCY = dt.date(2024, 12, 1)


def _months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def _repeat_bankrupt(store: Store, *, second_code: str = "43.210",
                     first: dt.date = FIRST_BANKRUPTCY) -> tuple[str, str, str]:
    """A person who ran two building firms into bankruptcy; returns (person, firm1, firm2)."""
    person = add_person(store, fnr(1), "Kåre", "Konkurs")
    one = add_enhet(store, org(1), "43.210", registreringsdato=first - dt.timedelta(days=800),
                    konkurs=True, konkursdato=first)
    two = add_enhet(store, org(2), second_code, registreringsdato=dt.date(2023, 6, 1),
                    konkurs=True, konkursdato=SECOND_BANKRUPTCY)
    add_role(store, one, "DAGL", person)
    add_role(store, two, "DAGL", person)
    return person, one, two


@pytest.mark.parametrize(("months", "successor_hit"), [(11, True), (12, True), (13, False)])
def test_repeat_bankruptcy_and_the_new_company(store: Store, months: int,
                                               successor_hit: bool) -> None:
    person, one, two = _repeat_bankrupt(store)
    new = add_enhet(store, org(3), "43.210",
                    registreringsdato=_months_after(SECOND_BANKRUPTCY, months))
    add_role(store, new, "DAGL", person)
    bystander = add_person(store, fnr(2), "Berit", "Bra")
    add_role(store, add_enhet(store, org(4), "43.210"), "DAGL", bystander)

    run(store, "repeat_bankruptcy")

    # two bankruptcies in one industry: the person hits whatever they run now
    assert persons_hit(store, "repeat_bankruptcy") == {person}
    assert companies_hit(store, "repeat_bankruptcy") == ({new} if successor_hit else set())
    assert state(store, "repeat_bankruptcy", "person", person) == "hit"
    (row,) = [r for r in evidence(store, "repeat_bankruptcy") if r["actor_type"] == "person"]
    assert row["detail"].startswith("2 konkurser i næringshovedgruppe 43")
    assert set(row["source_key"].split(",")) == {one, two}


def test_one_bankruptcy_is_not_a_pattern(store: Store) -> None:
    person = add_person(store, fnr(1), "Kåre", "Konkurs")
    old = add_enhet(store, org(1), "43.210", registreringsdato=dt.date(2022, 1, 1),
                    konkurs=True, konkursdato=SECOND_BANKRUPTCY)
    new = add_enhet(store, org(2), "43.210", registreringsdato=dt.date(2025, 2, 1))
    add_role(store, old, "DAGL", person)
    add_role(store, new, "DAGL", person)

    run(store, "repeat_bankruptcy")

    assert evidence(store, "repeat_bankruptcy") == []


def test_bankruptcies_in_different_industries_do_not_add_up(store: Store) -> None:
    person, _, _ = _repeat_bankrupt(store, second_code="56.101")
    new = add_enhet(store, org(3), "43.210", registreringsdato=dt.date(2025, 2, 1))
    add_role(store, new, "DAGL", person)

    run(store, "repeat_bankruptcy")

    assert evidence(store, "repeat_bankruptcy") == []


def test_a_straw_man_in_the_same_cluster_runs_the_new_company(store: Store) -> None:
    person, _, _ = _repeat_bankrupt(store)
    # a third bankruptcy in the industry (as the synthetic scheme plants it)
    three = add_enhet(store, org(5), "43.210", registreringsdato=dt.date(2024, 10, 1),
                      konkurs=True, konkursdato=dt.date(2025, 8, 1))
    add_role(store, three, "DAGL", person)
    straw_man = add_person(store, fnr(2), "Stein", "Stråmann")
    add_role(store, three, "LEDE", straw_man)  # chaired the board of the last bankrupt firm
    # three months after the second bankruptcy
    new = add_enhet(store, org(3), "43.210", registreringsdato=dt.date(2025, 3, 1))
    add_role(store, new, "DAGL", straw_man)
    unrelated = add_person(store, fnr(3), "Una", "Uvedkommende")
    other = add_enhet(store, org(4), "43.210", registreringsdato=dt.date(2025, 3, 1))
    add_role(store, other, "DAGL", unrelated)

    run(store, "repeat_bankruptcy")

    assert persons_hit(store, "repeat_bankruptcy") == {person}
    assert companies_hit(store, "repeat_bankruptcy") == {new}




def test_the_same_line_of_business_is_the_same_nace_division(store: Store) -> None:
    person, _, _ = _repeat_bankrupt(store, second_code="43.320")  # joinery, electrical: both 43
    new = add_enhet(store, org(3), "43.110", registreringsdato=dt.date(2025, 2, 1))  # demolition
    elsewhere = add_enhet(store, org(4), "41.200", registreringsdato=dt.date(2025, 2, 1))
    add_role(store, new, "DAGL", person)
    add_role(store, elsewhere, "DAGL", person)  # division 41: another line of business

    run(store, "repeat_bankruptcy")

    assert persons_hit(store, "repeat_bankruptcy") == {person}
    assert companies_hit(store, "repeat_bankruptcy") == {new}


def test_a_straw_man_in_the_operators_own_dwelling(store: Store) -> None:
    person, _, _ = _repeat_bankrupt(store)
    partner = add_person(store, fnr(2), "Kari", "Konkurs")  # no role in the old companies
    flatmate = add_person(store, fnr(3), "Nils", "Nabo")  # same building, another flat
    store.execute("UPDATE person SET bruksenhetsnummer = CASE identifikasjonsnummer "
                  "WHEN ? THEN 'H0201' ELSE 'H0101' END", [flatmate])
    new, neighbours = (add_enhet(store, org(n), "43.210", registreringsdato=dt.date(2025, 2, 1))
                       for n in (3, 4))
    add_role(store, new, "DAGL", partner)
    add_role(store, neighbours, "DAGL", flatmate)

    run(store, "repeat_bankruptcy")

    assert persons_hit(store, "repeat_bankruptcy") == {person}
    assert companies_hit(store, "repeat_bankruptcy") == {new}


def test_two_bankruptcies_hit_without_a_new_company(store: Store) -> None:
    person, _, _ = _repeat_bankrupt(store)

    run(store, "repeat_bankruptcy")

    assert persons_hit(store, "repeat_bankruptcy") == {person}


def test_two_bankruptcies_and_a_straw_man(store: Store) -> None:
    person, _, two = _repeat_bankrupt(store)
    straw_man = add_person(store, fnr(2), "Stein", "Stråmann")
    add_role(store, two, "LEDE", straw_man)
    new = add_enhet(store, org(3), "43.210", registreringsdato=dt.date(2025, 2, 1))
    add_role(store, new, "DAGL", straw_man)

    run(store, "repeat_bankruptcy")

    assert persons_hit(store, "repeat_bankruptcy") == {person}
    assert companies_hit(store, "repeat_bankruptcy") == {new}


# -- bankruptcy_quarantine ----------------------------------------------------------------------

def test_bankruptcy_quarantine_is_insufficient_data_for_everyone(store: Store) -> None:
    person, one, _ = _repeat_bankrupt(store)

    runs = run(store, "bankruptcy_quarantine")

    assert runs["bankruptcy_quarantine"].status == "insufficient_data"
    state_, reason = status(store, "bankruptcy_quarantine")
    assert state_ == "insufficient_data"
    assert reason is not None and "konkurskarantene" in reason
    assert "konkurskarantene" in by_id("IND-07").description["en"]
    assert store.scalar("SELECT count(*) FROM indicator_hit") == 0
    for actor_type, actor in (("person", person), ("company", one), ("person", "nobody"),
                              ("company", org(99))):
        assert state(store, "bankruptcy_quarantine", actor_type, actor) == "insufficient_data"


def test_repeat_bankruptcy_looks_back_from_the_snapshot_date(store: Store) -> None:
    person, _, _ = _repeat_bankrupt(store, first=dt.date(2020, 2, 1))
    new = add_enhet(store, org(3), "43.210", registreringsdato=dt.date(2025, 2, 1))
    add_role(store, new, "DAGL", person)

    run(store, "repeat_bankruptcy")  # as_of: the snapshot, 2026-01-10

    assert persons_hit(store, "repeat_bankruptcy") == {person}
