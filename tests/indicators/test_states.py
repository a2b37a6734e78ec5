"""The three states (docs/indicators.md §2): hit, no hit, insufficient data — and the runner's
bookkeeping: status per indicator, missing/empty/stale registers named, reruns that replace."""

from __future__ import annotations

import datetime as dt

import pytest

from akrim.indicators.catalogue import load
from akrim.indicators.runner import run_indicators, state_of
from akrim.store.engine import Store
from indicators.toolkit import (
    AS_OF,
    add_enhet,
    add_godkjenning,
    add_hms_kort,
    add_mva_termin,
    add_pay,
    add_person,
    add_restanse,
    add_role,
    add_stansingsvedtak,
    add_tilsyn,
    add_tips,
    add_underenhet,
    fnr,
    link_identity,
    org,
    run,
    state,
    status,
)


def test_employer_indicator_three_states(store: Store) -> None:
    underpaying, honest = add_enhet(store, org(1), "43.210"), add_enhet(store, org(2), "43.210")
    silent = add_enhet(store, org(3), "43.210")  # in Enhetsregisteret, no a-melding
    add_pay(store, underpaying, fnr(1), "2025-11", "timeloenn", "100.00", 1_000_000)
    add_pay(store, honest, fnr(2), "2025-11", "timeloenn", "100.00", 3_000_000)

    run(store, "minimum_wage")

    assert state(store, "minimum_wage", "company", underpaying) == "hit"
    assert state(store, "minimum_wage", "company", honest) == "no_hit"
    assert state(store, "minimum_wage", "company", silent) == "insufficient_data"
    assert state(store, "minimum_wage", "company", org(99)) == "insufficient_data"
    assert state(store, "minimum_wage", "person", fnr(1)) == "insufficient_data"




def test_person_indicator_no_hit(store: Store) -> None:
    a, b = add_enhet(store, org(1)), add_enhet(store, org(2))
    add_pay(store, a, fnr(1), "2025-11", "timeloenn", "100.00", 3_000_000)
    add_pay(store, b, fnr(1), "2025-11", "timeloenn", "100.00", 3_000_000)

    run(store, "combined_hours")

    assert state(store, "combined_hours", "person", fnr(1)) == "no_hit"
    assert state(store, "combined_hours", "person", "nobody") == "insufficient_data"


def test_unit_indicator_no_hit(store: Store) -> None:
    tipped, quiet = add_enhet(store, org(1)), add_enhet(store, org(2))
    site = add_underenhet(store, org(3), quiet)
    add_tips(store, "T1", tipped)

    run(store, "tips")

    assert state(store, "tips", "company", tipped) == "hit"
    assert state(store, "tips", "company", quiet) == "no_hit"
    assert state(store, "tips", "company", site) == "no_hit"
    assert state(store, "tips", "company", org(99)) == "insufficient_data"


def test_an_empty_register_makes_the_indicator_insufficient(store: Store) -> None:
    firm = add_enhet(store, org(1), "43.210")  # Enhetsregisteret loaded, a-melding not

    runs = run(store, "minimum_wage", "working_time")

    for key in ("minimum_wage", "working_time"):
        assert runs[key].status == "insufficient_data"
        assert runs[key].reason == "amelding_inntekt: tom / empty"
        assert status(store, key) == ("insufficient_data", "amelding_inntekt: tom / empty")
        assert state(store, key, "company", firm) == "insufficient_data"
    assert store.scalar("SELECT count(*) FROM indicator_evidence") == 0


@pytest.mark.parametrize(("age_days", "expected"), [(400, "assessed"),
                                                    (401, "insufficient_data")])
def test_a_stale_register_makes_the_indicator_insufficient(store: Store, age_days: int,
                                                           expected: str) -> None:
    firm = add_enhet(store, org(1))
    add_tips(store, "T1", firm, valid_from=AS_OF - dt.timedelta(days=age_days))

    runs = run(store, "tips")

    assert runs["tips"].status == expected
    if expected == "assessed":
        assert runs["tips"].reason is None
        assert state(store, "tips", "company", firm) == "hit"
    else:
        assert runs["tips"].reason == "tips: eldre enn 400 dager / older than 400 days"
        assert state(store, "tips", "company", firm) == "insufficient_data"


def test_as_of_is_the_snapshot_date_unless_given(store: Store) -> None:
    firm = add_enhet(store, org(1))
    add_tips(store, "T1", firm, valid_from=dt.date(2024, 6, 1))
    link_identity(store)

    assert run_indicators(store, only=("tips",))[0].status == "insufficient_data"
    assert run_indicators(store, as_of=dt.date(2025, 6, 1), only=("tips",))[0].status == \
        "assessed"


def _every_register(store: Store) -> dict[str, str]:
    """One small store touching every register an indicator reads."""
    builder, cleaner = add_enhet(store, org(1), "43.210"), add_enhet(store, org(2), "81.210")
    site = add_underenhet(store, org(3), builder, "43.210")
    boss = add_person(store, fnr(1), "Siri", "Sjef")
    add_role(store, builder, "DAGL", boss)
    add_role(store, cleaner, "REGN", holder_org=builder)
    for n in range(2, 6):
        add_person(store, fnr(n), f"Arbeider{n}", "Olsen")
        add_pay(store, builder, fnr(n), "2025-11", "timeloenn", "150.00", 2_000_000,
                virksomhet=site)
        add_pay(store, cleaner, fnr(n), "2025-11", "timeloenn", "100.00", 2_500_000)
    add_hms_kort(store, "K1", fnr(2), builder)
    add_godkjenning(store, cleaner, "Ikke godkjent")
    add_restanse(store, builder, 6_000_000)
    add_mva_termin(store, builder, "2025", "sep-okt", 300_000_000)
    add_mva_termin(store, builder, "2025", "nov-des", 300_000_000)
    add_stansingsvedtak(store, "V1", cleaner)
    add_tilsyn(store, "T1", builder, "Avvik")
    add_tips(store, "X1", builder)
    return {"builder": builder, "cleaner": cleaner, "boss": boss}


def test_the_whole_catalogue_runs(store: Store) -> None:
    actors = _every_register(store)

    runs = run(store)

    catalogue = load()
    assert [r.key for r in runs.values()] == [i.key for i in catalogue if not i.second_pass] + [
        i.key for i in catalogue if i.second_pass]
    statuses = dict(store.rows("SELECT key, status FROM indicator_status"))
    # no quarantine register; one a-melding month, while fictitious timesheets compares three
    # and turnover without employees needs both months of two VAT terms
    unassessed = {"bankruptcy_quarantine", "fictitious_timesheets", "turnover_no_employees"}
    assert statuses == {i.key: "insufficient_data" if i.key in unassessed else "assessed"
                        for i in catalogue}
    hit = {(i, a) for i, a in store.rows("SELECT indicator_id, actor_id FROM indicator_hit")}
    assert {("IND-01", actors["builder"]), ("IND-08", actors["cleaner"]),
            ("IND-09", actors["builder"]), ("IND-10", actors["builder"]),
            ("IND-15", actors["cleaner"]), ("IND-16", actors["builder"]),
            ("IND-17", actors["builder"])} <= hit
    for indicator in catalogue:
        if "employers" in indicator.populations and indicator.key not in unassessed:
            for actor in (actors["builder"], actors["cleaner"]):
                assert state_of(store, indicator, "company", actor) in ("hit", "no_hit")
    # every run reports its own numbers; hits count distinct actors
    for r in runs.values():
        assert r.hits == store.scalar("SELECT count(*) FROM indicator_hit WHERE indicator_id = ?",
                                      [r.id])


def test_a_rerun_replaces_the_results(store: Store) -> None:
    _every_register(store)
    run(store)
    before = store.rows("SELECT * FROM indicator_hit ORDER BY ALL")

    run_indicators(store)
    assert store.rows("SELECT * FROM indicator_hit ORDER BY ALL") == before

    run_indicators(store, only=("IND-17",))  # by id as well as by key
    assert store.rows("SELECT key FROM indicator_status") == [("tips",)]
    assert {r[0] for r in store.rows("SELECT indicator_id FROM indicator_evidence")} == {"IND-17"}
