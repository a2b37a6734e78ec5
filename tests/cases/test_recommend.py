"""Recommendations from a case's indicator hits: the instruments of the groups its indicators
call for, grouped by agency (the case's own first), fastest first; and the agencies a new case
is prefilled with."""

from __future__ import annotations

from sqlalchemy import Engine

from akrim.cases.catalogue import catalogue
from akrim.cases.evidence import Evidence
from akrim.cases.flow import open_case
from akrim.cases.read import get_case
from akrim.cases.recommend import agencies_for, recommend, recommend_instruments


def test_a_case_gets_the_instruments_its_indicators_call_for(engine: Engine) -> None:
    case_id = open_case(engine, "company", "912345678", "Bygg AS", ["politiet"],
                        [Evidence("IND-07", "p:P1"), Evidence("IND-07", "p:P2")], "kari")
    found = recommend_instruments(get_case(engine, case_id))
    known = catalogue()
    assert [c.indicator for c in found.calls] == ["IND-07"]
    assert found.by_agency[0][0] == "politiet"  # the case's own agency first
    groups = set(known.calls["IND-07"].groups)
    for agency, listed in found.by_agency:
        ranks = [known.speed_rank(r.instrument.speed) for r in listed]
        assert ranks == sorted(ranks)  # fastest first
        for r in listed:
            assert agency in r.instrument.agencies and r.instrument.group in groups
            assert r.indicators == ("IND-07",)
    expected = {(a, i.id) for i in known.instruments if i.group in groups for a in i.agencies}
    assert {(a, r.instrument.id) for a, listed in found.by_agency for r in listed} == expected


def test_an_instrument_names_every_indicator_that_calls_for_it() -> None:
    found = recommend(["IND-10", "IND-06"])
    utlegg = [r for agency, listed in found.by_agency if agency == "skatteetaten"
              for r in listed if r.instrument.id == "utlegg"]
    assert [r.indicators for r in utlegg] == [("IND-06", "IND-10")]


def test_no_hit_no_recommendation() -> None:
    found = recommend([])
    assert found.by_agency == [] and found.calls == []


def test_a_new_case_is_prefilled_with_the_agencies_its_indicators_name() -> None:
    # IND-14 names Finanstilsynet too, which is not an agency of the cooperation
    assert agencies_for(["IND-14"]) == ["politiet", "skatteetaten"]
    assert agencies_for(["IND-15", "IND-10"]) == ["arbeidstilsynet", "skatteetaten"]
    assert agencies_for([]) == []
